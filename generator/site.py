"""The whole generated site as data: page sources by path, and the navigation."""

from __future__ import annotations

import html
from typing import Any

from generator import urls
from generator.crossref import build_index
from generator.escape import one_line
from generator.model import Manual
from generator.pages import references as ref
from generator.pages.home import render_home
from generator.pages.sop import render_sop

ASSET_DIR = "assets/sopgen"


def _title(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def generated_pages(manual: Manual, directory_urls: bool = True) -> dict[str, str]:
    """Markdown source of every generated page, keyed by its path in the docs tree."""
    index = build_index(manual)
    link = urls.Linker(directory_urls)
    pages = {urls.HOME: render_home(manual, link)}
    for sop in manual.sops:
        pages[urls.sop_page(sop.id)] = render_sop(manual, sop, index, link)
    pages[urls.LEGAL_BASES] = ref.render_legal_bases(manual, index, link)
    pages[urls.QUALIFICATIONS] = ref.render_qualifications(manual, index, link)
    pages[urls.ROLES] = ref.render_role_index(manual, index, link)
    for role_id in manual.catalogue.roles:
        pages[urls.role_page(role_id)] = ref.render_role(manual, index, link, role_id)
    pages[urls.DOCUMENTS] = ref.render_document_index(manual, index, link)
    for document_id in manual.catalogue.documents:
        pages[urls.document_page(document_id)] = ref.render_document(manual, index, link, document_id)
    return pages


def navigation(manual: Manual, handwritten: list[str]) -> list[Any]:
    """Home, SOPs by unit, reference sections, then the hand-written guides.

    Hierarchical, so Material's navigation.prune keeps every page's nav small.
    """
    # Themes print nav titles as HTML, so data in a title is escaped here.
    sops = [
        {_title(unit.name): [{_title(sop.spec.name): urls.sop_page(sop.id)} for sop in unit.sops]}
        for unit in manual.units
    ]
    roles = [urls.ROLES, *({_title(role.abbreviation): urls.role_page(rid)} for rid, role in manual.catalogue.roles.items())]
    documents = [
        urls.DOCUMENTS,
        *({_title(doc.name): urls.document_page(did)} for did, doc in manual.catalogue.documents.items()),
    ]
    nav: list[Any] = [
        {"Beranda": urls.HOME},
        {"SOP": sops},
        {"Dasar Hukum": urls.LEGAL_BASES},
        {"Kualifikasi Pelaksana": urls.QUALIFICATIONS},
        {"Jabatan": roles},
        {"Dokumen Terkait": documents},
    ]
    guides = [page for page in handwritten if page != urls.HOME]
    if guides:
        nav.append({"Panduan": guides})
    return nav
