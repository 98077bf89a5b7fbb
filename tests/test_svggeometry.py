"""The official SVG flowchart holds its geometry for any procedure (issue 17), checked from the SVG text alone.

The checker (tests/svggeometry.py) is tested first on small hand-written drawings with one known defect each,
then every fixture SOP and generated procedures must pass every check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from generator.manual.load import load_manual
from generator.manual.model import Manual
from generator.render.svgflow import flowchart_pages
from tests import svggeometry as geo
from tests.conftest import FIXTURES, REVOKED, SECOND_AGENCY, with_revoked_sop

# --- The checker on hand-written drawings --------------------------------------------------------------------
# Step 1 (a terminator), step 2 (a diamond) and step 3 (a process) in one column at x = 100; "Tidak" goes back
# from the diamond's right corner through a channel at x = 180 to the right side of step 1.


def _svg(*parts: str, width: int = 400, height: int = 300) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="11">'
            f'<g class="kepala"><rect x="0" y="0" width="{width}" height="40"/><text x="10" y="20">Ya</text></g>'
            + "".join(parts) + "</svg>")


def _rect(data_id: str, x: int, y: int, w: int = 56, h: int = 26, kind: str = "proses") -> str:
    rx = h // 2 if kind == "terminator" else 0
    return f'<rect class="simbol {kind}" data-id="{data_id}" x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}"/>'


def _diamond(data_id: str, cx: int, cy: int) -> str:
    return f'<polygon class="simbol keputusan" data-id="{data_id}" points="{cx},{cy - 20} {cx + 28},{cy} {cx},{cy + 20} {cx - 28},{cy}"/>'


def _edge(source: str, target: str, *points: tuple[int, int]) -> str:
    d = " ".join(f"{'L' if i else 'M'}{x},{y}" for i, (x, y) in enumerate(points))
    return f'<path class="panah" d="{d}" data-dari="{source}" data-ke="{target}" marker-end="url(#ujung)"/>'


def _label(text: str, x: int, y: int) -> str:
    return f'<text class="label-panah" x="{x}" y="{y}" text-anchor="start">{text}</text>'


CLEAN = (
    _rect("1.1", 72, 60, kind="terminator"),  # 72..128 x 60..86
    _diamond("2.1", 100, 140),  # 72..128 x 120..160
    _rect("3.1", 72, 200),  # 72..128 x 200..226
    _edge("1.1", "2.1", (100, 86), (100, 120)),
    _edge("2.1", "3.1", (100, 160), (100, 200)),
    _label("Ya", 104, 175),
    _edge("2.1", "1.1", (128, 140), (180, 140), (180, 73), (128, 73)),
    _label("Tidak", 132, 135),
)


def _found(*extra: str, drop: tuple[int, ...] = ()) -> dict[str, list[str]]:
    parts = [part for i, part in enumerate(CLEAN) if i not in drop]
    return {name: found for name, found in geo.defects(_svg(*parts, *extra)).items() if found}


def test_a_clean_drawing_passes() -> None:
    drawing = geo.parse(_svg(*CLEAN))
    assert (len(drawing.symbols), len(drawing.edges), len(drawing.labels), drawing.header) == (3, 3, 2, 40)
    assert _found() == {}


def test_a_label_beside_a_diamond_corner_is_not_on_it() -> None:
    """Inside the diamond's bounding box but outside its outline: the true polygon decides."""
    assert _found(_label("Ya", 123, 124), drop=(7,)) == {}


def test_two_edges_on_one_line_are_a_shared_segment() -> None:
    found = _found(_edge("3.1", "1.1", (128, 213), (180, 213), (180, 80), (128, 80)))
    assert list(found) == ["shared_segment"]
    assert found["shared_segment"] == ["edge 2.1->1.1 from (128,140) and edge 3.1->1.1 from (128,213) share 60 px of the line x=180"]


def test_an_edge_doubling_back_on_itself_shares_its_own_line() -> None:
    found = _found(_edge("3.1", "1.1", (128, 213), (160, 213), (150, 213), (150, 250), (40, 250), (40, 50), (100, 50), (100, 60)))
    assert list(found) == ["shared_segment"]


def test_parallel_runs_one_pixel_apart_are_a_shared_segment() -> None:
    found = _found(_edge("3.1", "1.1", (128, 213), (181, 213), (181, 80), (128, 80)))
    assert list(found) == ["shared_segment"]


def test_a_label_on_an_edge() -> None:
    found = _found(_label("Ya", 95, 190), drop=(5,))
    assert found == {"label_collision": ["label 'Ya' at (94,179) lies on edge 2.1->3.1 from (100,160)"]}


