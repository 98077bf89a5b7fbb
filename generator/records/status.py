"""Status of each SOP in each period, and of each insidental run, computed from the records and a reference date."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from generator.data.cache import remembered
from generator.data.dates import format_date
from generator.manual.model import Manual, Sop
from generator.records.model import Record
from generator.records.moments import WORKDAY, WORKING_WEEKDAYS
from generator.records.periods import Period, periods_for, run_number
from generator.records.replay import is_complete


class Status(str, Enum):
    NOT_STARTED = "belum dimulai"
    RUNNING = "berjalan"
    DONE = "selesai"
    DONE_LATE = "selesai terlambat"
    LATE = "terlambat"
    CANCELLED = "dibatalkan"

    @property
    def css(self) -> str:
        return self.value.replace(" ", "-")


@dataclass(frozen=True)
class PeriodStatus:
    """One SOP in one scheduled period, or one insidental run (then `record` is the run's and never None).

    `due` is None only for a run of an SOP with no standard time at all: such a run cannot be late.
    """

    sop: Sop
    period: Period
    status: Status
    due: date | None
    record: Record | None
    finished: date | None

    @property
    def is_run(self) -> bool:
        return self.period.day is not None

    @property
    def steps_done(self) -> int:
        """Distinct steps finished at least once."""
        if self.record is None:
            return 0
        return len({e.step for e in self.record.started if e.end is not None})

    @property
    def percent_done(self) -> int:
        """Share of distinct steps finished; 100 once the procedure reached its end (a branch may skip steps)."""
        if self.finished is not None:
            return 100
        return round(100 * self.steps_done / len(self.sop.spec.steps))


def status_of(sop: Sop, period: Period, record: Record | None, today: date) -> PeriodStatus:
    """A scheduled period's status: due at the period's end plus `tenggat_hari`."""
    return _judge(sop, period, record, today, period.due(sop.spec.grace_days), running=bool(record and record.started))


def _judge(sop: Sop, period: Period, record: Record | None, today: date, due: date | None, running: bool) -> PeriodStatus:
    finished = None
    if record is not None and record.cancelled:
        status = Status.CANCELLED
    elif record is not None and is_complete(record):
        last = record.started[-1].end
        assert last is not None
        finished = last.day
        status = Status.DONE if due is None or finished <= due else Status.DONE_LATE
    elif due is not None and today > due:
        status = Status.LATE
    elif running:
        status = Status.RUNNING
    else:
        status = Status.NOT_STARTED
    return PeriodStatus(sop, period, status, due, record, finished)


def nth_working_day(first: date, n: int) -> date:
    """The `n`-th Monday-to-Friday day counting from `first` (itself the 1st when a weekday); n >= 1."""
    while first.weekday() >= WORKING_WEEKDAYS:
        first += timedelta(days=1)
    weeks, rest = divmod(n - 1, WORKING_WEEKDAYS)
    day = first + timedelta(weeks=weeks)
    for _ in range(rest):
        day += timedelta(days=3 if day.weekday() == WORKING_WEEKDAYS - 1 else 1)
    return day


def run_due(sop: Sop, start: date) -> date | None:
    """When an insidental run started on `start` is due: the SOP's Mutu Baku upper total in working days
    (rounded up; the start day is the first), plus `tenggat_hari`. Steps without a standard time add nothing;
    None when no step has one, since nothing then says when the run is late."""
    days = run_working_days(sop)
    if days is None:
        return None
    return nth_working_day(start, days) + timedelta(days=sop.spec.grace_days)


def run_working_days(sop: Sop) -> int | None:
    """The Mutu Baku upper total in whole working days (rounded up); None when no step has a standard time."""
    minutes = round(sop.total.high)
    return math.ceil(minutes / WORKDAY) if minutes > 0 else None


def run_status(record: Record, today: date) -> PeriodStatus:
    """An insidental run's status: DONE or DONE_LATE when finished, LATE when it overran its due date
    unfinished, RUNNING otherwise (a run exists from its date on), CANCELLED when `status: dibatalkan`."""
    period = record.period
    assert period.day is not None
    return _judge(record.sop, period, record, today, run_due(record.sop, period.day), running=True)


def statuses(manual: Manual, records: list[Record], today: date, years: list[int]) -> list[PeriodStatus]:
    """Every SOP's status in every scheduled period of `years` that it was in force for, then every
    insidental run of those years (in date order, then file name)."""
    by_sop: dict[str, dict[Period, Record]] = {}
    for r in records:
        if r.period.day is None:
            by_sop.setdefault(r.sop.id, {})[r.period] = r
    result = []
    for year in years:
        for current in manual.sops:
            own = by_sop.get(current.id, {})
            versions = manual.versions.of(current.id) if manual.versions is not None else ()
            # Under `mkdocs serve` the SOP, its versions and records are the last build's objects unless edited.
            inputs = (current, today, *(x for v in versions for x in (v.sop, v.commit, v.committed)), *own.values())
            result += remembered(
                ("status", current.id, year), inputs, lambda current=current, own=own: _periods(manual, current, year, own, today)
            )
    wanted = set(years)
    runs = sorted((r for r in records if r.period.day is not None and r.period.year in wanted), key=_run_order)
    result += [run_status(record, today) for record in runs]
    return result


def _periods(manual: Manual, current: Sop, year: int, own: dict[Period, Record], today: date) -> list[PeriodStatus]:
    found = []
    for period, sop in _scheduled(manual, current, year):
        if period.end < sop.spec.effective.first and period not in own:
            continue
        found.append(status_of(sop, period, own.get(period), today))
    return found


def _scheduled(manual: Manual, current: Sop, year: int) -> list[tuple[Period, Sop]]:
    """The periods of `year` under the schedule of the version in force at each period's start, with that version."""
    cadences = {current.spec.cadence}
    if manual.versions is not None:
        cadences |= {v.sop.spec.cadence for v in manual.versions.of(current.id)}
    candidates = sorted({p for cadence in cadences for p in periods_for(cadence, year)})
    candidates = [p for p in candidates if not after_revocation(current, p)]  # its records stop with the SOP
    in_force = [(p, manual.sop_on(current.id, p.start) or current) for p in candidates]
    return [(p, sop) for p, sop in in_force if sop.spec.cadence == p.cadence]


def after_revocation(current: Sop, period: Period) -> bool:
    """`period` starts on or after the day `current` (the SOP's newest file) was revoked."""
    revoked = current.spec.revoked_from
    return revoked is not None and period.start >= revoked


def revocation_problem(current: Sop, period: Period) -> str | None:
    """Why no record may be made for `period`: the SOP was revoked before it began (None when it was not)."""
    if not after_revocation(current, period):
        return None
    spec = current.spec
    replacement = f"; catat pelaksanaannya pada SOP pengganti `{spec.replaced_by}`" if spec.replaced_by else ""
    return (
        f"SOP `{current.id}` dicabut sejak {spec.revoked_on} (tanggal_dicabut di {current.source}); "
        f"periode {period.code} dimulai {format_date(period.start)}, pada atau sesudah pencabutan, "
        f"sehingga tidak ada rekaman untuknya{replacement}"
    )


def _run_order(record: Record) -> tuple[Period, int]:
    return record.period, run_number(record.source.rsplit("/", 1)[-1].removesuffix(".yaml"))


@dataclass(frozen=True)
class RunCount:
    """Insidental runs in one quarter: each run is counted once in done, late, running or cancelled."""

    done: int = 0  # finished, on time or not
    on_time: int = 0  # finished by the due date (part of `done`)
    late: int = 0  # overran the due date and not finished
    running: int = 0  # not finished, within time
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.done + self.late + self.running + self.cancelled


def count_runs(items: Iterable[PeriodStatus]) -> dict[tuple[int, int], RunCount]:
    """Insidental runs among `items` counted per (year, quarter of the run's date); scheduled items are ignored.

    Pass one SOP's items for that SOP's counts; quarters without runs are absent.
    """
    tally: dict[tuple[int, int], list[int]] = {}
    column = {Status.DONE: 0, Status.DONE_LATE: 0, Status.LATE: 2, Status.RUNNING: 3, Status.NOT_STARTED: 3, Status.CANCELLED: 4}
    for item in items:
        if not item.is_run:
            continue
        counts = tally.setdefault((item.period.year, item.period.quarter_of_due()), [0, 0, 0, 0, 0])
        counts[column[item.status]] += 1
        counts[1] += item.status is Status.DONE
    return {key: RunCount(*counts) for key, counts in tally.items()}


def on_time_rate(items: list[PeriodStatus]) -> int | None:
    """Percent of finished-or-overdue items that were finished on time; None when nothing is due yet."""
    judged = [i for i in items if i.status in (Status.DONE, Status.DONE_LATE, Status.LATE)]
    if not judged:
        return None
    return round(100 * sum(i.status is Status.DONE for i in judged) / len(judged))


def report_years(records: list[Record], today: date) -> list[int]:
    """From the first recorded year to the reference date's year."""
    first = min((r.period.year for r in records), default=today.year)
    return list(range(min(first, today.year), today.year + 1))


def status_table(items: list[PeriodStatus], today: date) -> str:
    """A plain-text table for the terminal."""
    from generator.data.dates import format_date

    header = ("SOP", "Periode", "Status", "Batas waktu", "Langkah")
    rows = [
        (i.sop.id, _code(i), i.status.value, format_date(i.due) or "–", f"{i.steps_done}/{len(i.sop.spec.steps)}")
        for i in items
    ]
    widths = [max(len(str(r[c])) for r in [header, *rows]) for c in range(len(header))]
    lines = [f"Status per {format_date(today)}", ""]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _code(item: PeriodStatus) -> str:
    """The period as written, with a run's file name when it is not the day's first run."""
    if item.is_run and item.record is not None:
        return item.record.source.rsplit("/", 1)[-1].removesuffix(".yaml")
    return item.period.code
