"""Status of each SOP in each period, computed from the records and a reference date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from generator.manual.model import Manual, Sop
from generator.records.model import Record
from generator.records.periods import Period, periods_for
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
    sop: Sop
    period: Period
    status: Status
    due: date
    record: Record | None
    finished: date | None

    @property
    def steps_done(self) -> int:
        """Distinct steps finished at least once."""
        if self.record is None:
            return 0
        return len({e.step for e in self.record.started if e.end is not None})

    @property
    def percent_done(self) -> int:
        return round(100 * self.steps_done / len(self.sop.spec.steps))


def status_of(sop: Sop, period: Period, record: Record | None, today: date) -> PeriodStatus:
    due = period.due(sop.spec.grace_days)
    finished = None
    if record is not None and record.cancelled:
        status = Status.CANCELLED
    elif record is not None and is_complete(record):
        last = record.started[-1].end
        assert last is not None
        finished = last.day
        status = Status.DONE if finished <= due else Status.DONE_LATE
    elif today > due:
        status = Status.LATE
    elif record is not None and record.started:
        status = Status.RUNNING
    else:
        status = Status.NOT_STARTED
    return PeriodStatus(sop, period, status, due, record, finished)


def statuses(manual: Manual, records: list[Record], today: date, years: list[int]) -> list[PeriodStatus]:
    """Every SOP's status in every period of `years` that it was in force for."""
    by_key = {(r.sop.id, r.period): r for r in records}
    result = []
    for year in years:
        for sop in manual.sops:
            for period in periods_for(sop.spec.cadence, year):
                if period.end < sop.spec.effective.first and (sop.id, period) not in by_key:
                    continue
                result.append(status_of(sop, period, by_key.get((sop.id, period)), today))
    return result


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
        (i.sop.id, i.period.code, i.status.value, format_date(i.due), f"{i.steps_done}/{len(i.sop.spec.steps)}")
        for i in items
    ]
    widths = [max(len(str(r[c])) for r in [header, *rows]) for c in range(len(header))]
    lines = [f"Status per {format_date(today)}", ""]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
