"""The official flowchart table as SVG: golden files, symbols in the actor columns, page breaks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.manual.load import load_manual
from generator.manual.model import Manual
from generator.render.svgflow import flowchart_pages
from tests.conftest import FIXTURES

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def long_manual() -> Manual:
    manual, problems = load_manual(FIXTURES / "prosedur-panjang")
    assert manual is not None, [p.format() for p in problems]
    return manual


@pytest.mark.parametrize("sop_id", ["perencanaan-kinerja", "pelaporan-kinerja-triwulan", "evaluasi-kinerja"])
def test_golden_svg(manual: Manual, golden, sop_id: str) -> None:  # type: ignore[no-untyped-def]
    sop = manual.sop(sop_id)
    assert sop is not None
    golden(f"svg/{sop_id}.svg", "\n".join(flowchart_pages(sop, manual.catalogue.roles)) + "\n")


def test_golden_long_procedure(long_manual: Manual, golden) -> None:  # type: ignore[no-untyped-def]
    sop = long_manual.sop("prosedur-panjang")
    assert sop is not None
    golden("svg/prosedur-panjang.svg", "\n".join(flowchart_pages(sop, long_manual.catalogue.roles)) + "\n")


def test_exact_geometry_of_the_quarterly_report(manual: Manual) -> None:
    """Size, symbols and arrows of one drawing, exactly: integers only, so the same in any process."""
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    (svg,) = flowchart_pages(sop, manual.catalogue.roles)
    root = ET.fromstring(svg)
    assert (root.get("viewBox"), root.get("width"), root.get("height")) == ("0 0 1059 630", "1059", "630")
    shapes = {}
    for shape in root.iter():
        if "simbol" in shape.get("class", ""):
            attributes = ("x", "y", "width", "height", "rx") if shape.tag.endswith("rect") else ("points",)
            shapes[shape.get("data-id")] = (shape.get("class"), *(shape.get(name) for name in attributes))
    # 5 actors: No 30 + Kegiatan 230, then actor columns 72 wide; a symbol is 52 x 26 (diamond 52 x 40),
    # centred in its column; the last decision's "Ya" ends at a "Selesai" terminator under the table.
    assert shapes == {
        "1.1": ("simbol terminator", "270", "82", "52", "26", "13"),  # Kadis
        "2.1": ("simbol proses", "486", "138", "52", "26", "0"),  # Kasubag
        "3.1": ("simbol proses", "558", "194", "52", "26", "0"),  # Pelaksana
        "4.1": ("simbol proses", "486", "250", "52", "26", "0"),  # Kasubag
        "5.1": ("simbol keputusan", "440,306 466,326 440,346 414,326"),  # Kabid
        "6.1": ("simbol proses", "486", "407", "52", "26", "0"),  # Kasubag
        "7.1": ("simbol keputusan", "296,483 322,503 296,523 270,503"),  # Kadis
        "selesai": ("simbol terminator", "270", "587", "52", "26", "13"),
    }
    arrows = re.findall(r'<path d="([^"]+)" class="panah" data-dari="([^"]+)" data-ke="([^"]+)"', svg)
    assert arrows == [
        # down from the bottom centre, across in the band between the rows, down into the top centre
        ("M296,108 L296,128 L512,128 L512,137", "1.1", "2.1"),
        ("M512,164 L512,184 L584,184 L584,193", "2.1", "3.1"),
        ("M584,220 L584,240 L512,240 L512,249", "3.1", "4.1"),
        ("M512,276 L512,296 L440,296 L440,305", "4.1", "5.1"),
        ("M440,346 L440,390 L512,390 L512,406", "5.1", "6.1"),  # "Ya"
        ("M512,433 L512,469 L296,469 L296,482", "6.1", "7.1"),
        ("M296,523 L296,586", "7.1", "selesai"),  # "Ya" ends the procedure
        # "Tidak" leaves the diamond's right corner for the gutter right of the actor columns
        # (x = 260 + 5 * 72 + 34) and enters its target from the right: both in track 0, their spans apart
        ("M466,326 L654,326 L654,263 L539,263", "5.1", "4.1"),
        ("M322,503 L654,503 L654,420 L539,420", "7.1", "6.1"),
    ]
    labels = re.findall(r'<text x="(\d+)" y="(\d+)" text-anchor="start" class="label-panah"><tspan[^>]*>([^<]+)', svg)
    assert labels == [("443", "360", "Ya"), ("299", "537", "Ya"), ("469", "320", "Tidak"), ("325", "497", "Tidak")]


def _symbols(svg: str) -> dict[int, tuple[float, str]]:
    """Step number -> (symbol centre x, shape class) of one SVG page."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iterfind(".//s:g[@class='baris']", NS):
        number = int(group.get("id", "").rsplit("-", 1)[1])
        shape = group.find("s:rect[@class]", NS)
        if shape is None or "simbol" not in shape.get("class", ""):
            shape = group.find("s:polygon", NS)
        assert shape is not None
        if shape.tag.endswith("rect"):
            cx = float(shape.get("x", 0)) + float(shape.get("width", 0)) / 2
        else:
            xs = [float(p.split(",")[0]) for p in shape.get("points", "").split()]
            cx = (min(xs) + max(xs)) / 2
        found[number] = (cx, shape.get("class", "").replace("simbol ", ""))
    return found