def test_a_label_on_an_arrowhead() -> None:
    found = _found(_label("Ya", 103, 196), drop=(5,))  # right of the line, on the arrowhead into step 3
    assert found == {"label_collision": ["label 'Ya' at (102,185) lies on the arrowhead of edge 2.1->3.1 from (100,160)"]}


def test_a_label_on_a_diamond() -> None:
    found = _found(_label("Ya", 103, 150), drop=(5,))
    assert found == {"label_collision": ["label 'Ya' at (102,139) lies on symbol 2.1"]}


def test_two_labels_on_each_other() -> None:
    found = _found(_label("Tidak", 140, 130))
    assert found == {"label_collision": ["label 'Tidak' at (131,124) lies on label 'Tidak' at (139,119)"]}


def test_an_edge_ending_in_empty_space() -> None:
    found = _found(_edge("3.1", "1.1", (128, 213), (160, 213)))
    assert found == {"loose_end": ["edge 3.1->1.1 from (128,213): ends at (160,213), off the outline of symbol 1.1"]}


def test_an_edge_ending_at_the_corner_of_a_rounded_terminator_is_loose() -> None:
    """A terminator's outline is rounded: the corner of its box is 5 px away from it."""
    found = _found(_edge("3.1", "1.1", (72, 213), (40, 213), (40, 50), (128, 50), (128, 60)))
    assert found == {"loose_end": ["edge 3.1->1.1 from (72,213): ends at (128,60), off the outline of symbol 1.1"]}


def test_an_edge_naming_no_symbol_of_the_page() -> None:
    found = _found(_edge("3.1", "konektor-A", (72, 213), (40, 213)), _edge("3.1", "2.1", (128, 220), (128, 220)))
    assert "edge 3.1->konektor-A from (72,213): data-ke='konektor-A' names no symbol on this page" in found["loose_end"]


def test_two_edges_leaving_one_port() -> None:
    found = _found(_edge("2.1", "3.1", (100, 160), (150, 160), (150, 213), (128, 213)))
    assert found == {"shared_port": ["edge 2.1->3.1 from (100,160) (start) and edge 2.1->3.1 from (100,160) (start) use the same port (100,160)"]}


def test_two_edges_ending_at_one_port() -> None:
    """Two arrows into the top corner of the diamond, one from above, one from the side."""
    found = _found(_edge("3.1", "2.1", (128, 213), (200, 213), (200, 120), (101, 120)))
    assert found == {"shared_port": ["edge 1.1->2.1 from (100,86) (end) and edge 3.1->2.1 from (128,213) (end) use the same port (100,120)"]}


def test_overlapping_symbols() -> None:
    found = _found(_rect("4.1", 110, 195))
    assert found == {"symbol_overlap": ["symbol 3.1 overlaps symbol 4.1 by 18.0 px"]}


def test_a_symbol_on_the_diamond_outline_but_not_its_box_corner() -> None:
    assert _found(_rect("4.1", 122, 112, w=20, h=10)) == {}
    assert list(_found(_rect("4.1", 112, 141, w=20, h=10))) == ["symbol_overlap"]


def test_an_edge_through_a_symbol() -> None:
    found = _found(_edge("3.1", "1.1", (72, 213), (40, 213), (40, 140), (90, 140), (90, 86)))
    assert list(found) == ["edge_through_symbol"]
    assert found["edge_through_symbol"][0] == "edge 3.1->1.1 from (72,213): segment (40,140)-(90,140) runs 18 px through symbol 2.1"


def test_an_edge_along_a_symbol_outline() -> None:
    found = _found(_edge("2.1", "3.1", (72, 140), (50, 140), (50, 190), (72, 190), (72, 213)))
    assert found == {"edge_through_symbol": ["edge 2.1->3.1 from (72,140): segment (72,190)-(72,211) runs 11 px through symbol 3.1"]}


def test_a_slanted_segment() -> None:
    found = _found(_edge("1.1", "2.1", (100, 86), (102, 120)), drop=(3,))
    assert found == {"slanted_segment": ["edge 1.1->2.1 from (100,86): segment (100,86)-(102,120) is slanted"]}


def test_a_label_outside_the_drawing() -> None:
    assert list(_found(_label("Tidak", 390, 280))) == ["label_outside"]
    assert list(_found(_label("Ya", 300, 45))) == ["label_outside"]  # its top in the header row


def test_the_markup_contract() -> None:
    found = _found(_rect("1.1", 300, 200), '<path class="panah" d="M300,213 l-20,0" data-dari="1.1" data-ke="3.1"/>')
    assert "data-id '1.1' is used 2 times" in found["contract"]
    assert any("is not 'M x,y L x,y ...'" in line for line in found["contract"])


