"""The whole generated site as data: page sources by path, and the navigation."""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.crossref import build_index
from generator.model import Manual
from generator.pages import references as ref
from generator.pages.home import render_home
from generator.pages.sop import render_sop

ASSET_DIR = "assets/sopgen"


def generated_pages(manual: Manual) -> dict[str, str]:
    """Markdown source of every generated page, keyed by its path in the docs tree."""
    index = build_index(manual)
    pages = {urls.HOME: render_home(manual)}
    for sop in manual.sops:
        pages[urls.sop_page(sop.id)] = render_sop(manual, sop, index)
    pages[urls.LEGAL_BASES] = ref.render_legal_bases(manual, index)
    pages[urls.QUALIFICATIONS] = ref.render_qualifications(manual, index)
    pages[urls.ROLES] = ref.render_role_index(manual, index)
    for role_id in manual.catalogue.roles:
        pages[urls.role_page(role_id)] = ref.render_role(manual, index, role_id)
    pages[urls.DOCUMENTS] = ref.render_document_index(manual, index)
    for document_id in manual.catalogue.documents:
        pages[urls.document_page(document_id)] = ref.render_document(manual, index, document_id)
    return pages


def navigation(manual: Manual, handwritten: list[str]) -> list[Any]:
    """Home, SOPs by unit, reference sections, then the hand-written guides.

    Hierarchical, so Material's navigation.prune keeps every page's nav small.
    """
    sops = [{unit.name: [{sop.spec.name: urls.sop_page(sop.id)} for sop in unit.sops]} for unit in manual.units]
    roles = [urls.ROLES, *({role.abbreviation: urls.role_page(rid)} for rid, role in manual.catalogue.roles.items())]
    documents = [
        urls.DOCUMENTS,
        *({doc.name: urls.document_page(did)} for did, doc in manual.catalogue.documents.items()),
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
