"""How wide a line of text is in the official flowchart, and where it wraps (no drawing here).

The widths are DejaVu Sans's advances, measured once in Chromium (canvas `measureText` at 100 px,
ASCII 32-126). DejaVu is wider than the fonts a phone or Windows falls back to, so a line measured
here fits there too. A character outside the table counts as a full em.
"""

from __future__ import annotations

_FIRST = 32
# Advance of each ASCII character from " " to "~", in hundredths of the font size.
_REGULAR = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34,
    84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99,
    69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52,
    39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
)
_BOLD = (
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40,
    84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110,
    77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60,
    48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
)


def text_width(text: str, size: int, bold: bool = False) -> int:
    """Width in pixels of one line at `size` px, never less than a browser draws it."""
    table = _BOLD if bold else _REGULAR
    # Each glyph rounded up to a whole pixel: at small sizes the browser's hinting rounds advances, so the
    # exact sum runs short (Chromium draws "Tidak" 31.2 px wide at 11 px; the sum of advances is 29.8).
    return sum(-(-(table[ord(c) - _FIRST] if _FIRST <= ord(c) < _FIRST + len(table) else 100) * size // 100) for c in text)


def wrap(text: str, width: int, size: int, bold: bool = False) -> list[str]:
    """Lines of at most `width` px, broken between words; only a word wider than a whole line is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _hyphenate(word, width, size, bold)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return [*lines, line] if line or not lines else lines


def _hyphenate(word: str, width: int, size: int, bold: bool) -> list[str]:
    """A word that fits is one piece; a longer one is cut into pieces that fit, each but the last ending in "-",
    at a syllable boundary when one fits (Indonesian: ke-pang-kat-an), else wherever it must."""
    pieces: list[str] = []
    while text_width(word, size, bold) > width and len(word) > 1:
        after_mark = [i for i in range(1, len(word)) if word[i - 1] in "./-" and text_width(word[:i], size, bold) <= width]
        if after_mark:  # "Sub.Bag." breaks as "Sub." and "Bag.", with no hyphen added
            cut = max(after_mark)
            pieces.append(word[:cut])
        else:
            fits = [i for i in range(1, len(word)) if text_width(word[:i] + "-", size, bold) <= width] or [1]
            syllables = _syllable_breaks(word)
            cut = max([i for i in fits if i in syllables] or fits)
            pieces.append(word[:cut] + "-")
        word = word[cut:]
    return [*pieces, word]


_VOWELS = set("aeiouAEIOU")
_ONE_SOUND = ("ng", "ny", "kh", "sy", "NG", "NY", "KH", "SY")  # two letters, one consonant


def _syllable_breaks(word: str) -> set[int]:
    """Positions before which Indonesian hyphenates: V-CV, VC-CV and V-V (not in ai, au, oi); "ng", "ny", "kh"
    and "sy" are one consonant (tu-ngan, pe-nye-leng-ga-ra-an)."""
    def consonant_at(i: int) -> int:  # length of the consonant starting at i, 0 for a vowel or a non-letter
        if i >= len(word) or not word[i].isalpha() or word[i] in _VOWELS:
            return 0
        return 2 if word[i:i + 2] in _ONE_SOUND else 1

    breaks = set()
    for i in range(2, len(word) - 1):
        if not word[i - 1].isalpha():
            continue
        after_vowel = word[i - 1] in _VOWELS
        size = consonant_at(i)
        if after_vowel and size and word[i + size:i + size + 1] in _VOWELS and i + size < len(word):  # ke-pa, tu-ngan
            breaks.add(i)
        elif not after_vowel and size and consonant_at(i - 1) and word[i - 1:i + 1] not in _ONE_SOUND \
                and word[i + size:i + size + 1] in _VOWELS and i + size < len(word):  # pang-kat
            breaks.add(i)
        elif after_vowel and word[i] in _VOWELS and word[i - 1:i + 1].lower() not in ("ai", "au", "oi"):  # hu-an
            breaks.add(i)
    return breaks
