"""Dates as the Indonesian form writes them: "1 Mei 2022"; and the years data may name."""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

# Every date, moment and period in the data lies in these years (both included): the republic's
# first year to a horizon far beyond any plan. Status pages walk every year from the first record
# to the reference date, and date arithmetic near year 1 or 9999 overflows.
YEAR_MIN = 1945
YEAR_MAX = 2100
YEARS = f"{YEAR_MIN}–{YEAR_MAX}"

REFERENCE_ENV = "SOPGEN_TANGGAL"  # the reference date for builds (mkdocs.yml reads it too) and the CLI

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def year_problem(year: int, what: str) -> str | None:
    """Why `year` may not be used (`what` names the value in the message), or None."""
    if YEAR_MIN <= year <= YEAR_MAX:
        return None
    return f"{what} di luar rentang tahun yang diterima ({YEARS})"


def parse_iso_date(text: str) -> date:
    """Parse YYYY-MM-DD within YEAR_MIN..YEAR_MAX; the ValueError message is shown to editors."""
    match = _ISO.fullmatch(text.strip())
    if not match:
        raise ValueError(f"tanggal `{text}` harus ditulis TTTT-BB-HH, misalnya 2022-05-01")
    year, month, day = (int(part) for part in match.groups())
    problem = year_problem(year, f"tanggal `{text.strip()}`")
    if problem:
        raise ValueError(problem)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"tanggal `{text}` tidak ada di kalender") from None


_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as the form wrote it: a day, a month ("2023-08") or a year ("2024").

    Ordered by its first day, then by precision; `first` and `last` bound the days it may mean.
    """

    first: date
    precision: int  # 3 = day, 2 = month, 1 = year

    @property
    def year(self) -> int:
        return self.first.year

    @property
    def last(self) -> date:
        if self.precision == 3:
            return self.first
        if self.precision == 2:
            return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])
        return self.first.replace(month=12, day=31)

    def format(self) -> str:
        if self.precision == 3:
            return format_date(self.first)
        if self.precision == 2:
            return f"{MONTHS[self.first.month - 1]} {self.first.year}"
        return str(self.first.year)

    def __str__(self) -> str:
        return self.format()


def parse_partial_date(value: object) -> PartialDate:
    """`2022-05-01`, `2023-08` or `2024` (a YAML integer); the ValueError message is shown to editors."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate(value, 3)
    text = str(value).strip()
    match = _PARTIAL.fullmatch(text) if not isinstance(value, bool) else None
    if not match:
        raise ValueError(f"tanggal `{text}` harus ditulis TTTT-BB-HH, TTTT-BB atau TTTT, misalnya 2022-05-01, 2023-08 atau 2024")
    if match.group(3):
        return PartialDate(parse_iso_date(text), 3)
    year = int(match.group(1))
    problem = year_problem(year, f"tanggal `{text}`")
    if problem:
        raise ValueError(problem)
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"tanggal `{text}` tidak ada di kalender: bulan {month}")
        return PartialDate(date(year, month, 1), 2)
    return PartialDate(date(year, 1, 1), 1)


def reference_date(given: str | None = None) -> date:
    """The date records and statuses are judged on: `given` (YYYY-MM-DD), else SOPGEN_TANGGAL when valid, else today.

    A `given` date that is not valid raises ValueError, for the caller to report.
    """
    if given:
        return parse_iso_date(given)
    try:
        return parse_iso_date(os.environ.get(REFERENCE_ENV, ""))
    except ValueError:
        return date.today()  # the clock, where nothing else names the date
