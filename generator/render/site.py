"""The whole generated site as data: page sources by path, and the navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any

from generator.data.cache import remembered
from generator.data.gcpause import collector_paused
from generator.manual.model import Entry, Manual, Sop, Unit
from generator.performance.model import AgencyPerformance
from generator.records.periods import ROMAN
from generator.records.model import Record
from generator.records.status import PeriodStatus
from generator.render import reads, urls
from generator.render.escape import safe_title
from generator.trail import integrity
from generator.render.gather import (
    QUARTERS,
    Gathered,
    Site,
    gather,
    performance_figures,
    performance_quarters,
    readiness_years,
    revoked_ids,
)
from generator.render.pages import kinerja, progress
from generator.render.pages import references as ref
from generator.render.pages.home import Approvals, render_agency, render_home, render_unit
from generator.render.pages.logbook import render_logbook
from generator.render.pages.monitoring import render_monitoring
from generator.render.pages.print import (
    print_books,
    render_print,
    render_print_index,
)
from generator.render.pages.readiness import render_readiness
from generator.render.pages.sop import render_sop, revocation
from generator.render.pages.trail import render_audit
from generator.render.svgflow import flowchart_pages
from generator.render.versionlist import VersionList, VersionRow
from generator.trail.approval import Trail

__all__ = [
    "ASSET_DIR", "Planned", "Site", "attachments", "generated_files", "generated_pages", "navigation", "page_plan", "page_sources", "page_texts", "print_books", "site_wide",
]

ASSET_DIR = "assets/sopgen"
NAV_SOPS_PER_UNIT = 15


@dataclass(frozen=True)
class Planned:
    """A generated page not written yet: what it reads (render.reads), and how to write it."""

    reads: frozenset[str]
    render: Callable[[], str]


def generated_pages(site: Site, directory_urls: bool = True) -> dict[str, str]:
    """Markdown source of every generated page, keyed by its path in the docs tree."""
    return page_texts(page_plan(site, directory_urls))


@collector_paused
def page_texts(plan: dict[str, Planned]) -> dict[str, str]:
    """The pages of `plan` written, in one go while the collector waits (data.gcpause)."""
    return {uri: planned.render() for uri, planned in plan.items()}


@collector_paused
def page_plan(site: Site, directory_urls: bool = True) -> dict[str, Planned]:
    """Every generated page, keyed by its path in the docs tree, with what it reads; nothing is written yet.

    Gather, then write: statuses, review flags and the cross-reference index are computed once, up front.
    """
    site = as_on_reference_date(site)
    derived = gather(site)
    link = urls.Linker(directory_urls)
    return (
        _manual_pages(site, derived, link)
        | _progress_pages(site, derived, link)
        | _history_pages(site, derived, link)
        | _print_pages(site, derived, link)
        | _readiness_pages(site, derived, link)
        | {urls.MONITORING: _summary(render_monitoring, site.manual, derived.monitoring, derived.in_force, site.today, link)}
        | _performance_pages(site, derived, link)
    )


def _summary(render: Callable[..., str], *args: Any, **kwargs: Any) -> Planned:
    """A page that summarises the whole manual: written again after any edit but to an SOP's own-form texts."""
    return Planned(reads.SUMMARY, partial(render, *args, **kwargs))


def _flow(manual: Manual, sop: Sop) -> list[str]:
    """The official flowchart of an SOP, drawn once for its page and its printed book (and kept, under
    `mkdocs serve`, while the SOP is the same object: its catalogue is then the same too, see data.cache)."""
    return remembered(("bagan", sop.source, sop.id), (sop,), lambda: flowchart_pages(sop, manual.catalogue_of(sop).roles))


def site_wide(site: Site) -> tuple[Any, ...]:
    """What any page may show besides its inputs (render.reads): the reference date, the git history, the owners,
    the links and buttons the configuration asks for, the LKE catalogue."""
    history = site.history
    return (
        site.today, history.available, history.reason, history.head, len(history.changes), site.owners, site.pdf_links,
        site.integrity, site.forge, site.lke, site.file_versions.available,  # the versions follow the head
    )


def as_on_reference_date(site: Site) -> Site:
    """Pages show each SOP as in force on the reference date; a committed revision that starts later has its own
    page and is announced, but does not rename, reorder or recount anything before its day."""
    return replace(site, manual=site.manual.as_on(site.today))


