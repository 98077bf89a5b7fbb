"""The performance (SAKIP) pages: a quarter's Pengukuran Kinerja, a year's LKjIP tables and their CSV and XLSX
files, one indicator's definition and history; what a reader and an evaluator check on them."""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.errors import errors_only
from generator.loading import load_data
from generator.performance.capaian import FORMULAS
from generator.render import urls
from generator.render.site import Site, attachments, generated_files, generated_pages, navigation
from tests.conftest import FIXTURES, REFERENCE, edit

AGENCY = "diskominfo"
PERFORMANCE = "kinerja/diskominfo"


def load_site(root: Path) -> Site:
    data = load_data(root, REFERENCE)
    assert data.manual is not None, [p.format() for p in errors_only(data.problems)]
    return Site(data.manual, data.records, REFERENCE, monitoring=tuple(data.monitoring), performance=data.performance)


@pytest.fixture(scope="module")
def raw_pages(site: Site) -> dict[str, str]:
    return generated_pages(site)


@pytest.fixture(scope="module")
def pages(raw_pages: dict[str, str]) -> dict[str, str]:
    """The text a reader sees: entities decoded."""
    return {path: html.unescape(page) for path, page in raw_pages.items()}


@pytest.fixture(scope="module")
def files(site: Site) -> dict[str, bytes]:
    return generated_files(site)


