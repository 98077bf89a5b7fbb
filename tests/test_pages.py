"""The generated Markdown: golden files for the shipped data, and what readers look for."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.load import load_manual
from generator.render import urls
from generator.render.site import Site, generated_pages, navigation
from tests.conftest import FIXTURES, NEW_SOP, OLD_SOP, REFERENCE, edit, with_revoked_sop


@pytest.fixture(scope="module")
def raw_pages(site: Site) -> dict[str, str]:
    return generated_pages(site)


@pytest.fixture(scope="module")
def pages(raw_pages: dict[str, str]) -> dict[str, str]:
    """The pages with entities decoded: the text a reader sees."""
    return {path: html.unescape(page) for path, page in raw_pages.items()}


def test_golden_pages(raw_pages: dict[str, str], golden) -> None:  # type: ignore[no-untyped-def]
    for path in ("index.md", "sop/perencanaan-kinerja.md", "sop/pelaporan-kinerja-triwulan.md",
                 "sop/evaluasi-kinerja.md", "dasar-hukum/index.md", "jabatan/kabid.md", "jabatan/kadis.md", "dokumen/lkj.md",
                 "pemantauan/index.md"):
        golden(f"pages/{path}", raw_pages[path])


def test_sop_page_has_the_form_parts(pages: dict[str, str]) -> None:
    page = pages["sop/pelaporan-kinerja-triwulan.md"]
    for label in ("Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan Oleh",
                  "Nama SOP", "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
                  "Peringatan", "Pencatatan dan Pendataan", "Kelengkapan", "Waktu", "Output", "Keterangan"):
        assert f">{label}<" in page, label
    assert "1 Maret 2022" in page and "1 Mei 2022" in page
    assert "NIP. 19680814 200212 1 004" in page
    assert "Jumlah waktu baku" in page and "1 hari 2 jam 50 menit (620 menit kerja)" in page
    assert "```mermaid\nswimlane-beta TB" in page


def test_procedure_marks_the_performing_actor(pages: dict[str, str]) -> None:
    page = pages["sop/pelaporan-kinerja-triwulan.md"]
    row5 = page.split('<tr id="langkah-5">')[1].split("</tr>")[0]
    cells = re.findall(r'<td class="sop-actor[^"]*">(.*?)</td>', row5)
    assert len(cells) == 5
    assert [bool(c) for c in cells] == [False, False, True, False, False]  # Kabid checks the draft
    assert "Keputusan oleh Kabid" in row5
    assert "Tidak: kembali ke langkah 4" in row5


def test_legal_basis_register(pages: dict[str, str]) -> None:
    page = pages[urls.LEGAL_BASES]
    perpres = page.split("{ #perpres-29-2014 }")[1].split("\n## ")[0]
    for name in ("Perencanaan Kinerja", "Evaluasi Kinerja", "Pengumpulan Data Kinerja"):
        assert name in perpres
    order = [page.index(f"{{ #{b} }}") for b in ("pp-58-2005", "perpres-29-2014", "permenpan-rb-53-2014", "permendagri-86-2017")]
    assert order == sorted(order), "PP, Perpres, then Peraturan Menteri by year"


def test_role_page_lists_the_kabids_check(pages: dict[str, str]) -> None:
    page = pages[urls.role_page("kabid")]
    assert "Memeriksa konsep Pelaporan Kinerja Triwulan" in page
    assert "langkah-5" in page and "1 jam" in page


def test_document_page_lists_sops_and_steps(pages: dict[str, str]) -> None:
    page = pages[urls.document_page("lkj")]
    for name in ("Perencanaan Kinerja", "Evaluasi Kinerja", "Pengumpulan Data Kinerja"):
        assert name in page
    assert "Melakukan evaluasi terhadap LKj" in page


def test_navigation_is_hierarchical(site: Site) -> None:
    nav = navigation(site, ["panduan-editor.md"])
    assert nav[1] == {"SOP": [{"Diskominfo": [
        {"Tentang Diskominfo": "instansi/diskominfo.md"},
        {"Sub Bagian Perencanaan dan Keuangan": [
            {"Daftar SOP unit": "unit/diskominfo/perencanaan-keuangan.md"},
            {"Evaluasi Kinerja": "sop/evaluasi-kinerja.md"},
            {"Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Triwulan": "sop/pelaporan-kinerja-triwulan.md"},
            {"Perencanaan Kinerja": "sop/perencanaan-kinerja.md"},
        ]},
    ]}]}
    assert nav[-1] == {"Panduan": ["panduan-editor.md"]}


def test_logo_heads_the_form() -> None:
    manual, _ = load_manual(FIXTURES / "teks-berbahaya")
    assert manual is not None
    page = generated_pages(Site(manual, [], REFERENCE))["sop/sop-berbahaya.md"]
    assert '<img class="sop-logo" src="../../sop_defs/logo.png"' in page


def test_hostile_text_is_escaped_on_every_page() -> None:
    manual, problems = load_manual(FIXTURES / "teks-berbahaya")
    assert manual is not None, [p.format() for p in problems]
    for path, page in generated_pages(Site(manual, [], REFERENCE)).items():
        assert "<svg onload" not in page and "<script>alert" not in page, path
        # Our own drawings are SVG; their text is checked in test_svgflow.
        body = re.sub(r'<div class="sop-print-page">.*?</div>', "", page.split("```mermaid")[0])
        body = re.sub(r'<img class="sop-logo" src="[^"<>]*" alt="[^"<>]*">', "", body)  # the organisation's logo
        assert "<script" not in body, path
        assert "<img" not in body and "<iframe" not in body and "<svg" not in body, path
        assert "href=\"javascript" not in body and "](http://example.com" not in body, path


def test_golden_record_pages(raw_pages: dict[str, str], golden) -> None:  # type: ignore[no-untyped-def]
    for path in ("progres/2025/index.md", "progres/2025/tw3/index.md", "progres/2025/tw3/pelaporan-kinerja-triwulan.md",
                 "progres/2026/tw2/index.md", "progres/2026/tw4/index.md", "progres/2026/tahunan/perencanaan-kinerja.md",
                 "buku-dokumentasi/index.md"):
        golden(f"pages/{path}", raw_pages[path])


def test_record_page_shows_revision_round_and_overrun(pages: dict[str, str]) -> None:
    page = pages[urls.record_page(2025, "TW3", "pelaporan-kinerja-triwulan")]
    assert "putaran revisi: 1" in page
    assert "7 dari 7 langkah selesai (100%)" in page
    assert "5 jam 30 menit <strong" in page and "melebihi" in page  # step 3 took 330 of 300 minutes
    assert "```mermaid\n---\nconfig:\n  gantt:\n    displayMode: compact\n" in page and "\ngantt\n" in page
    assert "  section langkah 2 · Kasubag\n" in page
    assert "Data contoh" in page


def test_missing_quarter_is_late(pages: dict[str, str]) -> None:
    page = pages[urls.quarter_page(2026, 2)]
    row = page.split('<tr id="pelaporan-kinerja-triwulan">')[1].split("</tr>")[0]
    assert ">terlambat<" in row and "belum ada" in row and "30 Juni 2026" in row


def test_year_page_matrix_and_rates(pages: dict[str, str]) -> None:
    page = pages[urls.year_page(2025)]
    assert "Selesai: 5" in page and "Selesai terlambat: 1" in page
    assert "Tahunan: selesai" in page
    rows = page.split("<thead><tr><th>Triwulan</th><th>Tepat waktu</th></tr></thead>\n<tbody>\n")[1].split("\n</tbody>")[0]
    assert rows.splitlines() == [  # TW2 has no record: 0% on time
        '<tr><td><a href="tw1/">Triwulan I</a></td><td>100%</td></tr>',
        '<tr><td><a href="tw2/">Triwulan II</a></td><td>0%</td></tr>',
        '<tr><td><a href="tw3/">Triwulan III</a></td><td>100%</td></tr>',
        '<tr><td><a href="tw4/">Triwulan IV</a></td><td>100%</td></tr>',
    ]
    assert "```mermaid\nxychart-beta\n  title \"Ketepatan waktu 2025\"\n  x-axis [TW1, TW2, TW3, TW4]\n" in page
    assert "\n  bar [100, 0, 100, 100]\n" in page


def test_logbook_lists_documents_newest_year_first(pages: dict[str, str]) -> None:
    page = pages[urls.LOGBOOK]
    assert page.index("## Tahun 2026") < page.index("## Tahun 2025")
    y2025 = page.split("## Tahun 2025")[1]
    assert y2025.index("10 Maret 2025") < y2025.index("27 Oktober 2025") < y2025.index("10 Desember 2025")
    assert "Reviu Rencana Strategis" in y2025
    assert "../records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf" in page
    assert "../progres/2025/tw3/pelaporan-kinerja-triwulan/" in page


def test_sop_page_shows_its_last_monitoring(pages: dict[str, str]) -> None:
    page = pages["sop/pelaporan-kinerja-triwulan.md"]
    part = page.split("## Pemantauan Terakhir { .sop-layar }")[1].split("## Riwayat Revisi")[0]
    assert "<td>15 Juli 2026</td>" in part
    assert '<span class="sop-status sop-status--terlambat">tidak berjalan baik</span>' in part  # the chip of a late period
    assert "Ir. SUMANTO, MM<br>" in part and "Kepala Dinas Komunikasi dan Informatika, NIP. 19680814 200212 1 004" in part
    assert "Laporan Kinerja Triwulan II 2026 belum disusun" in part and "paling lambat 31 Juli 2026" in part
    assert "<code>records/2026/pemantauan/pelaporan-kinerja-triwulan-2026-07-15.yaml</code> (data contoh)" in part
    assert '<a href="../../pemantauan/#sop-pelaporan-kinerja-triwulan">Semua pemantauan SOP</a>' in part
    good = pages["sop/evaluasi-kinerja.md"].split("## Pemantauan Terakhir")[1]
    assert '<span class="sop-status sop-status--selesai">berjalan baik</span>' in good
    never = pages["sop/perencanaan-kinerja.md"].split("## Pemantauan Terakhir")[1].split("## Riwayat Revisi")[0]
    assert "Belum pernah dipantau." in never and '<a href="../../pemantauan/#sop-perencanaan-kinerja">' in never


def test_monitoring_page_lists_every_sop_the_overdue_ones_and_every_note(pages: dict[str, str]) -> None:
    page = pages[urls.MONITORING]
    assert "Dihitung per tanggal acuan 25 November 2026." in page and "Data contoh" in page
    table = page.split("## Dinas Komunikasi dan Informatika")[1].split("## Belum dipantau")[0]
    rows = dict(re.findall(r'<tr id="sop-([a-z-]+)">(.*?)</tr>', table))
    assert list(rows) == ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"]
    assert "16 Februari 2026" in rows["evaluasi-kinerja"] and "Sekretaris Dinas" in rows["evaluasi-kinerja"]
    assert rows["evaluasi-kinerja"].endswith("<td>1</td>")
    assert "belum pernah dipantau" in rows["perencanaan-kinerja"] and rows["perencanaan-kinerja"].endswith("<td>0</td>")
    overdue = page.split("## Belum dipantau dalam 6 bulan terakhir")[1].split("## Semua pemantauan")[0]
    assert "sejak 25 Mei 2026, yaitu 6 bulan sebelum tanggal acuan 25 November 2026" in overdue
    assert re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a>', overdue) == ["Evaluasi Kinerja", "Perencanaan Kinerja"]
    assert "16 Februari 2026" in overdue and "belum pernah" in overdue
    notes = page.split("## Semua pemantauan")[1]
    assert re.findall(r'<tr id="catatan-([a-z0-9-]+)">', notes) == [  # newest first
        "pelaporan-kinerja-triwulan-2026-07-15", "evaluasi-kinerja-2026-02-16"]
    assert "Mulai Triwulan III, perintah pengumpulan data" in notes
    assert "<code>records/2026/pemantauan/evaluasi-kinerja-2026-02-16.yaml</code>" in notes


def test_monitoring_follows_progress_in_the_navigation(site: Site) -> None:
    titles = [next(iter(entry)) for entry in navigation(site, [])]
    assert titles[titles.index("Progres") + 1] == "Pemantauan SOP"
    assert {"Pemantauan SOP": urls.MONITORING} in navigation(site, [])


def test_hostile_monitoring_text_is_escaped() -> None:
    from generator.loading import load_data

    data = load_data(FIXTURES / "teks-berbahaya", REFERENCE)
    assert data.manual is not None and len(data.monitoring) == 1, [p.format() for p in data.problems]
    pages = generated_pages(Site(data.manual, data.records, REFERENCE, monitoring=tuple(data.monitoring)))
    section = pages["sop/sop-berbahaya.md"].split("## Pemantauan Terakhir")[1].split("## Riwayat Revisi")[0]
    for path, body in (("sop/sop-berbahaya.md", section), (urls.MONITORING, pages[urls.MONITORING])):
        for markup in ("<script", "<img", "<svg", "<b>catatan", "<em>coba", "{: .kelas", "](javascript", "`kode`"):
            assert markup not in body, (path, markup)
        shown = html.unescape(body)
        for n in (181, 182, 183, 184):  # shown as text, whole
            assert f'</title><script>alert("{n}")</script> "><img src=x onerror=alert({n})>' in shown, (path, n)


def test_large_units_stay_out_of_the_navigation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(FIXTURES.parent.parent / "bench"))
    from corpus import write_corpus  # the benchmark's synthetic regency data

    write_corpus(tmp_path, units=3, sops_per_unit=22)
    manual, problems = load_manual(tmp_path)
    assert manual is not None, problems
    site = Site(manual, [], REFERENCE)
    nav = navigation(site, [])
    # agency, then its page and units: a unit page, not 22 SOP entries
    assert nav[1]["SOP"][0] == {"OPD 0": [{"Tentang OPD 0": "instansi/opd-00.md"},
                                          {"Unit Kerja 0": "unit/opd-00/unit-00.md"}, {"Unit Kerja 1": "unit/opd-00/unit-01.md"}]}
    pages = generated_pages(site)
    home = pages["index.md"]
    assert home.count("unit/opd-0") == 3 and "sop/sop-00-001/" not in home  # 66 SOPs: home lists units
    unit = html.unescape(pages["unit/opd-00/unit-01.md"])
    assert unit.count('<tr><td><a href="../../../sop/sop-01-') == 22


def test_a_large_manual_prints_one_book_per_unit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(FIXTURES.parent.parent / "bench"))
    from corpus import write_corpus

    from generator.render.pages.print import print_books

    write_corpus(tmp_path, units=3, sops_per_unit=22)
    manual, _ = load_manual(tmp_path)
    assert manual is not None
    assert print_books(manual) == [(f"opd-0{i // 2}/unit-0{i}", f"manual-sop--opd-0{i // 2}--unit-0{i}.pdf") for i in range(3)]
    pages = generated_pages(Site(manual, [], REFERENCE))
    assert pages["cetak/opd-00/unit-01.md"].count("sop-cetak-sop") == 22
    assert "cetak/opd-01/unit-02.md" in pages and "opd-01/unit-02/" in pages["cetak/index.md"]


def test_the_shipped_manual_is_one_printed_book(site: Site, raw_pages: dict[str, str]) -> None:
    from generator.render.pages.print import print_books

    assert print_books(site.manual) == [(None, "manual-sop.pdf")]
    assert raw_pages["cetak/index.md"].count("sop-cetak-sop") == 3


def test_a_step_far_over_its_standard_is_flagged(repo_copy) -> None:  # type: ignore[no-untyped-def]
    """Step 3 of the 2025-TW3 report took two working days against 300 minutes: more than twice its Mutu Baku."""
    from generator.loading import load_all
    from tests.conftest import edit

    edit(repo_copy, "records/2025/TW3/pelaporan-kinerja-triwulan.yaml", "    selesai: 2025-09-02 13:30", "    selesai: 2025-09-03 15:30")
    manual, records, problems = load_all(repo_copy, REFERENCE)
    assert manual is not None, [p.format() for p in problems]
    page = html.unescape(generated_pages(Site(manual, records, REFERENCE))["progres/2025/tw3/pelaporan-kinerja-triwulan.md"])
    row3 = next(line for line in page.splitlines() if '<td class="sop-no">3</td>' in line)
    assert "lebih dari 2× waktu baku" in row3
    row1 = next(line for line in page.splitlines() if '<td class="sop-no">1</td>' in line)
    assert "melebihi" not in row1 and "2×" not in row1


def test_a_running_record_says_what_comes_next_and_lists_every_step(pages: dict[str, str]) -> None:
    page = pages["progres/2026/tahunan/perencanaan-kinerja.md"]
    box = page.split('class="admonition tip sop-berikutnya">')[1].split("</div>")[0]
    assert "Sedang dikerjakan" in box and "Langkah 3</a>: Mengesahkan Renstra" in box and "Pelaksana: <strong>Ka SKPD</strong>" in box
    plan = page.split("## Semua langkah")[1].split("</table>")[0]
    states = re.findall(r'sop-plan__state--(\w+)">', plan)
    assert states == ["selesai", "selesai", "berjalan"] + ["belum"] * 5  # all eight steps of its version
    finished = pages["progres/2025/tw3/pelaporan-kinerja-triwulan.md"]
    assert "sop-berikutnya" not in finished  # the procedure ended: nothing comes next


def task_rows(page: str) -> list[str]:
    """The rows of a role page's "Tugas saya" table."""
    table = page.split("## Tugas saya")[1].split("</table>")[0]
    return re.findall(r"<tr[^>]*>.*?</tr>", table.split("<tbody>")[1])