def _manual_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    manual, index = site.manual, derived.index
    revoked = derived.revoked
    approvals = Approvals(sum(row.verified for row in derived.audit), len(derived.audit)) if site.history.available else None
    pages = {urls.HOME: _summary(render_home, manual, link, revoked, performance=derived.performance, approvals=approvals)}
    records_of = _records_by_sop(site)
    for agency in manual.agencies:
        this_year, on_time = derived.this_year[agency.id], derived.this_year_on_time[agency.id]
        shown = {reads.agency_key(agency.id), *(reads.summary_key(sop.id) for sop in agency.sops)}
        shown |= reads.records_reads(r for sop in agency.sops for r in records_of.get(sop.id, ()))
        shown |= {reads.performance_key(agency.id)}
        pages[urls.agency_page(agency.id)] = Planned(frozenset(shown), partial(
            render_agency, manual, agency, this_year, on_time, site.today, link, revoked, derived.review,
            readiness=site.lke is not None, performance=agency.id in derived.performance,
        ))
    for unit in manual.units:
        shown = {reads.agency_key(unit.agency_id), *(reads.summary_key(sop.id) for sop in unit.sops)}
        pages[urls.unit_page(unit.key)] = Planned(frozenset(shown), partial(render_unit, manual, unit, link, revoked))
    for sop in manual.sops:
        pages |= _sop_pages(site, derived, link, sop, records_of.get(sop.id, []))
    pages[urls.LEGAL_BASES] = _summary(ref.render_legal_bases, manual, index, link, revoked)
    pages[urls.QUALIFICATIONS] = _summary(ref.render_qualifications, manual, index, link, revoked)
    pages[urls.ROLES] = _summary(ref.render_role_index, manual, index, link)
    for entry in manual.entries("jabatan"):
        pages[urls.role_page(entry.key)] = Planned(_role_reads(site, derived, entry, records_of), partial(
            ref.render_role, manual, index, link, entry, derived.tasks.get(entry.key, []), site.today, revoked,
            derived.indicators_by_role.get(entry.key, []),
        ))
    pages[urls.DOCUMENTS] = _summary(ref.render_document_index, manual, index, link)
    for entry in manual.entries("dokumen"):
        pages[urls.document_page(entry.key)] = Planned(
            _document_reads(manual, derived, entry), partial(ref.render_document, manual, index, link, entry, revoked)
        )
    return pages


def _sop_pages(site: Site, derived: Gathered, link: urls.Linker, sop: Sop, records: list[Record]) -> dict[str, Planned]:
    """The SOP's page, with the version in force, and a page for every other version."""
    manual = site.manual
    named_by = derived.index.sops_naming_sop.get(sop.id, [])
    versions = derived.versions[sop.id]
    indicators = derived.indicators_by_sop.get(sop.id, [])
    shown = set().union(*(reads.sop_form_reads(manual, row.sop) for row in versions.rows))
    shown |= {reads.sop_key(other.id) for other in named_by} | reads.records_reads(records)
    shown |= {reads.monitoring_key(sop.id)} | {reads.performance_key(i.agency_id) for i in indicators}
    # The revocation and the review flag speak of the SOP now: its own page only.
    revoked_notice = revocation(manual, sop, sop.id in derived.revoked, urls.sop_page(sop.id), link)
    pages = {}
    for row in versions.rows:
        # The version in force is on the SOP's page; every other one on a page of its own.
        own = row is versions.shown
        judged = derived.judged_by.get((sop.id, row.version.commit), [])
        pages[row.page] = Planned(frozenset(shown), partial(
            _render_sop, manual, row, versions, named_by, link, derived.trails[sop.source], site.pdf_links,
            site.today, judged,
            monitoring=derived.monitoring.last.get(sop.id),
            revoked=revoked_notice if own else None,
            review_since=derived.review.get(sop.id) if own else None,
            indicators=indicators if own else (),
        ))
    return pages


def _render_sop(
    manual: Manual, row: VersionRow, versions: VersionList, named_by: list[Sop], link: urls.Linker, trail: Trail,
    pdf_links: bool, today: date, judged: list[PeriodStatus], **kwargs: Any,
) -> str:
    flow = _flow(manual, row.sop)
    return render_sop(manual, row, versions, named_by, link, trail, flow, pdf_links, today, judged, **kwargs)


