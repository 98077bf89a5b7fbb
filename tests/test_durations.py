import pytest

from generator.manual.durations import DurationError, format_minutes, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("10 menit", 10),
        ("1 jam", 60),
        ("1 hari", 450),
        ("2 minggu", 2 * 5 * 450),
        ("1 bulan", 20 * 450),
        ("1minggu", 5 * 450),  # the source writes it without a space
        ("1,5 jam", 90),
        ("1.5 jam", 90),
        ("3 Hari", 3 * 450),
    ],
)
def test_units_and_spellings(text: str, minutes: float) -> None:
    assert parse_duration(text, None).minutes == minutes


def test_text_is_kept_as_written() -> None:
    assert parse_duration("1minggu", None).text == "1minggu"


def test_bare_number_takes_the_sops_unit() -> None:
    duration = parse_duration(300, "menit")
    assert duration.minutes == 300
    assert duration.text == "300 menit"


def test_bare_number_without_unit_is_an_error() -> None:
    with pytest.raises(DurationError, match="satuan_waktu"):
        parse_duration("10", None)


@pytest.mark.parametrize("text", ["2 mgg", "sebentar", "", "jam 2"])
def test_unreadable_durations(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text, None)


def test_format_minutes_uses_working_days() -> None:
    assert format_minutes(620) == "1 hari 2 jam 50 menit"
    assert format_minutes(10590) == "4 minggu 3 hari 4 jam"
    assert format_minutes(0) == "0 menit"
