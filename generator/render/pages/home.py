"""The home page, one page per agency and one per unit: what the manual holds and where each reader starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from generator.manual.durations import CONVENTION
from generator.manual.model import Agency, Manual, Sop, Unit
from generator.records.status import PeriodStatus
from generator.render import urls
from generator.render.pages.progress import StatusCount, status_counts
from generator.render.pages.sop import CADENCE_LABEL, total_text
from generator.render.templating import render

# Above this many SOPs the home page lists units, not every SOP (a regency has thousands).
HOME_LISTS_SOPS_UP_TO = 60


@dataclass(frozen=True)
class SopRow:
    sop: Sop
    href: str
    cadence: str
    total: str


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    agency: str  # the agency's abbreviation, for lists across agencies
    href: str
    sop_count: int
    sops: list[SopRow]  # empty when the page lists units only


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    href: str
    sop_count: int
    units: list[UnitRow]


def sop_rows(page: str, sops: tuple[Sop, ...], link: urls.Linker) -> list[SopRow]:
    return [SopRow(sop, link(page, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], total_text(sop)) for sop in sops]


def unit_rows(
    page: str, manual: Manual, units: tuple[Unit, ...], link: urls.Linker, target: Callable[[str], str], with_sops: bool = False
) -> list[UnitRow]:
    """One row per unit, linking to `target(unit key)`: its unit page, or its printed book."""
    return [
        UnitRow(
            unit=unit,
            agency=manual.agency(unit.agency_id).spec.abbreviation,
            href=link(page, target(unit.key)),
            sop_count=len(unit.sops),
            sops=sop_rows(page, unit.sops, link) if with_sops else [],
        )
        for unit in units
    ]


def render_home(manual: Manual, link: urls.Linker) -> str:
    compact = len(manual.sops) > HOME_LISTS_SOPS_UP_TO
    agencies = [
        AgencyRow(
            agency=agency,
            href=link(urls.HOME, urls.agency_page(agency.id)),
            sop_count=len(agency.sops),
            units=unit_rows(urls.HOME, manual, agency.units, link, urls.unit_page, with_sops=not compact),
        )
        for agency in manual.agencies
    ]
    return render(
        "home.md.j2",
        government=manual.government,
        agencies=agencies,
        compact=compact,
        sop_count=len(manual.sops),
        convention=CONVENTION,
    )


@dataclass(frozen=True)
class Progress:
    """An agency's progress in one year: status chips and the on-time rate."""

    year: int
    href: str
    counts: list[StatusCount]
    on_time: int | None


def render_agency(
    manual: Manual, agency: Agency, this_year: list[PeriodStatus], on_time: int | None, today: date, link: urls.Linker
) -> str:
    """`this_year`: the agency's statuses in the reference date's year; `on_time`: their on-time rate."""
    page = urls.agency_page(agency.id)
    return render(
        "instansi.md.j2",
        agency=agency,
        government=manual.government,
        units=unit_rows(page, manual, agency.units, link, urls.unit_page),
        sop_count=len(agency.sops),
        progress=Progress(today.year, link(page, urls.year_page(today.year)), status_counts(this_year), on_time),
        folder=f"sop_defs/{agency.id}/",
    )


def render_unit(manual: Manual, unit: Unit, link: urls.Linker) -> str:
    page = urls.unit_page(unit.key)
    agency = manual.agency(unit.agency_id)
    return render(
        "unit.md.j2",
        unit=unit,
        agency=agency,
        agency_href=link(page, urls.agency_page(agency.id)),
        sops=sop_rows(page, unit.sops, link),
    )
