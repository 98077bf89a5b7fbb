"""Record files: each kind of error names the file, the line and the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.records.periods import Period
from tests.conftest import REFERENCE, edit

TW3 = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
PLAN = "records/2025/tahunan/perencanaan-kinerja.yaml"
# The second agency's fixture (tests/fixtures/instansi-kedua): the records of a monthly, a semester and an insidental SOP.
GAJI = "records/2026/B01/penyusunan-daftar-gaji.yaml"
PANGKAT = "records/2026/S1/usul-kenaikan-pangkat.yaml"
RUNS = "records/2026/insidental/permohonan-informasi-publik"
RUN = f"{RUNS}/2026-03-04.yaml"
RUN2 = f"{RUNS}/2026-03-04-2.yaml"


def errors(root: Path) -> list[str]:
    manual, _, problems = load_all(root, REFERENCE)
    found = errors_only(problems)
    assert manual is None and found
    return [p.format() for p in found]


def test_shipped_records_are_valid(site) -> None:  # type: ignore[no-untyped-def]
    assert len(site.records) == 9
    assert all(r.spec.example for r in site.records)


# (file, old, new, key, words in message[, text of the line the error points at, when not the first line of `new`])
CASES = [
    (TW3, "sop: pelaporan-kinerja-triwulan", "sop: pelaporan-triwulan", "[sop]", "tidak ada di sop_defs/"),
    (TW3, "periode: 2025-TW3", "periode: 2025", "[periode]",
     "SOP `pelaporan-kinerja-triwulan` dilaksanakan setiap triwulan: tulis periode seperti `2025-TW1` dan simpan di records/2025/TW1/"),
    (TW3, "periode: 2025-TW3", "periode: 2025-B08", "[periode]",
     "dilaksanakan setiap triwulan: tulis periode seperti `2025-TW3` dan simpan di records/2025/TW3/"),
    (TW3, "periode: 2025-TW3", "periode: 2025-TW2", "[periode]", "harus disimpan di records/2025/TW2/"),
    (TW3, "periode: 2025-TW3", "periode: 2025-Q3", "[periode]", "periode `2025-Q3` tidak sah: tulis `2025-B03` (bulanan)"),
    (PLAN, "periode: 2025", "periode: 2025-TW4", "[periode]",
     "SOP `perencanaan-kinerja` dilaksanakan setiap tahun: tulis periode seperti `2025` dan simpan di records/2025/tahunan/"),
    (PLAN, "periode: 2025", "periode: 2025-10-06", "[periode]", "dilaksanakan setiap tahun: tulis periode seperti `2025`"),
    (TW3, "    selesai: 2025-09-02 13:30", "    selesai: 2025-09-01 13:30", "[pelaksanaan ke-3 › selesai]", "lebih awal dari `mulai`"),
    (TW3, "  - langkah: 3\n", "  - langkah: 4\n", "[pelaksanaan ke-3 › langkah]", "diharapkan langkah 3"),
    (TW3, "  - langkah: 2\n", "  - langkah: 9\n", "[pelaksanaan ke-2 › langkah]", "langkah 9 tidak ada"),
    (TW3, "    hasil: tidak\n", "", "[pelaksanaan ke-5]", "isi `hasil: ya` atau `hasil: tidak`", "  - langkah: 5"),
    (TW3, "    selesai: 2025-09-02 13:30\n", "    selesai: 2025-09-02 13:30\n    hasil: ya\n", "[pelaksanaan ke-3 › hasil]", "bukan langkah keputusan", "    hasil: ya"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: records/2025/TW3/lampiran/tidak-ada.pdf", "› berkas]", "tidak ada di repositori"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: ../../etc/passwd", "› berkas]", "tanpa `..`"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: /etc/passwd", "› berkas]", "relatif"),
    (TW3, "    mulai: 2025-09-02 08:00", "    mulai: 2025-09-02 25:00", "[pelaksanaan ke-3 › mulai]", "tidak ada"),
    (TW3, "contoh: true", "contoh: true\nstatus: dibatalkan", "[status]", "`alasan`", "status: dibatalkan"),
    (TW3, "    pelaksana: Andi Saputra", "    pelaksanaa: Andi Saputra", "[pelaksanaan ke-3 › pelaksanaa]", "maksud Anda `pelaksana`"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), [(*c, None)[:6] for c in CASES],
                         ids=[c[4][:28] for c in CASES])
def test_each_record_error_is_located(repo_copy: Path, rel: str, old: str, new: str, key: str, words: str,
                                      at: str | None) -> None:
    """The error points at the first line of `new`, or at the first line that reads exactly `at`."""
    line = edit(repo_copy, rel, old, new)
    if at is not None:
        line = (repo_copy / rel).read_text(encoding="utf-8").splitlines().index(at) + 1
    messages = errors(repo_copy)
    matching = [m for m in messages if key in m and words in m]
    assert matching, messages
    assert matching[0].startswith(f"{rel}:{line}:"), matching[0]


def test_loop_back_after_tidak_is_accepted_and_counted(site) -> None:  # type: ignore[no-untyped-def]
    record = next(r for r in site.records if r.period.code == "2025-TW3")
    assert [e.step for e in record.started] == [1, 2, 3, 4, 5, 4, 5, 6, 7]
    assert record.revision_rounds == 1


def test_record_in_the_wrong_folder(repo_copy: Path) -> None:
    source = repo_copy / TW3
    target = repo_copy / "records/2025/TW2-salah/pelaporan-kinerja-triwulan.yaml"
    target.parent.mkdir()
    source.rename(target)
    messages = errors(repo_copy)
    assert any("harus disimpan di records/2025/TW3/" in m for m in messages), messages


def test_file_name_must_be_the_sop_id(repo_copy: Path) -> None:
    (repo_copy / TW3).rename(repo_copy / "records/2025/TW3/laporan.yaml")
    messages = errors(repo_copy)
    assert any("nama berkas harus `pelaporan-kinerja-triwulan.yaml`" in m for m in messages), messages


def test_planned_steps_must_follow_started_ones(repo_copy: Path) -> None:
    edit(repo_copy, PLAN, "  - langkah: 1\n    mulai: 2025-10-06\n    selesai: 2025-10-17\n", "  - langkah: 1\n    mulai:\n    selesai:\n")
    messages = errors(repo_copy)
    assert any("sebelum langkah yang belum dimulai" in m for m in messages), messages


# Same form as CASES, on the shipped data plus the second agency.
NEW_CASES = [
    (GAJI, "periode: 2026-B01", "periode: 2026-TW1", "[periode]",
     "SOP `penyusunan-daftar-gaji` dilaksanakan setiap bulan: tulis periode seperti `2026-B01` dan simpan di records/2026/B01/"),
    (GAJI, "periode: 2026-B01", "periode: 2026-B03", "[periode]",
     "periode 2026-B03 harus disimpan di records/2026/B03/, bukan records/2026/B01/"),
    (GAJI, "periode: 2026-B01", "periode: 2026-B13", "[periode]", "periode `2026-B13` tidak sah: bulan 13 tidak ada"),
    (PANGKAT, "periode: 2026-S1", "periode: 2026", "[periode]",
     "SOP `usul-kenaikan-pangkat` dilaksanakan setiap semester: tulis periode seperti `2026-S1` dan simpan di records/2026/S1/"),
    (PANGKAT, "periode: 2026-S1", "periode: 2026-S2", "[periode]",
     "periode 2026-S2 harus disimpan di records/2026/S2/, bukan records/2026/S1/"),
    (RUN, "periode: 2026-03-04", "periode: 2026-TW1", "[periode]",
     "SOP `permohonan-informasi-publik` dilaksanakan bila diperlukan (insidental): tulis tanggal pelaksanaan sebagai "
     "periode, seperti `2026-01-01`, dan simpan di records/2026/insidental/permohonan-informasi-publik/2026-01-01.yaml"),
    (RUN, "periode: 2026-03-04", "periode: 2026-03-03", "[periode]",
     "periode 2026-03-03 berbeda dari tanggal pada nama berkas `2026-03-04.yaml`: keduanya adalah tanggal pelaksanaan; "
     "samakan (mis. ganti nama berkas menjadi `2026-03-03.yaml`)"),
    (RUN, "    mulai: 2026-03-04 08:30", "    mulai: 2026-03-03 08:30", "[pelaksanaan ke-1 › mulai]",
     "waktu 3 Maret 2026 08.30 sebelum tanggal pelaksanaan (2026-03-04, tertulis di `periode`)"),
    (RUN2, "    selesai: 2026-03-17 09:40", "    selesai: 2027-03-18 09:40", "[pelaksanaan ke-9 › selesai]",
     "sesudah tanggal acuan 25 November 2026"),
    (RUN2, "    hasil: tidak\n    catatan: Berkas", "    catatan: Berkas", "[pelaksanaan ke-7]", "isi `hasil: ya` atau `hasil: tidak`",
     "  - langkah: 5"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), [(*c, None)[:6] for c in NEW_CASES],
                         ids=[c[4][:40] for c in NEW_CASES])
def test_each_new_cadence_error_is_located(two_agencies: Path, rel: str, old: str, new: str, key: str, words: str,
                                           at: str | None) -> None:
    line = edit(two_agencies, rel, old, new)
    if at is not None:
        line = (two_agencies / rel).read_text(encoding="utf-8").splitlines().index(at) + 1
    messages = errors(two_agencies)
    matching = [m for m in messages if key in m and words in m]
    assert matching, messages
    assert matching[0].startswith(f"{rel}:{line}:"), matching[0]


def line_of(root: Path, rel: str, start: str) -> int:
    return next(i for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


# (record, where it is moved, key, message, line it points at: the line starting with this text, or None for line 1)
MOVES = [
    (RUN, f"{RUNS}/permohonan.yaml", "[periode]",
     "nama berkas rekaman insidental adalah tanggal pelaksanaannya (= periode): `2026-03-04.yaml`, atau "
     "`2026-03-04-2.yaml` untuk pelaksanaan kedua pada hari yang sama; bukan `permohonan.yaml`", "periode:"),
    (RUN2, f"{RUNS}/2026-03-04-1.yaml", "[periode]",
     "nama berkas `2026-03-04-1.yaml` tidak memakai `-1`: pelaksanaan pertama pada suatu hari bernama `2026-03-04.yaml`, "
     "yang kedua `2026-03-04-2.yaml`", "periode:"),
    (RUN, "records/2026/insidental/informasi-publik/2026-03-04.yaml", "[sop]",
     "rekaman SOP `permohonan-informasi-publik` harus berada di folder records/2026/insidental/permohonan-informasi-publik/, "
     "bukan records/2026/insidental/informasi-publik/", "sop:"),
    (RUN, "records/2026/insidental/2026-03-04.yaml", "[periode]",
     "rekaman insidental periode 2026-03-04 harus disimpan di "
     "records/2026/insidental/permohonan-informasi-publik/2026-03-04.yaml, bukan records/2026/insidental/2026-03-04.yaml",
     "periode:"),
    (RUN, "records/2025/insidental/permohonan-informasi-publik/2026-03-04.yaml", "[periode]",
     "harus disimpan di records/2026/insidental/permohonan-informasi-publik/2026-03-04.yaml, "
     "bukan records/2025/insidental/permohonan-informasi-publik/2026-03-04.yaml", "periode:"),
    (GAJI, "records/2026/insidental/penyusunan-daftar-gaji/2026-01-12.yaml", "[periode]",
     "periode 2026-B01 harus disimpan di records/2026/B01/, bukan records/2026/insidental/penyusunan-daftar-gaji/",
     "periode:"),
    (RUN, f"{RUNS}/lain/2026-03-04.yaml", "",
     "rekaman harus berada di records/<tahun>/<B01..B12, TW1..TW4, S1, S2 atau tahunan>/<id-sop>.yaml, "
     "atau records/<tahun>/insidental/<id-sop>/<TTTT-BB-HH>.yaml", None),
]


@pytest.mark.parametrize(("rel", "target", "key", "words", "at"), MOVES, ids=[m[1].rsplit("/", 2)[-2] + "/" + m[1].rsplit("/", 1)[-1] for m in MOVES])
def test_each_misplaced_record_is_located(two_agencies: Path, rel: str, target: str, key: str, words: str, at: str | None) -> None:
    destination = two_agencies / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    (two_agencies / rel).rename(destination)
    line = line_of(two_agencies, target, at) if at else 1
    messages = errors(two_agencies)
    matching = [m for m in messages if m.startswith(f"{target}:{line}:1: {key}".rstrip()) and words in m]
    assert matching, messages


def move_run(root: Path, day: str) -> str:
    """The first run re-dated to `day`, in the file and folder that date asks for."""
    target = f"records/{day[:4]}/insidental/permohonan-informasi-publik/{day}.yaml"
    (root / target).parent.mkdir(parents=True, exist_ok=True)
    (root / RUN).rename(root / target)
    edit(root, target, "periode: 2026-03-04", f"periode: {day}")
    return target


def test_a_run_before_the_sop_took_effect(two_agencies: Path) -> None:
    target = move_run(two_agencies, "2024-05-02")
    line = line_of(two_agencies, target, "periode:")
    assert f"{target}:{line}:1: [periode] pelaksanaan 2024-05-02 sebelum SOP `permohonan-informasi-publik` berlaku " \
           "(tanggal_efektif 3 Juni 2024)" in errors(two_agencies)


def test_a_run_after_the_reference_date(two_agencies: Path) -> None:
    target = move_run(two_agencies, "2026-12-01")
    line = line_of(two_agencies, target, "periode:")
    assert f"{target}:{line}:1: [periode] periode 2026-12-01 baru dimulai 1 Desember 2026, sesudah tanggal acuan " \
           "25 November 2026; buat rekaman setelah periodenya berjalan" in errors(two_agencies)


def test_a_semester_before_the_sop_took_effect(two_agencies: Path) -> None:
    target = "records/2023/S2/usul-kenaikan-pangkat.yaml"
    (two_agencies / target).parent.mkdir(parents=True)
    (two_agencies / PANGKAT).rename(two_agencies / target)
    line = edit(two_agencies, target, "periode: 2026-S1", "periode: 2023-S2")
    assert f"{target}:{line}:1: [periode] periode 2023-S2 berakhir 31 Desember 2023, sebelum SOP `usul-kenaikan-pangkat` " \
           "berlaku (tanggal_efektif 2024)" in errors(two_agencies)


def test_new_cadences_load_with_two_runs_on_one_day(two_agencies: Path) -> None:
    """Monthly, semester and insidental records load; two runs started the same day are two records, not a duplicate."""
    edit(two_agencies, GAJI, "periode: 2026-B01", "periode: 2026-01")  # the month may also be written 2026-01
    manual, records, problems = load_all(two_agencies, REFERENCE)
    assert manual is not None and errors_only(problems) == [], [p.format() for p in problems]
    periods = {r.source: r.period for r in records}
    assert periods[GAJI] == Period(2026, month=1)
    assert periods["records/2026/B02/penyusunan-daftar-gaji.yaml"] == Period(2026, month=2)
    assert periods[PANGKAT] == Period(2026, semester=1)
    assert periods[RUN] == periods[RUN2] == Period(2026, day=date(2026, 3, 4))


def test_progress_after_a_tidak_sends_a_step_back(site) -> None:  # type: ignore[no-untyped-def]
    """Replaying the 2025-TW3 report up to its first `tidak`: step 4 is to be done again, and comes next."""
    from dataclasses import replace

    from generator.records.replay import progress

    (record,) = [r for r in site.records if r.period.code == "2025-TW3"]
    upto_tidak = replace(record, spec=record.spec.model_copy(update={"executions": record.spec.executions[:5]}))
    where = progress(upto_tidak)
    assert (where.next, where.running) == (4, False)
    assert where.states == {1: "selesai", 2: "selesai", 3: "selesai", 4: "diulang", 5: "selesai", 6: "belum", 7: "belum"}
    assert progress(record).next is None  # the whole procedure ran


def test_a_record_after_the_revocation_is_refused_and_older_ones_stay(revoked_root: Path) -> None:
    before = revoked_root / "records/2026/TW2/permintaan-data-lama.yaml"
    rel = "records/2026/TW3/permintaan-data-lama.yaml"
    (revoked_root / rel).write_text(before.read_text(encoding="utf-8").replace("2026-TW2", "2026-TW3").replace("2026-06-", "2026-07-"),
                                    encoding="utf-8")
    manual, records, problems = load_all(revoked_root, REFERENCE)
    found = errors_only(problems)
    assert manual is None
    assert [p.format() for p in found] == [
        f"{rel}:4:1: [periode] SOP `permintaan-data-lama` dicabut sejak 1 Juli 2026 (tanggal_dicabut di "
        "sop_defs/diskominfo/program-data/permintaan-data-lama.yaml); periode 2026-TW3 dimulai 1 Juli 2026, pada atau "
        "sesudah pencabutan, sehingga tidak ada rekaman untuknya; catat pelaksanaannya pada SOP pengganti `permintaan-data`"
    ]
    assert {r.source for r in records if r.sop.id == "permintaan-data-lama"} == {
        "records/2026/TW1/permintaan-data-lama.yaml", "records/2026/TW2/permintaan-data-lama.yaml",
    }
