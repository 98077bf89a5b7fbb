"""The home page, one page per agency and one per unit: what the manual holds and where each reader starts."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from generator.data.dates import PartialDate

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


@dataclass(frozen=True)
class RevokedRow:
    """A revoked SOP in the short list "SOP yang dicabut": since when, and what replaced it."""

    sop: Sop
    href: str
    since: PartialDate
    replacement: SopRow | None


@dataclass(frozen=True)
class ReviewRow:
    """An active SOP whose version in force took effect more than `tinjau_setiap_tahun` years ago."""

    sop: Sop
    href: str
    unit: str
    effective: date


def active(sops: tuple[Sop, ...], revoked: Collection[str]) -> tuple[Sop, ...]:
    """The SOPs in force: `revoked` holds the ids revoked on the reference date (Gathered.revoked)."""
    return tuple(sop for sop in sops if sop.id not in revoked)


def sop_rows(page: str, sops: tuple[Sop, ...], link: urls.Linker) -> list[SopRow]:
    return [SopRow(sop, link(page, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], total_text(sop)) for sop in sops]


def revoked_rows(page: str, manual: Manual, sops: tuple[Sop, ...], revoked: Collection[str], link: urls.Linker) -> list[RevokedRow]:
    rows = []
    for sop in sops:
        if sop.id not in revoked or sop.spec.revoked_on is None:
            continue
        replacement = manual.sop(sop.spec.replaced_by) if sop.spec.replaced_by else None
        replaced = sop_rows(page, (replacement,), link)[0] if replacement is not None else None
        rows.append(RevokedRow(sop, link(page, urls.sop_page(sop.id)), sop.spec.revoked_on, replaced))
    return rows


def unit_rows(
    page: str, manual: Manual, units: tuple[Unit, ...], link: urls.Linker, target: Callable[[str], str], with_sops: bool = False,
    revoked: Collection[str] = frozenset(),
) -> list[UnitRow]:
    """One row per unit, linking to `target(unit key)`: its unit page, or its printed book; counts and lists SOPs in force."""
    rows = []
    for unit in units:
        sops = active(unit.sops, revoked)
        rows.append(UnitRow(
            unit=unit,
            agency=manual.agency(unit.agency_id).spec.abbreviation,
            href=link(page, target(unit.key)),
            sop_count=len(sops),
            sops=sop_rows(page, sops, link) if with_sops else [],
        ))
    return rows


def render_home(
    manual: Manual, link: urls.Linker, revoked: Collection[str] = frozenset(), performance: Collection[str] = (),
    approvals: Approvals | None = None,
) -> str:
    """`performance`: the agencies with performance data, whose Kinerja page each agency's entry links;
    `approvals`: how many changes of the history are verified (None when git history is unavailable)."""
    in_force = active(manual.sops, revoked)
    compact = len(in_force) > HOME_LISTS_SOPS_UP_TO
    agencies = [
        AgencyRow(
            agency=agency,
            href=link(urls.HOME, urls.agency_page(agency.id)),
            sop_count=len(active(agency.sops, revoked)),
            units=unit_rows(urls.HOME, manual, agency.units, link, urls.unit_page, with_sops=not compact, revoked=revoked),
        )
        for agency in manual.agencies
    ]
    return render(
        "home.md.j2",
        government=manual.government,
        agencies=agencies,
        compact=compact,
        sop_count=len(in_force),
        convention=CONVENTION,
        performance={a: link(urls.HOME, urls.performance_page(a)) for a in performance},
        audit_href=link(urls.HOME, urls.AUDIT),
        approvals=approvals,
    )


@dataclass(frozen=True)
class Approvals:
    verified: int
    total: int


@dataclass(frozen=True)
class Progress:
    """An agency's progress in one year: status chips and the on-time rate."""

    year: int
    href: str
    counts: list[StatusCount]
    on_time: int | None


def render_agency(
    manual: Manual, agency: Agency, this_year: list[PeriodStatus], on_time: int | None, today: date, link: urls.Linker,
    revoked: Collection[str] = frozenset(), review: dict[str, date] | None = None, readiness: bool = False,
    performance: bool = False,
) -> str:
    """`this_year`: the agency's statuses in the reference date's year; `on_time`: their on-time rate.

    `revoked` and `review` are Gathered's: the SOPs revoked on `today`, and those due for review.
    `readiness`: the site has a Kesiapan Evaluasi AKIP page for the agency (the LKE catalogue exists).
    `performance`: the agency has performance data (a Kinerja page), linked from its page.
    """
    page = urls.agency_page(agency.id)
    review = review or {}
    return render(
        "instansi.md.j2",
        agency=agency,
        government=manual.government,
        units=unit_rows(page, manual, agency.units, link, urls.unit_page, revoked=revoked),
        sop_count=len(active(agency.sops, revoked)),
        progress=Progress(today.year, link(page, urls.year_page(today.year)), status_counts(this_year), on_time),
        folder=f"sop_defs/{agency.id}/",
        revoked=revoked_rows(page, manual, agency.sops, revoked, link),
        review_years=manual.government.review_years,
        review=[
            ReviewRow(sop, link(page, urls.sop_page(sop.id)), sop.spec.unit, review[sop.id])
            for sop in agency.sops if sop.id in review
        ],
        today=today,
        readiness_href=link(page, urls.readiness_page(agency.id)) if readiness else None,
        performance_href=link(page, urls.performance_page(agency.id)) if performance else None,
    )


def render_unit(manual: Manual, unit: Unit, link: urls.Linker, revoked: Collection[str] = frozenset()) -> str:
    page = urls.unit_page(unit.key)
    agency = manual.agency(unit.agency_id)
    return render(
        "unit.md.j2",
        unit=unit,
        agency=agency,
        agency_href=link(page, urls.agency_page(agency.id)),
        sops=sop_rows(page, active(unit.sops, revoked), link),
        revoked=revoked_rows(page, manual, unit.sops, revoked, link),
    )
