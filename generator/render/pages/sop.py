"""The SOP page: the official form's identity part, the procedure table and the swimlane flowchart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from generator.data.dates import PartialDate, format_date
from generator.manual.model import Manual, OutsideRef, Role, Sop, Step
from generator.records.monitoring import Monitoring
from generator.records.status import PeriodStatus
from generator.render import urls
from generator.render.gather import IndicatorRef
from generator.render.mermaid import swimlane
from generator.render.pages.progress import period_label
from generator.render.svgflow import branches
from generator.render.templating import render
from generator.render.versionlist import NOT_YET, VersionList, VersionRow
from generator.trail.approval import Trail

CADENCE_LABEL = {
    "bulanan": "Setiap bulan",
    "triwulanan": "Setiap triwulan",
    "semesteran": "Setiap semester",
    "tahunan": "Setiap tahun",
    "insidental": "Sesuai kebutuhan",
}


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None
    note: str | None = None  # e.g. "dicabut oleh PP 12/2019", shown beside the link


@dataclass(frozen=True)
class VersionLink:
    row: VersionRow
    href: str
    when: str  # the days it is in force, in words


def span_text(row: VersionRow, rows: Sequence[VersionRow]) -> str:
    span = row.span
    if span is None:
        later = rows[row.number:]
        replaced = next((r for r in later if r.sop.spec.effective.first <= row.sop.spec.effective.first), None)
        if replaced is None:
            return "tidak pernah berlaku: SOP ini dicabut sebelum tanggal efektifnya"
        return f"tidak pernah berlaku: sebelum tanggal efektifnya, versi {replaced.number} menggantikannya"
    if span.last is None:
        return f"mulai {format_date(span.first)}"
    return f"{format_date(span.first)} s.d. {format_date(span.last)}"


@dataclass(frozen=True)
class Revocation:
    """What the page says about `status: dicabut`: since when, whether that day has come, and the replacement."""

    since: PartialDate
    started: bool  # revoked on the reference date; otherwise revoked from a later day and in force until then
    replacement: Link | None


@dataclass(frozen=True)
class ActorLink:
    role: Role
    href: str


@dataclass(frozen=True)
class Heading:
    """The form's header: the government and the SOP's own agency."""

    government: str
    agency: str


@dataclass(frozen=True)
class Identity:
    """What the official form's identity part shows, with links relative to the page it is on."""

    org: Heading
    sop: Sop
    legal: list[Link]
    related: list[Link]
    logo_href: str | None


@dataclass(frozen=True)
class Row:
    step: Step
    anchor: str
    symbols: dict[int, str]  # column index of each role acting in this row -> "proses" or "keputusan"
    time: str
    flow: str


def total_text(sop: Sop) -> str:
    return sop.total.text


def _flow(step: Step, is_last: bool) -> str:
    decision = step.decision
    if decision is None:
        return ""
    asked = f"{decision.question} " if decision.question else ""
    return f"{asked}{branches(step, is_last)}"


def _rows(sop: Sop) -> list[Row]:
    steps = sop.spec.steps
    columns = {actor: i for i, actor in enumerate(sop.spec.actors)}
    rows = []
    for position, (step, duration) in enumerate(zip(steps, sop.durations, strict=True)):
        symbol = "keputusan" if step.decision else "proses"
        rows.append(
            Row(
                step=step,
                anchor=urls.step_anchor(step.number),
                symbols={columns[actor]: symbol for actor in step.actors},
                time=duration.text or "–",
                flow=_flow(step, position == len(steps) - 1),
            )
        )
    return rows


def _related(manual: Manual, sop: Sop, page: str, link: urls.Linker) -> list[Link]:
    agency = manual.agency_of(sop)
    links = []
    for ref in sop.spec.related:
        if isinstance(ref, OutsideRef):
            links.append(Link(ref.text, None))
        elif (document := agency.catalogue.documents.get(ref)) is not None:
            links.append(Link(document.name, link(page, urls.document_page(agency.key("dokumen", ref)))))
        else:
            other = manual.sop(ref)
            assert other is not None  # the validator checked every reference
            links.append(Link(f"SOP {other.spec.name}", link(page, urls.sop_page(ref))))
    return links


def _legal(manual: Manual, sop: Sop, page: str, link: urls.Linker) -> list[Link]:
    agency = manual.agency_of(sop)
    bases = agency.catalogue.legal_bases
    links = []
    for basis_id in sop.spec.legal_bases:
        basis = bases[basis_id]
        note = None
        if (by := agency.revoker(basis_id)) is not None:
            note = f"dicabut oleh {by.short}"
        links.append(Link(basis.citation, link(page, urls.legal_basis_page(agency.key("dasar_hukum", basis_id))), note))
    return links