def test_role_page_lists_its_open_steps_overdue_first(raw_pages: dict[str, str]) -> None:
    """The head of the agency (column "Kadis", and "Ka SKPD" by `sama_dengan`) on 25 November 2026."""
    page = raw_pages[urls.role_page("kadis")]
    assert page.index("## Tugas saya") < page.index("## Evaluasi Kinerja")  # first thing under the title
    assert '<div class="sop-table-wrap">\n<table class="sop-form sop-tasks">' in page  # scrolls sideways on a phone
    rows = [html.unescape(row) for row in task_rows(page)]
    assert len(rows) == 3
    overdue, fourth, planning = rows
    # The missing second quarter: no record yet, so the link goes to step 1 on the SOP page.
    assert 'href="../../sop/pelaporan-kinerja-triwulan/#langkah-1"' in overdue and "Triwulan II 2026" in overdue
    assert "<strong>1.</strong> Memerintahkan Kasubag" in overdue and ">belum<" in overdue
    assert '<td>30 Juni 2026<br><span class="sop-status sop-status--terlambat">terlambat</span></td>' in overdue
    assert 'class="sop-tasks--terlambat"' in overdue
    assert "Triwulan IV 2026" in fourth and "terlambat" not in fourth and "31 Desember 2026" in fourth
    # Step 3 names "Ka SKPD", the same office: it is on this page, linked to its record.
    assert 'href="../../progres/2026/tahunan/perencanaan-kinerja/"' in planning
    assert "<strong>3.</strong> Mengesahkan Renstra" in planning and ">berjalan<" in planning


