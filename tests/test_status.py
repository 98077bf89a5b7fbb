"""Statuses on pinned dates: each status, grace days, the loop after `tidak`; monthly and semester periods;
insidental runs (due date from the Mutu Baku total in working days) and their counts per quarter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.durations import NO_STANDARD
from generator.manual.model import Manual
from generator.records.model import Record
from generator.records.moments import parse_moment, working_minutes
from generator.records.periods import Period
from generator.records.status import (
    RunCount,
    Status,
    after_revocation,
    count_runs,
    revocation_problem,
    run_due,
    run_status,
    run_working_days,
    status_of,
    status_table,
    statuses,
)
from generator.render.site import Site
from tests.conftest import OLD_SOP, REFERENCE, edit, with_revoked_sop, with_second_agency

RUNS = "records/2026/insidental/permohonan-informasi-publik"


def find(site: Site, today: date, sop_id: str, code: str) -> Status:
    items = statuses(site.manual, site.records, today, [2025, 2026])
    return next(i.status for i in items if i.sop.id == sop_id and i.period.code == code)


def test_each_status_on_the_example_data(site: Site) -> None:
    today = date(2026, 11, 25)
    assert find(site, today, "pelaporan-kinerja-triwulan", "2025-TW1") is Status.DONE
    assert find(site, today, "pelaporan-kinerja-triwulan", "2025-TW2") is Status.DONE_LATE
    assert find(site, today, "pelaporan-kinerja-triwulan", "2025-TW3") is Status.DONE  # after one revision round
    assert find(site, today, "pelaporan-kinerja-triwulan", "2026-TW2") is Status.LATE  # the missing quarter
    assert find(site, today, "pelaporan-kinerja-triwulan", "2026-TW4") is Status.NOT_STARTED
    assert find(site, today, "perencanaan-kinerja", "2026") is Status.RUNNING


def test_running_becomes_late_after_the_due_date(site: Site) -> None:
    assert find(site, date(2026, 12, 31), "perencanaan-kinerja", "2026") is Status.RUNNING
    assert find(site, date(2027, 1, 1), "perencanaan-kinerja", "2026") is Status.LATE


def test_grace_days_move_the_due_date(site: Site) -> None:
    sop = site.manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    record = next(r for r in site.records if r.period.code == "2025-TW2")
    late = status_of(sop, record.period, record, date(2026, 1, 1))
    assert late.status is Status.DONE_LATE
    graced = replace(sop, spec=sop.spec.model_copy(update={"grace_days": 10}))
    on_time = status_of(graced, record.period, record, date(2026, 1, 1))
    assert on_time.due == date(2025, 7, 10)
    assert on_time.status is Status.DONE


def test_working_minutes() -> None:
    assert working_minutes(parse_moment("2025-09-02 08:00"), parse_moment("2025-09-02 13:30")) == 330
    # Monday to Friday of one week, dates only: five working days of 7.5 hours
    assert working_minutes(parse_moment("2025-10-20"), parse_moment("2025-10-24")) == 5 * 450
    # Friday to Monday skips the weekend
    assert working_minutes(parse_moment("2025-10-24"), parse_moment("2025-10-27")) == 2 * 450


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manual, list[Record]]:
    """The shipped data and the second agency's monthly, semester and insidental SOPs and records."""
    manual, records, problems = load_all(with_second_agency(tmp_path_factory.mktemp("status") / "data"), REFERENCE)
    assert manual is not None and errors_only(problems) == [], [p.format() for p in problems]
    return manual, records


def status_in(two: tuple[Manual, list[Record]], today: date, sop_id: str, code: str) -> Status:
    manual, records = two
    items = statuses(manual, records, today, [2024, 2025, 2026])
    (found,) = [i.status for i in items if i.sop.id == sop_id and i.period.code == code]
    return found


def test_monthly_statuses(two: tuple[Manual, list[Record]]) -> None:
    assert status_in(two, REFERENCE, "penyusunan-daftar-gaji", "2026-B01") is Status.DONE
    assert status_in(two, REFERENCE, "penyusunan-daftar-gaji", "2026-B02") is Status.LATE  # started, unfinished, past February
    assert status_in(two, REFERENCE, "penyusunan-daftar-gaji", "2026-B03") is Status.LATE  # no record at all
    assert status_in(two, REFERENCE, "penyusunan-daftar-gaji", "2026-B11") is Status.NOT_STARTED
    assert status_in(two, date(2026, 2, 28), "penyusunan-daftar-gaji", "2026-B02") is Status.RUNNING
    assert status_in(two, date(2026, 3, 1), "penyusunan-daftar-gaji", "2026-B02") is Status.LATE
    manual, records = two
    codes = [i.period.code for i in statuses(manual, records, REFERENCE, [2024]) if i.sop.id == "penyusunan-daftar-gaji"]
    assert codes == [f"2024-B{m:02d}" for m in range(2, 13)]  # in force from 1 February 2024


