"""Durations as written in the Mutu Baku "Waktu" column, normalised to working minutes.

Working-time convention (the only place it is defined): a working day is
7.5 hours (37.5 hours over a 5-day week, the civil-service working week),
a week is 5 working days, and a month is 4 weeks (20 working days).

Real forms write a time in many ways: "2 minggu", "1-2 hari", "1 s.d. 2 hari",
"maks. 30 menit", "1/3 hari", "Tentatif sesuai peraturan", or nothing. The text
is always kept as written; the parsed range says what totals and overrun checks use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MINUTES_PER_UNIT: dict[str, float] = {
    "menit": 1,
    "jam": 60,
    "hari": 450,
    "minggu": 5 * 450,
    "bulan": 20 * 450,
}
UNITS = ("menit", "jam", "hari", "hari kerja", "minggu", "bulan")
CONVENTION = "1 hari kerja = 7,5 jam; 1 minggu = 5 hari kerja; 1 bulan = 4 minggu (20 hari kerja)"
# One step takes at least a minute and at most this many months: a longer step is a typo
# or several steps, and unbounded numbers overflow the totals the pages print.
MIN_STEP_MINUTES = 1  # totals are shown in whole minutes: a shorter step would read as "0 menit"
MAX_STEP_MONTHS = 12
MAX_STEP_MINUTES = MAX_STEP_MONTHS * MINUTES_PER_UNIT["bulan"]

MAX_TIME_CHARS = 1000  # far beyond any real cell; the possessive patterns below already never backtrack
_NUMBER = r"[0-9]++(?:[.,][0-9]++)?(?:/[0-9]++)?"
_UNIT = r"[A-Za-z]++(?:\s++kerja)?"  # possessive: no backtracking over a long run of letters
_RANGE_WORD = r"(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?)"
_BOUND_WORD = r"(?:maks\.?|maksimal|maksimum|paling\s+lama|selambat-lambatnya)"
_PATTERN = re.compile(
    rf"\s*(?P<bound>{_BOUND_WORD}\s*)?(?P<low>{_NUMBER})\s*(?:(?P<low_unit>{_UNIT})\s*)?"
    rf"(?:{_RANGE_WORD}\s*(?P<high>{_NUMBER})\s*)?(?P<unit>{_UNIT})?\s*",
    re.IGNORECASE,
)
_NO_STANDARD = re.compile(r"\s*tentatif\b.*", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Duration:
    """A step's time: the text as the form shows it, and its range in working minutes.

    `low` and `high` are None when the step has no standard time ("tentatif", or left empty).
    An upper bound ("maks. 30 menit") counts as its full value: the standard allows that much.
    """

    text: str
    low: float | None
    high: float | None

    @property
    def standard(self) -> bool:
        return self.high is not None

    @property
    def minutes(self) -> float:
        """The longest the step may take (0 without a standard time): what overrun checks compare with."""
        return self.high or 0.0


NO_STANDARD = Duration("", None, None)


class DurationError(ValueError):
    pass


def parse_duration(value: str | int | float | None, default_unit: str | None) -> Duration:
    """Parse one "Waktu" cell; see the module docstring for the forms accepted."""
    text = "" if value is None else str(value).strip()
    if not text or _NO_STANDARD.fullmatch(text):
        return Duration(text, None, None)
    match = _PATTERN.fullmatch(text) if len(text) <= MAX_TIME_CHARS else None
    if not match or (match.group("low_unit") and match.group("unit") and not match.group("high")):
        raise DurationError(
            f"waktu `{_shown(text)}` tidak dapat dibaca; tulis angka dan satuan, misalnya `2 minggu`, `1-2 hari`, "
            f"`maks. 30 menit` atau `tentatif` (satuan: {', '.join(UNITS)})"
        )
    unit = _unit(match.group("unit") or match.group("low_unit"), text, default_unit)
    if match.group("unit") is None and match.group("low_unit") is None:
        text = f"{text} {unit}"
    low_unit = _unit(match.group("low_unit"), text, default_unit) if match.group("low_unit") else unit
    low = _number(match.group("low"), text) * MINUTES_PER_UNIT[low_unit]  # "30 menit - 1 jam"
    high = _number(match.group("high"), text) * MINUTES_PER_UNIT[unit] if match.group("high") else low
    if high < low:
        raise DurationError(f"waktu `{_shown(text)}`: batas bawah rentang lebih besar dari batas atasnya")
    for minutes in (low, high):
        if not MIN_STEP_MINUTES <= minutes <= MAX_STEP_MINUTES:  # also refuses a number too long for a float
            days = round(MAX_STEP_MINUTES / MINUTES_PER_UNIT["hari"])
            raise DurationError(
                f"waktu `{_shown(text)}` di luar batas: satu langkah paling cepat {MIN_STEP_MINUTES} menit dan paling lama "
                f"{MAX_STEP_MONTHS} bulan ({days} hari kerja)"
            )
    return Duration(text=text, low=low, high=high)


def _unit(written: str | None, text: str, default_unit: str | None) -> str:
    if written is None:
        if default_unit is None:
            raise DurationError(
                f"waktu `{_shown(text)}` tidak bersatuan; tulis satuannya (misalnya `{_shown(text)} menit`) "
                "atau isi `satuan_waktu` pada SOP"
            )
        return default_unit
    unit = " ".join(written.lower().split())
    if unit == "hari kerja":
        return "hari"  # a "hari" is already a working day in this convention
    if unit not in MINUTES_PER_UNIT:
        raise DurationError(f"satuan waktu `{_shown(written)}` tidak dikenal (gunakan: {', '.join(UNITS)})")
    return unit


def _number(written: str, text: str) -> float:
    whole, _, divisor = written.replace(",", ".").partition("/")
    if divisor and float(divisor) == 0:
        raise DurationError(f"waktu `{_shown(text)}`: pecahan dengan penyebut 0")
    return float(whole) / float(divisor) if divisor else float(whole)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def format_minutes(minutes: float) -> str:
    """Working minutes as "4 minggu 3 hari 4 jam", largest units first, months left out."""
    remaining = round(minutes)
    parts: list[str] = []
    for unit in ("minggu", "hari", "jam", "menit"):
        size = int(MINUTES_PER_UNIT[unit])
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count} {unit}")
    return " ".join(parts) or "0 menit"


@dataclass(frozen=True)
class Total:
    """The sum of a procedure's step times: a range, and how many steps have no standard time."""

    low: float
    high: float
    unset: int

    @property
    def text(self) -> str:
        span = format_minutes(self.low)
        if round(self.low) != round(self.high):
            span = f"{span} – {format_minutes(self.high)}"
        minutes = f"{round(self.low):,}".replace(",", ".")
        if round(self.low) != round(self.high):
            minutes += "–" + f"{round(self.high):,}".replace(",", ".")
        text = f"{span} ({minutes} menit kerja)"
        if self.unset:
            text += f" + {self.unset} langkah tanpa waktu baku"
        return text


def total(durations: tuple[Duration, ...] | list[Duration]) -> Total:
    timed = [d for d in durations if d.standard]
    return Total(
        low=sum(d.low or 0.0 for d in timed),
        high=sum(d.high or 0.0 for d in timed),
        unset=len(durations) - len(timed),
    )
