from __future__ import annotations

import re

import pytest

from generator.manual.load import load_manual
from generator.manual.model import Manual
from generator.render.escape import mermaid_label
from generator.render.mermaid import swimlane
from tests.conftest import FIXTURES

NODE_ID = re.compile(r"^\s+(\w+)[\[\(\{]")


@pytest.mark.parametrize("sop_id", ["perencanaan-kinerja", "pelaporan-kinerja-triwulan", "evaluasi-kinerja"])
def test_golden_diagrams(manual: Manual, golden, sop_id: str) -> None:  # type: ignore[no-untyped-def]
    sop = manual.sop(sop_id)
    assert sop is not None
    golden(f"mermaid/{sop_id}.mmd", swimlane(sop, manual.catalogue.roles))


def test_lanes_follow_the_actor_order_with_terminators_in_first_and_last_lanes(manual: Manual) -> None:
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    text = swimlane(sop, manual.catalogue.roles)
    lanes = re.findall(r'subgraph lane\d+\["([^"]+)"\]', text)
    assert lanes == ["Kadis", "Sekretaris", "Kabid", "Kasubag", "Pelaksana"]
    kadis_lane = text.split("subgraph lane1")[0]
    assert 'mulai(["Mulai"])' in kadis_lane and 'selesai(["Selesai"])' in kadis_lane
    assert "s5 -->|Tidak| s4" in text and "s5 -->|Ya| s6" in text
    assert "s7 -->|Tidak| s6" in text and "s7 -->|Ya| selesai" in text
    assert text.startswith("swimlane-beta TB\n")


def test_hostile_text_never_reaches_the_syntax() -> None:
    manual, problems = load_manual(FIXTURES / "teks-berbahaya")
    assert manual is not None, [p.format() for p in problems]
    text = swimlane(manual.sops[0], manual.catalogue.roles)
    ids = {m.group(1) for line in text.splitlines() if (m := NODE_ID.match(line))}
    assert ids <= {"mulai", "selesai", "s1", "s2"}
    # Inside each quoted label only entities and our own <br> may carry syntax characters.
    labels = re.findall(r'"([^"\n]*)"', text)
    assert len(labels) >= 6
    for label in labels:
        bare = re.sub(r"#\d+;", "", label).replace("<br>", "")
        assert not set(bare) & set('"<>;%`{}|[]()#&'), label
    outside = re.sub(r'"[^"\n]*"', "", text)
    assert "click" not in outside and "style" not in outside and "%%" not in outside


def test_label_escaping() -> None:
    assert mermaid_label('a "b" #c <d>') == '"a #34;b#34; #35;c #60;d#62;"'
    assert mermaid_label("x" * 60).count("<br>") == 2