class _Tables(HTMLParser):
    """Each <table>'s class and rows, a row being the text of its cells (lines joined by "\\n")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append((dict(attrs).get("class") or "", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table(page: str, css: str) -> list[list[str]]:
    """The rows (header first) of the one table of `page` whose class holds `css`."""
    parser = _Tables()
    parser.feed(page)
    (rows,) = [rows for classes, rows in parser.tables if css in classes.split()]
    return rows


def number(text: str) -> float | None:
    """A figure as the page writes it (4.850.000,5; "–" for none) as a float."""
    first = text.split("\n")[0].strip()
    if first in ("–", ""):
        return None
    return float(first.replace(".", "").replace(",", "."))


def resolve(page: str, href: str) -> str:
    """The site path a relative link from `page` (with directory URLs) points to."""
    base = urls.Linker().url(page)
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    return target


def site_path_exists(target: str, pages: dict[str, str], files: dict[str, bytes], published: list[str]) -> bool:
    as_page = {urls.Linker().url(p).rstrip("/") for p in pages}
    return target in as_page or target in files or target in published or target == "."


# --- Golden pages ---


GOLDEN = (
    f"{PERFORMANCE}/index.md", f"{PERFORMANCE}/2025/index.md", f"{PERFORMANCE}/2025/tw2.md", f"{PERFORMANCE}/2025/tw3.md",
    f"{PERFORMANCE}/2026/tw2.md", f"{PERFORMANCE}/indikator/indeks-spbe.md", f"{PERFORMANCE}/indikator/waktu-tanggap-aduan.md",
)


def test_golden_performance_pages(raw_pages: dict[str, str], golden) -> None:  # type: ignore[no-untyped-def]
    for path in GOLDEN:
        golden(f"pages/{path}", raw_pages[path])


def test_every_year_with_data_has_its_tables_and_every_begun_quarter_its_page(raw_pages: dict[str, str]) -> None:
    # The Kesiapan Evaluasi pages share the agency's folder; test_readiness covers them.
    performance = sorted(p for p in raw_pages if p.startswith("kinerja/") and "/kesiapan-evaluasi" not in p)
    assert [p for p in performance if "/indikator/" not in p] == [
        f"{PERFORMANCE}/2025/index.md", *(f"{PERFORMANCE}/2025/tw{q}.md" for q in range(1, 5)),
        f"{PERFORMANCE}/2026/index.md", *(f"{PERFORMANCE}/2026/tw{q}.md" for q in range(1, 5)),
        f"{PERFORMANCE}/index.md",
    ]
    assert len([p for p in performance if "/indikator/" in p]) == 5


# --- A quarter ---


def test_quarter_table_shows_target_realisation_capaian_category_and_change(pages: dict[str, str]) -> None:
    rows = table(pages[f"{PERFORMANCE}/2025/tw2.md"], "sop-kinerja")
    assert rows[0] == ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat",
                       "Perubahan sejak triwulan sebelumnya", "Catatan dan bukti"]
    by_code = {row[0]: row for row in rows[1:]}
    # PK 2025: quarterly target 84 in TW2; realisation 85,29 (82,35 in TW1): 85,29 / 84 x 100 = 101,54.
    assert by_code["IK2"][3:9] == ["persen", "84\ntarget TW2 (PK)", "85,29", "101,54", "sangat tinggi",
                                   "realisasi +2,94; capaian -1,40 poin"]
    # turun: (2 x 3 - 3,4) / 3 x 100 = 86,67; TW1 was (6 - 3,6) / 3 = 80,00.
    assert by_code["IK5"][4:9] == ["3\ntarget tahunan (PK)", "3,4", "86,67", "tinggi", "realisasi -0,2; capaian +6,67 poin"]
    # A realisation not available yet: the reason where the figure would be, and the editor's note.
    assert by_code["IK1"][5:8] == ["–", "–\nrealisasi belum ada", "–"]
    assert "Evaluasi SPBE 2025 oleh Kementerian PANRB masih berjalan" in by_code["IK1"][9]


def test_a_quarter_without_its_realisation_file_says_so_and_every_row_has_the_reason(pages: dict[str, str]) -> None:
    page = pages[f"{PERFORMANCE}/2026/tw2.md"]
    assert "Realisasi triwulan ini belum dicatat (<code>records/2026/kinerja/diskominfo/TW2.yaml</code>)" in page
    rows = table(page, "sop-kinerja")[1:]
    assert len(rows) == 5 and all(row[6] == "–\nrealisasi belum ada" for row in rows)


def test_quarter_page_states_each_formula_and_the_categories(pages: dict[str, str]) -> None:
    page = pages[f"{PERFORMANCE}/2025/tw3.md"]
    for direction in ("naik", "turun"):  # the directions the agency's indicators use, as capaian.FORMULAS says
        assert FORMULAS[direction] in page
    assert FORMULAS["tetap"] not in page
    assert "Permendagri 86/2017: sangat tinggi (capaian ≥ 91); tinggi (capaian 76 sampai < 91)" in page


def test_quarter_page_draws_capaian_and_target_against_realisation(raw_pages: dict[str, str]) -> None:
    page = raw_pages[f"{PERFORMANCE}/2025/tw3.md"]
    charts = page.split("```mermaid\n")[1:]
    assert len(charts) == 1 + 4  # capaian of all measured indicators, then one per indicator with a realisation
    assert 'x-axis ["IK2", "IK3", "IK4", "IK5"]' in charts[0] and "bar [101.43, 92.67, 101.2, 96.67]" in charts[0]
    assert 'title "IK2: target dan realisasi 2025"' in charts[1]
    assert 'x-axis ["TW1", "TW2", "TW3"]' in charts[1] and "bar [80, 84, 87]" in charts[1] and "line [82.35, 85.29, 88.24]" in charts[1]


def test_quarter_page_links_evidence_record_progress_and_neighbours(raw_pages: dict[str, str], site: Site) -> None:
    page = raw_pages[f"{PERFORMANCE}/2025/tw3.md"]
    assert '<a href="../../../../records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf">Bukti</a>' in page
    assert '<a href="../../../../progres/2025/tw3/pelaporan-kinerja-triwulan/">' in page
    assert '<a href="../../../../progres/2025/tw3/">Progres SOP Triwulan III 2025</a>' in page
    assert '<a href="../tw2/">&larr; Triwulan sebelumnya</a> <a href="../tw4/">Triwulan berikutnya &rarr;</a>' in page
    assert "serapan <strong>64,35%</strong>" in page  # 3.120.750.000 / 4.850.000.000


def test_progress_home_and_agency_pages_link_the_performance_pages(raw_pages: dict[str, str]) -> None:
    assert '<a href="../../../kinerja/diskominfo/2025/tw3/">Diskominfo</a>' in raw_pages["progres/2025/tw3/index.md"]
    assert '<a href="kinerja/diskominfo/">Kinerja Diskominfo: indikator, target dan capaian</a>' in raw_pages["index.md"]
    assert '<a href="../../kinerja/diskominfo/">Kinerja Diskominfo</a>' in raw_pages["instansi/diskominfo.md"]


def test_every_performance_page_is_marked_as_example_data(pages: dict[str, str]) -> None:
    for path, page in pages.items():
        if path.startswith("kinerja/"):
            assert "Data contoh" in page and "contoh: true" in page, path


# --- A year: the LKjIP tables and their files ---


def test_year_page_lists_the_pk_with_its_signatories_and_date(pages: dict[str, str]) -> None:
    page = pages[f"{PERFORMANCE}/2025/index.md"]
    identity = table(page, "sop-identity")
    assert identity[0] == ["Tanggal", "31 Januari 2025"]
    assert identity[1] == ["Pihak pertama", "Kepala Dinas Komunikasi dan Informatika"]
    assert identity[2] == ["Pihak kedua", "Bupati Bengkulu Selatan"]
    pk = table(page, "sop-tabel-pk")
    assert pk[2][5:10] == ["90", "80", "84", "87", "90"]


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("year", [2025, 2026])
def test_csv_and_xlsx_hold_the_figures_of_the_year_page(pages: dict[str, str], files: dict[str, bytes], year: int) -> None:
    """Open the files as an evaluator would and match every figure to the page's tables."""
    page = pages[f"{PERFORMANCE}/{year}/index.md"]
    book = load_workbook(io.BytesIO(files[f"{PERFORMANCE}/{year}/lkjip-diskominfo-{year}.xlsx"]))
    assert book.sheetnames == ["Perjanjian Kinerja", "Pengukuran Kinerja", "Capaian Renstra", "Keterangan"]
    # (table on the page, sheet, CSV, columns compared: page column -> sheet column)
    checks = [
        ("sop-tabel-pk", "Perjanjian Kinerja", "pk", {0: 0, 2: 2, 3: 3, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9}),
        ("sop-tabel-pengukuran", "Pengukuran Kinerja", "pengukuran-kinerja", {0: 0, 2: 2, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8}),
        ("sop-tabel-renstra", "Capaian Renstra", "capaian-renstra", {0: 0, 1: 1, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}),
    ]
    for css, sheet_name, csv_name, columns in checks:
        shown = table(page, css)[1:]
        sheet = [[c.value for c in row] for row in book[sheet_name].iter_rows()][1:]
        rows_csv = _csv(files[f"{PERFORMANCE}/{year}/{csv_name}-diskominfo-{year}.csv"])[1:]
        assert len(shown) == len(sheet) == len(rows_csv) == 5, css
        for on_page, in_sheet, in_csv in zip(shown, sheet, rows_csv, strict=True):
            for page_column, sheet_column in columns.items():
                cell, value, text = on_page[page_column], in_sheet[sheet_column], in_csv[sheet_column]
                if isinstance(value, (int, float)):
                    assert number(cell) == pytest.approx(value) == pytest.approx(float(text)), (css, on_page[0], cell, value, text)
                elif value is None:
                    assert cell.split("\n")[0] == "–" and text == "", (css, on_page[0], cell)
                else:
                    assert cell.split("\n")[0] == ("–" if value == "" else value) and text == value, (css, cell, value)