def test_a_drawing_without_data_ids_is_read_by_its_label_words() -> None:
    """The engine before issue 17: labels are plain text, edges name no symbol."""
    legacy = _svg('<rect class="simbol proses" x="72" y="200" width="56" height="26"/>',
                  '<path class="panah" d="M100,180 L100,199"/>', '<text x="97" y="195"><tspan x="97" dy="0">Tidak</tspan></text>')
    drawing = geo.parse(legacy)
    assert drawing.legacy and [label.text for label in drawing.labels] == ["Tidak"]
    found = {name: lines for name, lines in geo.defects(legacy).items() if lines}
    assert set(found) == {"label_collision", "loose_end", "contract"}


# --- Every fixture SOP -----------------------------------------------------------------------------------------


def _overlay_ids(overlay: Path) -> set[str]:
    return {p.stem for p in (overlay / "sop_defs").rglob("*.yaml") if not p.name.startswith("_")}


def _pages(manual: Manual, only: set[str] | None = None) -> list[tuple[str, int, str]]:
    """(sop id, page number, svg) of every SOP's official flowchart (only the given SOPs when named)."""
    return [(sop.id, n, svg) for sop in manual.sops if only is None or sop.id in only
            for n, svg in enumerate(flowchart_pages(sop, manual.catalogue_of(sop).roles), start=1)]


def _loaded(root: Path) -> Manual:
    manual, problems = load_manual(root)
    assert manual is not None, [p.format() for p in problems]
    return manual


@pytest.fixture(scope="module")
def fixture_pages(manual: Manual, two_agency_manual: Manual, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, int, str]]]:
    revoked = _loaded(with_revoked_sop(tmp_path_factory.mktemp("dicabut") / "data"))
    pages = {
        "bawaan": _pages(manual),
        "instansi-kedua": _pages(two_agency_manual, _overlay_ids(SECOND_AGENCY)),
        "prosedur-panjang": _pages(_loaded(FIXTURES / "prosedur-panjang")),
        "teks-berbahaya": _pages(_loaded(FIXTURES / "teks-berbahaya")),
        "sop-dicabut": _pages(revoked, _overlay_ids(REVOKED)),
    }
    assert all(pages.values()), {name: len(found) for name, found in pages.items()}
    assert len({n for sop, n, _ in pages["prosedur-panjang"]}) > 1  # the long procedure spans pages
    return pages


def _listing(found: list[str], limit: int = 25) -> str:
    more = f"\n... and {len(found) - limit} more" if len(found) > limit else ""
    return "\n".join(found[:limit]) + more


@pytest.mark.parametrize("check", list(geo.CHECKS))
@pytest.mark.parametrize("source", ["bawaan", "instansi-kedua", "prosedur-panjang", "teks-berbahaya", "sop-dicabut"])
def test_fixture_sops_pass(fixture_pages: dict[str, list[tuple[str, int, str]]], source: str, check: str) -> None:
    found = [f"{sop} page {n}: {line}" for sop, n, svg in fixture_pages[source] for line in geo.CHECKS[check](geo.parse(svg))]
    assert not found, f"{len(found)} {check} defect(s) in {source}:\n{_listing(found)}"


def test_the_long_procedure_crosses_pages_by_connectors(fixture_pages: dict[str, list[tuple[str, int, str]]]) -> None:
    """The fixture exercises what it is for: every page has an off-page connector."""
    for _, n, svg in fixture_pages["prosedur-panjang"]:
        assert any(s.kind == "konektor" for s in geo.parse(svg).symbols), f"page {n} has no off-page connector"


# --- Generated procedures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return geo.write_catalogue(tmp_path_factory.mktemp("acak"))


@st.composite
def plans(draw: st.DrawFn) -> geo.Plan:
    return geo.plan_procedure(lambda low, high: low if low == high else draw(st.integers(low, high)))


# 500 examples of 1-3 procedures each, about 1,000 procedures in ~25 s on 2 cores: loading a manual costs more
# than drawing and checking, so each example loads several SOPs at once.
@settings(max_examples=500, deadline=None, derandomize=True)
@given(batch=st.lists(plans(), min_size=1, max_size=3))
def test_generated_procedures_pass(unit_folder: Path, batch: list[geo.Plan]) -> None:
    geo.write_plans(unit_folder, batch)
    for i, plan in enumerate(batch):
        note(f"acak-{i:03d}.yaml:\n{geo.procedure_yaml(plan, f'Prosedur Acak {i}')}")
    manual, problems = load_manual(unit_folder.parent.parent.parent, warnings=False)
    assert manual is not None, [p.format() for p in problems]
    assert len(manual.sops) == len(batch)
    found = [f"{sop.id} page {n} {name}: {line}" for sop in manual.sops
             for n, svg in enumerate(flowchart_pages(sop, manual.catalogue_of(sop).roles), start=1)
             for name, lines in geo.defects(svg).items() for line in lines]
    assert not found, _listing(found)
