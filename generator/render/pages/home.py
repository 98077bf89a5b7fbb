"""The home page and one page per unit: what the manual is, its SOPs, and where each reader starts."""

from __future__ import annotations

from generator.manual.durations import CONVENTION
from generator.manual.model import Manual, Sop, Unit
from generator.render import urls
from generator.render.pages.sop import CADENCE_LABEL, total_text
from generator.render.templating import render

# Above this many SOPs the home page lists units, not every SOP (a regency has thousands).
HOME_LISTS_SOPS_UP_TO = 60


def _sop_rows(page: str, sops: tuple[Sop, ...], link: urls.Linker) -> list[tuple[Sop, str, str, str]]:
    return [(sop, link(page, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], total_text(sop)) for sop in sops]


def render_home(manual: Manual, link: urls.Linker) -> str:
    page = urls.HOME
    return render(
        "home.md.j2",
        org=manual.catalogue.organisation,
        unit_rows=[(unit, link(page, urls.unit_page(unit.id)), len(unit.sops)) for unit in manual.units],
        sops_by_unit={unit.id: _sop_rows(page, unit.sops, link) for unit in manual.units},
        compact=len(manual.sops) > HOME_LISTS_SOPS_UP_TO,
        sop_count=len(manual.sops),
        convention=CONVENTION,
    )


def render_unit(unit: Unit, link: urls.Linker) -> str:
    return render("unit.md.j2", unit=unit, sops=_sop_rows(urls.unit_page(unit.id), unit.sops, link))