def test_a_figure_without_capaian_gives_its_reason_in_the_files(files: dict[str, bytes]) -> None:
    rows = _csv(files[f"{PERFORMANCE}/2026/pengukuran-kinerja-diskominfo-2026.csv"])
    spbe = next(row for row in rows if row[0] == "IK1")
    assert spbe[5:] == ["", "", "", "", "realisasi belum ada"]  # realisasi, s.d., capaian, predikat, keterangan


def test_the_files_are_the_same_every_build_and_dated_from_the_pk(site: Site, files: dict[str, bytes]) -> None:
    assert generated_files(site) == files
    book = load_workbook(io.BytesIO(files[f"{PERFORMANCE}/2026/lkjip-diskominfo-2026.xlsx"]))
    assert book.properties.created == datetime(2025, 11, 13)  # the 2026 PK was signed on 13 November 2025
    notes = {row[0].value: row[1].value for row in book["Keterangan"].iter_rows(min_row=2)}
    assert notes["Tanggal Perjanjian Kinerja"] == "2025-11-13"
    assert notes["Rumus capaian, arah turun (semakin rendah semakin baik)"] == FORMULAS["turun"]
    assert notes["Data contoh"].startswith("ya")


def test_year_page_links_each_download(raw_pages: dict[str, str], files: dict[str, bytes]) -> None:
    page_path = f"{PERFORMANCE}/2025/index.md"
    hrefs = re.findall(r'<a href="([^"]+)" download>', raw_pages[page_path])
    assert sorted(resolve(page_path, h) for h in hrefs) == sorted(p for p in files if "/2025/" in p)


# --- One indicator ---


def test_indicator_page_defines_it_and_links_role_and_sops(raw_pages: dict[str, str], pages: dict[str, str]) -> None:
    path = f"{PERFORMANCE}/indikator/waktu-tanggap-aduan.md"
    definition = dict(table(pages[path], "sop-definisi"))
    assert definition["Arah"] == "turun: semakin rendah semakin baik"
    assert definition["Rumus capaian"] == FORMULAS["turun"]
    assert definition["Satuan"] == "hari kerja" and definition["Tingkat"] == "Kegiatan"
    assert '<a href="../../../../jabatan/kabid/">Kepala Bidang</a>' in raw_pages[path]
    assert '<a href="../../../../sop/pelaporan-kinerja-triwulan/">' in raw_pages[path]


