"""Dates as the Indonesian form writes them: "1 Mei 2022"."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def parse_iso_date(text: str) -> date:
    """Parse YYYY-MM-DD; the ValueError message is shown to editors."""
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"tanggal `{text}` harus ditulis TTTT-BB-HH, misalnya 2022-05-01")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"tanggal `{text}` tidak ada di kalender") from None