def test_semester_statuses(two: tuple[Manual, list[Record]]) -> None:
    assert status_in(two, REFERENCE, "usul-kenaikan-pangkat", "2026-S1") is Status.DONE  # finished 1 April, due 30 June
    assert status_in(two, REFERENCE, "usul-kenaikan-pangkat", "2026-S2") is Status.NOT_STARTED
    assert status_in(two, date(2027, 1, 1), "usul-kenaikan-pangkat", "2026-S2") is Status.LATE


def runs(two: tuple[Manual, list[Record]]) -> tuple[Record, Record]:
    by_source = {r.source: r for r in two[1]}
    return by_source[f"{RUNS}/2026-03-04.yaml"], by_source[f"{RUNS}/2026-03-04-2.yaml"]


def test_a_run_is_due_after_the_mutu_baku_total_in_working_days(two: tuple[Manual, list[Record]]) -> None:
    first, second = runs(two)
    sop = first.sop
    # 1.210 working minutes at most (the empty tenth step adds nothing) = 2,7 working days, rounded up to 3.
    assert (sop.total.high, sop.total.unset) == (1210, 1)
    assert run_working_days(sop) == 3
    assert run_due(sop, date(2026, 3, 4)) == date(2026, 3, 6)  # Wednesday, Thursday, Friday
    assert run_due(sop, date(2026, 3, 6)) == date(2026, 3, 10)  # Friday, Monday, Tuesday
    on_time, late = run_status(first, REFERENCE), run_status(second, REFERENCE)
    assert (on_time.status, on_time.due, on_time.finished) == (Status.DONE, date(2026, 3, 6), date(2026, 3, 5))
    assert (late.status, late.due, late.finished) == (Status.DONE_LATE, date(2026, 3, 6), date(2026, 3, 17))


def test_steps_without_standard_time_add_nothing(two: tuple[Manual, list[Record]]) -> None:
    sop = two[0].sop("usul-kenaikan-pangkat")
    assert sop is not None
    # Two "Tentatif" steps and one empty: 5.850 minutes from the rest, exactly 13 working days.
    assert (sop.total.high, sop.total.unset) == (5850, 3)
    assert run_working_days(sop) == 13


def test_grace_days_move_a_runs_due_date(two: tuple[Manual, list[Record]]) -> None:
    first, _ = runs(two)
    graced = replace(first.sop, spec=first.sop.spec.model_copy(update={"grace_days": 4}))
    assert run_due(graced, date(2026, 3, 4)) == date(2026, 3, 10)


def cut(record: Record, steps: int, **update: object) -> Record:
    """The run as it stood after its first `steps` recorded steps (and any other changed keys)."""
    return replace(record, spec=record.spec.model_copy(update={"executions": record.spec.executions[:steps], **update}))


def test_an_unfinished_run_is_running_until_its_due_date_then_late(two: tuple[Manual, list[Record]]) -> None:
    first, _ = runs(two)
    halfway = cut(first, 5)
    assert run_status(halfway, date(2026, 3, 6)).status is Status.RUNNING
    assert run_status(halfway, date(2026, 3, 7)).status is Status.LATE
    assert run_status(cut(first, 0), date(2026, 3, 4)).status is Status.RUNNING  # the run exists from its date on
    cancelled = cut(first, 5, status="dibatalkan", reason="Pemohon menarik permohonannya")
    assert run_status(cancelled, date(2026, 11, 25)).status is Status.CANCELLED


def test_without_any_standard_time_a_run_cannot_be_late(two: tuple[Manual, list[Record]]) -> None:
    first, _ = runs(two)
    untimed = replace(first.sop, durations=tuple(NO_STANDARD for _ in first.sop.durations))
    assert run_due(untimed, date(2026, 3, 4)) is None
    open_run = replace(cut(first, 5), sop=untimed)
    assert run_status(open_run, date(2027, 3, 4)).status is Status.RUNNING
    assert run_status(replace(first, sop=untimed), REFERENCE).status is Status.DONE


