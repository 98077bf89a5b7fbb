"""Bounds on every value the pages compute with: what `build` would trip on, `validate` reports first.

Each kind of bad value is one error naming the file, the line and the key; valid data renders every page.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.data.dates import YEAR_MAX, YEAR_MIN, parse_iso_date
from generator.errors import Problem, errors_only
from generator.loading import load_all
from generator.manual.durations import MAX_STEP_MINUTES, DurationError, parse_duration
from generator.manual.model import Manual, Sop
from generator.manual.nip import name_words, nip_problem, same_person
from generator.records.moments import parse_moment, working_days, working_minutes
from generator.records.periods import Period, parse_period
from generator.records.status import report_years
from generator.render.site import Site, generated_pages
from tests.conftest import REFERENCE, REPO, edit

TW = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
ORG = "sop_defs/diskominfo/_instansi.yaml"
TW3 = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
HEAD_NIP = "19680814 200212 1 004"


def errors(root: Path, today: date = REFERENCE) -> list[Problem]:
    manual, _, problems = load_all(root, today)
    found = errors_only(problems)
    assert manual is None and found, "the data should have been refused"
    return found


def located(root: Path, rel: str, line: int, key: str, words: str) -> Problem:
    """The one error at `rel`:`line` with `key`; its message carries `words`."""
    found = errors(root)
    matching = [p for p in found if (p.path, p.line, p.key) == (rel, line, key)]
    assert len(matching) == 1, [p.format() for p in found]
    assert words in matching[0].message, matching[0].format()
    return matching[0]


def edit_at(root: Path, rel: str, old: str, new: str, at: str) -> int:
    """Edit like `edit`, and return the line of `at`, a part of `new`."""
    line = edit(root, rel, old, new)
    return line + new[: new.index(at)].count("\n")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def day_by_day(first: date, last: date) -> int:
    """The old count, one day at a time: the reference for the closed form."""
    return sum((first + timedelta(days=n)).weekday() < 5 for n in range((last - first).days + 1))


SIGNER = 'disahkan_oleh:\n  jabatan: Sekretaris Dinas\n  nama: {name}\n  nip: "{nip}"\n'

# (file, old text, new text, the part of the new text on the reported line, key, words in the message)
CASES = [
    # A: values that crashed or hung the build
    (TW3, "periode: 2025-TW3", 'periode: "0000"', "periode", "periode", f"{YEAR_MIN}–{YEAR_MAX}"),
    (TW3, "    selesai: 2025-09-02 13:30", "    selesai: 9999-12-31", "selesai", "pelaksanaan ke-3 › selesai", f"{YEAR_MIN}–{YEAR_MAX}"),
    (TW, "    waktu: 300", "    waktu: " + "9" * 400, "waktu", "langkah ke-3 › waktu", "paling lama 12 bulan"),
    (TW3, "    mulai: 2025-09-01 08:00", "    mulai: 0001-01-01 08:00", "mulai", "pelaksanaan ke-1 › mulai", f"{YEAR_MIN}–{YEAR_MAX}"),
    # B: wrong values that passed
    (TW, "      ya: 6\n      tidak: 4", "      ya: 4\n      tidak: 4", "tidak", "langkah ke-5 › keputusan › tidak", "sama-sama menuju langkah 4"),
    (TW, "      ya: 6\n      tidak: 4", "      tidak: 6", "tidak", "langkah ke-5 › keputusan › tidak", "tanpa `ya`"),
    (TW, "    waktu: 300", "    waktu: 0 menit", "waktu", "langkah ke-3 › waktu", "paling cepat 1 menit"),
    (TW, "    waktu: 300", "    waktu: 9999 bulan", "waktu", "langkah ke-3 › waktu", "paling lama 12 bulan (240 hari kerja)"),
    (TW, "tanggal_pembuatan: 2022-03-01", "tanggal_pembuatan: 2022-06-01", "tanggal", "tanggal_pembuatan", "sesudah tanggal_efektif"),
    (TW, "tanggal_revisi:      # kosong", "tanggal_revisi: 2022-02-28  # kosong", "tanggal", "tanggal_revisi", "sebelum tanggal_pembuatan"),
    (TW, "tanggal_efektif: 2022-05-01", "tanggal_efektif: 0001-05-01", "tanggal", "tanggal_efektif", f"{YEAR_MIN}–{YEAR_MAX}"),
    (TW, "tanggal_efektif: 2022-05-01", "tanggal_efektif: 9999-05-01", "tanggal", "tanggal_efektif", f"{YEAR_MIN}–{YEAR_MAX}"),
    (TW3, "        tanggal: 2025-09-01", "        tanggal: 9999-09-01", "tanggal", "pelaksanaan ke-1 › dokumen ke-1 › tanggal", "di luar rentang tahun"),
    (TW3, "    selesai: 2025-09-16 14:00", "    selesai: 2026-12-01 14:00", "selesai", "pelaksanaan ke-9 › selesai", "sesudah tanggal acuan 25 November 2026"),
    (TW3, "    mulai: 2025-09-01 08:00", "    mulai: 2024-06-30 08:00", "mulai", "pelaksanaan ke-1 › mulai", "yang diterima 1 Juli 2024 s.d. 30 September 2026"),
    (TW3, "    selesai: 2025-09-01 08:10", "    selesai: 2026-10-01 08:10", "selesai", "pelaksanaan ke-1 › selesai", "yang diterima 1 Juli 2024 s.d. 30 September 2026"),
    # NIPs: the form, in each of the three places a NIP is written
    (ORG, f'nip: "{HEAD_NIP}"', 'nip: "19680814 200212 1 04"', "nip", "kepala › nip", f"misalnya `{HEAD_NIP}`"),
    (ORG, f'nip: "{HEAD_NIP}"', 'nip: "19680814 2002121004"', "nip", "kepala › nip", "8 6 1 3"),
    (ORG, f'nip: "{HEAD_NIP}"', 'nip: "19681314 200212 1 004"', "nip", "kepala › nip", "tanggal lahir"),
    (ORG, f'nip: "{HEAD_NIP}"', 'nip: "19680814 200213 1 004"', "nip", "kepala › nip", "bulan pengangkatan"),
    (ORG, f'nip: "{HEAD_NIP}"', "nip: 12345", "nip", "kepala › nip", "18 angka"),
    (TW, "dasar_hukum:\n", SIGNER.format(name="Budi", nip="1968081420021210041") + "dasar_hukum:\n", "  nip", "disahkan_oleh › nip", "18 angka"),
    (TW3, f'    nip: "{HEAD_NIP}"', '    nip: "00000000 000000 0 000"', "nip", "pelaksanaan ke-1 › nip", "tanggal lahir"),
    # NIPs: one person per number, the error at the later place naming the first
    (TW, "dasar_hukum:\n", SIGNER.format(name="Budi Santoso, S.Kom.", nip=HEAD_NIP) + "dasar_hukum:\n", "  nip", "disahkan_oleh › nip",
     f"`Ir. SUMANTO, MM` di {ORG}:8"),
    (TW3, "    pelaksana: Andi Saputra\n", f'    pelaksana: Andi Saputra\n    nip: "{HEAD_NIP}"\n', "nip", "pelaksanaan ke-3 › nip",
     f"sudah dipakai untuk orang lain: `Ir. SUMANTO, MM` di {ORG}:8; di sini tertulis `Andi Saputra`"),
    # ids ending in a newline (a quoted key): `$` let them through
    ("sop_defs/_jabatan.yaml", "kabid:\n", '"kabid\\n":\n', "kabid", "kabid\n", "id `kabid\\n` tidak sah"),
    ("sop_defs/_dasar_hukum.yaml", "pp-58-2005:\n", '"pp-58-2005\\n":\n', "pp", "pp-58-2005\n", "tidak sah"),
    ("sop_defs/_dokumen.yaml", "renja:\n", '"renja\\n":\n', "renja", "renja\n", "tidak sah"),
    (TW, "  - kabid\n", '  - "kabid\\n"\n', "kabid", "pelaksana ke-3", "tidak sah"),
]


@pytest.mark.parametrize(("rel", "old", "new", "at", "key", "words"), CASES, ids=[f"{c[4]}:{c[5][:25]}" for c in CASES])
def test_each_bad_value_is_located(repo_copy: Path, rel: str, old: str, new: str, at: str, key: str, words: str) -> None:
    line = edit_at(repo_copy, rel, old, new, at)
    located(repo_copy, rel, line, key, words)


def test_the_shipped_head_may_sign_and_act_under_his_name_with_or_without_titles(repo_copy: Path) -> None:
    edit(repo_copy, TW, "dasar_hukum:\n", SIGNER.format(name="SUMANTO", nip="196808142002121004") + "dasar_hukum:\n")
    edit(repo_copy, TW3, "    pelaksana: Ir. SUMANTO, MM\n", "    pelaksana: Ir. Sumanto, M.M.\n")
    manual, _, problems = load_all(repo_copy, REFERENCE)
    assert manual is not None, [p.format() for p in problems]


def test_moments_at_the_edges_of_the_accepted_range_pass(repo_copy: Path) -> None:
    edit(repo_copy, TW3, "    mulai: 2025-09-01 08:00", "    mulai: 2024-07-01 08:00")
    edit(repo_copy, TW3, "    selesai: 2025-09-16 14:00", "    selesai: 2026-09-30 14:00")
    manual, _, problems = load_all(repo_copy, REFERENCE)
    assert manual is not None, [p.format() for p in problems]
    assert Period(2025, 3).accepted == (date(2024, 7, 1), date(2026, 9, 30))


def test_a_moment_on_the_reference_date_passes_and_the_next_day_does_not(repo_copy: Path) -> None:
    # The latest moment in the shipped records is 2026-11-23 (a running step).
    assert load_all(repo_copy, date(2026, 11, 23))[0] is not None
    problem = next(p for p in errors(repo_copy, date(2026, 11, 22)) if p.path == "records/2026/tahunan/perencanaan-kinerja.yaml")
    assert "sesudah tanggal acuan 22 November 2026" in problem.message and problem.key.endswith("› mulai"), problem.format()


@pytest.mark.parametrize(
    ("rel", "text", "words"),
    [
        # Before the SOP took effect (2022-05-01): the pages would invent years before it existed.
        ("records/2022/TW1/pelaporan-kinerja-triwulan.yaml", "sop: pelaporan-kinerja-triwulan\nperiode: 2022-TW1\n",
         "sebelum SOP `pelaporan-kinerja-triwulan` berlaku (tanggal_efektif 1 Mei 2022)"),
        # After the reference date: no page shows that year.
        ("records/2027/TW1/pelaporan-kinerja-triwulan.yaml", "sop: pelaporan-kinerja-triwulan\nperiode: 2027-TW1\n",
         "baru dimulai 1 Januari 2027, sesudah tanggal acuan 25 November 2026"),
        # Year 1: report years ran from the first record's year, a build of more than 15 minutes.
        ("records/0001/tahunan/perencanaan-kinerja.yaml", 'sop: perencanaan-kinerja\nperiode: "0001"\n', f"{YEAR_MIN}–{YEAR_MAX}"),
    ],
    ids=["before-effective", "after-today", "year-1"],
)
def test_a_record_period_outside_the_sops_life(repo_copy: Path, rel: str, text: str, words: str) -> None:
    write(repo_copy, rel, text)
    located(repo_copy, rel, 2, "periode", words)


def test_a_period_starting_on_the_reference_date_is_accepted(repo_copy: Path) -> None:
    write(repo_copy, "records/2027/TW1/pelaporan-kinerja-triwulan.yaml", "sop: pelaporan-kinerja-triwulan\nperiode: 2027-TW1\n")
    manual, records, problems = load_all(repo_copy, date(2027, 1, 1))
    assert manual is not None, [p.format() for p in problems]
    assert report_years(records, date(2027, 1, 1))[-1] == 2027


@pytest.mark.parametrize("target", ["sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja\n.yaml", "sop_defs/diskominfo/perencanaan-keuangan\n/evaluasi-kinerja.yaml"])
def test_file_and_folder_ids_ending_in_a_newline(repo_copy: Path, target: str) -> None:
    shutil.rmtree(repo_copy / "records")  # they name the SOP by its proper id
    (repo_copy / target).parent.mkdir(exist_ok=True)
    (repo_copy / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml").rename(repo_copy / target)
    found = [p for p in errors(repo_copy) if p.path == target]
    assert [(p.line, p.key) for p in found] == [(1, "")], [p.format() for p in found]
    assert "tidak sah" in found[0].message


# Units: the parse functions, the bounds, and the closed-form count of working days


@pytest.mark.parametrize("text", ["1944-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "0000-01-01"])
def test_dates_outside_the_years_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=f"{YEAR_MIN}–{YEAR_MAX}"):
        parse_iso_date(text)
    with pytest.raises(ValueError, match=f"{YEAR_MIN}–{YEAR_MAX}"):
        parse_moment(f"{text} 08:00")


def test_the_bounding_years_themselves_are_accepted() -> None:
    assert parse_iso_date(f"{YEAR_MIN}-01-01") == date(YEAR_MIN, 1, 1)
    assert parse_moment(f"{YEAR_MAX}-12-31 23:59").day == date(YEAR_MAX, 12, 31)
    assert parse_period(f"{YEAR_MAX}-TW4").end == date(YEAR_MAX, 12, 31)
    for text in ("0000", "1944", "2101-TW1", "9999"):
        with pytest.raises(ValueError, match=f"{YEAR_MIN}–{YEAR_MAX}"):
            parse_period(text)


@pytest.mark.parametrize("text", ["2022-05-01x", "2022-05-01\nx", "٢٠٢٥-٠٥-٠١", "2022-005-01"])
def test_dates_are_ascii_digits_and_nothing_after(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)
    with pytest.raises(ValueError):
        parse_moment(text)


@pytest.mark.parametrize("text", ["2025-TW3x", "2025\n-TW3", "٢٠٢٥", "2025-TW5"])
def test_periods_are_ascii_digits_and_nothing_after(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize(("text", "minutes"), [("12 bulan", MAX_STEP_MINUTES), ("1 menit", 1), ("0,5 jam", 30), ("240 hari", MAX_STEP_MINUTES)])
def test_durations_from_one_minute_up_to_twelve_months(text: str, minutes: float) -> None:
    assert parse_duration(text, None).minutes == minutes


@pytest.mark.parametrize(
    "text", ["0 menit", "0,0 jam", "0.0000001 menit", "241 hari", "13 bulan", "9" * 400 + " menit", "9" * 400],
    ids=["zero", "zero-hours", "below-a-minute", "241-days", "13-months", "400-nines-minutes", "400-nines-bare"],
)
def test_durations_out_of_bounds(text: str) -> None:
    with pytest.raises(DurationError, match="paling cepat 1 menit dan paling lama 12 bulan"):
        parse_duration(text, "menit")


@settings(max_examples=400, deadline=None)
@given(first=st.dates(date.min, date.max), span=st.integers(-10, 800))
def test_working_days_matches_the_day_by_day_count(first: date, span: int) -> None:
    last = min(first + timedelta(days=span), date.max) if span >= 0 else first - timedelta(days=min(-span, (first - date.min).days))
    expected = day_by_day(first, last) if last >= first else 0
    assert working_days(first, last) == expected


def test_working_days_over_many_random_ranges_in_the_accepted_years() -> None:
    rng = random.Random(1945)
    low, high = date(YEAR_MIN, 1, 1).toordinal(), date(YEAR_MAX, 12, 31).toordinal()
    for _ in range(2000):
        a = rng.randint(low, high)
        b = min(a + rng.randint(0, 120), high)
        first, last = date.fromordinal(a), date.fromordinal(b)
        assert working_days(first, last) == day_by_day(first, last), (first, last)


def test_working_time_over_the_whole_range_is_instant() -> None:
    first, last = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)  # a Monday and a Friday
    started = time.perf_counter()
    days = working_days(first, last)
    minutes = working_minutes(parse_moment(f"{first} 08:00"), parse_moment(f"{last} 15:30"))
    everything = working_days(date.min, date.max)
    assert time.perf_counter() - started < 0.01
    assert days == day_by_day(first, last) == 40_700
    assert minutes == days * 450
    assert everything == date.max.toordinal() // 7 * 5 + 5  # 0001-01-01 is a Monday; the last 5 days are Monday to Friday


@pytest.mark.parametrize("nip", [HEAD_NIP, "196808142002121004", " 19680814 200212 1 004 ", "19991231 202401 2 999"])
def test_nips_in_either_form(nip: str) -> None:
    assert nip_problem(nip) is None


@pytest.mark.parametrize(
    "nip",
    ["19680814 200212 1 00", "19680814  200212 1 004", "19680814-200212-1-004", "1968081 4200212 1 004", "19680230 200212 1 004",
     "18991231 200212 1 004", "19680814 194401 1 004", "19680814 200200 1 004", "١٩٦٨٠٨١٤٢٠٠٢١٢١٠٠٤", "19680814 200212 1 004\n1"],
)
def test_malformed_nips(nip: str) -> None:
    problem = nip_problem(nip)
    assert problem is not None and HEAD_NIP in problem  # an example of the right form


def test_names_are_compared_loosely() -> None:
    assert name_words("Ir. SUMANTO, MM") == {"sumanto"}
    assert name_words("Dr. Drs. Budi Santoso, S.Kom., M.Si., M.AP") == {"budi", "santoso"}
    assert name_words("Rina Marlina, S.E.") == {"rina", "marlina"}
    assert same_person("Ir. SUMANTO, MM", "Sumanto")
    assert same_person("Budi Santoso", "BUDI S., S.H.")
    assert not same_person("Ir. SUMANTO, MM", "Rina Marlina, S.E.")
    assert same_person("Ir. SUMANTO, MM", "Ir.")  # nothing left to compare: not clearly someone else


def test_validate_uses_the_reference_date_from_the_option_then_the_environment() -> None:
    def sopgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if k != "SOPGEN_TANGGAL"} | (env or {})
        return subprocess.run([sys.executable, "-m", "generator.commands.cli", *args], capture_output=True, text=True, cwd=REPO,
                              timeout=60, env=environment)

    assert "Data sah" in sopgen("validate", "--tanggal", "2026-11-25").stdout
    early = sopgen("validate", "--tanggal", "2026-01-01")
    assert early.returncode == 1 and "sesudah tanggal acuan 1 Januari 2026" in early.stderr, early.stderr
    assert "sesudah tanggal acuan 1 Januari 2026" in sopgen("validate", env={"SOPGEN_TANGGAL": "2026-01-01"}).stderr
    assert sopgen("validate", "--tanggal", "2026-01-01", env={"SOPGEN_TANGGAL": "2026-11-25"}).returncode == 1
    wrong = sopgen("validate", "--tanggal", "2026-13-01")
    assert wrong.returncode == 2 and "tidak ada di kalender" in wrong.stderr and "Traceback" not in wrong.stderr
    status = sopgen("status", "--tanggal", "2026-11-25", env={"SOPGEN_TANGGAL": "2026-01-01"})
    assert status.returncode == 0 and "Status per 25 November 2026" in status.stdout, status.stderr


# Whatever `validate` accepts, every page renders: random records of schema shape for the shipped SOPs.
# A record is tidy (a period the SOP was in force for, steps in order, moments up to the reference
# date, each NIP with its owner's name) but for at most one odd value, so that many examples pass
# validation with the odd value in them: the values `validate` must catch before `build` meets them.

PEOPLE = {"Ir. SUMANTO, MM": HEAD_NIP, "Rina Marlina, S.E.": "19850312 201001 2 003", "Andi Saputra": None}
ODD_NIPS = [HEAD_NIP, "196808142002121004", "19900101 201501 2 001", "1234", "19681314 200212 1 004", "19680814 200212 1 00"]
ODD = ["periode", "langkah", "mulai", "selesai", "nip", "dokumen"]  # what one record may get wrong
EXTREME_DAYS = [date.max, date.min, date(1944, 12, 31), date(1945, 1, 1), date(2100, 12, 31), date(2101, 1, 1)]
EXTREME_YEARS = [0, 1, 1944, 1945, 2100, 2101, 9999]


def _day(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _odd_moment(draw: st.DrawFn, base: date) -> str | None:
    near = st.integers(-800, 800).map(lambda n: date.fromordinal(base.toordinal() + n))
    day = draw(st.one_of(st.sampled_from(EXTREME_DAYS), st.sampled_from(EXTREME_DAYS[::-1]), st.dates(date.min, date.max), near))
    clock = draw(st.one_of(st.none(), st.none(), st.tuples(st.integers(0, 24), st.integers(0, 60))))
    return _day(day) + (f" {clock[0]:02d}:{clock[1]:02d}" if clock else "")


def _tidy_moments(draw: st.DrawFn, cursor: date, today: date) -> tuple[str, str | None, date] | None:
    """A step's start and end (None while running) after `cursor` and not after `today`; None when it lies ahead."""
    start = cursor + timedelta(days=draw(st.integers(0, 20)))
    end = start + timedelta(days=draw(st.integers(0, 10)))
    if start > today:
        return None
    timed = draw(st.booleans())
    first = _day(start) + (f" {draw(st.integers(7, 12)):02d}:{draw(st.integers(0, 59)):02d}" if timed else "")
    if end > today or draw(st.integers(0, 9)) == 5:
        return first, None, start
    return first, _day(end) + (f" {draw(st.integers(13, 17)):02d}:00" if timed else ""), end


