"""The whole generated site as data: page sources by path, and the navigation."""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.model import Manual
from generator.pages.home import render_home
from generator.pages.sop import render_sop

ASSET_DIR = "assets/sopgen"


def generated_pages(manual: Manual) -> dict[str, str]:
    """Markdown source of every generated page, keyed by its path in the docs tree."""
    pages = {urls.HOME: render_home(manual)}
    for sop in manual.sops:
        pages[urls.sop_page(sop.id)] = render_sop(manual, sop)
    return pages


def navigation(manual: Manual, handwritten: list[str]) -> list[Any]:
    """Home, then SOPs by unit, then the hand-written guides: hierarchical, so Material can prune it."""
    sops = [{unit.name: [{sop.spec.name: urls.sop_page(sop.id)} for sop in unit.sops]} for unit in manual.units]
    nav: list[Any] = [{"Beranda": urls.HOME}, {"SOP": sops}]
    guides = [page for page in handwritten if page != urls.HOME]
    if guides:
        nav.append({"Panduan": guides})
    return nav
