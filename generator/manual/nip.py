"""Civil servants' identity numbers (NIP): their form, and when two names are one person."""

from __future__ import annotations

import re
from datetime import date

from generator.data.dates import YEAR_MAX, YEAR_MIN

# 18 digits: birth date YYYYMMDD, appointment YYYYMM, sex 1 digit, serial 3 digits;
# written together, or in those four groups each separated by one space (the backreference).
_NIP = re.compile(r"([0-9]{8})( ?)([0-9]{6})\2[0-9]\2[0-9]{3}")
NIP_EXAMPLE = "19680814 200212 1 004"
BIRTH_YEAR_MIN = 1900  # the oldest civil servant still named in any record was born after this

# Academic and religious titles, with their dots removed: a title is no part of a name to compare.
TITLES = frozenset(
    "ir dr drs dra prof h hj se skom mm sh st ssos sip msi mkom map spd mpd sag sstp mt mh sak mak amd me msc phd".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\s,]+")


def nip_problem(text: str) -> str | None:
    """Why `text` is not a NIP, or None."""
    match = _NIP.fullmatch(text.strip())
    if match is None:
        return f"NIP `{text}` tidak sah: tulis 18 angka, boleh dikelompokkan 8 6 1 3 dengan spasi, misalnya `{NIP_EXAMPLE}`"
    birth, appointed = match.group(1), match.group(3)
    if _birth_date(birth) is None:
        return f"NIP `{text}`: 8 angka pertama harus tanggal lahir TTTTBBHH yang ada (misalnya `{NIP_EXAMPLE}` untuk 14 Agustus 1968)"
    year, month = int(appointed[:4]), int(appointed[4:])
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
        return f"NIP `{text}`: angka ke-9 s.d. 14 harus tahun dan bulan pengangkatan TTTTBB (misalnya `200212` dalam `{NIP_EXAMPLE}`)"
    return None


def _birth_date(digits: str) -> date | None:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return born if BIRTH_YEAR_MIN <= born.year <= YEAR_MAX else None


def nip_digits(text: str) -> str:
    return text.replace(" ", "").strip()


def name_words(name: str) -> frozenset[str]:
    """The words that identify a person: lowercase, three letters or more, titles left out."""
    words: set[str] = set()
    for token in _TOKEN.findall(name.lower()):
        if token.replace(".", "") in TITLES:
            continue
        words |= {word for word in _NAME_WORD.findall(token) if len(word) >= 3}
    return frozenset(words)


def same_person(first: str, second: str) -> bool:
    """Loosely: the names share a word; a name with no word to compare is given the benefit of the doubt."""
    a, b = name_words(first), name_words(second)
    return not a or not b or bool(a & b)