def test_runs_are_listed_after_the_scheduled_periods_in_run_order(two: tuple[Manual, list[Record]]) -> None:
    manual, records = two
    items = statuses(manual, records, REFERENCE, [2026])
    found = [i for i in items if i.is_run]
    assert [i.record.source for i in found if i.record] == [f"{RUNS}/2026-03-04.yaml", f"{RUNS}/2026-03-04-2.yaml"]
    assert all(not i.is_run for i in items[: len(items) - len(found)])
    assert statuses(manual, records, REFERENCE, [2025])[-1].is_run is False  # runs of other years are left out
    table = status_table(found, REFERENCE)
    assert "permohonan-informasi-publik  2026-03-04    selesai            6 Maret 2026" in table
    assert "permohonan-informasi-publik  2026-03-04-2  selesai terlambat  6 Maret 2026" in table


def test_runs_are_counted_per_quarter(two: tuple[Manual, list[Record]]) -> None:
    manual, records = two
    first, _ = runs(two)
    today = date(2026, 7, 8)
    extra = [
        run_status(cut(first, 5), today),  # a run of 4 March still open in July: late
        run_status(cut(first, 3, period=Period(2026, day=date(2026, 7, 7))), today),  # started yesterday: running
    ]
    items = statuses(manual, records, today, [2026]) + extra
    assert count_runs(items) == {
        (2026, 1): RunCount(done=2, on_time=1, late=1, running=0),
        (2026, 3): RunCount(done=0, on_time=0, late=0, running=1),
    }
    assert count_runs(items)[(2026, 1)].total == 3
    assert count_runs([i for i in items if not i.is_run]) == {}


@pytest.fixture(scope="module")
def revoked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manual, list[Record]]:
    """The shipped data and the fixture's SOP revoked from 1 July 2026 (records in TW1 and TW2) and its replacement."""
    manual, records, problems = load_all(with_revoked_sop(tmp_path_factory.mktemp("dicabut") / "data"), REFERENCE)
    assert manual is not None and errors_only(problems) == [], [p.format() for p in problems]
    return manual, records


def periods_of(manual: Manual, records: list[Record], today: date, sop_id: str) -> dict[str, Status]:
    return {i.period.code: i.status for i in statuses(manual, records, today, [2025, 2026]) if i.sop.id == sop_id}


def test_scheduling_stops_at_the_revocation_and_the_records_stay(revoked: tuple[Manual, list[Record]]) -> None:
    manual, records = revoked
    # TW3 starts on 1 July, the day it was revoked: no period of the old SOP from then on, none late.
    assert periods_of(manual, records, REFERENCE, "permintaan-data-lama") == {"2026-TW1": Status.DONE, "2026-TW2": Status.DONE}
    assert periods_of(manual, records, REFERENCE, "permintaan-data") == {"2026-TW3": Status.DONE, "2026-TW4": Status.NOT_STARTED}


def test_a_revocation_later_in_the_year_keeps_the_periods_that_start_before_it(revoked_root: Path) -> None:
    edit(revoked_root, OLD_SOP, "tanggal_dicabut: 2026-07-01", "tanggal_dicabut: 2026-10-02")
    manual, records, problems = load_all(revoked_root, REFERENCE)
    assert manual is not None, [p.format() for p in errors_only(problems)]
    # TW3 and TW4 start before 2 October: still scheduled; TW3 is late without a record, TW4 is due at the year's end.
    assert periods_of(manual, records, REFERENCE, "permintaan-data-lama") == {
        "2026-TW1": Status.DONE, "2026-TW2": Status.DONE, "2026-TW3": Status.LATE, "2026-TW4": Status.NOT_STARTED,
    }


def test_a_revocation_refuses_only_the_periods_from_its_day(revoked: tuple[Manual, list[Record]]) -> None:
    sop = revoked[0].sop("permintaan-data-lama")
    assert sop is not None
    assert not after_revocation(sop, Period(2026, 2))
    assert after_revocation(sop, Period(2026, 3)) and after_revocation(sop, Period(2027, 1))
    assert after_revocation(sop, Period(2026, day=date(2026, 7, 1))) and not after_revocation(sop, Period(2026, day=date(2026, 6, 30)))
    assert revocation_problem(sop, Period(2026, 2)) is None
    assert revocation_problem(sop, Period(2026, 3)) == (
        "SOP `permintaan-data-lama` dicabut sejak 1 Juli 2026 (tanggal_dicabut di "
        "sop_defs/diskominfo/program-data/permintaan-data-lama.yaml); periode 2026-TW3 dimulai 1 Juli 2026, "
        "pada atau sesudah pencabutan, sehingga tidak ada rekaman untuknya; catat pelaksanaannya pada SOP pengganti "
        "`permintaan-data`"
    )
