"""Kesiapan Evaluasi AKIP: the page an evaluation team reads and prints, per agency and year."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.loading import load_data
from generator.render import urls
from generator.render.site import Site, generated_pages, navigation
from tests.conftest import FIXTURES, REFERENCE, edit

PAGE = urls.readiness_page("diskominfo")
LAST_YEAR = urls.readiness_page("diskominfo", 2025)


@pytest.fixture(scope="module")
def raw_pages(site: Site) -> dict[str, str]:
    return generated_pages(site)


@pytest.fixture(scope="module")
def page(raw_pages: dict[str, str]) -> str:
    """The reference year's page as a reader sees its text."""
    return html.unescape(raw_pages[PAGE])


def section(page: str, heading: str, until: str = "\n## ") -> str:
    start = page.index(heading)
    end = page.find(until, start + len(heading))
    return page[start : end if end != -1 else None]


def text_of(fragment: str) -> str:
    """Tags stripped (inline ones without a space, as they run in the text), spaces folded: what a reader reads."""
    inline = re.sub(r"</?(?:a|span|code|strong)\b[^>]*>", "", fragment)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inline)).strip()


def test_golden_readiness_page(raw_pages: dict[str, str], golden) -> None:  # type: ignore[no-untyped-def]
    golden(f"pages/{PAGE}", raw_pages[PAGE])


def test_the_missing_evidence_for_2026_comes_first_grouped_by_component(page: str) -> None:
    """The issue's "done when": the page lists the missing evidence for 2026 (shipped data)."""
    missing = section(page, "## Bukti yang belum ada tahun 2026")
    assert page.index("## Bukti yang belum ada tahun 2026") < page.index("\n## Ringkasan") < page.index("\n## 1. Perencanaan")
    groups = re.findall(r"^### (.+?) \{", missing, re.M)
    assert groups == ["1. Perencanaan Kinerja", "2. Pengukuran Kinerja", "3. Pelaporan Kinerja",
                      "4. Evaluasi Akuntabilitas Kinerja Internal"]
    planning = text_of(section(missing, "### 1. Perencanaan", "\n### "))
    for name in ("Pedoman Teknis Perencanaan Kinerja", "RPJPD", "Rencana Aksi Kinerja", "Pohon Kinerja", "IKU OPD",
                 "Cascading Kinerja", "Matriks Crosscutting Kinerja", "Sasaran Kinerja Pegawai (SKP)",
                 "Notulen Hasil Evaluasi Kinerja"):
        assert f"Dokumen {name}: tidak ada di Buku Dokumentasi" in planning, name
    # What exists is not listed: the Renstra of 2025 (valid five years), the Renja and PK for 2026, the RKA.
    for name in ("Renstra OPD", "Renja OPD", "Perjanjian Kinerja", "Rencana Kerja dan Anggaran"):
        assert name not in planning, name
    assert "Dokumen Laporan Kinerja (LKj) OPD: tidak ada di Buku Dokumentasi yang bertanggal 2026" in text_of(missing)
    assert "Laporan Kinerja Triwulan:" not in text_of(missing)  # TW I and TW III 2026 are logged
    # The indicator data: one of the five indicators has no 2026 value yet (the SPBE index comes once a year).
    assert "Data target dan realisasi indikator kinerja: 1 dari 5 indikator belum punya realisasi 2026" in planning
    # ... named, and linked to its page, where the editor sees which quarters have values.
    assert ('<li><a href="../indikator/indeks-spbe/">Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE) Kabupaten '
            'Bengkulu Selatan</a>: belum ada realisasi 2026</li>') in missing
    # Once under each component that asks for indicator data, and no other indicator.
    assert missing.count("/indikator/") == missing.count("Data <a") >= 2
    # Each item says which `jenis` to record it with and which criteria ask for it, linked to their rows.
    assert "(dicatat di rekaman dengan jenis: lkj)" in text_of(missing)
    assert ('(dicatat di rekaman dengan <code>jenis: rencana-aksi</code>). Kriteria <a href="#kriteria-1a-5">1a-5</a>, '
            '<a href="#kriteria-1c-2">1c-2</a>, <a href="#kriteria-1c-4">1c-4</a>.') in missing
    assert 'id="kriteria-1a-5"' in page


def test_each_criterion_shows_what_it_needs_what_exists_and_which_sops_implement_it(page: str) -> None:
    row = page.split('<tr id="kriteria-1a-3">')[1].split("</tr>")[0]
    assert "Ada dokumen perencanaan kinerja jangka menengah." in row
    assert '✓ Ada</span> Dokumen <a href="../../../dokumen/renstra/">Renstra OPD</a>' in row
    # The Renstra review of 2025 counts in 2026; the entry links the record's documents and names its period.
    assert "Reviu Rencana Strategis Dinas Komunikasi dan Informatika 2021-2026 (27 Oktober 2025)" in row
    assert '<a href="../../../progres/2025/tahunan/perencanaan-kinerja/#dokumen-yang-dihasilkan">' in row
    assert '✓ Ada</span> SOP <a href="../../../sop/perencanaan-kinerja/">Perencanaan Kinerja</a>' in row
    sops = row.rsplit("<td>", 1)[1]  # the last column
    assert [s for s in re.findall(r'sop/([a-z-]+)/', sops)] == ["perencanaan-kinerja", "evaluasi-kinerja", "pelaporan-kinerja-triwulan"]
    missing = page.split('<tr id="kriteria-3a-1">')[1].split("</tr>")[0]
    assert "✗ Belum ada</span> Dokumen" in missing and "tidak ada di Buku Dokumentasi yang bertanggal 2026" in missing
    unasked = page.split('<tr id="kriteria-1c-7">')[1].split("</tr>")[0]
    assert "dinilai evaluator dari wawancara atau pengamatan" in unasked