def _next(sop: Sop, step: int, outcome: str | None) -> int | None:
    decision = sop.spec.steps[step - 1].decision if 1 <= step <= len(sop.spec.steps) else None
    if decision and outcome == "tidak":
        return decision.no
    if decision and outcome == "ya" and decision.yes:
        return decision.yes
    return step + 1 if 1 <= step < len(sop.spec.steps) else None


def _executions(draw: st.DrawFn, sop: Sop, period: Period, today: date, odd: str | None) -> list[str]:
    """The steps in the order the SOP leads, `odd` (one of ODD) going wrong in one of them."""
    lines: list[str] = []
    expected: int | None = 1
    cursor = period.start
    odd_at = draw(st.integers(0, 3))
    for i in range(draw(st.integers(0, 12))):
        here = odd if i == odd_at else None
        step = draw(st.integers(0, len(sop.spec.steps) + 1)) if here == "langkah" else expected
        moments = _tidy_moments(draw, cursor, today)
        if step is None or moments is None:
            break
        start, end, cursor = moments
        start = _odd_moment(draw, period.start) if here == "mulai" else start
        end = _odd_moment(draw, period.start) if here == "selesai" else end
        person = draw(st.sampled_from(sorted(PEOPLE)))
        nip = draw(st.sampled_from(ODD_NIPS)) if here == "nip" else PEOPLE[person]
        decision = 1 <= step <= len(sop.spec.steps) and sop.spec.steps[step - 1].decision
        outcome = draw(st.sampled_from(["ya", "tidak"])) if decision else None
        lines += [f"  - langkah: {step}", f"    mulai: {start}"] + ([f"    selesai: {end}"] if end else [])
        lines += [f"    pelaksana: {person}"] + ([f'    nip: "{nip}"'] if nip else []) + ([f"    hasil: {outcome}"] if outcome else [])
        if here == "dokumen" or draw(st.integers(0, 5)) == 5:
            day = _odd_moment(draw, period.start)[:10] if here == "dokumen" else _day(cursor)
            lines += ["    dokumen:", "      - jenis: Laporan", "        judul: Uji", f"        tanggal: {day}"]
        if end is None:
            break  # a running step is the last one started
        expected = _next(sop, step, outcome)
    return lines