def test_role_page_without_open_steps_says_so(pages: dict[str, str]) -> None:
    page = pages[urls.role_page("kabid")]
    assert "## Tugas saya" in page and "Tidak ada tugas terbuka." in page
    assert "sop-tasks" not in page


def test_quarter_page_names_the_next_step_of_each_running_period(pages: dict[str, str]) -> None:
    page = pages[urls.quarter_page(2026, 4)]
    assert "<th>Langkah berikutnya</th>" in page
    row = page.split('<tr id="perencanaan-kinerja">')[1].split("</tr>")[0]
    cell = row.split('<td class="sop-next">')[1].split("</td>")[0]
    assert cell == '<strong>3.</strong> Mengesahkan Renstra<br><span class="sop-note">Ka SKPD · sedang dikerjakan</span>'
    not_started = page.split('<tr id="evaluasi-kinerja">')[1].split("</tr>")[0]
    assert '<td class="sop-next"></td>' in not_started  # nothing begun: the status says so
    finished = pages[urls.quarter_page(2025, 3)].split('<tr id="pelaporan-kinerja-triwulan">')[1].split("</tr>")[0]
    assert '<td class="sop-next"></td>' in finished


@pytest.mark.parametrize("directory_urls", [True, False])
def test_record_page_links_its_attachment(site: Site, directory_urls: bool) -> None:
    """The link resolves, from the page's own address, to where the site copies the attachment (its repository path)."""
    import posixpath

    from generator.render.site import attachments

    page = generated_pages(site, directory_urls)[urls.record_page(2025, "TW3", "pelaporan-kinerja-triwulan")]
    documents = page.split("## Dokumen yang dihasilkan")[1].split("\n## ")[0]
    (href,) = re.findall(r'<a href="([^"]+)">Buka berkas</a>', documents)
    here = urls.Linker(directory_urls).url(urls.record_page(2025, "TW3", "pelaporan-kinerja-triwulan"))
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href))  # as a browser resolves it
    assert target == "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf"
    assert target in attachments(site)
    assert documents.count("Buka") == 1  # the order without a file has no link


