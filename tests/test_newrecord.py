"""`sopgen new-record`: the exact template for each cadence, where it goes (an insidental run takes the day's first
free name), multi-role steps and decisions without a question, the cadence check of the command, and that every
template is a record the checker accepts, empty and once filled in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.model import Manual
from generator.commands.cli import main
from generator.records.newrecord import free_record_path, new_record_text, record_path
from generator.records.periods import Period

def guide(day: str, attachments: str) -> str:
    """The comment block every template carries; the example document is dated and filed for this record."""
    return f"""\
# Isi `mulai`, `selesai` (TTTT-BB-HH, atau TTTT-BB-HH JJ:MM) dan `pelaksana` (nama) setiap langkah
# yang sudah dikerjakan; langkah yang `mulai`-nya kosong dianggap belum dimulai.
# Langkah keputusan memerlukan `hasil: ya` atau `hasil: tidak`. Bila hasilnya `tidak`,
# tulis lagi langkah-langkah yang diulang (putaran revisi) sesuai urutannya.
# Dokumen yang dihasilkan dicatat di bawah langkahnya:
#   dokumen:
#     - jenis: lkj            # id dokumen dari katalog dokumen, atau teks bebas
#       judul: ...
#       nomor: ...            # opsional
#       tanggal: {day}
#       berkas: {attachments}/lampiran/nama-berkas.pdf   # opsional
"""
EMPTY = "    mulai:\n    selesai:\n    pelaksana:\n"

QUARTERLY = (
    "# yaml-language-server: $schema=../../../schema/rekaman.schema.json\n"
    "# Rekaman pelaksanaan SOP Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Triwulan,"
    " Triwulan IV 2026.\n"
    + guide("2026-10-01", "records/2026/TW4")
    + "sop: pelaporan-kinerja-triwulan\nperiode: 2026-TW4\npelaksanaan:\n"
    "  # 1. Memerintahkan Kasubag Perencanaan, dan Keuangan untuk mengumpulkan data (Kadis)\n"
    "  - langkah: 1\n" + EMPTY
    + "  # 2. Memerintahkan pelaksana untuk mengumpulkan data (Kasubag)\n  - langkah: 2\n" + EMPTY
    + "  # 3. Mengumpulkan data dan menyerahkan ke Kasubag (Pelaksana)\n  - langkah: 3\n" + EMPTY
    + "  # 4. Menyusun konsep Pelaporan Kinerja Triwulan dan menyerahkan kepada Kepala Bidang (Kasubag)\n"
    "  - langkah: 4\n" + EMPTY
    # the activity is cut at 90 characters, here just after a space
    + "  # 5. Memeriksa konsep Pelaporan Kinerja Triwulan. Jika setuju memberikan paraf dan menyerahkan… (Kabid)\n"
    "  - langkah: 5\n" + EMPTY + "    hasil:        # ya / tidak: Konsep disetujui?\n"
    "  # 6. Konsep Pelaporan Kinerja Triwulan yang telah disetujui dihimpun dari bidang-bidang kemudia… (Kasubag)\n"
    "  - langkah: 6\n" + EMPTY
    + "  # 7. Memeriksa draft akhir Pelaporan Kinerja Triwulan. Jika setuju menandatangani dan menyerahk… (Kadis)\n"
    "  - langkah: 7\n" + EMPTY + "    hasil:        # ya / tidak: Draft akhir disetujui?\n"
)

YEARLY = (
    "# yaml-language-server: $schema=../../../schema/rekaman.schema.json\n"
    "# Rekaman pelaksanaan SOP Evaluasi Kinerja, Tahun 2026.\n"
    + guide("2026-01-01", "records/2026/tahunan")
    + "sop: evaluasi-kinerja\nperiode: 2026\npelaksanaan:\n"
    "  # 1. Mempersiapkan data dan Indikator Kinerja Utama (IKU) BKD yang telah ditetapkan dalam Perja… (Staf)\n"
    "  - langkah: 1\n" + EMPTY
    + "  # 2. Melakukan evaluasi terhadap LKj dari rekomendasi-rekomendasi untuk perencanaan tahun berik…"
    " (Tim Akuntabilitas)\n  - langkah: 2\n" + EMPTY
    + "  # 3. Membuat notulen/ringkasan hasil evaluasi untuk diketahui dan diajukan kepada Kepala Badan"
    " (Tim Akuntabilitas)\n  - langkah: 3\n" + EMPTY
    + "  # 4. Mengetahui dan menandatangani notulen/ringkasan hasil review pengukuran IKU (Ka SKPD)\n"
    "  - langkah: 4\n" + EMPTY
    + "  # 5. Mencetak dan menggandakan notulen/ringkasan hasil review untuk arsip (Staf)\n"
    "  - langkah: 5\n" + EMPTY
)

CASES = [("pelaporan-kinerja-triwulan", Period(2026, 4), "records/2026/TW4/pelaporan-kinerja-triwulan.yaml", QUARTERLY),
         ("evaluasi-kinerja", Period(2026), "records/2026/tahunan/evaluasi-kinerja.yaml", YEARLY)]


@pytest.mark.parametrize(("sop_id", "period", "path", "text"), CASES, ids=["triwulanan", "tahunan"])
def test_exact_path_and_text(manual: Manual, sop_id: str, period: Period, path: str, text: str) -> None:
    sop = manual.sop(sop_id)
    assert sop is not None
    assert record_path(sop, period) == path
    assert new_record_text(manual, sop, period) == text


def fill(text: str, day: str) -> str:
    """What an editor does: every step done on `day` by a named person, every decision `ya`."""
    text = text.replace(EMPTY, f"    mulai: {day} 08:00\n    selesai: {day} 10:00\n    pelaksana: Andi Saputra\n")
    return re.sub(r"    hasil: .*\n", "    hasil: ya\n", text)


@pytest.mark.parametrize(("sop_id", "period", "path", "text"), CASES, ids=["triwulanan", "tahunan"])
def test_the_written_file_is_a_record_that_validates_empty_and_filled(
        repo_copy: Path, manual: Manual, sop_id: str, period: Period, path: str, text: str) -> None:
    target = repo_copy / path
    assert not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    sop = manual.sop(sop_id)
    assert sop is not None
    reference = date(2027, 1, 15)

    target.write_text(new_record_text(manual, sop, period), encoding="utf-8")
    _, records, problems = load_all(repo_copy, reference)
    assert errors_only(problems) == [], [p.format() for p in problems]
    (empty,) = [r for r in records if r.sop.id == sop_id and r.period == period]
    assert empty.started == []  # nothing filled in: no step has started

    target.write_text(fill(new_record_text(manual, sop, period), "2026-11-02"), encoding="utf-8")
    _, records, problems = load_all(repo_copy, reference)
    assert errors_only(problems) == [], [p.format() for p in problems]
    (filled,) = [r for r in records if r.sop.id == sop_id and r.period == period]
    assert [e.step for e in filled.started] == [s.number for s in sop.spec.steps]
    assert all(e.end is not None for e in filled.started)
    assert filled.revision_rounds == 0


RUN_STEP = "    mulai:\n    selesai:\n    pelaksana:\n"
INSIDENTAL_HEAD = (
    "# yaml-language-server: $schema=../../../../schema/rekaman.schema.json\n"
    "# Rekaman pelaksanaan SOP Permohonan Informasi Publik yang dimulai 5 Maret 2026.\n"
    "# `periode` adalah tanggal pelaksanaan dimulai dan sama dengan nama berkas; pelaksanaan kedua\n"
    "# pada hari yang sama disimpan sebagai <tanggal>-2.yaml.\n"
    + guide("2026-03-05", "records/2026/insidental/permohonan-informasi-publik")
    + "sop: permohonan-informasi-publik\nperiode: 2026-03-05\npelaksanaan:\n"
    # a step of two roles names both, in the row's order
    "  # 1. Menerima Permohonan Informasi Publik (Pemohon Informasi / Petugas Pelayanan Informasi dan Dokumentasi)\n"
    "  - langkah: 1\n" + RUN_STEP
    + "  # 2. Memeriksa Kelengkapan Dokumen Persyaratan Pemohon Informasi Publik"
    " (Petugas Pelayanan Informasi dan Dokumentasi)\n"
    "  - langkah: 2\n" + RUN_STEP + "    hasil:        # ya / tidak: Persyaratan lengkap?\n"
)

NEW_CASES = [
    ("penyusunan-daftar-gaji", Period(2026, month=3), "records/2026/B03/penyusunan-daftar-gaji.yaml",
     "# yaml-language-server: $schema=../../../schema/rekaman.schema.json\n"
     "# Rekaman pelaksanaan SOP Penyusunan Daftar Gaji Pegawai, Maret 2026.\n"
     + guide("2026-03-01", "records/2026/B03") + "sop: penyusunan-daftar-gaji\nperiode: 2026-B03\npelaksanaan:\n"),
    ("usul-kenaikan-pangkat", Period(2026, semester=2), "records/2026/S2/usul-kenaikan-pangkat.yaml",
     "# yaml-language-server: $schema=../../../schema/rekaman.schema.json\n"
     "# Rekaman pelaksanaan SOP Usul Kenaikan Pangkat Pegawai Negeri Sipil, Semester II 2026.\n"
     + guide("2026-07-01", "records/2026/S2") + "sop: usul-kenaikan-pangkat\nperiode: 2026-S2\npelaksanaan:\n"),
    ("permohonan-informasi-publik", Period(2026, day=date(2026, 3, 5)),
     "records/2026/insidental/permohonan-informasi-publik/2026-03-05.yaml", INSIDENTAL_HEAD),
]
NEW_IDS = ["bulanan", "semesteran", "insidental"]


@pytest.mark.parametrize(("sop_id", "period", "path", "start"), NEW_CASES, ids=NEW_IDS)
def test_path_and_head_for_the_new_cadences(two_agency_manual: Manual, sop_id: str, period: Period, path: str,
                                            start: str) -> None:
    sop = two_agency_manual.sop(sop_id)
    assert sop is not None
    assert record_path(sop, period) == path
    text = new_record_text(two_agency_manual, sop, period)
    assert text.startswith(start), text[: len(start) + 200]
    assert text.count("  - langkah: ") == len(sop.spec.steps)


def test_a_decision_without_a_question_asks_the_shortened_activity(two_agency_manual: Manual) -> None:
    sop = two_agency_manual.sop("usul-kenaikan-pangkat")
    assert sop is not None
    lines = new_record_text(two_agency_manual, sop, Period(2026, semester=2)).splitlines()
    at = lines.index("  - langkah: 9")
    assert lines[at - 1] == (
        "  # 9. Memeriksa dan memaraf konsep SK Kenaikan Pangkat secara berjenjang. Jika setuju diteruskan…"
        " (Kasubbid / Kabid PPI / Kepala BKPSDM)"
    )
    assert lines[at + 4] == "    hasil:        # ya / tidak: Memeriksa dan memaraf konsep SK Kenaikan Pangkat secara berjenjang. Ji…"


def test_a_second_run_on_one_day_gets_the_next_free_name(two_agencies: Path, two_agency_manual: Manual) -> None:
    sop = two_agency_manual.sop("permohonan-informasi-publik")
    assert sop is not None
    runs = "records/2026/insidental/permohonan-informasi-publik"
    # 4 March 2026 already has two runs (the fixture's); 5 March has none.
    assert free_record_path(two_agencies, sop, Period(2026, day=date(2026, 3, 4))) == f"{runs}/2026-03-04-3.yaml"
    assert free_record_path(two_agencies, sop, Period(2026, day=date(2026, 3, 5))) == f"{runs}/2026-03-05.yaml"
    assert record_path(sop, Period(2026, day=date(2026, 3, 4)), 2) == f"{runs}/2026-03-04-2.yaml"
    monthly = two_agency_manual.sop("penyusunan-daftar-gaji")
    assert monthly is not None
    assert free_record_path(two_agencies, monthly, Period(2026, month=1)) is None  # the record exists: nothing is free
    assert free_record_path(two_agencies, monthly, Period(2026, month=3)) == "records/2026/B03/penyusunan-daftar-gaji.yaml"


@pytest.mark.parametrize(("sop_id", "period", "day"), [
    ("penyusunan-daftar-gaji", Period(2026, month=3), "2026-03-02"),
    ("usul-kenaikan-pangkat", Period(2026, semester=2), "2026-07-01"),
    ("permohonan-informasi-publik", Period(2026, day=date(2026, 3, 4)), "2026-03-04"),  # a third run that day
], ids=NEW_IDS)
def test_new_cadence_templates_validate_empty_and_filled(two_agencies: Path, two_agency_manual: Manual, sop_id: str,
                                                         period: Period, day: str) -> None:
    sop = two_agency_manual.sop(sop_id)
    assert sop is not None
    rel = free_record_path(two_agencies, sop, period)
    assert rel is not None
    target = two_agencies / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    reference = date(2027, 1, 15)

    target.write_text(new_record_text(two_agency_manual, sop, period), encoding="utf-8")
    _, records, problems = load_all(two_agencies, reference)
    assert errors_only(problems) == [], [p.format() for p in problems]
    (empty,) = [r for r in records if r.source == rel]
    assert empty.started == []

    target.write_text(fill(new_record_text(two_agency_manual, sop, period), day), encoding="utf-8")
    _, records, problems = load_all(two_agencies, reference)
    assert errors_only(problems) == [], [p.format() for p in problems]
    (filled,) = [r for r in records if r.source == rel]
    assert [e.step for e in filled.started] == [s.number for s in sop.spec.steps]


@pytest.mark.parametrize(("sop_id", "written", "words"), [
    ("penyusunan-daftar-gaji", "2026-TW1", "berjadwal bulanan; tulis periode seperti `2026-B01`"),
    ("usul-kenaikan-pangkat", "2026-B08", "berjadwal semesteran; tulis periode seperti `2026-S2`"),
    ("permohonan-informasi-publik", "2026-B03", "berjadwal insidental; tulis tanggal pelaksanaan dimulai sebagai periode, misalnya `2026-03-01`"),
    ("evaluasi-kinerja", "2026-05-04", "berjadwal tahunan; tulis periode seperti `2026`"),
    ("pelaporan-kinerja-triwulan", "2026-S2", "berjadwal triwulanan; tulis periode seperti `2026-TW3`"),
])
def test_the_command_refuses_a_period_of_another_cadence(two_agencies: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch, sop_id: str, written: str,
                                                         words: str) -> None:
    monkeypatch.setenv("SOPGEN_TANGGAL", "2026-11-25")  # the data must be valid for the command to reach the check
    assert main(["--folder", str(two_agencies), "new-record", sop_id, written]) == 1
    assert f"sopgen: SOP `{sop_id}` {words}" in capsys.readouterr().err


def test_the_command_refuses_a_period_after_the_revocation(revoked_root: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPGEN_TANGGAL", "2026-11-25")
    assert main(["--folder", str(revoked_root), "new-record", "permintaan-data-lama", "2026-TW4"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sopgen: SOP `permintaan-data-lama` dicabut sejak 1 Juli 2026"), err
    assert "periode 2026-TW4 dimulai 1 Oktober 2026" in err and "SOP pengganti `permintaan-data`" in err
    assert err.rstrip().endswith("berkas rekaman tidak ditulis."), err
    assert not (revoked_root / "records/2026/TW4/permintaan-data-lama.yaml").exists()
    # The replacement takes the period.
    assert main(["--folder", str(revoked_root), "new-record", "permintaan-data", "2026-TW4"]) == 0
    assert (revoked_root / "records/2026/TW4/permintaan-data.yaml").exists()
