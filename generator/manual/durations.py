"""Durations as written in the Mutu Baku "Waktu" column, normalised to working minutes.

Working-time convention (the only place it is defined): a working day is
7.5 hours (37.5 hours over a 5-day week, the civil-service working week),
a week is 5 working days, and a month is 4 weeks (20 working days).
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
UNITS = tuple(MINUTES_PER_UNIT)
CONVENTION = "1 hari kerja = 7,5 jam; 1 minggu = 5 hari kerja; 1 bulan = 4 minggu (20 hari kerja)"
# One step takes at least a minute and at most this many months: a longer step is a typo
# or several steps, and unbounded numbers overflow the totals the pages print.
MIN_STEP_MINUTES = 1  # totals are shown in whole minutes: a shorter step would read as "0 menit"
MAX_STEP_MONTHS = 12
MAX_STEP_MINUTES = MAX_STEP_MONTHS * MINUTES_PER_UNIT["bulan"]

_PATTERN = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]*)\s*")


@dataclass(frozen=True)
class Duration:
    """A duration: the text as the form shows it and its length in working minutes."""

    text: str
    minutes: float


class DurationError(ValueError):
    pass


def parse_duration(value: str | int | float, default_unit: str | None) -> Duration:
    """Parse "2 minggu", "1minggu", "1,5 jam", or a bare number in `default_unit`."""
    text = str(value).strip()
    match = _PATTERN.fullmatch(text)
    if not match:
        raise DurationError(
            f"waktu `{_shown(text)}` tidak dapat dibaca; tulis angka dan satuan, misalnya `2 minggu` "
            f"(satuan: {', '.join(UNITS)})"
        )
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2).lower()
    if not unit:
        if default_unit is None:
            raise DurationError(
                f"waktu `{_shown(text)}` tidak bersatuan; tulis satuannya (misalnya `{_shown(text)} menit`) "
                "atau isi `satuan_waktu` pada SOP"
            )
        unit = default_unit
        text = f"{text} {unit}"
    if unit not in MINUTES_PER_UNIT:
        raise DurationError(f"satuan waktu `{unit}` tidak dikenal (gunakan: {', '.join(UNITS)})")
    minutes = number * MINUTES_PER_UNIT[unit]
    if not MIN_STEP_MINUTES <= minutes <= MAX_STEP_MINUTES:  # also refuses a number too long for a float (infinity)
        days = round(MAX_STEP_MINUTES / MINUTES_PER_UNIT["hari"])
        raise DurationError(
            f"waktu `{_shown(text)}` di luar batas: satu langkah paling cepat {MIN_STEP_MINUTES} menit dan paling lama "
            f"{MAX_STEP_MONTHS} bulan ({days} hari kerja)"
        )
    return Duration(text=text, minutes=minutes)


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