def hostile_running_site() -> Site:
    """The hostile manual with its 2024-TW1 record cut after step 1: step 2 (payload 121) comes next."""
    from dataclasses import replace

    from generator.loading import load_all

    manual, records, problems = load_all(FIXTURES / "teks-berbahaya", REFERENCE)
    assert manual is not None, [p.format() for p in problems]
    (record,) = records
    running = replace(record, spec=record.spec.model_copy(update={"executions": record.spec.executions[:1]}))
    return Site(manual, [running], REFERENCE)


def test_next_steps_of_hostile_text_are_escaped_and_shortened() -> None:
    pages = generated_pages(hostile_running_site())
    quarter = pages[urls.quarter_page(2024, 1)]
    cell = quarter.split('<td class="sop-next">')[1].split("</td>")[0]
    assert cell.startswith("<strong>2.</strong> Periksa &#60;b&#62;&#34;konsep&#34;&#60;/b&#62;")
    assert "…<br>" in cell and len(html.unescape(cell.split("<br>")[0])) < 80  # cut short: the record page has it whole
    role = pages[urls.role_page("penerima")]
    rows = task_rows(role)
    assert 'href="../../progres/2024/tw1/sop-berbahaya/"' in rows[0] and "Triwulan I 2024" in rows[0]  # overdue since 2024
    for page in (cell, role, pages[urls.role_page("pengirim")]):
        assert "<script" not in page and "<img" not in page and "<svg" not in page and "<b>" not in page
    assert 'alert(121)' in html.unescape(rows[0])  # shown, as text
    record = pages[urls.record_page(2024, "TW1", "sop-berbahaya")]
    link = record.split("## Dokumen yang dihasilkan")[1].split("\n## ")[0]
    assert '<a href="https://example.invalid/&lt;script&gt;&#34;&gt;&lt;img src=x onerror=alert(177)&gt;">Buka tautan</a>' in link


