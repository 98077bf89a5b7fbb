"""Statuses on pinned dates: each status, grace days, and the loop after `tidak`."""

from __future__ import annotations

from datetime import date

from generator.records.moments import parse_moment, working_minutes
from generator.records.periods import Period, parse_period
from generator.records.status import Status, status_of, statuses
from generator.render.site import Site


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
    graced = sop.__class__(sop.id, sop.unit_id, sop.source, sop.spec.model_copy(update={"grace_days": 10}), sop.approver, sop.durations)
    on_time = status_of(graced, record.period, record, date(2026, 1, 1))
    assert on_time.due == date(2025, 7, 10)
    assert on_time.status is Status.DONE


def test_periods() -> None:
    assert parse_period("2025-TW3") == Period(2025, 3)
    assert Period(2025, 3).end == date(2025, 9, 30)
    assert Period(2025, 1).end == date(2025, 3, 31)
    assert Period(2025).end == date(2025, 12, 31)
    assert Period(2025).quarter_of_due() == 4
    assert Period(2025, 2).label == "Triwulan II 2025"


def test_working_minutes() -> None:
    assert working_minutes(parse_moment("2025-09-02 08:00"), parse_moment("2025-09-02 13:30")) == 330
    # Monday to Friday of one week, dates only: five working days of 7.5 hours
    assert working_minutes(parse_moment("2025-10-20"), parse_moment("2025-10-24")) == 5 * 450
    # Friday to Monday skips the weekend
    assert working_minutes(parse_moment("2025-10-24"), parse_moment("2025-10-27")) == 2 * 450