def _role_reads(site: Site, derived: Gathered, entry: Entry, records_of: dict[str, list[Record]]) -> frozenset[str]:
    """A role's entry and its twins, the SOPs and steps it acts in with their records (its open tasks), and the
    performance data that makes it responsible for an indicator."""
    index = derived.index
    shown = reads.entry_reads("jabatan", [entry, *site.manual.twin_entries(entry)])
    sops = {step.sop.id: step.sop for step in index.steps_by_role.get(entry.key, [])}
    sops |= {sop.id: sop for sop in index.sops_by_role.get(entry.key, [])}
    for sop in sops.values():
        shown |= {reads.sop_key(sop.id), reads.agency_key(sop.agency_id)}
        shown |= reads.records_reads(records_of.get(sop.id, []))
    shown |= {reads.performance_key(data.agency_id) for data in site.performance.agencies}
    return frozenset(shown)


def _document_reads(manual: Manual, derived: Gathered, entry: Entry) -> frozenset[str]:
    """A document's entry and the SOPs that name it, as a related document or in a step."""
    index = derived.index
    shown = reads.entry_reads("dokumen", [entry])
    sops = [*index.sops_by_document.get(entry.key, []), *(m.step_ref.sop for m in index.mentions_by_document.get(entry.key, []))]
    shown |= {reads.sop_key(sop.id) for sop in sops} | {reads.agency_key(sop.agency_id) for sop in sops}
    return frozenset(shown)


def _records_by_sop(site: Site) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for record in site.records:
        found.setdefault(record.sop.id, []).append(record)
    return found


def _print_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    """Printed books hold the SOPs in force only."""
    revoked = derived.revoked
    manual = site.manual
    pages = {}
    units = {unit.key: unit for unit in manual.units}
    books = print_books(manual, revoked)
    for unit_key, _pdf_name in books:
        unit = units[unit_key] if unit_key else None
        render = partial(_render_print, manual, link, derived.in_force, site.pdf_links, unit, revoked)
        if unit is None:
            pages[urls.print_page(unit_key)] = Planned(reads.EVERYTHING, render)
            continue
        shown = set().union(*(reads.sop_form_reads(manual, sop) for sop in unit.sops), {reads.agency_key(unit.agency_id)})
        pages[urls.print_page(unit_key)] = Planned(frozenset(shown), render)
    if books and books[0][0] is not None:  # one book per unit: an index page lists them
        pages[urls.PRINT] = _summary(render_print_index, manual, link, revoked)
    return pages


def _render_print(
    manual: Manual, link: urls.Linker, in_force: dict[str, Sop], pdf_links: bool, unit: Unit | None,
    revoked: frozenset[str],
) -> str:
    sops = unit.sops if unit is not None else manual.sops
    flows = {sop.id: _flow(manual, in_force[sop.id]) for sop in sops if sop.id in in_force and sop.id not in revoked}
    return render_print(manual, link, flows, in_force, pdf_links, unit, revoked)


def _progress_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    manual, today = site.manual, site.today
    pages = {}
    for year in site.years:
        on_time = [derived.on_time[(year, q)] for q in QUARTERS]
        pages[urls.year_page(year)] = _summary(progress.render_year, manual, derived.by_year[year], on_time, year, today, link)
        for q in QUARTERS:
            pages[urls.quarter_page(year, q)] = _summary(
                progress.render_quarter,
                manual, derived.by_quarter[(year, q)], year, q, today, link, derived.next_steps,
                performance=_performance_links(manual, derived, year, q), forge=site.forge,
            )
    for item in derived.statuses:
        if item.record is not None:
            trail = derived.trails[item.record.source]
            judged_by = item.record.version
            version = derived.versions[item.sop.id].row_of(judged_by) if judged_by else None
            shown = reads.sop_form_reads(manual, item.sop) | {reads.sop_key(item.sop.id), reads.record_key(item.record.source)}
            pages[urls.record_url(item.record)] = Planned(frozenset(shown), partial(
                progress.render_record, manual, item, today, link, trail, version, forge=site.forge
            ))
    return pages


def _readiness_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    """Kesiapan Evaluasi AKIP: per agency, the reference year's page and the year before's."""
    if site.lke is None:
        return {}
    pages = {}
    for agency in site.manual.agencies:
        years = _readiness_years(site, agency.id)
        for shown in derived.readiness.coverage[agency.id]:
            pages[dict(years)[shown.year]] = _summary(
                render_readiness, site.manual, agency, site.lke, shown, years, site.today,
                derived.readiness.found, site.records, site.performance.of(agency.id), link,
            )
    return pages