# Lifecycle: the fixture revokes `permintaan-data-lama` from 1 July 2026 and replaces it by `permintaan-data`.
OLD, NEW = "permintaan-data-lama", "permintaan-data"
OLD_NAME, NEW_NAME = "Pelayanan Permintaan Data Kinerja", "Pelayanan Permintaan Data Kinerja dan Evaluasi"
UNIT = "unit/diskominfo/program-data.md"


def lifecycle_pages(root: Path, today: date = REFERENCE) -> tuple[Site, dict[str, str]]:
    manual, records, problems = load_all(root, today)
    assert manual is not None, [p.format() for p in errors_only(problems)]
    site = Site(manual, records, today)
    return site, {path: html.unescape(page) for path, page in generated_pages(site).items()}


@pytest.fixture(scope="module")
def revoked_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, str]]:
    return lifecycle_pages(with_revoked_sop(tmp_path_factory.mktemp("dicabut") / "data"))


def section(page: str, heading: str) -> str:
    """The text under a `## heading`, up to the next one."""
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_revoked_sop_leaves_the_active_lists_of_home_agency_and_unit(revoked_site: tuple[Site, dict[str, str]]) -> None:
    _, pages = revoked_site
    unit = pages[UNIT]
    active, revoked = unit.split("\n## SOP yang dicabut\n")
    assert "1 SOP berlaku, 1 dicabut" in active
    assert f'<a href="../../../sop/{NEW}/">{NEW_NAME}</a>' in active and f"sop/{OLD}/" not in active
    assert (f'<tr><td><a href="../../../sop/{OLD}/">{OLD_NAME}</a></td><td>1 Juli 2026</td>'
            f'<td><a href="../../../sop/{NEW}/">{NEW_NAME}</a></td></tr>') in revoked
    agency = pages["instansi/diskominfo.md"]
    assert "Diskominfo · 4 SOP</p>" in agency  # 3 shipped + the replacement
    assert '<td><a href="../../unit/diskominfo/program-data/">Sub Bagian Program dan Data</a></td><td>1</td>' in agency
    listed = section(agency, "SOP yang dicabut")
    assert f'<a href="../../sop/{OLD}/">{OLD_NAME}</a></td><td>1 Juli 2026</td><td><a href="../../sop/{NEW}/">' in listed
    home = pages["index.md"]
    assert "4 Standar Operasional Prosedur" in home and "4 SOP</span>" in home
    assert f"sop/{NEW}/" in home and f"sop/{OLD}/" not in home


