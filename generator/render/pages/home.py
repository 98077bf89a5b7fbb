"""The home page and one page per unit: what the manual is, its SOPs, and where each reader starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.manual.durations import CONVENTION
from generator.manual.model import Manual, Sop, Unit
from generator.render import urls
from generator.render.pages.sop import CADENCE_LABEL, total_text
from generator.render.templating import render

# Above this many SOPs the home page lists units, not every SOP (a regency has thousands).
HOME_LISTS_SOPS_UP_TO = 60


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    href: str
    sop_count: int
    sops: list[SopRow]  # empty when the page lists units only


@dataclass(frozen=True)
class SopRow:
    sop: Sop
    href: str
    cadence: str
    total: str


def sop_rows(page: str, sops: tuple[Sop, ...], link: urls.Linker) -> list[SopRow]:
    return [SopRow(sop, link(page, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], total_text(sop)) for sop in sops]


def unit_rows(
    page: str, units: tuple[Unit, ...], link: urls.Linker, target: Callable[[str], str], with_sops: bool = False
) -> list[UnitRow]:
    """One row per unit, linking to `target(unit id)`: its unit page, or its printed book."""
    return [
        UnitRow(
            unit=unit,
            href=link(page, target(unit.id)),
            sop_count=len(unit.sops),
            sops=sop_rows(page, unit.sops, link) if with_sops else [],
        )
        for unit in units
    ]


def render_home(manual: Manual, link: urls.Linker) -> str:
    compact = len(manual.sops) > HOME_LISTS_SOPS_UP_TO
    return render(
        "home.md.j2",
        org=manual.catalogue.organisation,
        units=unit_rows(urls.HOME, manual.units, link, urls.unit_page, with_sops=not compact),
        compact=compact,
        sop_count=len(manual.sops),
        convention=CONVENTION,
    )


def render_unit(unit: Unit, link: urls.Linker) -> str:
    return render("unit.md.j2", unit=unit, sops=sop_rows(urls.unit_page(unit.id), unit.sops, link))