def test_the_record_a_found_document_links_has_that_anchor(raw_pages: dict[str, str]) -> None:
    record = raw_pages["progres/2025/tahunan/perencanaan-kinerja.md"]
    assert "\n## Dokumen yang dihasilkan\n" in record  # the heading whose id the links name
    assert "Reviu Rencana Strategis" in record.split("## Dokumen yang dihasilkan")[1]


def test_counts_per_subcomponent_and_component_never_a_score(page: str) -> None:
    summary = text_of(section(page, "## Ringkasan kelengkapan bukti"))
    assert "1. Perencanaan Kinerja 30 27 dari 45 8 dari 24" in summary
    assert "Kualitas: Laporan Kinerja memenuhi standar dan mengungkap keberhasilan, kegagalan dan perbaikannya 4,5 0 dari 12 0 dari 9" in summary
    assert "Semua komponen 55 dari 123 13 dari 72" in summary
    assert "Bobot 6 · 8 dari 11 bukti ada · 3 dari 6 kriteria berbukti lengkap" in page
    assert "Kelengkapan bukti, bukan nilai evaluasi" in page and "bukan nilai: nilai resmi hanya diberikan evaluator" in page
    # Nothing that reads as a score: no percentage, no "nilai" figure, no total of the weights.
    assert "%" not in page
    assert not re.search(r"[Nn]ilai\s*:?\s*\d", page)
    assert ">100<" not in page and "Bobot 100" not in page


def test_the_year_before_has_its_own_page_with_its_own_evidence(raw_pages: dict[str, str], page: str) -> None:
    before = html.unescape(raw_pages[LAST_YEAR])
    assert before.startswith("# Kesiapan Evaluasi AKIP 2025: Dinas Komunikasi dan Informatika")
    lkj = before.split('<tr id="kriteria-3a-1">')[1].split("</tr>")[0]
    assert "✓ Ada" in lkj and "Laporan Kinerja" in lkj  # the LKj dated 8 December 2025
    assert "Data target dan realisasi indikator kinerja" not in section(before, "## Bukti yang belum ada tahun 2025")
    assert '<a href="2025/">Tahun 2025</a>' in page and '<a href="../">Tahun 2026</a>' in before


def test_reached_from_the_agency_page_and_the_navigation(site: Site, raw_pages: dict[str, str]) -> None:
    agency = raw_pages[urls.agency_page("diskominfo")]
    assert '<a href="../../kinerja/diskominfo/kesiapan-evaluasi/">Kesiapan Evaluasi AKIP 2026</a>' in agency
    assert '<a href="kesiapan-evaluasi/">Kesiapan Evaluasi AKIP</a>' in raw_pages[urls.performance_page("diskominfo")]
    (kinerja,) = (entry["Kinerja"] for entry in navigation(site, []) if "Kinerja" in entry)
    assert {"Kesiapan Evaluasi AKIP": PAGE} in kinerja[0]["Diskominfo"]


def test_no_page_without_the_lke_catalogue(site: Site) -> None:
    from dataclasses import replace

    bare = replace(site, lke=None)
    pages = generated_pages(bare)
    assert not any("kesiapan-evaluasi" in path for path in pages)
    assert "Kesiapan Evaluasi" not in pages[urls.agency_page("diskominfo")]
    assert "Kesiapan Evaluasi AKIP" not in str(navigation(bare, []))


def test_a_criterion_text_with_markup_shows_as_text(repo_copy: Path) -> None:
    """The catalogue is editable data: markup in `uraian`, names and `sumber` is text on the page."""
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> *tebal* [t](javascript:alert(3)) {: .kelas }'
    edit(repo_copy, "sop_defs/_lke.yaml", "uraian: Ada pedoman teknis perencanaan kinerja.", f"uraian: '{hostile}'")
    edit(repo_copy, "sop_defs/_lke.yaml", "nama: Perencanaan Kinerja\n", f"nama: '# {hostile}'\n")
    edit(repo_copy, "sop_defs/_lke.yaml", "nama: Dokumen perencanaan kinerja tersedia", f"nama: '{hostile}'")
    data = load_data(repo_copy, REFERENCE)
    assert data.manual is not None and data.lke is not None, [p.format() for p in data.problems]
    site = Site(data.manual, data.records, REFERENCE, performance=data.performance, lke=data.lke)
    raw = generated_pages(site)[PAGE]
    for markup in ("<script", "<img", "](javascript", "*tebal*", "{: .kelas"):
        assert markup not in raw, markup
    shown = html.unescape(raw)
    assert shown.count(hostile) >= 5  # criterion row, missing list and summary, component and subcomponent headings
    assert f"<td>{hostile}</td>" in shown


def test_the_hostile_fixture_has_a_readiness_page_with_its_payloads_as_text() -> None:
    data = load_data(FIXTURES / "teks-berbahaya", REFERENCE)
    assert data.manual is not None and data.lke is not None, [p.format() for p in data.problems]
    site = Site(data.manual, data.records, REFERENCE, performance=data.performance, lke=data.lke)
    raw = generated_pages(site)[urls.readiness_page("instansi-uji")]
    assert "<script" not in raw and "<img" not in raw and "<svg" not in raw and "](javascript" not in raw
    shown = html.unescape(raw)
    for n in (191, 192, 193, 194, 195):
        assert f'</title><script>alert("{n}")</script> "><img src=x onerror=alert({n})>' in shown, n
