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


SECOND = ["permohonan-informasi-publik", "penyusunan-daftar-gaji", "usul-kenaikan-pangkat"]


@pytest.mark.parametrize("sop_id", SECOND)
def test_golden_diagrams_of_the_second_agency(two_agency_manual: Manual, golden, sop_id: str) -> None:  # type: ignore[no-untyped-def]
    sop = two_agency_manual.sop(sop_id)
    assert sop is not None
    golden(f"mermaid/{sop_id}.mmd", swimlane(sop, two_agency_manual.catalogue_of(sop).roles))


def test_a_row_of_three_approvals_is_three_diamonds_passing_yes_along(two_agency_manual: Manual) -> None:
    sop = two_agency_manual.sop("usul-kenaikan-pangkat")
    assert sop is not None
    text = swimlane(sop, two_agency_manual.catalogue_of(sop).roles)
    lanes = {m.group(1): m.group(2) for m in re.finditer(r"subgraph (lane\d+)\[.*?\]\n(.*?)\n  end", text, re.S)}
    # one diamond per role, each in its role's lane (Kasubbid, Kabid PPI, Kepala BKPSDM are lanes 2, 3, 4)
    assert [bool(re.search(rf"^\s+{node}\{{", lanes[f"lane{n}"], re.M)) for node, n in (("s9", 2), ("s9_2", 3), ("s9_3", 4))] == [True] * 3
    assert "s9 -->|Ya| s9_2" in text and "s9_2 -->|Ya| s9_3" in text and "s9_3 -->|Ya| s10" in text
    assert all(f"{node} -->|Tidak| s8" in text for node in ("s9", "s9_2", "s9_3"))
    # no `pertanyaan`: the diamond asks with the step's own activity
    assert 's9{"9. Memeriksa dan memaraf<br>konsep SK Kenaikan<br>Pangkat secara…"}' in text


def test_a_row_of_two_roles_passes_from_one_to_the_next(two_agency_manual: Manual) -> None:
    sop = two_agency_manual.sop("permohonan-informasi-publik")
    assert sop is not None
    text = swimlane(sop, two_agency_manual.catalogue_of(sop).roles)
    assert "mulai --> s1\n  s1 --> s1_2\n  s1_2 --> s2" in text
    # step 8 has no `tidak`: only its yes branch is drawn
    assert "s8 -->|Ya| s9" in text and "s8 -->|Tidak|" not in text


def _label_text(label: str) -> str:
    """What a reader sees in a quoted label: lines joined, entities decoded."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", " "))


ALL_SOPS = [("manual", s) for s in ("perencanaan-kinerja", "pelaporan-kinerja-triwulan", "evaluasi-kinerja")] + [
    ("two_agency_manual", s) for s in SECOND
]


@pytest.mark.parametrize(("which", "sop_id"), [s for s in ALL_SOPS if s[1] not in ("perencanaan-kinerja", "evaluasi-kinerja")])
def test_every_diamond_shows_its_question_and_its_activity(request: pytest.FixtureRequest, which: str, sop_id: str) -> None:
    manual: Manual = request.getfixturevalue(which)
    sop = manual.sop(sop_id)
    assert sop is not None
    text = swimlane(sop, manual.catalogue_of(sop).roles)
    diamonds = {m.group(1): _label_text(m.group(2)) for m in re.finditer(r"^\s+(s\d+)\{\"(.*)\"\}$", text, re.M)}
    decisions = [step for step in sop.spec.steps if step.decision is not None]
    assert decisions and sorted(diamonds) == sorted(f"s{step.number}" for step in decisions)
    for step in decisions:
        shown = diamonds[f"s{step.number}"]
        assert shown.startswith(f"{step.number}. {step.decision.question or ''}".rstrip())
        # the activity's start is there word for word (a long one is cut after a whole word, with …)
        assert " ".join(step.activity.split()[:5]) in shown, (shown, step.activity)


@pytest.mark.parametrize(("which", "sop_id"), ALL_SOPS)
def test_every_actor_has_its_lane_in_order_and_an_empty_one_says_so(request: pytest.FixtureRequest, which: str, sop_id: str) -> None:
    manual: Manual = request.getfixturevalue(which)
    sop = manual.sop(sop_id)
    assert sop is not None
    roles = manual.catalogue_of(sop).roles
    text = swimlane(sop, roles)
    lanes = re.findall(r'^  subgraph lane(\d+)\["([^"\n]*)"\]\n(.*?)\n  end$', text, re.M | re.S)
    assert [int(n) for n, _, _ in lanes] == list(range(len(sop.spec.actors)))
    assert [_label_text(name) for _, name, _ in lanes] == [roles[a].abbreviation for a in sop.spec.actors]
    busy = {actor for step in sop.spec.steps for actor in step.actors}
    for (n, _, body), actor in zip(lanes, sop.spec.actors, strict=True):
        if actor in busy or actor == sop.spec.steps[0].actors[0]:
            assert "tidak ada langkah" not in body
        else:  # an empty lane keeps its place and a readable width: a faint box says why it is empty
            assert body.strip() == f'kosong{n}["tidak ada langkah"]'
            assert re.search(rf"^  class (\S+,)*kosong{n}(,\S+)* kosong$", text, re.M)


def test_the_shipped_sop_with_an_unused_actor_keeps_its_empty_lane(manual: Manual) -> None:
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    text = swimlane(sop, manual.catalogue.roles)
    assert 'subgraph lane1["Sekretaris"]\n    kosong1["tidak ada langkah"]\n  end' in text
    assert 's5{"5. Konsep disetujui?<br>Memeriksa konsep<br>Pelaporan Kinerja' in text
