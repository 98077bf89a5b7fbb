"""Capaian (achievement): the one place where realisation is set against target, and the texts that say how.

Every figure is a `Decimal` and stays unrounded in computation; `rounded` and the `format_*` functions are for
display only. A figure that cannot be computed (no realisation, no target, a zero target, a value that is not a
number) is a `Capaian` with a reason, an Indonesian sentence, instead of a number: never an exception.

The year's realisation (decided here, shown in the editors' guide):
- cumulative figures (`kumulatif: true`, the default: each quarter says the state up to its end) -> the value of
  the latest quarter that has one;
- non-cumulative figures (each quarter its own count) -> the sum of the quarters that have one.
Either way `through` says up to which quarter, so a year still running is never taken for a finished one.
A quarter is measured against its quarterly target when the PK gives `triwulan`, else against the year's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.performance.model import (
    QUARTERS, AgencyPerformance, BudgetSpec, Indicator, RealisationSpec, TargetOfYear,
)

HUNDRED = Decimal(100)
DISPLAY_PLACES = Decimal("0.01")  # capaian is shown with two decimals: 103,33

# The formulas as the pages state them; `achievement` below computes exactly these.
FORMULAS = {
    "naik": "Capaian = Realisasi ÷ Target × 100%",
    "turun": "Capaian = (2 × Target − Realisasi) ÷ Target × 100%",
    "tetap": "Capaian = 100% − |Realisasi − Target| ÷ Target × 100%",
}
DIRECTION_NAMES = {
    "naik": "semakin tinggi semakin baik",
    "turun": "semakin rendah semakin baik",
    "tetap": "semakin dekat ke target semakin baik",
}

# Kriteria tingkat capaian kinerja, Permendagri 86/2017 (Lampiran, evaluasi hasil Renja/Renstra Perangkat
# Daerah): 91 ≤ capaian sangat tinggi; 76 ≤ capaian ≤ 90 tinggi; 66 ≤ capaian ≤ 75 sedang; 51 ≤ capaian ≤ 65
# rendah; capaian ≤ 50 sangat rendah. The table leaves gaps between whole numbers (90 < capaian < 91): each
# band here runs from its lower bound up to the next band's, so 90,50 is tinggi and 50,50 sangat rendah.
# Above 100 stays sangat tinggi. The band is read from the capaian as shown (two decimals), so that the
# category never contradicts the figure next to it.
PREDIKAT_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(91), "sangat tinggi"),
    (Decimal(76), "tinggi"),
    (Decimal(66), "sedang"),
    (Decimal(51), "rendah"),
)
LOWEST = "sangat rendah"

NO_REALISATION = "realisasi belum ada"
NO_TARGET = "target belum ditetapkan"


@dataclass(frozen=True)
class Capaian:
    """A percentage, or the reason it cannot be given."""

    percent: Decimal | None
    reason: str | None = None

    @property
    def predikat(self) -> str | None:
        return predikat(self.percent) if self.percent is not None else None

    def shown(self) -> str:
        """"103,33" or "–" (the reason is shown beside it)."""
        return format_percent(self.percent) if self.percent is not None else "–"


def achievement(direction: str, realisation: object, target: object) -> Capaian:
    """Capaian of `realisation` against `target` for an indicator whose `arah` is `direction`.

    Values come as written: a number, None (not available) or anything else (not a number); each case that
    cannot be computed gives its reason.
    """
    r, why = _figure(realisation, "realisasi", NO_REALISATION)
    t, why_target = _figure(target, "target", NO_TARGET)
    if why_target or why:
        return Capaian(None, why_target or why)
    assert r is not None and t is not None
    if t == 0:
        return Capaian(None, "target 0: capaian tidak dapat dihitung (pembagian dengan nol)")
    if t < 0:
        return Capaian(None, f"target {format_number(t)} negatif: rumus capaian tidak berlaku")
    if direction == "naik":
        return Capaian(r / t * HUNDRED)
    if direction == "turun":
        return Capaian((2 * t - r) / t * HUNDRED)
    if direction == "tetap":
        return Capaian(HUNDRED - abs(r - t) / t * HUNDRED)
    return Capaian(None, f"arah `{direction}` tidak dikenal")


def _figure(value: object, what: str, missing: str) -> tuple[Decimal | None, str | None]:
    if value is None:
        return None, missing
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None, f"{what} `{value}` bukan angka"
    number = value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return None, f"{what} `{value}` bukan angka"
    return number, None


def predikat(percent: Decimal) -> str:
    shown = rounded(percent)
    return next((name for lower, name in PREDIKAT_BANDS if shown >= lower), LOWEST)


# --- Per quarter, per year, against the Renstra ---


@dataclass(frozen=True)
class QuarterFigure:
    """One indicator in one quarter: the target it is measured against, the realisation and its capaian."""

    quarter: int
    target: Decimal | None
    quarterly_target: bool  # True: the PK's `triwulan` target; False: the year's target
    realisation: RealisationSpec | None  # as written (its `nilai` may be blank: not available yet)
    capaian: Capaian
    realisation_change: Decimal | None  # since the previous quarter of the same year
    capaian_change: Decimal | None  # in percentage points, since the previous quarter

    @property
    def value(self) -> Decimal | None:
        return self.realisation.value if self.realisation is not None else None


def quarter_figures(performance: AgencyPerformance, indicator: Indicator, year: int) -> tuple[QuarterFigure, ...]:
    """TW1 to TW4 of `year`, each with its change since the quarter before (none for TW1)."""
    target = performance.target(indicator, year)
    figures: list[QuarterFigure] = []
    for quarter in QUARTERS:
        written = performance.realisation(indicator, year, quarter)
        value = written.value if written is not None else None
        against, quarterly = _quarter_target(target, quarter)
        capaian = achievement(indicator.spec.direction, value, against)
        before = figures[-1] if figures else None
        figures.append(QuarterFigure(
            quarter, against, quarterly, written, capaian,
            _change(before.value if before else None, value),
            _change(before.capaian.percent if before else None, capaian.percent),
        ))
    return tuple(figures)


def _quarter_target(target: TargetOfYear | None, quarter: int) -> tuple[Decimal | None, bool]:
    if target is None:
        return None, False
    if target.quarterly is not None:
        return target.quarterly[quarter - 1], True
    return target.value, False


def _change(before: Decimal | None, now: Decimal | None) -> Decimal | None:
    return now - before if before is not None and now is not None else None


@dataclass(frozen=True)
class YearFigure:
    """One indicator in one year: the year's realisation, its capaian, and its capaian against the Renstra."""

    year: int
    target: TargetOfYear | None
    cumulative: bool
    realisation: Decimal | None
    through: int | None  # the last quarter the realisation counts (None: no quarter has a value)
    capaian: Capaian
    final_target: Decimal | None  # the Renstra's `target_akhir` (or its last year's target)
    against_final: Capaian