def test_a_revoked_sop_leaves_the_navigation_and_the_printed_book(revoked_site: tuple[Site, dict[str, str]]) -> None:
    site, pages = revoked_site
    (diskominfo,) = navigation(site, [])[1]["SOP"]
    units = diskominfo["Diskominfo"]
    assert {"Sub Bagian Program dan Data": [{"Daftar SOP unit": UNIT}, {NEW_NAME: f"sop/{NEW}.md"}]} in units
    book = pages["cetak/index.md"]
    assert book.count("sop-cetak-sop") == 4 and f"#{NEW}" in book and f"#{OLD}" not in book
    assert f"sop/{OLD}.md" in pages  # its page stays


def test_the_revoked_sop_page_says_so_and_links_the_replacement(revoked_site: tuple[Site, dict[str, str]]) -> None:
    _, pages = revoked_site
    page = pages[f"sop/{OLD}.md"]
    top = page.split("## Identitas SOP")[0]
    assert '<p class="admonition-title">SOP ini dicabut sejak 1 Juli 2026</p>' in top
    assert f'<p>Diganti oleh <a href="../{NEW}/">SOP {NEW_NAME}</a>.</p>' in top
    assert "dicabut" not in pages[f"sop/{NEW}.md"].split("## Identitas SOP")[0]


def test_records_of_a_revoked_sop_keep_their_pages(revoked_site: tuple[Site, dict[str, str]]) -> None:
    _, pages = revoked_site
    assert urls.record_page(2026, "TW2", OLD) in pages and urls.record_page(2026, "TW3", OLD) not in pages
    quarter = pages[urls.quarter_page(2026, 3)]
    assert f'<tr id="{NEW}">' in quarter and f'<tr id="{OLD}">' not in quarter


def test_reference_pages_mark_a_revoked_sop(revoked_site: tuple[Site, dict[str, str]]) -> None:
    _, pages = revoked_site
    role = pages[urls.role_page("staf")]
    assert f"\n## {OLD_NAME} (dicabut)\n" in role and f"\n## {NEW_NAME}\n" in role
    document = pages[urls.document_page("lkj")]
    assert f">{OLD_NAME}</a> (dicabut)</li>" in document and f">{NEW_NAME}</a></li>" in document
    assert f"<tr><td>{OLD_NAME} (dicabut)</td>" in section(document, "Langkah yang menyebut dokumen ini")
    basis = pages[urls.LEGAL_BASES].split("{ #perpres-29-2014 }")[1].split("\n## ")[0]
    assert f">{OLD_NAME}</a> (dicabut)</li>" in basis and f">{NEW_NAME}</a></li>" in basis
    qualifications = pages[urls.QUALIFICATIONS]
    assert f"\n### {OLD_NAME} (dicabut)\n" in qualifications


