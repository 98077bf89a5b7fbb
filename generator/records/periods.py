"""Reporting periods: a quarter (triwulan) of a year, or a whole year, and when each is due."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from generator.data.dates import year_problem

ROMAN = ("I", "II", "III", "IV")
_PATTERN = re.compile(r"([0-9]{4})(?:-TW([1-4]))?")
# A step may be recorded this many years before the period starts or after it ends
# (preparation begun early, a report signed late); beyond that the date is a typo.
MOMENT_SLACK_YEARS = 1


@dataclass(frozen=True, order=True)
class Period:
    """`quarter` is 1-4 for a triwulan, None for a whole year."""

    year: int
    quarter: int | None = None

    @property
    def code(self) -> str:
        return f"{self.year}-TW{self.quarter}" if self.quarter else str(self.year)

    @property
    def folder(self) -> str:
        """The folder under records/<tahun>/ that holds this period's records."""
        return f"TW{self.quarter}" if self.quarter else "tahunan"

    @property
    def label(self) -> str:
        return f"Triwulan {ROMAN[self.quarter - 1]} {self.year}" if self.quarter else f"Tahun {self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.quarter - 1) + 1 if self.quarter else 1, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def due(self, grace_days: int) -> date:
        return self.end + timedelta(days=grace_days)

    @property
    def accepted(self) -> tuple[date, date]:
        """The first and last day a step of this period's record may be dated."""
        return self.start.replace(year=self.year - MOMENT_SLACK_YEARS), self.end.replace(year=self.year + MOMENT_SLACK_YEARS)

    def quarter_of_due(self) -> int:
        """The quarter whose page lists this period: a year is due in Triwulan IV."""
        return self.quarter or 4


def parse_period(text: str) -> Period:
    match = _PATTERN.fullmatch(str(text).strip())
    if not match:
        raise ValueError(f"periode `{text}` tidak sah: tulis `2025-TW3` untuk triwulan atau `2025` untuk tahunan")
    year, quarter = int(match.group(1)), match.group(2)
    problem = year_problem(year, f"periode `{str(text).strip()}`")
    if problem:
        raise ValueError(problem)
    return Period(year, int(quarter) if quarter else None)


def periods_for(cadence: str, year: int) -> list[Period]:
    return [Period(year, q) for q in range(1, 5)] if cadence == "triwulanan" else [Period(year)]