def test_indicator_history_shows_each_quarter_with_its_evidence_and_record(pages: dict[str, str], raw_pages: dict[str, str]) -> None:
    path = f"{PERFORMANCE}/indikator/persentase-pd-terhubung-jip.md"
    page = raw_pages[path]
    history = [table(section, "sop-riwayat") for section in pages[path].split("### Tahun ")[1:]]
    y2026, y2025 = history
    assert y2025[3][:4] == ["Triwulan III", "87\ntarget TW3 (PK)", "88,24", "101,43"]
    assert "30 dari 34 perangkat daerah terhubung\nBukti" in y2025[3][6]
    assert y2025[5][:4] == ["Tahun 2025 (s.d. TW4)", "90", "91,18", "101,31"]
    assert "Terhadap target akhir Renstra (95): 95,98%" in y2025[5][5]
    assert y2026[2][2:4] == ["–", "–\nrealisasi belum ada"]  # TW2 2026 was not reported
    assert '<a href="../../../../records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf">Bukti</a>' in page
    assert '<a href="../../../../progres/2025/tw3/pelaporan-kinerja-triwulan/">' in page
    assert "records/2025/kinerja/diskominfo/TW3.yaml" in page


def test_the_annual_record_of_an_sop_the_indicator_names_is_linked_on_its_year(raw_pages: dict[str, str]) -> None:
    page = raw_pages[f"{PERFORMANCE}/indikator/indeks-spbe.md"]  # named by evaluasi-kinerja, a yearly SOP
    assert '<a href="../../../../progres/2025/tahunan/evaluasi-kinerja/">Evaluasi Kinerja &#40;Tahun 2025&#41;</a>' in page


def test_every_link_of_the_performance_pages_resolves(raw_pages: dict[str, str], files: dict[str, bytes], site: Site) -> None:
    published = attachments(site)
    for path, page in raw_pages.items():
        if not path.startswith("kinerja/"):
            continue
        for href in re.findall(r'href="([^"]+)"', page):
            assert site_path_exists(resolve(path, href), raw_pages, files, published), (path, href)


# --- Navigation ---


