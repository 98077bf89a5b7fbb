"""Text measured for the official flowchart: widths close to what Chromium draws, wrapping at words."""

from __future__ import annotations

from generator.render.textwidth import text_width, wrap


def test_widths_match_what_chromium_draws_in_dejavu_sans() -> None:
    # Chromium at 11 px: "Tidak" 31.2 px, "Ya" 13.0 px (measured for tests/svggeometry.py): never less, barely more
    assert 31.2 <= text_width("Tidak", 11) <= 34
    assert 13 <= text_width("Ya", 11) <= 15
    assert text_width("Sekretaris", 11, bold=True) > text_width("Sekretaris", 11)


def test_lines_break_between_words() -> None:
    lines = wrap("Tim Akuntabilitas Kinerja", 90, 11, bold=True)
    assert lines == ["Tim", "Akuntabilitas", "Kinerja"]
    assert all(text_width(line, 11, bold=True) <= 90 for line in lines)


def test_only_a_word_wider_than_the_line_is_hyphenated_between_syllables() -> None:
    assert wrap("Petugas Kepangkatan", 65, 11, bold=True) == ["Petugas", "Kepang-", "katan"]  # not "Kepangk-atan"
    assert wrap("Penyelenggaraan", 60, 11) == ["Penye-", "lenggara-", "an"]  # "ny" is one consonant, never "Peny-"
    assert wrap("SIMGAJIDATAPEGAWAI", 30, 11)[0].endswith("-")  # no syllable fits: cut where it must
    lines = wrap("Pemberitahuan", 50, 11)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "Pemberitahuan"
    assert all(text_width(line, 11) <= 50 for line in lines)
    assert wrap("Surat pemberitahuan", 200, 11) == ["Surat pemberitahuan"]


def test_empty_text_is_one_empty_line() -> None:
    assert wrap("", 100, 11) == [""]
    assert wrap("   ", 100, 11) == [""]


def test_a_word_joined_by_dots_or_slashes_breaks_after_them_without_a_hyphen() -> None:
    assert wrap("Sub.Bag. Perencanaan", 58, 11, bold=True)[:2] == ["Sub.", "Bag."]
    assert wrap("Pembinaan/Wakil", 90, 11, bold=True) == ["Pembinaan/", "Wakil"]
