"""Printable books: the whole manual, or one unit's book when the manual is too large for one."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from generator.manual.model import Manual, Sop, Unit
from generator.render import urls
from generator.render.pages.home import active, unit_rows
from generator.render.pages.sop import Heading, Identity, identity
from generator.render.templating import render

ONE_PRINTED_BOOK_UP_TO = 60  # beyond this, one printed book (and PDF) per unit


@dataclass(frozen=True)
class PrintedSop:
    identity: Identity
    flow_pages: list[str]


def print_books(manual: Manual, revoked: Collection[str] = frozenset()) -> list[tuple[str | None, str]]:
    """(unit key or None for the whole manual, PDF file name) of each printable book.

    Books hold the SOPs in force: `revoked` are the ids revoked on the reference date; a unit left with
    none has no book.
    """
    if len(active(manual.sops, revoked)) <= ONE_PRINTED_BOOK_UP_TO:
        return [(None, print_pdf_name(None))]
    return [(unit.key, print_pdf_name(unit)) for unit in manual.units if active(unit.sops, revoked)]


def print_pdf_name(unit: Unit | None) -> str:
    # "--" never occurs in an id, so no two units, and no SOP (`pdf/<id>.pdf`), share a file name.
    return "manual-sop.pdf" if unit is None else f"manual-sop--{unit.agency_id}--{unit.id}.pdf"


def book_title(unit: Unit | None) -> str:
    """The book's title: on its cover and in the running header of each printed page."""
    return f"Manual SOP {unit.name}" if unit else "Manual Standar Operasional Prosedur"


def _heading(manual: Manual, units: tuple[Unit, ...]) -> Heading:
    """The cover's header: the government, and the agency when the book holds only one."""
    agencies = {unit.agency_id for unit in units}
    agency = manual.agency(agencies.pop()).spec.name if len(agencies) == 1 else ""
    return Heading(manual.government.name, agency)


def render_print(
    manual: Manual, link: urls.Linker, flows: dict[str, list[str]], in_force: Mapping[str, Sop],
    pdf_links: bool = False, unit: Unit | None = None, revoked: Collection[str] = frozenset(),
) -> str:
    """A printable book: cover, table of contents, then each SOP in force, in its form as in force (`in_force`, by
    SOP id); the whole manual or one unit."""
    page = urls.print_page(unit.key if unit else None)
    chosen = (unit,) if unit else manual.units
    units = tuple(u for u in chosen if active(u.sops, revoked))
    sops = [
        PrintedSop(identity(manual, in_force[sop.id], page, link), flows[sop.id])
        for u in units for sop in active(u.sops, revoked)
    ]
    return render(
        "cetak.md.j2",
        org=_heading(manual, chosen),
        title=book_title(unit),
        units=[(u, active(u.sops, revoked)) for u in units],
        agencies={a.id: a.spec.abbreviation if len(manual.agencies) > 1 and not unit else "" for a in manual.agencies},
        sops=sops,
        latest=max((s.identity.sop.spec.revised or s.identity.sop.spec.effective for s in sops), default=None),
        pdf_href=link.asset(page, f"pdf/{print_pdf_name(unit)}") if pdf_links else None,
    )


def render_print_index(manual: Manual, link: urls.Linker, revoked: Collection[str] = frozenset()) -> str:
    """For a manual too large for one printed book: the list of per-unit books (units with SOPs in force)."""
    page = urls.print_page(None)
    units = tuple(unit for unit in manual.units if active(unit.sops, revoked))
    return render(
        "cetak_daftar.md.j2",
        org=Heading(manual.government.name, ""),
        units=unit_rows(page, manual, units, link, urls.print_page, revoked=revoked),
    )
