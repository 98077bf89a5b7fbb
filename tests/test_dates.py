from datetime import date

import pytest

from generator.data.dates import format_date, parse_iso_date


def test_indonesian_format_without_leading_zero() -> None:
    assert format_date(date(2022, 5, 1)) == "1 Mei 2022"
    assert format_date(date(2022, 3, 1)) == "1 Maret 2022"
    assert format_date(None) == ""


def test_impossible_date() -> None:
    with pytest.raises(ValueError, match="tidak ada di kalender"):
        parse_iso_date("2022-02-30")


def test_wrong_shape() -> None:
    with pytest.raises(ValueError, match="TTTT-BB-HH"):
        parse_iso_date("01-05-2022")
