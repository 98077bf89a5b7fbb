"""Capaian: the three formulas, every case that gives a reason instead of a number, the Permendagri 86/2017
bands at their edges, the rounding a reader sees, and the quarter, year and Renstra figures of the shipped data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.loading import load_data
from generator.performance.capaian import (
    FORMULAS, NO_REALISATION, NO_TARGET, Capaian, achievement, budget_absorption, format_change, format_number,
    format_percent, format_points, predikat, quarter_figures, rounded, year_figure,
)
from generator.performance.model import AgencyPerformance, BudgetSpec
from tests.conftest import REFERENCE, REPO

D = Decimal


@pytest.fixture(scope="module")
def shipped() -> AgencyPerformance:
    data = load_data(REPO, REFERENCE)
    performance = data.performance.of("diskominfo")
    assert performance is not None
    return performance


def test_naik_is_realisation_over_target() -> None:
    assert achievement("naik", D("82.35"), D("80")).percent == D("102.9375")
    assert achievement("naik", 45, 90).percent == 50


def test_turun_rewards_a_value_below_target() -> None:
    # 2.9 days against a target of 3: (2 x 3 - 2.9) / 3 x 100
    assert format_percent(achievement("turun", D("2.9"), D("3")).percent) == "103,33"
    assert achievement("turun", 3, 3).percent == 100
    assert achievement("turun", D("3.6"), D("3")).percent == 80


def test_tetap_loses_as_much_above_as_below() -> None:
    assert achievement("tetap", 110, 100).percent == 90
    assert achievement("tetap", 90, 100).percent == 90
    assert achievement("tetap", 100, 100).percent == 100


@pytest.mark.parametrize("direction", ["naik", "turun", "tetap"])
def test_zero_target_gives_a_reason_not_a_division_by_zero(direction: str) -> None:
    result = achievement(direction, D("5"), D("0"))
    assert result == Capaian(None, "target 0: capaian tidak dapat dihitung (pembagian dengan nol)")
    assert result.shown() == "–" and result.predikat is None


def test_missing_realisation_gives_a_reason() -> None:
    assert achievement("naik", None, D("80")) == Capaian(None, NO_REALISATION) == Capaian(None, "realisasi belum ada")


def test_missing_target_gives_a_reason() -> None:
    assert achievement("naik", D("80"), None) == Capaian(None, NO_TARGET)


@pytest.mark.parametrize("value", ["82,35", "tinggi", True, [1]])
def test_a_value_that_is_not_a_number_gives_a_reason(value: object) -> None:
    result = achievement("naik", value, D("80"))
    assert result.percent is None and result.reason == f"realisasi `{value}` bukan angka"


def test_a_target_that_is_not_a_number_or_negative_gives_a_reason() -> None:
    assert achievement("naik", 1, "B").reason == "target `B` bukan angka"
    assert achievement("naik", 1, float("nan")).reason == "target `nan` bukan angka"
    assert achievement("naik", 1, D("-4")).reason == "target -4 negatif: rumus capaian tidak berlaku"


def test_floats_are_taken_as_written() -> None:
    # 0.1 + 0.2 is not 0.3 in binary; as Decimal from the written text it is.
    assert achievement("naik", 0.3, 0.3).percent == 100


def test_every_direction_has_its_formula_text() -> None:
    assert FORMULAS == {
        "naik": "Capaian = Realisasi ÷ Target × 100%",
        "turun": "Capaian = (2 × Target − Realisasi) ÷ Target × 100%",
        "tetap": "Capaian = 100% − |Realisasi − Target| ÷ Target × 100%",
    }


@pytest.mark.parametrize(("percent", "expected"), [
    ("130", "sangat tinggi"), ("91", "sangat tinggi"), ("90.995", "sangat tinggi"),  # shown as 91,00
    ("90.99", "tinggi"), ("90.5", "tinggi"), ("76", "tinggi"), ("75.99", "sedang"), ("66", "sedang"),
    ("65.5", "rendah"), ("51", "rendah"), ("50.99", "sangat rendah"), ("50", "sangat rendah"), ("-20", "sangat rendah"),
])
def test_predikat_bands_of_permendagri_86_2017(percent: str, expected: str) -> None:
    assert predikat(D(percent)) == expected


@pytest.mark.parametrize(("value", "shown"), [
    ("82.345", "82,35"), ("82.335", "82,34"), ("82.3449", "82,34"), ("100", "100,00"), ("-0.001", "0,00"),
    ("1234.5", "1.234,50"),
])
def test_capaian_is_rounded_half_up_only_for_display(value: str, shown: str) -> None:
    assert format_percent(D(value)) == shown
    assert rounded(D("2.675")) == D("2.68")  # half up: banker's rounding would give 2.67


def test_figures_keep_their_written_precision() -> None:
    assert format_number(D("4850000000")) == "4.850.000.000"
    assert format_number(D("82.35")) == "82,35"
    assert format_number(D("71.0")) == "71,0"
    assert format_change(D("-0.2")) == "-0,2" and format_change(D("2.94")) == "+2,94" and format_change(D("0")) == "0"
    assert format_points(D("10.0000001")) == "+10,00" and format_points(D("-1.404")) == "-1,40"


def test_budget_absorption() -> None:
    assert budget_absorption(BudgetSpec(pagu=D(200), realisasi=D(50))).percent == 25
    assert budget_absorption(BudgetSpec(pagu=D(0), realisasi=D(0))).reason == "pagu 0: serapan anggaran tidak dapat dihitung (pembagian dengan nol)"


# --- The shipped example ---


def test_quarters_use_the_quarterly_target_when_the_pk_gives_one(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("persentase-pd-terhubung-jip")
    assert indicator is not None
    figures = quarter_figures(shipped, indicator, 2025)
    assert [(f.quarter, f.target, f.quarterly_target, f.value) for f in figures] == [
        (1, D(80), True, D("82.35")), (2, D(84), True, D("85.29")), (3, D(87), True, D("88.24")), (4, D(90), True, D("91.18")),
    ]
    assert [f.capaian.shown() for f in figures] == ["102,94", "101,54", "101,43", "101,31"]
    assert figures[0].realisation_change is None and figures[0].capaian_change is None
    assert figures[1].realisation_change == D("2.94") and format_points(figures[1].capaian_change or D(0)) == "-1,40"


def test_quarters_without_quarterly_targets_use_the_year_target(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("persentase-informasi-publik-dipublikasikan")
    assert indicator is not None
    first = quarter_figures(shipped, indicator, 2025)[0]
    assert (first.target, first.quarterly_target, first.capaian.shown(), first.capaian.predikat) == (D(90), False, "69,44", "sedang")


def test_a_quarter_without_a_value_says_why(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("indeks-spbe")
    assert indicator is not None
    figures = quarter_figures(shipped, indicator, 2025)
    assert figures[0].realisation is None and figures[0].capaian.reason == NO_REALISATION
    # TW2 holds the indicator with a blank `nilai` and a note saying why.
    assert figures[1].realisation is not None and figures[1].realisation.note and figures[1].capaian.reason == NO_REALISATION
    assert figures[3].capaian.shown() == "97,31"
    # 2026 TW2 has no file at all: every indicator lacks its realisation.
    assert all(f.capaian.reason == NO_REALISATION for f in quarter_figures(shipped, indicator, 2026))


def test_year_of_cumulative_figures_is_the_latest_quarter(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("waktu-tanggap-aduan")
    assert indicator is not None
    year = year_figure(shipped, indicator, 2025)
    assert (year.cumulative, year.realisation, year.through) == (True, D("2.9"), 4)
    assert (year.capaian.shown(), year.capaian.predikat) == ("103,33", "sangat tinggi")
    # Against the Renstra's final target of 2.5 days: (2 x 2.5 - 2.9) / 2.5 x 100
    assert (year.final_target, year.against_final.shown()) == (D("2.5"), "84,00")
    running = year_figure(shipped, indicator, 2026)
    assert (running.realisation, running.through, running.capaian.shown()) == (D("2.6"), 3, "96,00")


def test_year_of_non_cumulative_figures_is_the_sum(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("persentase-aduan-ditindaklanjuti")
    assert indicator is not None
    agreement = shipped.agreements[2025]
    targets = [t.model_copy(update={"cumulative": False}) if t.indicator == indicator.id else t for t in agreement.spec.targets]
    counted = AgencyPerformance(
        shipped.agency_id, shipped.source, shipped.spec, shipped.indicators,
        {2025: type(agreement)(agreement.agency_id, 2025, agreement.source, agreement.spec.model_copy(update={"targets": targets}))},
        shipped.quarters,
    )
    year = year_figure(counted, indicator, 2025)
    assert (year.cumulative, year.realisation, year.through) == (False, D("88.9") + D("90.5") + D("93.1") + D("94.0"), 4)


def test_year_without_any_value(shipped: AgencyPerformance) -> None:
    indicator = shipped.indicator("indeks-spbe")
    assert indicator is not None
    year = year_figure(shipped, indicator, 2026)
    assert (year.realisation, year.through, year.capaian.reason, year.against_final.reason) == (None, None, NO_REALISATION, NO_REALISATION)
    assert year.target is not None and year.target.value == D("2.8") and year.target.from_agreement