def _periods(sop: Sop, today: date) -> list[Period]:
    """The periods a record may be kept for: the SOP in force, the period begun by `today`."""
    quarters = (1, 2, 3, 4) if sop.spec.cadence == "triwulanan" else (None,)
    every = (Period(year, q) for year in range(sop.spec.effective.year, today.year + 1) for q in quarters)
    return [p for p in every if p.end >= sop.spec.effective.first and p.start <= today]


@st.composite
def record_files(draw: st.DrawFn, manual: Manual, today: date) -> tuple[str, str]:
    """A record file of schema shape for a shipped SOP, with at most one odd value: its path and text."""
    sop = draw(st.sampled_from(manual.sops))
    odd = draw(st.sampled_from([None, *ODD]))
    if odd == "periode":
        year = draw(st.one_of(st.sampled_from(EXTREME_YEARS), st.integers(1940, 2110)))
        quarter = draw(st.sampled_from([1, 2, 3, 4] if sop.spec.cadence == "triwulanan" else [None]))
        period = Period(min(max(year, 5), 9994), quarter)  # moments are drawn up to 800 days around it
    else:
        period = draw(st.sampled_from(_periods(sop, today)))
        year, quarter = period.year, period.quarter
    code = f"{year:04d}-TW{quarter}" if quarter else f"{year:04d}"
    lines = [f"sop: {sop.id}", f'periode: "{code}"']
    if draw(st.integers(0, 7)) == 5:
        lines += ["status: dibatalkan", "alasan: Uji"]
    lines += ["pelaksanaan:", *_executions(draw, sop, period, today, odd)]
    if lines[-1] == "pelaksanaan:":
        lines[-1] = "pelaksanaan: []"
    rel = f"records/{year}/{f'TW{quarter}' if quarter else 'tahunan'}/{sop.id}.yaml"  # where Period.folder puts it
    return rel, "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_what_validate_accepts_renders_every_page(repo_copy: Path, manual: Manual, data: st.DataObject) -> None:
    today = data.draw(st.one_of(st.just(REFERENCE), st.dates(date(2022, 6, 1), date(YEAR_MAX, 12, 31))), label="today")
    shutil.rmtree(repo_copy / "records", ignore_errors=True)  # the previous example's
    for rel, text in data.draw(st.lists(record_files(manual, today), min_size=1, max_size=3), label="records"):
        write(repo_copy, rel, text)
    started = time.monotonic()
    valid, records, problems = load_all(repo_copy, today)
    for problem in problems:
        assert problem.path and problem.line >= 1 and problem.column >= 1 and problem.message
    event("valid: every page rendered" if valid is not None else "refused by validation")
    if valid is not None:
        generated_pages(Site(valid, records, today))
    assert time.monotonic() - started < 5
