"""Reporting periods for every `jadwal`: a month, a quarter, a semester, a year, or one insidental run's date.

A period is one of: `Period(2025, month=3)` (bulanan), `Period(2025, 3)` (triwulanan, the quarter is the
second field so the old `Period(year, quarter)` still reads the same), `Period(2025, semester=1)`
(semesteran), `Period(2025)` (tahunan), `Period(2025, day=date(2025, 9, 3))` (insidental: the run's date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import total_ordering

from generator.data.dates import MONTHS, format_date, parse_iso_date, year_problem

ROMAN = ("I", "II", "III", "IV")
QUARTERS = (1, 2, 3, 4)
# A step may be recorded this many years before the period starts or after it ends
# (preparation begun early, a report signed late); beyond that the date is a typo.
MOMENT_SLACK_YEARS = 1
INSIDENTAL_FOLDER = "insidental"
YEAR_FOLDER = "tahunan"
MONITORING_FOLDER = "pemantauan"  # records/<tahun>/pemantauan/: monitoring notes, not a period (records.monitoring)

_PATTERN = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-B(?P<bmonth>[0-9]{2})|-(?P<month>[0-9]{2})|-TW(?P<quarter>[1-4])|-S(?P<semester>[12])"
    r"|-(?P<rmonth>[0-9]{2})-(?P<rday>[0-9]{2}))?"
)
# An insidental record's file name: the run's date, then `-2`, `-3`... for later runs on the same day.
RUN_FILE = re.compile(r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:-(?P<number>[1-9][0-9]*))?")

FORMS = "`2025-B03` (bulanan), `2025-TW3` (triwulanan), `2025-S1` (semesteran), `2025` (tahunan) atau `2025-09-03` (insidental)"


def shift_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@total_ordering
@dataclass(frozen=True)
class Period:
    """One period; at most one of quarter, month, semester, day is set (none: the whole year)."""

    year: int
    quarter: int | None = None
    month: int | None = None
    semester: int | None = None
    day: date | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.quarter, self.month, self.semester, self.day) if v is not None]
        if len(given) > 1:
            raise ValueError("a period is a month, a quarter, a semester, a year or a run's date, not several")
        if self.day is not None and self.day.year != self.year:
            raise ValueError("an insidental run's year is its date's year")

    @property
    def cadence(self) -> str:
        """The `jadwal` this period belongs to."""
        if self.month is not None:
            return "bulanan"
        if self.quarter is not None:
            return "triwulanan"
        if self.semester is not None:
            return "semesteran"
        if self.day is not None:
            return "insidental"
        return "tahunan"

    @property
    def code(self) -> str:
        """How `periode` is written: 2025-B03, 2025-TW3, 2025-S1, 2025 or 2025-09-03."""
        if self.day is not None:
            return self.day.isoformat()
        if self.month is not None:
            return f"{self.year}-B{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year}-TW{self.quarter}"
        if self.semester is not None:
            return f"{self.year}-S{self.semester}"
        return str(self.year)

    @property
    def folder(self) -> str:
        """The folder under records/<tahun>/ that holds this period's records (insidental: one more level per SOP)."""
        if self.day is not None:
            return INSIDENTAL_FOLDER
        if self.month is not None:
            return f"B{self.month:02d}"
        if self.quarter is not None:
            return f"TW{self.quarter}"
        if self.semester is not None:
            return f"S{self.semester}"
        return YEAR_FOLDER

    @property
    def label(self) -> str:
        if self.day is not None:
            return f"Pelaksanaan {format_date(self.day)}"
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.quarter is not None:
            return f"Triwulan {ROMAN[self.quarter - 1]} {self.year}"
        if self.semester is not None:
            return f"Semester {ROMAN[self.semester - 1]} {self.year}"
        return f"Tahun {self.year}"

    @property
    def start(self) -> date:
        if self.day is not None:
            return self.day
        return date(self.year, self._first_month, 1)

    @property
    def end(self) -> date:
        if self.day is not None:
            return self.day
        last_month = self._first_month + self._months - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def _first_month(self) -> int:
        if self.month is not None:
            return self.month
        if self.quarter is not None:
            return 3 * (self.quarter - 1) + 1
        if self.semester is not None:
            return 6 * (self.semester - 1) + 1
        return 1

    @property
    def _months(self) -> int:
        return 1 if self.month is not None else 3 if self.quarter is not None else 6 if self.semester is not None else 12

    def due(self, grace_days: int) -> date:
        """A scheduled period is due at its end plus the SOP's `tenggat_hari` (runs: see status.run_due)."""
        return self.end + timedelta(days=grace_days)

    @property
    def accepted(self) -> tuple[date, date]:
        """The first and last day a step of this period's record may be dated.

        A run starts on its date, so nothing of it happens earlier; a scheduled period allows preparation a year early.
        """
        first = self.start if self.day is not None else shift_years(self.start, -MOMENT_SLACK_YEARS)
        return first, shift_years(self.end, MOMENT_SLACK_YEARS)

    def quarter_of_due(self) -> int:
        """The quarter whose page lists this period: the quarter it ends in (a run: the quarter of its date)."""
        return (self.end.month - 1) // 3 + 1

    def covers(self, other: Period) -> bool:
        """`other` lies within this period (a year covers its months, quarters, semesters and runs)."""
        return self.start <= other.start and other.end <= self.end

    def _key(self) -> tuple[date, date]:
        return self.start, self.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()


