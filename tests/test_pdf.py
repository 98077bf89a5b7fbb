"""`sopgen pdf`: one PDF per SOP and one for the manual, with selectable text; page images as artefacts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO, edit, with_second_agency
from tests.sitebuild import REFERENCE_DATE, project_config

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"


def sopgen_pdf(data: Path, config: Path, out: Path, *sops: str) -> subprocess.CompletedProcess[str]:
    """`sopgen pdf` as an operator runs it, on the data in `data`, built with `config` into `out`."""
    return subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--folder", str(data), "pdf", *sops,
         "--konfigurasi", str(config), "--keluaran", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=600,
        env=os.environ | {"SOPGEN_TANGGAL": REFERENCE_DATE, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pdf")
    config = project_config(REPO, work / "proyek")
    result = sopgen_pdf(REPO, config, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site" / "pdf"


def pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines() if line.startswith("Page") and "size" in line]


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def sheets(pdf: Path) -> list[str]:
    """The text of each page, in order (pdftotext ends every page with a form feed)."""
    return text(pdf).split("\f")[:-1]


def test_one_pdf_per_sop_and_the_manual(pdf_dir: Path) -> None:
    names = sorted(p.name for p in pdf_dir.iterdir())
    assert names == ["evaluasi-kinerja.pdf", "manual-sop.pdf", "pelaporan-kinerja-triwulan.pdf", "perencanaan-kinerja.pdf"]


def test_sop_pdf_is_the_official_form(pdf_dir: Path) -> None:
    pdf = pdf_dir / "pelaporan-kinerja-triwulan.pdf"
    sizes = pages(pdf)
    assert sizes[0].startswith("594.96 x 841.92")  # identity part: A4 portrait
    assert sizes[1].startswith("841.92 x 594.96")  # flowchart: A4 landscape
    body = " ".join(text(pdf).split())
    for words in ("PEMERINTAH KABUPATEN BENGKULU", "DINAS KOMUNIKASI DAN INFORMATIKA", "Disahkan Oleh", "Ir. SUMANTO, MM", "NIP. 19680814 200212 1 004",
                  "Kelengkapan", "Mutu Baku", "Kasubag", "Memeriksa draft akhir Pelaporan", "Tidak"):
        assert words in body, words
    assert "Diagram Alir" not in body and "Riwayat Revisi" not in body  # screen-only parts are not printed
    assert "(halaman ini)" not in body and "Masa berlaku" not in body  # nor the versions table, whose heading is screen-only
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "pdf-pelaporan-kinerja-triwulan")], check=True)


def test_manual_pdf_has_cover_contents_and_every_sop(pdf_dir: Path) -> None:
    pdf = pdf_dir / "manual-sop.pdf"
    assert len(pages(pdf)) >= 7
    body = " ".join(text(pdf).split())
    assert "Daftar Isi" in body and "3 Standar Operasional Prosedur" in body
    for name in ("Perencanaan Kinerja", "Evaluasi Kinerja", "Pelaporan Kinerja Triwulan"):
        assert body.count(name) >= 2, name
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "pdf-manual")], check=True)


def test_pages_link_their_pdf(pdf_dir: Path) -> None:
    page = (pdf_dir.parent / "sop/evaluasi-kinerja/index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/evaluasi-kinerja.pdf"' in page and "Unduh PDF" in page


def test_sites_with_html_file_urls_print_the_sop_and_not_a_404_page(tmp_path: Path) -> None:
    config = project_config(REPO, tmp_path / "proyek")
    text_before = config.read_text(encoding="utf-8")
    assert "use_directory_urls: true\n" in text_before
    config.write_text(text_before.replace("use_directory_urls: true\n", "use_directory_urls: false\n"), encoding="utf-8")
    result = sopgen_pdf(REPO, config, tmp_path / "site", "evaluasi-kinerja")
    assert result.returncode == 0, result.stderr
    body = " ".join(text(tmp_path / "site" / "pdf" / "evaluasi-kinerja.pdf").split())
    assert "Disahkan Oleh" in body and "Evaluasi Kinerja" in body and "404" not in body
    page = (tmp_path / "site" / "sop" / "evaluasi-kinerja.html").read_text(encoding="utf-8")
    assert 'href="../pdf/evaluasi-kinerja.pdf"' in page


def test_hostile_text_prints_literally_and_runs_nothing(tmp_path: Path) -> None:
    """`sopgen pdf` prints the hostile SOP: its payloads are printed as text and none runs while printing.

    Some payloads (tests/fixtures/teks-berbahaya) would, if they ran, rewrite every table cell and SVG text,
    the printed flowchart's times included, to "DISUS" + "UPI-<field>"; an alert would be dismissed unseen.
    """
    data = FIXTURES / "teks-berbahaya"
    config = project_config(data, tmp_path / "proyek")
    result = sopgen_pdf(data, config, tmp_path / "site", "sop-berbahaya")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "site" / "pdf" / "sop-berbahaya.pdf"
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["sop-berbahaya.pdf"]
    plain = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # In content order (-raw): each cell whole, its lines wrapped anywhere. The flowchart hyphenates a word
    # too wide for its column, so hyphens are left out on both sides of the comparison.
    squeezed = "".join(plain.split()).replace("-", "")
    assert "DISUSUPI" not in squeezed  # no payload rewrote the page
    sop = yaml.safe_load((data / "sop_defs/instansi-uji/unit-uji/sop-berbahaya.yaml").read_text(encoding="utf-8"))
    # Every field the form prints, by its payload's number (the unit, government and agency in capitals).
    printed = {n: str for n in (101, 102, 104, 105, 106, 107, 111, 112, 113, 114, 121, 122, 123, 124, 133, 134, 151, 152, 153, 161)}
    printed |= {n: str.upper for n in (103, 131, 132)}
    for n, case in printed.items():
        for payload in (f'</title><script>alert("{n}")</script>', f'"><img src=x onerror=alert({n})>',
                        f"'><svg onload=alert({n})>", f"&lt;img src=x onerror=alert({n})&gt;"):
            assert "".join(case(payload).split()).replace("-", "") in squeezed, (n, payload)
    # The flowchart pages (landscape) show each step's time exactly as written, and nothing else that looks like one.
    flow = [i + 1 for i, size in enumerate(pages(pdf)) if size.startswith("841.92 x 594.96")]
    assert flow, pages(pdf)
    flow_text = subprocess.run(["pdftotext", "-f", str(flow[0]), "-l", str(flow[-1]), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
    times = re.findall(r"\b\d+(?:[.,]\d+)? (?:menit|jam|hari|minggu|bulan)\b", flow_text)
    assert times == [step["waktu"] for step in sop["langkah"]] == ["1 jam", "2 jam"], times
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(flow[0]), str(pdf), str(ARTIFACTS / "pdf-teks-berbahaya")], check=True)


@pytest.mark.parametrize(("pdf_name", "title", "detail"), [
    ("pelaporan-kinerja-triwulan.pdf", "Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Triwulan", "Nomor SOP: –"),
    ("evaluasi-kinerja.pdf", "Evaluasi Kinerja", "Nomor SOP: –"),
    ("manual-sop.pdf", "Manual Standar Operasional Prosedur", ""),
])
def test_every_sheet_carries_the_name_number_and_page_of_total(pdf_dir: Path, pdf_name: str, title: str, detail: str) -> None:
    """Portrait and landscape sheets alike: a loose sheet still says which SOP it belongs to and where it goes."""
    pdf = pdf_dir / pdf_name
    texts = sheets(pdf)
    assert len(texts) == len(pages(pdf)) >= 2
    for number, sheet in enumerate(texts, start=1):
        lines = [line.strip() for line in sheet.splitlines() if line.strip()]
        assert lines[0].startswith(title) and lines[0].endswith(detail), (number, lines[0])  # the running header
        assert lines[-1].startswith(title) and lines[-1].endswith(f"halaman {number} dari {len(texts)}"), (number, lines[-1])


def test_names_in_the_running_header_are_text_not_markup(tmp_path: Path) -> None:
    """Chromium's header template is HTML and fills in elements of class pageNumber, totalPages and title:
    a name holding them, or closing the template's element, prints as written."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "sop_defs", data / "sop_defs")
    rel = data / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
    name = 'Evaluasi <span class="totalPages"></span> </div><b>tebal</b> & <span class="title">'
    number = '<span class="pageNumber">7</span>'
    source = rel.read_text(encoding="utf-8")
    assert "nama: Evaluasi Kinerja\n" in source and 'nomor: ""' in source
    rel.write_text(source.replace("nama: Evaluasi Kinerja\n", f"nama: '{name}'\n").replace('nomor: ""', f"nomor: '{number}'"), encoding="utf-8")
    config = project_config(data, tmp_path / "proyek")
    result = sopgen_pdf(data, config, tmp_path / "site", "evaluasi-kinerja")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "site" / "pdf" / "evaluasi-kinerja.pdf"
    texts = sheets(pdf)
    for number_, sheet in enumerate(texts, start=1):
        lines = [line.strip() for line in sheet.splitlines() if line.strip()]
        header, footer = lines[0], lines[-1]
        assert header.startswith(name) and header.endswith(f"Nomor SOP: {number}"), header
        assert footer.startswith(name) and footer.endswith(f"halaman {number_} dari {len(texts)}"), footer
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "pdf-kepala-berbahaya")], check=True)