def test_each_symbol_sits_in_its_actors_column(manual: Manual) -> None:
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    (svg,) = flowchart_pages(sop, manual.catalogue.roles)
    symbols = _symbols(svg)
    # columns: No 30 + Kegiatan 230, then 72 per actor in the order Kadis, Sekretaris, Kabid, Kasubag, Pelaksana
    column = {a: 260 + 72 * i + 36 for i, a in enumerate(sop.spec.actors)}
    for step in sop.spec.steps:
        assert symbols[step.number][0] == column[step.actor], step.number
    assert symbols[1][1] == "terminator" and symbols[5][1] == "keputusan" and symbols[7][1] == "keputusan"
    assert symbols[2][1] == "proses"
    assert svg.count(">Tidak</tspan>") == 2 and svg.count(">Ya</tspan>") == 2


def test_long_procedure_breaks_pages_with_connectors(long_manual: Manual) -> None:
    sop = long_manual.sop("prosedur-panjang")
    assert sop is not None
    pages = flowchart_pages(sop, long_manual.catalogue.roles)
    assert len(pages) >= 2
    for page in pages:
        assert ">Kelengkapan</tspan>" in page  # the header row repeats
    letters = [re.findall(r'class="simbol konektor" data-id="konektor-([A-Z])"/><text[^>]*><tspan[^>]*>\1</tspan>', page) for page in pages]
    flat = [letter for page in letters for letter in page]
    assert flat and all(flat.count(letter) == 2 for letter in set(flat))  # each connector has its partner
    assert any(set(a) & set(b) for a, b in zip(letters, letters[1:], strict=False))  # pairs span consecutive pages
    first = _symbols(pages[0])
    assert first[1][1] == "terminator" and first[7][1] == "keputusan"
    assert _symbols(pages[-1])[18][1] == "terminator"


def test_a_back_edge_runs_in_the_gutter_right_of_the_actor_columns(long_manual: Manual) -> None:
    sop = long_manual.sop("prosedur-panjang")
    assert sop is not None
    first = flowchart_pages(sop, long_manual.catalogue.roles)[0]
    back = re.search(r'<path d="([^"]+)" class="panah" data-dari="7.1" data-ke="4.1"', first)
    assert back, "7 Tidak -> 4 is drawn on the first page"
    points = [tuple(map(int, p.split(","))) for p in back.group(1).replace("M", "").replace("L", "").split()]
    actors_right = 260 + 72 * len(sop.spec.actors)
    assert len(points) == 4 and points[1][0] == points[2][0] > actors_right  # one vertical run, in the gutter
    assert points[0][1] > points[-1][1]  # from row 7 up to row 4


def test_text_is_escaped() -> None:
    manual, _ = load_manual(FIXTURES / "teks-berbahaya")
    assert manual is not None
    svg = "".join(flowchart_pages(manual.sops[0], manual.catalogue.roles))
    ET.fromstring(svg.split("</svg>")[0] + "</svg>")  # well-formed XML: no raw markup from the data
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_connector_labels_go_on_past_z() -> None:
    from itertools import islice

    from generator.render.svgflow import connector_labels

    labels = list(islice(connector_labels(), 30))
    assert labels[:3] == ["A", "B", "C"] and labels[25:30] == ["Z", "AA", "AB", "AC", "AD"]