def _readiness_years(site: Site, agency_id: str) -> list[tuple[int, str]]:
    """(year, page): the reference year's page has the plain URL, so a link to it stays right next year."""
    current, *earlier = readiness_years(site.today)
    return [(current, urls.readiness_page(agency_id)), *((y, urls.readiness_page(agency_id, y)) for y in earlier)]
def _performance_links(manual: Manual, derived: Gathered, year: int, quarter: int) -> list[tuple[str, str]]:
    """Each agency's Pengukuran Kinerja page of a quarter, for the Progres page of that quarter."""
    return [
        (manual.agency(agency_id).spec.abbreviation, urls.performance_quarter_page(agency_id, year, quarter))
        for agency_id, figures in derived.performance.items() if quarter in figures.quarters.get(year, ())
    ]


def _history_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    return {
        urls.LOGBOOK: _summary(render_logbook, site.manual, site.records, link),
        urls.AUDIT: _summary(
            render_audit, site.manual, site.history, site.owners, derived.audit, site.records, link, site.integrity,
            site.forge, file_changes=derived.file_changes,
        ),
    }


def _performance_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, Planned]:
    """Per agency with performance data: its overview, each year's LKjIP tables and quarters, each indicator.
    They show the records and SOPs the indicators name: written again after any edit."""
    manual = site.manual
    pages = {}
    for figures in derived.performance.values():
        agency_id = figures.data.agency_id
        pages[urls.performance_page(agency_id)] = _summary(
            kinerja.render_performance_agency, manual, figures, link, readiness=site.lke is not None,
        )
        for year in figures.years:
            pages[urls.performance_year_page(agency_id, year)] = _summary(kinerja.render_performance_year, manual, figures, year, link)
            for q in figures.quarters[year]:
                pages[urls.performance_quarter_page(agency_id, year, q)] = _summary(
                    kinerja.render_performance_quarter, manual, figures, year, q, link, progress=year in site.years
                )
        for indicator in figures.data.indicators:
            pages[urls.indicator_page(agency_id, indicator.id)] = _summary(kinerja.render_indicator, manual, figures, indicator, link)
    return pages


def generated_files(site: Site) -> dict[str, bytes]:
    """Files that are not pages, by their path in the site: each year's LKjIP tables as CSV and XLSX, and the
    head the site is built from (read by the next build to notice rewritten history)."""
    site = as_on_reference_date(site)
    files: dict[str, bytes] = {}
    if site.history.available and site.history.head:
        checked = site.integrity or integrity.Integrity(site.history.head, None, "", ())
        files[integrity.RECORD_NAME] = integrity.record(checked).encode()
    for figures in performance_figures(site).values():
        for year in figures.years:
            files |= kinerja.lkjip_files(site.manual, figures, year)
    return files


def page_sources(site: Site) -> dict[str, str]:
    """Generated page -> the data file behind it, for the theme's "edit this page" link."""
    sources = {urls.sop_page(sop.id): sop.source for sop in site.manual.sops}
    sources |= {urls.record_url(r): r.source for r in site.records}
    for data in site.performance.agencies:  # performance pages: the file behind each
        sources[urls.performance_page(data.agency_id)] = data.source
        sources |= {urls.indicator_page(data.agency_id, i.id): data.source for i in data.indicators}
        sources |= {urls.performance_year_page(data.agency_id, y): a.source for y, a in data.agreements.items()}
        sources |= {urls.performance_quarter_page(data.agency_id, y, q): r.source for (y, q), r in data.quarters.items()}
    return sources


def attachments(site: Site) -> list[str]:
    """Repository paths of the files the data points to (attachments, logo); the site serves them under the same path."""
    files = {d.file for r in site.records for e in r.spec.executions for d in e.documents if d.file}
    # The evidence (`bukti`) of each quarter's realisation.
    files |= {
        r.evidence for data in site.performance.agencies for report in data.quarters.values()
        for r in report.spec.realisations if r.evidence
    }
    logo = site.manual.government.logo
    return sorted(files | ({logo} if logo else set()))


def _unit_nav(unit: Unit, revoked: frozenset[str]) -> dict[str, Any]:
    """The unit's SOPs in force; a revoked SOP is reached from the unit's page."""
    in_force = [sop for sop in unit.sops if sop.id not in revoked]
    if len(in_force) > NAV_SOPS_PER_UNIT:
        # A large unit's SOPs stay out of the navigation (every page would carry them); its page lists them.
        return {safe_title(unit.name): urls.unit_page(unit.key)}
    sops = ({safe_title(sop.spec.name): urls.sop_page(sop.id)} for sop in in_force)
    return {safe_title(unit.name): [{"Daftar SOP unit": urls.unit_page(unit.key)}, *sops]}