def words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """Each word on one page with its left and right edge in points (pdftotext -bbox)."""
    box = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w, float(x0), float(x1)) for x0, x1, w in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', box)]


# The print layout of the official SVG form, on the landscape sheet (sop.css: A4 landscape, 8 mm margins).
SHEET_MM, MARGIN_MM = 297, 8
PX_PER_MM = 96 / 25.4
PRINTED_FORM = """() => [...document.querySelectorAll('.sop-print-flow')].map(flow => ({
    flow: [flow.getBoundingClientRect().left, flow.getBoundingClientRect().width, flow.scrollWidth],
    svgs: [...flow.querySelectorAll('.sop-print-page svg')].map(svg => {
        const r = svg.getBoundingClientRect(), scale = r.width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text, tspan')].map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
        return [r.left, r.right, Math.min(...sizes)];
    }),
}))"""


def test_a_ten_actor_form_prints_within_the_landscape_sheet(tmp_path: Path) -> None:
    """The widest form the print layout promises: 10 actor columns. In the print layout each part of the form is
    no wider than the sheet inside its margins, and in the PDF every landscape sheet holds the whole form, from
    the "No" column to the last mutu-baku column (Keterangan), inside the margins.

    The fixture's widest real form has 9 actors (pemeriksaan-khusus-pengaduan); this copy adds a tenth, the Bupati
    receiving the report at the last step, as the Pekalongan flow of penanganan-pengaduan-masyarakat does.
    Chromium shrinks a page wider than the sheet to fit when printing, so the PDF alone would not show a form
    drawn too wide: the print layout is measured first.
    """
    from playwright.sync_api import sync_playwright

    from generator.commands.pdf import CHROMIUM, FLAGS, serve

    data = with_second_agency(tmp_path / "data")
    rel = "sop_defs/bkpsdm/pembinaan-kesejahteraan/pemeriksaan-khusus-pengaduan.yaml"
    edit(data, rel, "  - obrik\n", "  - obrik\n  - bupati\n")
    edit(data, rel, "    pelaksana: [kepala-bkpsdm, pengadu]\n", "    pelaksana: [kepala-bkpsdm, pengadu, bupati]\n")
    config = project_config(data, tmp_path / "proyek")
    result = sopgen_pdf(data, config, tmp_path / "site", "pemeriksaan-khusus-pengaduan")
    assert result.returncode == 0, result.stderr
    inside = (SHEET_MM - 2 * MARGIN_MM) * PX_PER_MM
    with serve(tmp_path / "site") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": round(inside), "height": 800})
        page.emulate_media(media="print")
        page.goto(base + "sop/pemeriksaan-khusus-pengaduan/", wait_until="networkidle")
        ((left, width, scroll), svgs), = [(f["flow"], f["svgs"]) for f in page.evaluate(PRINTED_FORM)]
        browser.close()
    assert len(svgs) >= 2 and width <= inside + 0.5 and scroll <= inside + 0.5, (width, scroll, inside)
    assert all(left - 0.5 <= x0 and x1 <= left + inside + 0.5 for x0, x1, _ in svgs), (left, svgs)
    pdf = tmp_path / "site" / "pdf" / "pemeriksaan-khusus-pengaduan.pdf"
    landscape = [i + 1 for i, size in enumerate(pages(pdf)) if size.startswith("841.92 x 594.96")]
    assert len(landscape) == len(svgs), pages(pdf)  # one sheet for each part of the form
    margin, sheet = MARGIN_MM / 25.4 * 72, SHEET_MM / 25.4 * 72
    for page_number in landscape:
        found = words(pdf, page_number)
        assert all(0 <= x0 and x1 <= sheet for _, x0, x1 in found), page_number  # nothing runs off the sheet
        heads = {w: (x0, x1) for w, x0, x1 in found if w in ("No", "Pengadu", "Bupati", "Keterangan")}
        assert heads.keys() == {"No", "Pengadu", "Bupati", "Keterangan"}, (page_number, heads)
        assert heads["No"][0] >= margin - 1 and heads["Keterangan"][1] <= sheet - margin + 1, (page_number, heads)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(landscape[0]), "-l", str(landscape[0]), str(pdf),
                    str(ARTIFACTS / "pdf-formulir-10-pelaksana")], check=True)
