"""The SOP page: the official form's identity part, the procedure table and the swimlane flowchart."""

from __future__ import annotations

from dataclasses import dataclass

from generator.manual.durations import format_minutes
from generator.manual.model import Manual, Organisation, Role, Sop, Step
from generator.render import urls
from generator.render.mermaid import swimlane
from generator.render.templating import render
from generator.trail.approval import Trail

CADENCE_LABEL = {"triwulanan": "Setiap triwulan", "tahunan": "Setiap tahun"}


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None


@dataclass(frozen=True)
class ActorLink:
    role: Role
    href: str


@dataclass(frozen=True)
class Identity:
    """What the official form's identity part shows, with links relative to the page it is on."""

    org: Organisation
    sop: Sop
    legal: list[Link]
    related: list[Link]
    logo_href: str | None


@dataclass(frozen=True)
class Row:
    step: Step
    anchor: str
    actor_index: int
    symbol: str
    time: str
    flow: str


def total_text(sop: Sop) -> str:
    return f"{format_minutes(sop.total_minutes)} ({round(sop.total_minutes):,} menit kerja)".replace(",", ".")


def _flow(step: Step, is_last: bool) -> str:
    decision = step.decision
    if decision is None:
        return ""
    yes = f"langkah {decision.yes}" if decision.yes is not None else ("selesai" if is_last else f"langkah {step.number + 1}")
    return f"{decision.question} Ya: {yes}. Tidak: kembali ke langkah {decision.no}."


def _rows(sop: Sop) -> list[Row]:
    steps = sop.spec.steps
    rows = []
    for position, (step, duration) in enumerate(zip(steps, sop.durations, strict=True)):
        rows.append(
            Row(
                step=step,
                anchor=urls.step_anchor(step.number),
                actor_index=sop.spec.actors.index(step.actor),
                symbol="keputusan" if step.decision else "proses",
                time=duration.text,
                flow=_flow(step, position == len(steps) - 1),
            )
        )
    return rows


def _related(manual: Manual, sop: Sop, page: str, link: urls.Linker) -> list[Link]:
    links = []
    for ref in sop.spec.related:
        document = manual.catalogue.documents.get(ref)
        if document is not None:
            links.append(Link(document.name, link(page, urls.document_page(ref))))
        else:
            other = manual.sop(ref)
            assert other is not None  # the validator checked every reference
            links.append(Link(f"SOP {other.spec.name}", link(page, urls.sop_page(ref))))
    return links


def identity(manual: Manual, sop: Sop, page: str, link: urls.Linker) -> Identity:
    catalogue = manual.catalogue
    return Identity(
        org=catalogue.organisation,
        sop=sop,
        legal=[Link(catalogue.legal_bases[b].citation, link(page, urls.legal_basis_page(b))) for b in sop.spec.legal_bases],
        related=_related(manual, sop, page, link),
        logo_href=link.asset(page, catalogue.organisation.logo) if catalogue.organisation.logo else None,
    )


def render_sop(
    manual: Manual, sop: Sop, named_by: list[Sop], link: urls.Linker, trail: Trail, flow: list[str],
    pdf_links: bool = False,
) -> str:
    """`named_by`: the SOPs that name this one in their Keterkaitan (from the cross-reference index)."""
    page = urls.sop_page(sop.id)
    catalogue = manual.catalogue
    return render(
        "sop.md.j2",
        sop=sop,
        identity=identity(manual, sop, page, link),
        cadence=CADENCE_LABEL[sop.spec.cadence],
        unit_href=link(page, urls.unit_page(sop.unit_id)),
        actors=[ActorLink(catalogue.roles[a], link(page, urls.role_page(a))) for a in sop.spec.actors],
        named_by=[Link(other.spec.name, link(page, urls.sop_page(other.id))) for other in named_by],
        rows=_rows(sop),
        total=total_text(sop),
        diagram=swimlane(sop, catalogue.roles),
        trail=trail,
        flow_pages=flow,
        pdf_href=link.asset(page, f"pdf/{sop.id}.pdf") if pdf_links else None,
        revised_from_git=None if sop.spec.revised else trail.last_approved(),
    )
