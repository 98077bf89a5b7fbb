"""`sopgen new-record`: the exact template for a quarterly and a yearly SOP, where it goes, and that it is a
record the checker accepts, empty and once filled in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.model import Manual
from generator.records.newrecord import new_record_text, record_path
from generator.records.periods import Period

GUIDE = """\
# Isi `mulai`, `selesai` (TTTT-BB-HH, atau TTTT-BB-HH JJ:MM) dan `pelaksana` (nama) setiap langkah
# yang sudah dikerjakan; langkah yang `mulai`-nya kosong dianggap belum dimulai.
# Langkah keputusan memerlukan `hasil: ya` atau `hasil: tidak`. Bila hasilnya `tidak`,
# tulis lagi langkah-langkah yang diulang (putaran revisi) sesuai urutannya.
# Dokumen yang dihasilkan dicatat di bawah langkahnya:
#   dokumen:
#     - jenis: lkj            # id dokumen dari sop_defs/_dokumen.yaml atau teks bebas
#       judul: ...
#       nomor: ...            # opsional
#       tanggal: 2025-10-01
#       berkas: records/<tahun>/<periode>/lampiran/nama-berkas.pdf   # opsional
"""
EMPTY = "    mulai:\n    selesai:\n    pelaksana:\n"

QUARTERLY = (
    "# yaml-language-server: $schema=../../../schema/rekaman.schema.json\n"
    "# Rekaman pelaksanaan SOP Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Triwulan,"
    " Triwulan IV 2026.\n"
    + GUIDE
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
    + GUIDE
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