def test_a_long_procedure_with_many_back_jumps_draws(repo_copy: Path) -> None:
    """Found by an attack pass: more than 26 off-page connectors crashed the build of valid data."""
    from generator.manual.load import load_manual
    from generator.render.svgflow import flowchart_pages

    source = (repo_copy / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml").read_text(encoding="utf-8")
    head = source[: source.index("langkah:")]
    steps = ["langkah:"]
    for number in range(1, 121):
        steps.append(f"  - no: {number}\n    kegiatan: Langkah {number}\n    pelaksana: staf\n    kelengkapan: Data\n"
                     f"    waktu: 1 jam\n    output: Data")
        if 1 < number < 120:
            steps.append("    keputusan:\n      pertanyaan: Lanjut?\n      tidak: 1")
    (repo_copy / "sop_defs/diskominfo/perencanaan-keuangan/banyak-halaman.yaml").write_text(head + "\n".join(steps) + "\n", encoding="utf-8")
    manual, problems = load_manual(repo_copy)
    assert manual is not None, [p.format() for p in problems]
    sop = manual.sop("banyak-halaman")
    assert sop is not None
    pages = flowchart_pages(sop, manual.catalogue.roles)
    assert len(pages) > 5
    assert ">AA<" in "".join(pages)


@pytest.mark.parametrize("sop_id", ["permohonan-informasi-publik", "penyusunan-daftar-gaji", "usul-kenaikan-pangkat",
                                    "penanganan-pengaduan-masyarakat", "pemeriksaan-khusus-pengaduan"])
def test_golden_svg_of_the_second_agency(two_agency_manual: Manual, golden, sop_id: str) -> None:  # type: ignore[no-untyped-def]
    sop = two_agency_manual.sop(sop_id)
    assert sop is not None
    golden(f"svg/{sop_id}.svg", "\n".join(flowchart_pages(sop, two_agency_manual.catalogue_of(sop).roles)) + "\n")


def test_a_multi_role_row_has_one_symbol_per_role(two_agency_manual: Manual) -> None:
    sop = two_agency_manual.sop("usul-kenaikan-pangkat")
    assert sop is not None
    pages = flowchart_pages(sop, two_agency_manual.catalogue_of(sop).roles)
    row = next(ET.fromstring(p).find(".//s:g[@id='svg-langkah-9']", NS) for p in pages if 'id="svg-langkah-9"' in p)
    assert row is not None
    diamonds = row.findall("s:polygon[@class='simbol keputusan']", NS)
    assert len(diamonds) == 3
    centres = sorted(int(d.get("points", "").split()[0].split(",")[0]) for d in diamonds)
    assert centres == sorted(set(centres))  # three different columns
    along = [(p.get("data-dari"), p.get("data-ke")) for p in row.findall("s:path[@class='panah']", NS)]
    assert along == [("9.1", "9.2"), ("9.2", "9.3")]  # the flow passes through each symbol in the listed order
    page = next(p for p in pages if 'id="svg-langkah-9"' in p)
    ends = {(a, b): d for d, a, b in re.findall(r'<path d="([^"]+)" class="panah" data-dari="([^"]+)" data-ke="([^"]+)"', page)}
    assert {("9.1", "8.1"), ("9.2", "8.1"), ("9.3", "8.1")} <= set(ends)  # each diamond says "Tidak"


def _keterangan(pages: list[str], number: int) -> str:
    """The Keterangan cell of step `number`: the text in the drawing's last (rightmost) column, lines joined."""
    for page in pages:
        root = ET.fromstring(page)
        row = root.find(f".//s:g[@id='svg-langkah-{number}']", NS)
        if row is None:
            continue
        last_cell = max((r for r in row.iterfind("s:rect", NS) if not r.get("class")), key=lambda r: int(r.get("x", 0)))
        keterangan_x = int(last_cell.get("x", 0)) + 6  # the last column's text, padded by 6
        cells = [t for t in row.iterfind("s:text", NS) if t.get("x") == str(keterangan_x)]
        return " ".join(" ".join(span.text or "" for span in cell) for cell in cells)
    raise AssertionError(f"no row {number}")


def test_keterangan_shows_both_branches_of_a_decision(manual: Manual, two_agency_manual: Manual) -> None:
    """The printed form says where "Ya" and "Tidak" lead, as the HTML procedure table does."""
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    pages = flowchart_pages(sop, manual.catalogue.roles)
    assert _keterangan(pages, 5) == "Ya: langkah 6. Tidak: kembali ke langkah 4."
    assert _keterangan(pages, 7) == "Ya: selesai. Tidak: kembali ke langkah 6."  # the last step ends the procedure
    assert _keterangan(pages, 4) == ""  # not a decision
    other = two_agency_manual.sop("permohonan-informasi-publik")
    assert other is not None
    pages = flowchart_pages(other, two_agency_manual.catalogue_of(other).roles)
    keterangan = {n: _keterangan(pages, n) for n in range(1, len(other.spec.steps) + 1)}
    assert "Ya: langkah 6. Tidak: langkah 9." in keterangan.values()  # a forward "tidak" does not go back
    assert any(text.startswith("Ya: ") and "Tidak" not in text for text in keterangan.values())  # a decision without "tidak"


def test_every_printed_page_fits_a_landscape_sheet(manual: Manual, two_agency_manual: Manual, long_manual: Manual) -> None:
    """Pages are cut before routing so that each keeps the proportions of a landscape A4 sheet (281 x 194 mm)."""
    for source in (manual, two_agency_manual, long_manual):
        for sop in source.sops:
            for page in flowchart_pages(sop, source.catalogue_of(sop).roles):
                root = ET.fromstring(page)
                width, height = int(root.get("width", 0)), int(root.get("height", 0))
                assert height <= width * 194 / 281, (sop.id, width, height)
