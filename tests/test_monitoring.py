"""Monitoring notes (records/<tahun>/pemantauan/): the shipped ones, every refusal located by file, line and key,
the six-month window at its edges, and the scaffold `sopgen new-monitoring` writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_data
from generator.manual.model import Manual, PartialDate
from generator.records.monitoring import (
    Assessor, Monitoring, MonitoringFile, monitoring_path, months_before, new_monitoring_text, summarize,
)
from tests.conftest import REFERENCE, edit

FOLDER = "records/2026/pemantauan"
LATE = f"{FOLDER}/pelaporan-kinerja-triwulan-2026-07-15.yaml"  # tidak berjalan baik, with an NIP
GOOD = f"{FOLDER}/evaluasi-kinerja-2026-02-16.yaml"  # berjalan baik, the assessor as text


def problems_of(root: Path, today: date = REFERENCE) -> list[str]:
    data = load_data(root, today)
    found = errors_only(data.problems)
    assert data.manual is None and found
    return [p.format() for p in found]


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_notes_are_valid_and_not_taken_for_records(repo_copy: Path) -> None:
    data = load_data(repo_copy, REFERENCE)
    assert errors_only(data.problems) == [], [p.format() for p in data.problems]
    assert sorted(m.source for m in data.monitoring) == [GOOD, LATE]
    assert len(data.records) == 9  # the pemantauan folder is no period: no record was read from it
    late = next(m for m in data.monitoring if m.source == LATE)
    assert not late.good and late.day == date(2026, 7, 15) and late.sop.id == "pelaporan-kinerja-triwulan"
    assert late.spec.action and isinstance(late.spec.assessor, Assessor) and late.spec.assessor.nip == "19680814 200212 1 004"
    assert next(m for m in data.monitoring if m.source == GOOD).spec.assessor == "Sekretaris Dinas Komunikasi dan Informatika"


# (file, old, new, key, words in the message[, text of the line the error points at, when not the first line of `new`])
CASES = [
    (GOOD, "penilaian: berjalan baik", "penilaian: baik", "[penilaian]", "pilih salah satu: 'berjalan baik' atau 'tidak berjalan baik'"),
    (LATE, "tindakan: >-", "tindakn: >-", "[tindakn]", "maksud Anda `tindakan`"),
    (GOOD, "tindakan: Rekomendasi evaluasi dipakai dalam Perencanaan Kinerja Tahun 2026.", "tindakan: ''", None, None),
    (GOOD, "catatan: >-", "catatan: ''\nx: >-", "[catatan]", "tidak boleh kosong"),
    (GOOD, "penilai: Sekretaris Dinas Komunikasi dan Informatika", "penilai: [Sekretaris]", "[penilai]",
     "tulis penilai sebagai teks (nama atau jabatan), atau sebagai pemetaan `jabatan`, `nama` dan `nip` (opsional)"),
    (GOOD, "penilai: Sekretaris Dinas Komunikasi dan Informatika", "penilai: {nama: Yuni Astuti}", "[penilai › jabatan]",
     "kunci wajib `jabatan` tidak ada"),
    (LATE, '  nip: "19680814 200212 1 004"', '  nip: "1968"', "[penilai › nip]", "NIP `1968` tidak sah"),
    (LATE, '  nama: Ir. SUMANTO, MM', '  nama: Budi Santoso', "[penilai › nip]",
     "NIP `19680814 200212 1 004` sudah dipakai untuk orang lain: `Ir. SUMANTO, MM`", '  nip: "19680814 200212 1 004"'),
    (GOOD, "tanggal: 2026-02-16", "tanggal: 2026-02-17", "[tanggal]",
     "tanggal 2026-02-17 berbeda dari tanggal pada nama berkas `evaluasi-kinerja-2026-02-16.yaml`"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), [(*c, None)[:6] for c in CASES],
                         ids=[c[2][:30] for c in CASES])
def test_each_refusal_is_located(repo_copy: Path, rel: str, old: str, new: str, key: str | None, words: str | None,
                                 at: str | None) -> None:
    """The error points at the first line of `new`, or at the first line that reads exactly `at`."""
    line = edit(repo_copy, rel, old, new)
    if key is None:  # a blank `tindakan` is no `tindakan`, but an SOP that runs well needs none
        assert errors_only(load_data(repo_copy, REFERENCE).problems) == []
        return
    if at is not None:
        line = (repo_copy / rel).read_text(encoding="utf-8").splitlines().index(at) + 1
    messages = problems_of(repo_copy)
    matching = [m for m in messages if f"{key} " in m and words in m]
    assert matching, messages
    assert matching[0].startswith(f"{rel}:{line}:"), matching[0]


@pytest.mark.parametrize(("written", "key", "at"), [
    ("", "penilaian", "penilaian: tidak berjalan baik"),  # left out: the assessment that asks for it
    ("tindakan: ''\n", "tindakan", "tindakan: ''"),  # written blank: the key itself
])
def test_an_sop_that_does_not_run_well_needs_a_tindakan(repo_copy: Path, written: str, key: str, at: str) -> None:
    text = (repo_copy / LATE).read_text(encoding="utf-8")
    start, end = text.index("tindakan:"), text.index("penilai:")
    text = text[:start] + written + text[end:]
    (repo_copy / LATE).write_text(text, encoding="utf-8")
    line = text.splitlines().index(at) + 1
    (message,) = problems_of(repo_copy)
    assert message == f"{LATE}:{line}:1: [{key}] penilaian `tidak berjalan baik` harus disertai `tindakan`: " \
        "apa yang dilakukan untuk memperbaikinya"


NOTE = "penilaian: berjalan baik\ncatatan: Berjalan sesuai SOP.\npenilai: Yuni Astuti\ntanggal: {day}\n"


@pytest.mark.parametrize(("rel", "day", "words"), [
    ("records/2026/pemantauan/evaluasi-kinerja-2026-11-26.yaml", "2026-11-26",
     "[tanggal] tanggal 26 November 2026 sesudah tanggal acuan 25 November 2026"),
    ("records/2022/pemantauan/evaluasi-kinerja-2022-04-30.yaml", "2022-04-30",
     "[tanggal] tanggal 30 April 2022 sebelum SOP `evaluasi-kinerja` berlaku (tanggal_efektif 1 Mei 2022)"),
    ("records/2025/pemantauan/evaluasi-kinerja-2026-03-02.yaml", "2026-03-02",
     "[tanggal] pemantauan tanggal 2 Maret 2026 harus disimpan di records/2026/pemantauan/, bukan records/2025/pemantauan/"),
])
def test_the_date_lies_in_its_folder_between_the_sop_start_and_the_reference_date(
        repo_copy: Path, rel: str, day: str, words: str) -> None:
    write(repo_copy, rel, NOTE.format(day=day))
    (message,) = problems_of(repo_copy)
    assert message.startswith(f"{rel}:4:1: {words}"), message


def test_the_first_and_last_accepted_days(repo_copy: Path) -> None:
    write(repo_copy, "records/2022/pemantauan/evaluasi-kinerja-2022-05-01.yaml", NOTE.format(day="2022-05-01"))
    write(repo_copy, "records/2026/pemantauan/evaluasi-kinerja-2026-11-25.yaml", NOTE.format(day="2026-11-25"))
    data = load_data(repo_copy, REFERENCE)
    assert errors_only(data.problems) == [], [p.format() for p in data.problems]
    assert len(data.monitoring) == 4


@pytest.mark.parametrize(("name", "words"), [
    ("catatan-evaluasi.yaml", "nama berkas pemantauan harus `<id-sop>-<TTTT-BB-HH>.yaml` (id SOP, lalu tanggal pemantauan), "
     "misalnya `evaluasi-kinerja-2026-03-10.yaml`; bukan `catatan-evaluasi.yaml`"),
    ("2026-03-10.yaml", "bukan `2026-03-10.yaml`"),
    ("evaluasi-kinerja-2026-3-10.yaml", "bukan `evaluasi-kinerja-2026-3-10.yaml`"),
    ("evaluasi-kinerja-2026-02-30.yaml", "nama berkas `evaluasi-kinerja-2026-02-30.yaml`: tanggal `2026-02-30` tidak ada di kalender"),
    ("evalusi-kinerja-2026-03-10.yaml", "SOP `evalusi-kinerja` (dari nama berkas `evalusi-kinerja-2026-03-10.yaml`) "
     "tidak ada di sop_defs/; maksud Anda `evaluasi-kinerja`?"),
    ("evaluasi-kinerja-2026-03-10.yml", "gunakan akhiran `.yaml`, bukan `.yml`"),
    ("lama/evaluasi-kinerja-2026-03-10.yaml", "catatan pemantauan harus berada di "
     "records/<tahun>/pemantauan/<id-sop>-<TTTT-BB-HH>.yaml, tanpa subfolder"),
])
def test_a_file_name_that_does_not_fit_says_the_expected_form(repo_copy: Path, name: str, words: str) -> None:
    rel = f"{FOLDER}/{name}"
    write(repo_copy, rel, NOTE.format(day="2026-03-10"))
    (message,) = problems_of(repo_copy)
    assert message.startswith(f"{rel}:1:1: ") and words in message, message


def test_a_note_outside_a_year_folder_is_told_where_notes_go(repo_copy: Path) -> None:
    rel = "records/pemantauan/evaluasi-kinerja-2026-03-10.yaml"
    write(repo_copy, rel, NOTE.format(day="2026-03-10"))
    (message,) = problems_of(repo_copy)
    assert message.startswith(f"{rel}:1:1: rekaman harus berada di ")
    assert message.endswith("catatan pemantauan di records/<tahun>/pemantauan/<id-sop>-<TTTT-BB-HH>.yaml")


def test_every_problem_comes_together(repo_copy: Path) -> None:
    """A broken name, a bad value and a bad record in one run: none hides another."""
    write(repo_copy, f"{FOLDER}/evaluasi.yaml", NOTE.format(day="2026-03-10"))
    edit(repo_copy, GOOD, "penilaian: berjalan baik", "penilaian: baik")
    edit(repo_copy, "records/2025/TW3/pelaporan-kinerja-triwulan.yaml", "periode: 2025-TW3", "periode: 2025-Q3")
    paths = {m.split(":")[0] for m in problems_of(repo_copy)}
    assert paths == {GOOD, f"{FOLDER}/evaluasi.yaml", "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"}


# --- The six months before the reference date ---


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 25), date(2026, 5, 25)),
    (date(2026, 8, 31), date(2026, 2, 28)),  # February has no 31st: its last day
    (date(2024, 8, 31), date(2024, 2, 29)),  # a leap year
    (date(2026, 3, 15), date(2025, 9, 15)),  # across the turn of the year
    (date(2026, 6, 30), date(2025, 12, 30)),
])
def test_six_months_before(day: date, expected: date) -> None:
    assert months_before(day, 6) == expected


def note(manual: Manual, sop_id: str, day: date) -> Monitoring:
    sop = manual.sop(sop_id)
    assert sop is not None
    spec = MonitoringFile(penilaian="berjalan baik", catatan="Baik.", penilai="Yuni Astuti", tanggal=day)
    return Monitoring(f"records/{day.year}/pemantauan/{sop_id}-{day.isoformat()}.yaml", spec, sop)


def test_a_note_on_the_first_day_of_the_window_counts_and_one_a_day_earlier_does_not(manual: Manual) -> None:
    notes = [note(manual, "evaluasi-kinerja", date(2026, 5, 25)), note(manual, "perencanaan-kinerja", date(2026, 5, 24))]
    summary = summarize(notes, manual.sops, REFERENCE)
    assert summary.since == date(2026, 5, 25)
    assert [sop.id for sop in summary.overdue] == ["pelaporan-kinerja-triwulan", "perencanaan-kinerja"]


def test_the_latest_note_and_the_count_of_each_sop(manual: Manual) -> None:
    notes = [note(manual, "evaluasi-kinerja", day) for day in (date(2026, 1, 5), date(2026, 9, 1), date(2025, 3, 3))]
    notes.append(note(manual, "perencanaan-kinerja", date(2026, 9, 1)))
    summary = summarize(notes, manual.sops, REFERENCE)
    assert summary.last["evaluasi-kinerja"].day == date(2026, 9, 1)
    assert summary.count == {"evaluasi-kinerja": 3, "perencanaan-kinerja": 1}
    assert [(m.day, m.sop.id) for m in summary.newest_first][:2] == [
        (date(2026, 9, 1), "evaluasi-kinerja"), (date(2026, 9, 1), "perencanaan-kinerja")]  # same day: by file
    assert [sop.id for sop in summary.overdue] == ["pelaporan-kinerja-triwulan"]  # never monitored


def test_an_sop_not_yet_in_force_is_not_overdue(manual: Manual) -> None:
    sop = manual.sops[0]
    later = replace(sop, spec=sop.spec.model_copy(update={"effective": PartialDate(date(2026, 12, 1), 3)}))
    assert summarize([], [later], REFERENCE).overdue == ()
    started = replace(sop, spec=sop.spec.model_copy(update={"effective": PartialDate(REFERENCE, 3)}))
    assert summarize([], [started], REFERENCE).overdue == (started,)  # in force from today: due a note


# --- sopgen new-monitoring ---


def test_the_scaffold_goes_where_it_must_and_validates_once_filled(repo_copy: Path, manual: Manual) -> None:
    sop = manual.sop("perencanaan-kinerja")
    assert sop is not None
    day = date(2026, 11, 20)
    rel = monitoring_path(sop.id, day)
    assert rel == "records/2026/pemantauan/perencanaan-kinerja-2026-11-20.yaml"
    text = new_monitoring_text(sop, day)
    assert text.startswith("# yaml-language-server: $schema=../../../schema/pemantauan.schema.json\n")
    write(repo_copy, rel, text)
    assert any(rel in m and "[catatan]" in m for m in problems_of(repo_copy))  # empty: the editor must fill it in
    filled = text.replace("catatan:\n", "catatan: Rancangan Renstra dibahas tepat waktu.\n")
    write(repo_copy, rel, filled.replace("penilai:\n", "penilai: Sekretaris Dinas\n"))
    data = load_data(repo_copy, REFERENCE)
    assert errors_only(data.problems) == [], [p.format() for p in data.problems]
    assert rel in {m.source for m in data.monitoring}