def test_a_revocation_still_to_come_is_announced_and_the_sop_stays_active(revoked_root: Path) -> None:
    edit(revoked_root, OLD_SOP, "tanggal_dicabut: 2026-07-01", "tanggal_dicabut: 2026-12-15")
    site, pages = lifecycle_pages(revoked_root)
    top = pages[f"sop/{OLD}.md"].split("## Identitas SOP")[0]
    assert '<p class="admonition-title">SOP ini akan dicabut mulai 15 Desember 2026</p>' in top
    assert f'Diganti oleh <a href="../{NEW}/">SOP {NEW_NAME}</a>' in top and "dicabut sejak" not in top
    assert "SOP yang dicabut" not in pages[UNIT] and f"sop/{OLD}/" in pages[UNIT] and "2 SOP" in pages[UNIT]
    assert f"sop/{OLD}/" in pages["index.md"] and pages["cetak/index.md"].count("sop-cetak-sop") == 5


def test_hostile_names_in_the_revocation_lists_and_notice_are_escaped(revoked_root: Path) -> None:
    hostile = 'Data <script>alert(1)</script> *x* [y](javascript:z) & "q"'
    edit(revoked_root, NEW_SOP, f"nama: {NEW_NAME}", f"nama: '{hostile}'")
    manual, records, problems = load_all(revoked_root, REFERENCE)
    assert manual is not None, [p.format() for p in errors_only(problems)]
    raw = generated_pages(Site(manual, records, REFERENCE))
    for path in (UNIT, "instansi/diskominfo.md", f"sop/{OLD}.md"):
        page = raw[path]
        assert "<script" not in page and "](javascript" not in page and "*x*" not in page, path
        assert hostile in html.unescape(page), path


def test_review_notes_on_the_sop_page_and_the_agency_list(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/_pemerintah.yaml", "tinjau_setiap_tahun: 5", "tinjau_setiap_tahun: 3")
    _, pages = lifecycle_pages(repo_copy)
    assert ("<strong>Perlu ditinjau:</strong> versi yang berlaku efektif sejak 1 Mei 2022, lebih dari 3 tahun lalu; "
            "aturan <code>tinjau_setiap_tahun</code> di <code>_pemerintah.yaml</code>") in pages["sop/evaluasi-kinerja.md"]
    listed = section(pages["instansi/diskominfo.md"], "Perlu ditinjau")
    assert "efektif lebih dari 3 tahun sebelum 25 November 2026" in listed
    assert listed.count("<td>1 Mei 2022</td>") == 3 and '<a href="../../sop/evaluasi-kinerja/">Evaluasi Kinerja</a>' in listed


def test_the_shipped_rule_flags_no_sop(pages: dict[str, str]) -> None:
    assert "Perlu ditinjau:" not in pages["sop/evaluasi-kinerja.md"]
    assert section(pages["instansi/diskominfo.md"], "Perlu ditinjau").strip().startswith('<p class="sop-note">Tidak ada:')


def test_a_unit_whose_sops_are_all_revoked_has_no_printed_book(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(FIXTURES.parent.parent / "bench"))
    from corpus import write_corpus

    from generator.render.pages.print import print_books

    write_corpus(tmp_path, units=4, sops_per_unit=22)
    for path in (tmp_path / "sop_defs/opd-01/unit-02").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8") + "status: dicabut\ntanggal_dicabut: 2025-01-01\n", encoding="utf-8")
    manual, problems = load_manual(tmp_path)
    assert manual is not None, [p.format() for p in errors_only(problems)]
    site = Site(manual, [], REFERENCE)
    pages = generated_pages(site)
    revoked = frozenset(s.id for s in manual.sops if s.unit_id == "unit-02")
    assert [key for key, _ in print_books(manual, revoked)] == ["opd-00/unit-00", "opd-00/unit-01", "opd-01/unit-03"]
    assert "cetak/opd-01/unit-02.md" not in pages and "opd-01/unit-02/" not in pages["cetak/index.md"]
    assert "Tidak ada SOP yang berlaku di unit ini." in pages["unit/opd-01/unit-02.md"]


# Forge buttons (render.forge): write a missing record, or edit one, in the forge's web editor.

GITHUB = "https://github.com/dinas/manual-sop"
NEW_RECORD_BUTTON = re.compile(r'<a class="md-button sop-forge sop-layar" href="([^"]+)">Isi rekaman di (\w+)</a>')


def with_forge(site: Site, repo_url: str = GITHUB, **changes: object) -> dict[str, str]:
    from dataclasses import replace

    from generator.render.forge import forge_from_config

    return generated_pages(replace(site, forge=forge_from_config(repo_url), **changes))


def row_of(page: str, anchor: str) -> str:
    return page.split(f'<tr id="{anchor}">')[1].split("</tr>")[0]


def test_without_repo_url_no_page_has_a_forge_button(raw_pages: dict[str, str]) -> None:
    assert [path for path, page in raw_pages.items() if "sop-forge" in page] == []


def test_quarter_page_opens_the_forge_editor_with_the_file_sopgen_new_record_writes(site: Site, repo_copy: Path) -> None:
    import os
    import subprocess
    import sys
    from urllib.parse import parse_qs, urlsplit

    page = with_forge(site)[urls.quarter_page(2026, 2)]
    row = row_of(page, "pelaporan-kinerja-triwulan")
    assert "belum ada" in row
    ((href, name),) = NEW_RECORD_BUTTON.findall(row)
    assert name == "GitHub" and "&amp;value=" in href  # HTML-escaped in the page
    url = urlsplit(html.unescape(href))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{GITHUB}/new/main"
    query = parse_qs(url.query, keep_blank_values=True, strict_parsing=True)
    assert query["filename"] == ["records/2026/TW2/pelaporan-kinerja-triwulan.yaml"]
    written = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--folder", str(repo_copy), "new-record",
         "pelaporan-kinerja-triwulan", "2026-TW2"],
        capture_output=True, text=True, timeout=60, env=os.environ | {"SOPGEN_TANGGAL": REFERENCE.isoformat()},
    )
    assert written.returncode == 0, written.stderr
    expected = (repo_copy / "records/2026/TW2/pelaporan-kinerja-triwulan.yaml").read_text(encoding="utf-8")
    assert query["value"] == [expected]