def revocation(manual: Manual, newest: Sop, revoked: bool, page: str, link: urls.Linker) -> Revocation | None:
    """The revocation the SOP's newest file declares; `revoked` (Gathered.revoked) says whether it applies yet."""
    spec = newest.spec
    if spec.revoked_from is None or spec.revoked_on is None:
        return None
    replacement = manual.sop(spec.replaced_by) if spec.replaced_by else None
    replaced = Link(f"SOP {replacement.spec.name}", link(page, urls.sop_page(replacement.id))) if replacement else None
    return Revocation(spec.revoked_on, revoked, replaced)


def identity(manual: Manual, sop: Sop, page: str, link: urls.Linker) -> Identity:
    logo = manual.government.logo
    return Identity(
        org=Heading(manual.government.name, manual.agency_of(sop).spec.name),
        sop=sop,
        legal=_legal(manual, sop, page, link),
        related=_related(manual, sop, page, link),
        logo_href=link.asset(page, logo) if logo else None,
    )


def render_sop(
    manual: Manual, row: VersionRow, versions: VersionList, named_by: list[Sop], link: urls.Linker, trail: Trail,
    flow: list[str], pdf_links: bool = False, today: date | None = None, judged: Sequence[PeriodStatus] = (),
    monitoring: Monitoring | None = None, revoked: Revocation | None = None, review_since: date | None = None,
    indicators: Sequence[IndicatorRef] = (),
) -> str:
    """The page of one version of an SOP: the SOP's own page for the version in force (`versions.shown`), a
    version page for any other. `named_by`: the SOPs that name this one in their Keterkaitan; `judged`: the
    records judged by this version; `monitoring`: the SOP's latest monitoring note (shown on its own page).
    `revoked`: the revocation its newest file declares; `review_since`: when the version in force took effect,
    given when that is older than `tinjau_setiap_tahun` (Gathered.review). `indicators`: the performance
    indicators that name this SOP as producing their figures (own page only: the link speaks of now).
    """
    sop, page = row.sop, row.page
    agency = manual.agency_of(sop)
    the_identity = identity(manual, sop, page, link)
    own_page = row is versions.shown
    upcoming = versions.upcoming if own_page else None
    return render(
        "sop.md.j2",
        sop=sop,
        identity=the_identity,
        revoked=[item for item in the_identity.legal if item.note],
        row=row,
        own_page=own_page,
        versions=[_version_link(r, versions, page, link) for r in versions.rows] if versions.available else [],
        this=_version_link(row, versions, page, link),
        shown=versions.shown,
        shown_href=link(page, versions.shown.page),
        upcoming=_version_link(upcoming, versions, page, link) if upcoming else None,
        not_yet=row.state == NOT_YET,
        judged=[Link(period_label(item), link(page, urls.record_url(item.record))) for item in judged if item.record],
        cadence=CADENCE_LABEL[sop.spec.cadence],
        agency=Link(agency.spec.abbreviation, link(page, urls.agency_page(agency.id))),
        unit_href=link(page, urls.unit_page(sop.unit_key)),
        actors=[
            ActorLink(agency.catalogue.roles[a], link(page, urls.role_page(agency.key("jabatan", a)))) for a in sop.spec.actors
        ],
        named_by=[Link(other.spec.name, link(page, urls.sop_page(other.id))) for other in named_by],
        indicators=[Link(ref.indicator.spec.name, link(page, urls.indicator_page(ref.agency_id, ref.indicator.id)))
                    for ref in indicators],
        rows=_rows(sop),
        total=total_text(sop),
        diagram=swimlane(sop, agency.catalogue.roles),
        trail=trail,
        flow_pages=flow,
        pdf_href=link.asset(page, f"pdf/{sop.id}.pdf") if pdf_links and own_page else None,
        revised_from_git=None if sop.spec.revised else trail.last_approved(until=row.version.commit),
        monitoring=monitoring,
        monitoring_href=link(page, urls.monitoring_of(sop.id)),
        revocation=revoked,
        review_since=review_since,
        review_years=manual.government.review_years,
    )


def _version_link(row: VersionRow, versions: VersionList, page: str, link: urls.Linker) -> VersionLink:
    return VersionLink(row, link(page, row.page), span_text(row, versions.rows))

