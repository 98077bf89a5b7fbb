"""The fixture's second agency (BKPSDM) beside the shipped one: every construct of real SOP forms, on its pages."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.loading import load_all
from generator.manual.model import Manual
from generator.render import urls
from generator.render.site import Site, generated_pages, navigation
from tests.conftest import REFERENCE, with_second_agency

GOLDEN = ("index.md", "instansi/bkpsdm.md", "progres/2026/index.md", "progres/2026/tw1/index.md",
          "progres/2026/insidental/permohonan-informasi-publik/2026-03-04-2.md", "progres/2026/s1/usul-kenaikan-pangkat.md", "sop/permohonan-informasi-publik.md", "sop/penyusunan-daftar-gaji.md",
          "sop/usul-kenaikan-pangkat.md", "jabatan/bkpsdm/kabid.md", "jabatan/bkpsdm/kaban.md", "jabatan/bkpsdm/operator-gaji.md", "dasar-hukum/index.md")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = with_second_agency(tmp_path_factory.mktemp("dua") / "data")
    manual, records, problems = load_all(root, REFERENCE)
    assert manual is not None, [p.format() for p in problems]
    return Site(manual, records, REFERENCE)


@pytest.fixture(scope="module")
def raw(site: Site) -> dict[str, str]:
    return generated_pages(site)


@pytest.fixture(scope="module")
def pages(raw: dict[str, str]) -> dict[str, str]:
    return {path: html.unescape(page) for path, page in raw.items()}


def test_golden_pages_of_two_agencies(raw: dict[str, str], golden) -> None:  # type: ignore[no-untyped-def]
    for path in GOLDEN:
        golden(f"pages-dua-instansi/{path}", raw[path])


def test_each_sop_is_headed_by_its_own_agency_and_head(pages: dict[str, str]) -> None:
    kp, tw = pages["sop/usul-kenaikan-pangkat.md"], pages["sop/pelaporan-kinerja-triwulan.md"]
    header = lambda page: page.split('<td class="sop-header"')[1].split("</td>")[0]  # noqa: E731
    assert "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA" in header(kp)
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in header(tw)
    assert "PEMERINTAH KABUPATEN BENGKULU SELATAN" in header(kp) and "PEMERINTAH KABUPATEN BENGKULU SELATAN" in header(tw)
    assert "HENDRI JUNAIDI, S.Sos., M.Si" in kp and "NIP. 19750312 200003 1 002" in kp
    gaji = pages["sop/penyusunan-daftar-gaji.md"]
    assert "NIP. 19780921 200501 2 003" in gaji  # its own `disahkan_oleh`, not the head


def test_home_lists_agencies_then_units(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert home.index("### Badan Kepegawaian") < home.index("### Dinas Komunikasi")
    bkpsdm = home.split("### Badan Kepegawaian")[1].split("### Dinas")[0]
    assert "unit/bkpsdm/sekretariat/" in bkpsdm and "unit/bkpsdm/pengadaan-pemberhentian-informasi/" in bkpsdm
    assert "unit/bkpsdm/pembinaan-kesejahteraan/" in bkpsdm
    assert "8 Standar Operasional Prosedur" in home and "dari 2 instansi" in home


def test_agency_page_shows_head_units_count_and_progress(pages: dict[str, str]) -> None:
    page = pages["instansi/bkpsdm.md"]
    assert "HENDRI JUNAIDI, S.Sos., M.Si" in page and "5 SOP" in page
    assert "Pengadaan, Pemberhentian dan Informasi" in page
    assert "## Progres 2026" in page and "sop-status--" in page


def test_units_of_the_same_folder_name_stay_apart(pages: dict[str, str], site: Site) -> None:
    assert {u.key for u in site.manual.units} >= {"bkpsdm/sekretariat", "diskominfo/perencanaan-keuangan"}
    assert "sop_defs/bkpsdm/sekretariat/" in pages[urls.unit_page("bkpsdm/sekretariat")]


def test_row_with_several_roles_marks_each_column(pages: dict[str, str]) -> None:
    page = pages["sop/usul-kenaikan-pangkat.md"]
    row9 = page.split('<tr id="langkah-9">')[1].split("</tr>")[0]
    cells = re.findall(r'<td class="sop-actor[^"]*">(.*?)</td>', row9)
    assert [bool(c) for c in cells] == [False, False, True, True, True, False, False]
    assert row9.count("Keputusan oleh") == 3


def test_empty_cells_and_untimed_steps(pages: dict[str, str]) -> None:
    page = pages["sop/permohonan-informasi-publik.md"]
    row = page.split('<tr id="langkah-10">')[1].split("</tr>")[0]
    assert re.findall(r"<td>–</td>|<td class=\"sop-time\">–</td>", row)
    kp = pages["sop/usul-kenaikan-pangkat.md"]
    assert "Tentatif sesuai peraturan" in kp
    assert "+ 3 langkah tanpa waktu baku" in kp.split("Jumlah waktu baku")[1].split("</tr>")[0]
    total = page.split("Jumlah waktu baku")[1].split("</tr>")[0]  # "1-2 hari" in step 6: a range
    assert re.search(r"<strong>[^<]+ – [^<]+ \([0-9.]+–[0-9.]+ menit kerja\)", total), total


def test_text_or_list_fields_are_shown_as_written(pages: dict[str, str]) -> None:
    kp = pages["sop/usul-kenaikan-pangkat.md"]
    lists = kp.split('<table class="sop-form sop-identity-lists">')[1].split("</table>")[0]
    # qualifications written as one text; records as a list
    assert "<td>Memahami peraturan perundang-undangan" in lists
    assert "<ol><li>Buku kendali usulan kenaikan pangkat</li>" in lists


def test_outside_reference_is_plain_text(pages: dict[str, str]) -> None:
    page = pages["sop/permohonan-informasi-publik.md"]
    assert "<li>SOP Surat Masuk/Keluar</li>" in page


def test_revoked_rule_is_flagged_on_the_sop_and_in_the_register(pages: dict[str, str]) -> None:
    assert "Dasar hukum sudah dicabut" in pages["sop/usul-kenaikan-pangkat.md"]
    register = pages["dasar-hukum/index.md"]
    uu = register.split("{ #bkpsdm--uu-5-2014 }")[1].split("\n## ")[0]
    assert "Dicabut" in uu and "Undang-Undang Nomor 20 Tahun 2023" in uu and "Katalog BKPSDM" in uu


def test_local_and_twin_roles_have_their_own_pages(pages: dict[str, str]) -> None:
    assert "Kabid PPI" in pages["jabatan/bkpsdm/kabid.md"] and "Kabid PPI" not in pages["jabatan/kabid.md"]
    assert "Jabatan bersama" in pages["jabatan/kabid.md"] and "Jabatan BKPSDM" in pages["jabatan/bkpsdm/kabid.md"]
    kaban = pages["jabatan/bkpsdm/kaban.md"]
    assert "juga <strong>Kepala BKPSDM</strong>" in kaban
    assert "Usul Kenaikan Pangkat" in kaban and "Penyusunan Daftar Gaji" in kaban
    assert "jabatan/bkpsdm/kepala-bkpsdm.md" not in pages


def test_a_shared_roles_tasks_name_their_agency(pages: dict[str, str]) -> None:
    """Kadis is a shared role: its open steps could be any agency's, so each names it; an agency's own role need not."""
    shared = pages[urls.role_page("kadis")].split("## Tugas saya")[1].split("</table>")[0]
    assert shared.count("(Diskominfo)") == 3
    own = pages[urls.role_page("bkpsdm/pengelola-gaji")].split("## Tugas saya")[1].split("</table>")[0]
    assert "(BKPSDM)" not in own and own.count("sop-tasks--terlambat") == 20  # every month without a payroll record
    periods = re.findall(r'</a><br><span class="sop-note">([^<]+)</span></td>', own)
    assert periods[0] == "Januari 2025" and periods[-2:] == ["Oktober 2026", "November 2026"]  # oldest overdue first


def test_an_open_run_is_on_each_actors_page_and_its_quarter(site: Site) -> None:
    """The second request of 4 March, sent back at step 2 and left there: step 1 (applicant and officer) is open."""
    from dataclasses import replace

    source = "records/2026/insidental/permohonan-informasi-publik/2026-03-04-2.yaml"
    records = [replace(r, spec=r.spec.model_copy(update={"executions": r.spec.executions[:2]})) if r.source == source else r
               for r in site.records]
    pages = generated_pages(replace(site, records=records))
    for role in ("bkpsdm/pemohon-informasi", "bkpsdm/petugas-pid"):
        (row,) = re.findall(r"<tr[^>]*>.*?</tr>", pages[urls.role_page(role)].split("## Tugas saya")[1].split("</table>")[0].split("<tbody>")[1])
        assert 'href="../../../progres/2026/insidental/permohonan-informasi-publik/2026-03-04-2/"' in row
        assert "Pelaksanaan 4 Maret 2026 (ke-2)" in row and "<strong>1.</strong> Menerima Permohonan Informasi Publik" in row
        assert "6 Maret 2026" in row and "terlambat" in row
    quarter = html.unescape(pages[urls.quarter_page(2026, 1)])
    runs = quarter.split('<tr id="permohonan-informasi-publik">')[1].split("</tr>")[0]
    assert ('Berikutnya:</span> <strong>1.</strong> Menerima Permohonan Informasi Publik<br><span class="sop-note">'
            "Pemohon Informasi / Petugas Pelayanan Informasi dan Dokumentasi · menunggu dikerjakan</span>") in runs
    assert runs.count("Berikutnya:") == 1  # the first request of the day is finished


def test_navigation_groups_by_agency(site: Site) -> None:
    nav = navigation(site, [])
    agencies = [next(iter(entry)) for entry in nav[1]["SOP"]]
    assert agencies == ["BKPSDM", "Diskominfo"]
    roles = next(entry["Jabatan"] for entry in nav if "Jabatan" in entry)
    assert roles[0] == urls.ROLES and {"Kabid PPI": "jabatan/bkpsdm/kabid.md"} in roles[-1]["BKPSDM"]


def test_forty_agencies_of_fifty_sops_keep_a_pruned_navigation(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import write_corpus

    from generator.manual.load import load_manual

    write_corpus(tmp_path, units=80, sops_per_unit=25, units_per_agency=2)
    manual, problems = load_manual(tmp_path, warnings=False)
    assert manual is not None and len(manual.agencies) == 40 and len(manual.sops) == 2000
    nav = navigation(Site(manual, [], REFERENCE), [])
    sop_section = nav[1]["SOP"]
    assert len(sop_section) == 40
    # every unit has more than 15 SOPs: listed as one page each, never 2,000 entries on every page
    entries = sum(len(agency_entries) for entry in sop_section for agency_entries in entry.values())
    assert entries == 40 + 80


def test_the_fixture_validates_with_its_warnings_only(tmp_path: Path) -> None:
    root = with_second_agency(tmp_path / "data")
    manual, records, problems = load_all(root, REFERENCE)
    assert manual is not None and all(p.severity.value == "peringatan" for p in problems), [p.format() for p in problems]
    assert isinstance(manual, Manual) and len(manual.agencies) == 2


def test_insidental_runs_are_counted_per_quarter_with_links(pages: dict[str, str]) -> None:
    quarter = pages[urls.quarter_page(2026, 1)]
    row = quarter.split('<tr id="permohonan-informasi-publik">')[1].split("</tr>")[0]
    assert "<td>2</td><td>2</td><td>1</td><td>0</td><td>0</td>" in row  # runs, done, on time, late, running
    assert '<a href="../insidental/permohonan-informasi-publik/2026-03-04/">4 Maret 2026</a> <span class="sop-status sop-status--selesai">' in row
    assert '<a href="../insidental/permohonan-informasi-publik/2026-03-04-2/">4 Maret 2026 (ke-2)</a> <span class="sop-status sop-status--selesai-terlambat">' in row
    year = pages[urls.year_page(2026)]
    assert '<a href="tw1/#permohonan-informasi-publik">2 pelaksanaan</a><br><span class="sop-note">2 selesai (1 tepat waktu)</span>' in year


def test_months_and_semesters_on_the_progress_pages(pages: dict[str, str]) -> None:
    quarter = pages[urls.quarter_page(2026, 1)]
    assert '<tr id="penyusunan-daftar-gaji--b02">' in quarter and "<td>Februari 2026</td>" in quarter
    year = pages[urls.year_page(2026)]
    assert '<td colspan="2" class="sop-matrix__year"><a class="sop-status sop-status--selesai" href="s1/usul-kenaikan-pangkat/">Semester I: selesai</a>' in year
    assert '<a class="sop-status sop-status--terlambat" href="tw1/#penyusunan-daftar-gaji--b03">Maret: terlambat</a>' in year


def test_a_run_is_due_its_standard_total_after_it_starts(pages: dict[str, str]) -> None:
    run = pages["progres/2026/insidental/permohonan-informasi-publik/2026-03-04-2.md"]
    assert "# Permohonan Informasi Publik: Pelaksanaan 4 Maret 2026 (ke-2)" in run and "Batas waktu: 6 Maret 2026" in run


def test_a_step_without_standard_time_is_never_overrun(pages: dict[str, str]) -> None:
    semester = pages["progres/2026/s1/usul-kenaikan-pangkat.md"]
    tentatif = next(line for line in semester.splitlines() if line.startswith('<tr><td class="sop-no">5</td>'))
    assert '<td>–<br><span class="sop-note">Tentatif sesuai peraturan</span></td>' in tentatif and "melebihi" not in tentatif


def test_sub_unit_shows_under_the_unit_in_the_identity_block(pages: dict[str, str]) -> None:
    gaji = pages["sop/penyusunan-daftar-gaji.md"]
    unit_cell = gaji.split('<td class="sop-unit">')[1].split("</td>")[0]
    assert unit_cell.startswith("<strong>SEKERTARIAT</strong><br>SUB BAGIAN KEUANGAN"), unit_cell