def parse_period(text: str) -> Period:
    """`periode` as written; the ValueError message is shown to editors."""
    written = str(text).strip()
    match = _PATTERN.fullmatch(written)
    if not match:
        raise ValueError(f"periode `{written}` tidak sah: tulis {FORMS}")
    year = int(match.group("year"))
    problem = year_problem(year, f"periode `{written}`")
    if problem:
        raise ValueError(problem)
    if match.group("rday") is not None:
        return Period(year, day=parse_iso_date(written))
    if (month := match.group("bmonth") or match.group("month")) is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"periode `{written}` tidak sah: bulan {int(month)} tidak ada (B01 sampai B12)")
        return Period(year, month=int(month))
    if match.group("quarter") is not None:
        return Period(year, int(match.group("quarter")))
    if match.group("semester") is not None:
        return Period(year, semester=int(match.group("semester")))
    return Period(year)


def periods_for(cadence: str, year: int) -> list[Period]:
    """The scheduled periods of one year; insidental SOPs have none (each run is its own period)."""
    if cadence == "bulanan":
        return [Period(year, month=m) for m in range(1, 13)]
    if cadence == "triwulanan":
        return [Period(year, q) for q in QUARTERS]
    if cadence == "semesteran":
        return [Period(year, semester=s) for s in (1, 2)]
    if cadence == "tahunan":
        return [Period(year)]
    return []


def period_containing(cadence: str, day: date) -> Period:
    """The period of `cadence` that `day` falls in; for insidental, the run started on `day`."""
    if cadence == "bulanan":
        return Period(day.year, month=day.month)
    if cadence == "triwulanan":
        return Period(day.year, (day.month - 1) // 3 + 1)
    if cadence == "semesteran":
        return Period(day.year, semester=1 if day.month <= 6 else 2)
    if cadence == "tahunan":
        return Period(day.year)
    return Period(day.year, day=day)


def run_file_name(day: date, number: int = 1) -> str:
    """The file of the `number`-th run started on `day`: 2025-09-03.yaml, 2025-09-03-2.yaml, ..."""
    return f"{day.isoformat()}.yaml" if number == 1 else f"{day.isoformat()}-{number}.yaml"


def run_number(stem: str) -> int:
    """Which run of its day a file holds (1 for `2025-09-03`, 2 for `2025-09-03-2`); 1 when the name has no suffix."""
    match = RUN_FILE.fullmatch(stem)
    return int(match.group("number")) if match and match.group("number") else 1
