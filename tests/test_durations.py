import pytest

from generator.manual.durations import DurationError, format_minutes, parse_duration, total


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


@pytest.mark.parametrize("text", ["2 mgg", "sebentar", "jam 2", "1 jam menit", "2-", "maks.", "1/0 hari", "2 jam - 1 jam"])
def test_unreadable_durations(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text, None)


def test_format_minutes_uses_working_days() -> None:
    assert format_minutes(620) == "1 hari 2 jam 50 menit"
    assert format_minutes(10590) == "4 minggu 3 hari 4 jam"
    assert format_minutes(0) == "0 menit"


DAY = 450


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1-2 hari", DAY, 2 * DAY),
        ("1 - 3 Hari", DAY, 3 * DAY),
        ("1 s.d. 2 hari", DAY, 2 * DAY),
        ("1 sd 2 hari", DAY, 2 * DAY),
        ("1 sampai dengan 2 hari", DAY, 2 * DAY),
        ("30 menit - 1 jam", 30, 60),  # each end with its own unit
        ("5 hari kerja - 10 hari kerja", 5 * DAY, 10 * DAY),
        ("maks. 30 menit", 30, 30),  # an upper bound counts in full: the standard allows that much
        ("Maksimal 30 menit", 30, 30),
        ("paling lama 3 hari", 3 * DAY, 3 * DAY),
        ("1/3 hari", DAY / 3, DAY / 3),
        ("1 hari kerja", DAY, DAY),
        ("15menit", 15, 15),
    ],
)
def test_ranges_bounds_and_fractions(text: str, low: float, high: float) -> None:
    duration = parse_duration(text, None)
    assert (duration.low, duration.high, duration.text) == (low, high, text)


@pytest.mark.parametrize("value", ["tentatif", "Tentatif", "Tentatif sesuai peraturan", "", "  ", None])
def test_no_standard_time(value: str | None) -> None:
    duration = parse_duration(value, None)
    assert not duration.standard and duration.low is None and duration.high is None
    assert duration.text == (value or "").strip()


def test_total_shows_a_range_and_the_steps_without_standard_time() -> None:
    steps = [parse_duration(t, None) for t in ("1-2 hari", "1 jam", "tentatif", "", "30 menit")]
    summed = total(steps)
    assert (summed.low, summed.high, summed.unset) == (DAY + 90, 2 * DAY + 90, 2)
    assert summed.text == "1 hari 1 jam 30 menit – 2 hari 1 jam 30 menit (540–990 menit kerja) + 2 langkah tanpa waktu baku"


def test_total_without_ranges_is_one_figure() -> None:
    assert total([parse_duration("1 jam", None), parse_duration("10 menit", None)]).text == "1 jam 10 menit (70 menit kerja)"


def test_a_very_long_time_is_refused_at_once() -> None:
    """A pull request's 100,000-letter unit once took minutes to refuse (the pattern backtracked)."""
    with pytest.raises(DurationError, match="tidak dapat dibaca"):
        parse_duration("1 " + "a" * 100_000 + "!", None)
    with pytest.raises(DurationError, match="tidak dapat dibaca"):
        parse_duration("1 " + "jam " * 30, None)