def year_figure(performance: AgencyPerformance, indicator: Indicator, year: int) -> YearFigure:
    target = performance.target(indicator, year)
    cumulative = performance.is_cumulative(indicator, year)
    values = [
        (quarter, written.value) for quarter in QUARTERS
        if (written := performance.realisation(indicator, year, quarter)) is not None and written.value is not None
    ]
    realisation: Decimal | None
    if not values:
        realisation, through = None, None
    elif cumulative:
        through, realisation = values[-1]
    else:
        realisation, through = sum((v for _, v in values), Decimal(0)), values[-1][0]
    direction = indicator.spec.direction
    final = indicator.final_target
    return YearFigure(
        year, target, cumulative, realisation, through,
        achievement(direction, realisation, target.value if target else None),
        final,
        achievement(direction, realisation, final),
    )


def budget_absorption(budget: BudgetSpec) -> Capaian:
    """Serapan anggaran: realisasi ÷ pagu × 100."""
    if budget.ceiling == 0:
        return Capaian(None, "pagu 0: serapan anggaran tidak dapat dihitung (pembagian dengan nol)")
    return Capaian(budget.spent / budget.ceiling * HUNDRED)


# --- Display ---


def rounded(value: Decimal) -> Decimal:
    """Two decimals, halves away from zero (82,345 -> 82,35), as a reader rounds by hand; not banker's rounding."""
    return value.quantize(DISPLAY_PLACES, rounding=ROUND_HALF_UP)


def format_number(value: Decimal) -> str:
    """A figure as written, in Indonesian notation: 4.850.000.000 and 82,35."""
    text = f"{abs(value) if value == 0 else value:,f}"  # never "-0"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(value: Decimal) -> str:
    """A capaian for display: two decimals, rounded half up ("103,33")."""
    shown = rounded(value)
    return format_number(abs(shown) if shown == 0 else shown)


def format_change(value: Decimal) -> str:
    """A change of realisation, exact and signed: "+2,94", "-0,2", "0"."""
    text = format_number(value.normalize() if value == value.to_integral() else value)
    return f"+{text}" if value > 0 else text


def format_points(value: Decimal) -> str:
    """A change of capaian in percentage points, signed and rounded like a capaian: "+10,00", "-1,40"."""
    text = format_percent(value)
    return f"+{text}" if rounded(value) > 0 else text
