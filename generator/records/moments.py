"""Moments in a record: a date, or a date with a time; and the working time between two of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from generator.data.dates import format_date, parse_iso_date
from generator.manual.durations import MINUTES_PER_UNIT
from generator.records.periods import Period

_PATTERN = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]([0-9]{1,2}):([0-9]{2}))?")
DAY_START_MINUTES = 8 * 60  # a date without a time counts from the start of the working day
WORKDAY = int(MINUTES_PER_UNIT["hari"])
WORKING_WEEKDAYS = 5  # Monday to Friday


@dataclass(frozen=True, order=True)
class Moment:
    value: datetime
    has_time: bool

    @property
    def day(self) -> date:
        return self.value.date()

    def format(self) -> str:
        text = format_date(self.day)
        return f"{text} {self.value:%H.%M}" if self.has_time else text


def parse_moment(text: object) -> Moment:
    if isinstance(text, Moment):
        return text
    match = _PATTERN.fullmatch(str(text).strip())
    if not match:
        raise ValueError(f"waktu `{text}` harus ditulis TTTT-BB-HH atau TTTT-BB-HH JJ:MM, misalnya 2025-07-01 08:00")
    day = parse_iso_date(match.group(1))
    if match.group(2) is None:
        return Moment(datetime(day.year, day.month, day.day), has_time=False)
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"jam `{match.group(2)}:{match.group(3)}` tidak ada")
    return Moment(datetime(day.year, day.month, day.day, hour, minute), has_time=True)


def moment_problem(moment: Moment, period: Period, today: date) -> str | None:
    """Why a moment recorded for `period` cannot be true: after the reference date, or far outside the period."""
    if moment.day > today:
        return f"waktu {moment.format()} sesudah tanggal acuan {format_date(today)}: rekaman hanya mencatat yang sudah terjadi"
    first, last = period.accepted
    if not first <= moment.day <= last:
        return (
            f"waktu {moment.format()} terlalu jauh dari periode {period.code}; "
            f"yang diterima {format_date(first)} s.d. {format_date(last)}"
        )
    return None


def _weekdays_before(ordinal: int) -> int:
    """Monday-to-Friday days with a proleptic ordinal in [1, ordinal); ordinal 1 (0001-01-01) is a Monday."""
    weeks, rest = divmod(ordinal - 1, 7)
    return weeks * WORKING_WEEKDAYS + min(rest, WORKING_WEEKDAYS)


def working_days(first: date, last: date) -> int:
    """Monday-to-Friday days from `first` to `last`, both included; 0 when `last` is earlier."""
    if last < first:
        return 0
    # Ordinals, not dates: `last + 1 day` would overflow on 9999-12-31.
    return _weekdays_before(last.toordinal() + 1) - _weekdays_before(first.toordinal())


def working_minutes(start: Moment, end: Moment) -> int:
    """Working time spent: clock minutes within one day; whole working days when dates only."""
    if start.has_time and end.has_time and start.day == end.day:
        return int((end.value - start.value).total_seconds() // 60)
    if not (start.has_time and end.has_time):
        return max(working_days(start.day, end.day), 1) * WORKDAY
    between = max(working_days(start.day + timedelta(days=1), end.day - timedelta(days=1)), 0)
    first = max(DAY_START_MINUTES + WORKDAY - (start.value.hour * 60 + start.value.minute), 0)
    last = max(end.value.hour * 60 + end.value.minute - DAY_START_MINUTES, 0)
    return between * WORKDAY + first + last
