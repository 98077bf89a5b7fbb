"""Periods of every `jadwal`: how `periode` is written, where its records go, what it is called, when it runs,
and the working-day arithmetic of an insidental run's due date."""

from __future__ import annotations

from datetime import date

import pytest

from generator.records.periods import (
    Period,
    parse_period,
    period_containing,
    periods_for,
    run_file_name,
    run_number,
)
from generator.records.status import nth_working_day

# written, period, code, folder, label, first day, last day, quarter page that lists it, cadence
FORMS = [
    ("2025-B03", Period(2025, month=3), "2025-B03", "B03", "Maret 2025", date(2025, 3, 1), date(2025, 3, 31), 1, "bulanan"),
    ("2025-03", Period(2025, month=3), "2025-B03", "B03", "Maret 2025", date(2025, 3, 1), date(2025, 3, 31), 1, "bulanan"),
    ("2025-B11", Period(2025, month=11), "2025-B11", "B11", "November 2025", date(2025, 11, 1), date(2025, 11, 30), 4, "bulanan"),
    ("2024-B02", Period(2024, month=2), "2024-B02", "B02", "Februari 2024", date(2024, 2, 1), date(2024, 2, 29), 1, "bulanan"),
    ("2025-TW3", Period(2025, 3), "2025-TW3", "TW3", "Triwulan III 2025", date(2025, 7, 1), date(2025, 9, 30), 3, "triwulanan"),
    ("2025-S1", Period(2025, semester=1), "2025-S1", "S1", "Semester I 2025", date(2025, 1, 1), date(2025, 6, 30), 2, "semesteran"),
    ("2025-S2", Period(2025, semester=2), "2025-S2", "S2", "Semester II 2025", date(2025, 7, 1), date(2025, 12, 31), 4, "semesteran"),
    ("2025", Period(2025), "2025", "tahunan", "Tahun 2025", date(2025, 1, 1), date(2025, 12, 31), 4, "tahunan"),
    ("2025-09-03", Period(2025, day=date(2025, 9, 3)), "2025-09-03", "insidental", "Pelaksanaan 3 September 2025",
     date(2025, 9, 3), date(2025, 9, 3), 3, "insidental"),
]


@pytest.mark.parametrize(("written", "period", "code", "folder", "label", "first", "last", "quarter", "cadence"), FORMS,
                         ids=[f[0] for f in FORMS])
def test_each_form_of_periode(written: str, period: Period, code: str, folder: str, label: str, first: date, last: date,
                              quarter: int, cadence: str) -> None:
    parsed = parse_period(written)
    assert parsed == period
    assert (parsed.code, parsed.folder, parsed.label) == (code, folder, label)
    assert (parsed.start, parsed.end) == (first, last)
    assert parsed.quarter_of_due() == quarter
    assert parsed.cadence == cadence
    assert parse_period(parsed.code) == parsed  # the code written back reads the same


@pytest.mark.parametrize(("written", "words"), [
    ("2025-Q3", "tulis `2025-B03` (bulanan), `2025-TW3` (triwulanan), `2025-S1` (semesteran), `2025` (tahunan) atau `2025-09-03`"),
    ("2025-B13", "bulan 13 tidak ada (B01 sampai B12)"),
    ("2025-00", "bulan 0 tidak ada"),
    ("2025-B3", "tidak sah"),
    ("2025-S3", "tidak sah"),
    ("2025-TW5", "tidak sah"),
    ("2025-02-30", "tidak ada di kalender"),
    ("1900-TW1", "di luar rentang tahun"),
    ("2101-09-03", "di luar rentang tahun"),
])
def test_periode_errors_say_what_to_write(written: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_period(written)
    assert words in str(caught.value)


def test_scheduled_periods_of_each_cadence() -> None:
    assert [p.code for p in periods_for("bulanan", 2025)] == [f"2025-B{m:02d}" for m in range(1, 13)]
    assert [p.code for p in periods_for("triwulanan", 2025)] == ["2025-TW1", "2025-TW2", "2025-TW3", "2025-TW4"]
    assert [p.code for p in periods_for("semesteran", 2025)] == ["2025-S1", "2025-S2"]
    assert [p.code for p in periods_for("tahunan", 2025)] == ["2025"]
    assert periods_for("insidental", 2025) == []  # each run is its own period, known only from its record


def test_months_and_semesters_end_on_the_right_day() -> None:
    """Each scheduled period ends the day before the next begins, and the last ends on 31 December."""
    for cadence in ("bulanan", "triwulanan", "semesteran", "tahunan"):
        periods = periods_for(cadence, 2024)
        assert periods[0].start == date(2024, 1, 1) and periods[-1].end == date(2024, 12, 31)
        assert all((b.start - a.end).days == 1 for a, b in zip(periods, periods[1:]))


def test_the_period_a_day_falls_in() -> None:
    day = date(2025, 8, 17)
    assert [period_containing(c, day).code for c in ("bulanan", "triwulanan", "semesteran", "tahunan", "insidental")] == [
        "2025-B08", "2025-TW3", "2025-S2", "2025", "2025-08-17"]


def test_dates_a_record_may_hold() -> None:
    # A leap day a year later does not exist: the window ends on 28 February.
    assert Period(2024, month=2).accepted == (date(2023, 2, 1), date(2025, 2, 28))
    assert Period(2025, 3).accepted == (date(2024, 7, 1), date(2026, 9, 30))
    # A run starts on its date: nothing of it happens before.
    assert Period(2025, day=date(2025, 9, 3)).accepted == (date(2025, 9, 3), date(2026, 9, 3))


def test_periods_sort_by_time_and_a_year_covers_its_parts() -> None:
    run = Period(2025, day=date(2025, 2, 10))
    mixed = [Period(2025), Period(2025, semester=2), run, Period(2025, 1), Period(2025, month=2), Period(2024, month=12)]
    assert [p.code for p in sorted(mixed)] == ["2024-B12", "2025-TW1", "2025", "2025-B02", "2025-02-10", "2025-S2"]
    assert Period(2025).covers(run) and Period(2025, 1).covers(run) and Period(2025, month=2).covers(run)
    assert not Period(2025, 2).covers(run) and not Period(2025, 1).covers(Period(2025))


def test_a_period_is_one_kind() -> None:
    with pytest.raises(ValueError):
        Period(2025, 1, month=2)
    with pytest.raises(ValueError):
        Period(2024, day=date(2025, 1, 1))


def test_run_file_names() -> None:
    day = date(2025, 9, 3)
    assert run_file_name(day) == "2025-09-03.yaml"
    assert run_file_name(day, 2) == "2025-09-03-2.yaml"
    assert [run_number(s) for s in ("2025-09-03", "2025-09-03-2", "2025-09-03-12")] == [1, 2, 12]


@pytest.mark.parametrize(("first", "n", "due"), [
    (date(2026, 3, 4), 1, date(2026, 3, 4)),  # Wednesday: the start day is the first working day
    (date(2026, 3, 4), 3, date(2026, 3, 6)),
    (date(2026, 3, 6), 2, date(2026, 3, 9)),  # Friday + 1 working day skips the weekend
    (date(2026, 3, 7), 1, date(2026, 3, 9)),  # started on a Saturday: Monday is the first working day
    (date(2026, 3, 8), 3, date(2026, 3, 11)),
    (date(2026, 3, 2), 6, date(2026, 3, 9)),  # Monday + 6 working days: the next Monday
    (date(2026, 3, 2), 11, date(2026, 3, 16)),
])
def test_nth_working_day(first: date, n: int, due: date) -> None:
    assert nth_working_day(first, n) == due
