"""Printable books: the whole manual, or one unit's book when the manual is too large for one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.manual.model import Manual, Sop, Unit
from generator.render import urls
from generator.render.pages.home import unit_rows
from generator.render.pages.sop import Heading, Identity, identity
from generator.render.templating import render

ONE_PRINTED_BOOK_UP_TO = 60  # beyond this, one printed book (and PDF) per unit


@dataclass(frozen=True)
class PrintedSop:
    identity: Identity
    flow_pages: list[str]


def print_books(manual: Manual) -> list[tuple[str | None, str]]:
    """(unit key or None for the whole manual, PDF file name) of each printable book."""
    if len(manual.sops) <= ONE_PRINTED_BOOK_UP_TO:
        return [(None, print_pdf_name(None))]
    return [(unit.key, print_pdf_name(unit)) for unit in manual.units]


def print_pdf_name(unit: Unit | None) -> str:
    # "--" never occurs in an id, so no two units, and no SOP (`pdf/<id>.pdf`), share a file name.
    return "manual-sop.pdf" if unit is None else f"manual-sop--{unit.agency_id}--{unit.id}.pdf"


def _heading(manual: Manual, units: tuple[Unit, ...]) -> Heading:
    """The cover's header: the government, and the agency when the book holds only one."""
    agencies = {unit.agency_id for unit in units}
    agency = manual.agency(agencies.pop()).spec.name if len(agencies) == 1 else ""
    return Heading(manual.government.name, agency)


def render_print(
    manual: Manual, link: urls.Linker, flows: dict[str, list[str]], in_force: Mapping[str, Sop],
    pdf_links: bool = False, unit: Unit | None = None,
) -> str:
    """A printable book: cover, table of contents, then each SOP's form as in force (`in_force`, by SOP id);
    the whole manual or one unit."""
    page = urls.print_page(unit.key if unit else None)
    units = (unit,) if unit else manual.units
    sops = [PrintedSop(identity(manual, in_force[sop.id], page, link), flows[sop.id]) for u in units for sop in u.sops]
    return render(
        "cetak.md.j2",
        org=_heading(manual, units),
        title=f"Manual SOP {unit.name}" if unit else "Manual Standar Operasional Prosedur",
        units=units,
        agencies={a.id: a.spec.abbreviation if len(manual.agencies) > 1 and not unit else "" for a in manual.agencies},
        sops=sops,
        latest=max(s.identity.sop.spec.revised or s.identity.sop.spec.effective for s in sops),
        pdf_href=link.asset(page, f"pdf/{print_pdf_name(unit)}") if pdf_links else None,
    )


def render_print_index(manual: Manual, link: urls.Linker) -> str:
    """For a manual too large for one printed book: the list of per-unit books."""
    page = urls.print_page(None)
    return render(
        "cetak_daftar.md.j2",
        org=Heading(manual.government.name, ""),
        units=unit_rows(page, manual, manual.units, link, urls.print_page),
    )
