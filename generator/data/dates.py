"""Dates as the Indonesian form writes them: "1 Mei 2022"; and the years data may name."""

from __future__ import annotations

import os
import re
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