def test_navigation_has_a_kinerja_section_after_monitoring(site: Site) -> None:
    nav = navigation(site, [])
    titles = [next(iter(entry)) for entry in nav]
    assert titles[titles.index("Pemantauan SOP") + 1] == "Kinerja"
    (agency,) = nav[titles.index("Kinerja")]["Kinerja"]
    overview, y2026, y2025, indicators, readiness = agency["Diskominfo"]
    assert readiness == {"Kesiapan Evaluasi AKIP": f"{PERFORMANCE}/kesiapan-evaluasi/index.md"}
    assert overview == {"Ringkasan kinerja": f"{PERFORMANCE}/index.md"}
    assert y2025 == {"2025": [{"Tabel LKjIP 2025": f"{PERFORMANCE}/2025/index.md"},
                              *({f"Triwulan {r}": f"{PERFORMANCE}/2025/tw{q}.md"} for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV")))]}
    assert len(indicators["Indikator"]) == 5 and next(iter(y2026)) == "2026"


# --- Data that cannot be measured, evidence, hostile text ---


def test_a_zero_target_shows_its_reason_and_breaks_nothing(repo_copy: Path) -> None:
    edit(repo_copy, "records/2025/kinerja/diskominfo/pk.yaml", "  - indikator: persentase-informasi-publik-dipublikasikan\n    target: 90",
         "  - indikator: persentase-informasi-publik-dipublikasikan\n    target: 0")
    site = load_site(repo_copy)
    page = html.unescape(generated_pages(site)[f"{PERFORMANCE}/2025/tw3.md"])
    row = next(r for r in table(page, "sop-kinerja") if r[0] == "IK3")
    assert row[6] == "–\ntarget 0: capaian tidak dapat dihitung (pembagian dengan nol)"
    assert row[8] == "realisasi +12,4"  # the realisation still changed; capaian has no change to give
    sheet = _csv(generated_files(site)[f"{PERFORMANCE}/2025/pengukuran-kinerja-diskominfo-2025.csv"])
    assert next(r for r in sheet if r[0] == "IK3")[7:] == ["", "", "target 0: capaian tidak dapat dihitung (pembagian dengan nol)"]


def test_evidence_in_the_performance_folder_is_published_and_linked(repo_copy: Path) -> None:
    evidence = "records/2025/kinerja/diskominfo/lampiran/rekap-aduan-tw1.pdf"
    (repo_copy / evidence).parent.mkdir(parents=True)
    (repo_copy / evidence).write_bytes(b"%PDF-1.4\n%%EOF\n")
    edit(repo_copy, "records/2025/kinerja/diskominfo/TW1.yaml", "    nilai: 88.9\n", f"    nilai: 88.9\n    bukti: {evidence}\n")
    site = load_site(repo_copy)
    assert evidence in attachments(site)
    page = generated_pages(site)[f"{PERFORMANCE}/2025/tw1.md"]
    assert f'<a href="../../../../{evidence}">Bukti</a>' in page


def test_hostile_text_on_the_performance_pages_is_escaped() -> None:
    site = load_site(FIXTURES / "teks-berbahaya")
    found = {path: page for path, page in generated_pages(site).items() if path.startswith("kinerja/")}
    assert len(found) >= 4
    for path, page in found.items():
        body = page.split("```mermaid")[0]
        assert "<script" not in body and "<img" not in body and "<svg" not in body and "<b>" not in body, path
        assert "javascript:" not in body.replace("javascript&#58;", ""), path
        for chart in page.split("```mermaid\n")[1:]:  # the unit is the y axis' title, kept to harmless characters
            assert re.search(r'^  y-axis "[\w .,()/%…-]*" -?[0-9.]+ --> [0-9.]+$', chart, re.M), (path, chart)
    indicator = html.unescape(found["kinerja/instansi-uji/indikator/indikator-berbahaya.md"])
    assert 'Indikator <b>001</b> | a | b | </title><script>alert("201")</script>' in indicator
    for n in (202, 203, 204, 205, 208):
        assert f"*m{n}*" in indicator, n
    year = html.unescape(found["kinerja/instansi-uji/2024/index.md"])
    assert "*m206*" in year and "*m207*" in year
    files = generated_files(site)
    notes = _csv(files["kinerja/instansi-uji/2024/keterangan-instansi-uji-2024.csv"])
    assert any("alert(206)" in row[1] for row in notes)


def test_an_indicator_the_pk_counts_per_quarter_says_so_in_its_row(repo_copy: Path) -> None:
    edit(repo_copy, "records/2025/kinerja/diskominfo/pk.yaml", "  - indikator: waktu-tanggap-aduan\n    target: 3",
         "  - indikator: waktu-tanggap-aduan\n    target: 3\n    kumulatif: false")
    page = html.unescape(generated_pages(load_site(repo_copy))[f"{PERFORMANCE}/2025/tw1.md"])
    rows = {r[0]: r for r in table(page, "sop-kinerja")[1:]}
    assert rows["IK5"][4] == "3\ntarget tahunan (PK); per triwulan"
    assert rows["IK2"][4] == "80\ntarget TW1 (PK)"  # the PK's own rule (kumulatif) needs no word


# --- Links back from the manual ---


def test_the_role_page_lists_the_indicators_it_is_responsible_for(raw_pages: dict[str, str]) -> None:
    kabid = raw_pages[urls.role_page("kabid")]
    section = html.unescape(kabid.split("## Indikator kinerja")[1].split("\n## ")[0])
    assert section.count("<li>") == 4  # IK2 to IK5; IK1 is the Kepala Dinas's
    assert '<a href="../../kinerja/diskominfo/indikator/waktu-tanggap-aduan/">Rata-rata waktu tanggap aduan masyarakat</a>' in section
    kadis = raw_pages[urls.role_page("kadis")].split("## Indikator kinerja")[1].split("\n## ")[0]
    assert kadis.count("<li>") == 1 and "indikator/indeks-spbe/" in kadis
    assert "## Indikator kinerja" not in raw_pages[urls.role_page("staf")]


def test_the_sop_page_links_the_indicators_whose_figures_it_produces(raw_pages: dict[str, str]) -> None:
    quarterly = raw_pages[urls.sop_page("pelaporan-kinerja-triwulan")]
    line = next(line for line in quarterly.splitlines() if "Menghasilkan angka indikator kinerja" in line)
    assert line.count("/indikator/") == 5
    evaluation = next(line for line in raw_pages[urls.sop_page("evaluasi-kinerja")].splitlines() if "Menghasilkan angka" in line)
    assert evaluation.count("/indikator/") == 1 and "indikator/indeks-spbe/" in evaluation
    assert "Menghasilkan angka" not in raw_pages[urls.sop_page("perencanaan-kinerja")]