def test_only_begun_periods_without_a_record_get_the_button(site: Site) -> None:
    pages = with_forge(site)
    buttons = {(y, q): len(NEW_RECORD_BUTTON.findall(pages[urls.quarter_page(y, q)])) for y in (2025, 2026) for q in (1, 2, 3, 4)}
    # 2026: TW2's quarterly report is missing; in TW4 the quarterly report and the annual evaluation have no record.
    assert buttons == {**{(y, q): 0 for y in (2025, 2026) for q in (1, 2, 3, 4)}, (2026, 2): 1, (2026, 4): 2}
    assert "sop-forge" not in row_of(pages[urls.quarter_page(2026, 4)], "perencanaan-kinerja")  # has its record
    early = with_forge(site, today=date(2026, 5, 4))[urls.quarter_page(2026, 4)]
    assert "sop-forge" not in row_of(early, "pelaporan-kinerja-triwulan")  # TW4 has not begun: new-record refuses it
    assert NEW_RECORD_BUTTON.findall(row_of(early, "evaluasi-kinerja"))  # the year's period has


def test_a_record_too_long_for_one_address_opens_the_editor_with_its_name_and_says_so(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from generator.render import forge

    monkeypatch.setattr(forge, "MAX_URL_CHARS", 1000)
    row = row_of(with_forge(site)[urls.quarter_page(2026, 2)], "pelaporan-kinerja-triwulan")
    ((href, _),) = NEW_RECORD_BUTTON.findall(row)
    assert parse_qs(urlsplit(html.unescape(href)).query) == {"filename": ["records/2026/TW2/pelaporan-kinerja-triwulan.yaml"]}
    assert ("terlalu panjang untuk satu tautan, sehingga editor dibuka dengan nama berkas saja; isi awalnya ditulis oleh "
            "<code>sopgen new-record pelaporan-kinerja-triwulan 2026-TW2</code>") in html.unescape(row)


@pytest.mark.parametrize(
    ("repo_url", "name", "edit"),
    [(GITHUB, "GitHub", f"{GITHUB}/edit/main/"),
     ("https://gitlab.pemda.go.id/dinas/manual-sop", "GitLab", "https://gitlab.pemda.go.id/dinas/manual-sop/-/edit/main/"),
     ("https://codeberg.org/dinas/manual-sop", "Gitea", "https://codeberg.org/dinas/manual-sop/_edit/main/")],
)
def test_record_page_edits_its_file_in_the_forge(site: Site, repo_url: str, name: str, edit: str) -> None:
    page = with_forge(site, repo_url)[urls.record_page(2025, "TW3", "pelaporan-kinerja-triwulan")]
    button = f'<a class="md-button sop-forge" href="{edit}records/2025/TW3/pelaporan-kinerja-triwulan.yaml">Sunting rekaman ini di {name}</a>'
    assert button in page


def test_hostile_text_in_a_prefilled_record_stays_inside_its_percent_encoded_address() -> None:
    from urllib.parse import parse_qs, urlsplit

    from generator.render.forge import forge_from_config

    manual, _ = load_manual(FIXTURES / "teks-berbahaya")
    assert manual is not None
    pages = generated_pages(Site(manual, [], REFERENCE, forge=forge_from_config(GITHUB)))
    hrefs = [href for path, page in pages.items() if path.startswith("progres/") for href, _ in NEW_RECORD_BUTTON.findall(page)]
    assert hrefs
    for href in hrefs:
        assert re.fullmatch(r"[A-Za-z0-9%/:._~?=;&-]+", href), href  # nothing a browser or Markdown would read as markup
        text = parse_qs(urlsplit(html.unescape(href)).query)["value"][0]
        assert "<script>" in text or "<svg" in text or "<img" in text  # the payload is there, as text to edit
