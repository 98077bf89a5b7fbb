"""The whole generated site as data: page sources by path, and the navigation."""

from __future__ import annotations

from typing import Any

from generator.data.gcpause import collector_paused
from generator.records.periods import ROMAN
from generator.render import urls
from generator.render.escape import safe_title
from generator.render.gather import QUARTERS, Gathered, Site, gather
from generator.render.pages import progress
from generator.render.pages import references as ref
from generator.render.pages.home import render_home, render_unit
from generator.render.pages.logbook import render_logbook
from generator.render.pages.print import (
    ONE_PRINTED_BOOK_UP_TO,
    print_books,
    render_print,
    render_print_index,
)
from generator.render.pages.sop import render_sop
from generator.render.pages.trail import render_audit
from generator.render.svgflow import flowchart_pages

__all__ = ["ASSET_DIR", "Site", "attachments", "generated_pages", "navigation", "page_sources", "print_books"]

ASSET_DIR = "assets/sopgen"
NAV_SOPS_PER_UNIT = 15


@collector_paused
def generated_pages(site: Site, directory_urls: bool = True) -> dict[str, str]:
    """Markdown source of every generated page, keyed by its path in the docs tree.

    Gather, then write: statuses, review flags and the cross-reference index are computed once, up front.
    """
    derived = gather(site)
    link = urls.Linker(directory_urls)
    # Each SOP's official flowchart appears on its page and in a printed book: draw it once.
    flows = {sop.id: flowchart_pages(sop, site.manual.catalogue.roles) for sop in site.manual.sops}
    return (
        _manual_pages(site, derived, link, flows)
        | _progress_pages(site, derived, link)
        | _history_pages(site, derived, link)
        | _print_pages(site, link, flows)
    )


def _manual_pages(site: Site, derived: Gathered, link: urls.Linker, flows: dict[str, list[str]]) -> dict[str, str]:
    manual, index = site.manual, derived.index
    pages = {urls.HOME: render_home(manual, link)}
    for unit in manual.units:
        pages[urls.unit_page(unit.id)] = render_unit(unit, link)
    for sop in manual.sops:
        named_by = index.sops_naming_sop.get(sop.id, [])
        pages[urls.sop_page(sop.id)] = render_sop(manual, sop, named_by, link, derived.trails[sop.source], flows[sop.id], site.pdf_links)
    pages[urls.LEGAL_BASES] = ref.render_legal_bases(manual, index, link)
    pages[urls.QUALIFICATIONS] = ref.render_qualifications(manual, index, link)
    pages[urls.ROLES] = ref.render_role_index(manual, index, link)
    for role_id in manual.catalogue.roles:
        pages[urls.role_page(role_id)] = ref.render_role(manual, index, link, role_id)
    pages[urls.DOCUMENTS] = ref.render_document_index(manual, index, link)
    for document_id in manual.catalogue.documents:
        pages[urls.document_page(document_id)] = ref.render_document(manual, index, link, document_id)
    return pages


def _print_pages(site: Site, link: urls.Linker, flows: dict[str, list[str]]) -> dict[str, str]:
    manual = site.manual
    pages = {}
    units = {unit.id: unit for unit in manual.units}
    for unit_id, _pdf_name in print_books(manual):
        unit = units[unit_id] if unit_id else None
        pages[urls.print_page(unit_id)] = render_print(manual, link, flows, site.pdf_links, unit)
    if len(manual.sops) > ONE_PRINTED_BOOK_UP_TO:
        pages[urls.PRINT] = render_print_index(manual, link)
    return pages


def _progress_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, str]:
    manual, today = site.manual, site.today
    pages = {}
    for year in site.years:
        on_time = [derived.on_time[(year, q)] for q in QUARTERS]
        pages[urls.year_page(year)] = progress.render_year(manual, derived.by_year[year], on_time, year, today, link)
        for q in QUARTERS:
            pages[urls.quarter_page(year, q)] = progress.render_quarter(manual, derived.by_quarter[(year, q)], year, q, today, link)
    for item in derived.statuses:
        if item.record is not None:
            trail = derived.trails[item.record.source]
            pages[urls.record_url(item.record)] = progress.render_record(manual, item, today, link, trail)
    return pages


def _history_pages(site: Site, derived: Gathered, link: urls.Linker) -> dict[str, str]:
    return {
        urls.LOGBOOK: render_logbook(site.manual, site.records, link),
        urls.AUDIT: render_audit(site.manual, site.history, site.owners, derived.audit, link),
    }


def page_sources(site: Site) -> dict[str, str]:
    """Generated page -> the data file behind it, for the theme's "edit this page" link."""
    sources = {urls.sop_page(sop.id): sop.source for sop in site.manual.sops}
    sources |= {urls.record_url(r): r.source for r in site.records}
    return sources


def attachments(site: Site) -> list[str]:
    """Repository paths of the files the data points to (attachments, logo); the site serves them under the same path."""
    files = {d.file for r in site.records for e in r.spec.executions for d in e.documents if d.file}
    logo = site.manual.catalogue.organisation.logo
    return sorted(files | ({logo} if logo else set()))


def navigation(site: Site, handwritten: list[str]) -> list[Any]:
    """Home, SOPs by unit, progress by year, reference sections, then the hand-written guides.

    Hierarchical, so Material's navigation.prune keeps every page's nav small.
    """
    manual = site.manual
    # Themes print nav titles as HTML, raw or through striptags: data in a title is made safe for both.
    sops = [
        {safe_title(unit.name): [{"Daftar SOP unit": urls.unit_page(unit.id)}, *({safe_title(sop.spec.name): urls.sop_page(sop.id)} for sop in unit.sops)]}
        if len(unit.sops) <= NAV_SOPS_PER_UNIT
        # A large unit's SOPs stay out of the navigation (every page would carry them); its page lists them.
        else {safe_title(unit.name): urls.unit_page(unit.id)}
        for unit in manual.units
    ]
    roles = [urls.ROLES, *({safe_title(role.abbreviation): urls.role_page(rid)} for rid, role in manual.catalogue.roles.items())]
    documents = [
        urls.DOCUMENTS,
        *({safe_title(doc.name): urls.document_page(did)} for did, doc in manual.catalogue.documents.items()),
    ]
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