def _catalogue_nav(manual: Manual, kind: str, title: Callable[[Any], str], page: Callable[[str], str]) -> list[Any]:
    """Shared entries, then one group per agency with entries of its own."""
    entries = manual.entries(kind)
    nav: list[Any] = [{safe_title(title(e.value)): page(e.key)} for e in entries if e.agency is None]
    for agency in manual.agencies:
        own = [{safe_title(title(e.value)): page(e.key)} for e in entries if e.agency is agency]
        if own:
            nav.append({safe_title(agency.spec.abbreviation): own})
    return nav


def _performance_nav(site: Site, manual: Manual) -> list[Any]:
    """"Kinerja": per agency, its overview, its years with their quarters and its indicators (where it has
    performance data), then its Kesiapan Evaluasi AKIP of the reference year (where the LKE catalogue exists)."""
    agencies = []
    for agency in manual.agencies:
        entries: list[Any] = []
        if (data := site.performance.of(agency.id)) is not None:
            entries += _agency_performance_nav(data, performance_quarters(site, data))
        if site.lke is not None:  # the year before is linked from the page
            entries.append({"Kesiapan Evaluasi AKIP": urls.readiness_page(agency.id)})
        if entries:
            agencies.append({safe_title(agency.spec.abbreviation): entries})
    return [{"Kinerja": agencies}] if agencies else []


def _agency_performance_nav(data: AgencyPerformance, quarters: dict[int, tuple[int, ...]]) -> list[Any]:
    agency_id = data.agency_id
    years = [
        {str(year): [
            {f"Tabel LKjIP {year}": urls.performance_year_page(agency_id, year)},
            *({f"Triwulan {ROMAN[q - 1]}": urls.performance_quarter_page(agency_id, year, q)} for q in quarters[year]),
        ]}
        for year in reversed(data.years)
    ]
    indicators = [{safe_title(i.spec.name): urls.indicator_page(agency_id, i.id)} for i in data.indicators]
    return [{"Ringkasan kinerja": urls.performance_page(agency_id)}, *years, {"Indikator": indicators}]


def navigation(site: Site, handwritten: list[str]) -> list[Any]:
    """Home, SOPs by unit, progress by year, monitoring, reference sections, then the hand-written guides.

    Hierarchical, so Material's navigation.prune keeps every page's nav small.
    """
    manual = as_on_reference_date(site).manual
    revoked = revoked_ids(manual, site.today)
    # Themes print nav titles as HTML, raw or through striptags: data in a title is made safe for both.
    sops = [
        {safe_title(agency.spec.abbreviation): [
            {safe_title(f"Tentang {agency.spec.abbreviation}"): urls.agency_page(agency.id)},
            *(_unit_nav(unit, revoked) for unit in agency.units),
        ]}
        for agency in manual.agencies
    ]
    roles = [urls.ROLES, *_catalogue_nav(manual, "jabatan", lambda role: role.abbreviation, urls.role_page)]
    documents = [urls.DOCUMENTS, *_catalogue_nav(manual, "dokumen", lambda doc: doc.name, urls.document_page)]
    nav: list[Any] = [
        {"Beranda": urls.HOME},
        {"SOP": sops},
        {
            "Progres": [
                {
                    str(year): [
                        {f"Ringkasan {year}": urls.year_page(year)},
                        *({f"Triwulan {ROMAN[q - 1]}": urls.quarter_page(year, q)} for q in range(1, 5)),
                    ]
                }
                for year in reversed(site.years)
            ]
        },
        {"Pemantauan SOP": urls.MONITORING},
        *_performance_nav(site, manual),
        {"Buku Dokumentasi SAKIP": urls.LOGBOOK},
        {"Jejak Audit": urls.AUDIT},
        {"Dasar Hukum": urls.LEGAL_BASES},
        {"Kualifikasi Pelaksana": urls.QUALIFICATIONS},
        {"Jabatan": roles},
        {"Dokumen Terkait": documents},
    ]
    guides = [page for page in handwritten if page != urls.HOME]
    if guides:
        nav.append({"Panduan": guides})
    return nav
