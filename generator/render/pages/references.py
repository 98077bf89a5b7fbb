"""Reference pages read across SOPs: legal bases, qualifications, roles and related documents."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from generator.manual.durations import total
from generator.manual.index import CrossIndex, Mention, StepRef, hierarchy_rank
from generator.manual.model import Document, Entry, LegalBasis, Manual, Role, Sop, as_items
from generator.records.tasks import OpenStep
from generator.render import urls
from generator.render.gather import IndicatorRef
from generator.render.pages.progress import period_label
from generator.render.pages.sop import CADENCE_LABEL
from generator.render.templating import render


@dataclass(frozen=True)
class SopLink:
    sop: Sop
    href: str
    revoked: bool = False  # revoked on the reference date: marked "(dicabut)"


@dataclass(frozen=True)
class ChainLink:
    relation: str  # "Diubah dengan", "Dicabut oleh"
    text: str
    href: str


@dataclass(frozen=True)
class BasisRow:
    anchor: str
    basis: LegalBasis
    owner: str | None
    chain: list[ChainLink]
    sops: list[SopLink]


STATUS_LABEL = {"berlaku": "Berlaku", "diubah": "Berlaku, telah diubah", "dicabut": "Dicabut"}


@dataclass(frozen=True)
class Qualification:
    text: str
    sops: list[SopLink]


@dataclass(frozen=True)
class RoleQualifications:
    role: Role
    owner: str | None
    href: str
    items: list[Qualification]


@dataclass(frozen=True)
class RoleRow:
    role: Role
    owner: str | None
    twins: list[Role]
    href: str
    sop_count: int
    step_count: int


@dataclass(frozen=True)
class StepLink:
    ref: StepRef
    href: str


@dataclass(frozen=True)
class RoleSop:
    """One SOP on a role's page: the role's own steps in it and their standard time."""

    sop: Sop
    href: str
    cadence: str
    steps: list[StepLink]
    total: str
    revoked: bool = False


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    owner: str | None
    href: str
    sop_count: int
    mention_count: int


@dataclass(frozen=True)
class MentionRow:
    mention: Mention
    href: str
    revoked: bool = False


def _sop_links(link: urls.Linker, page: str, sops: list[Sop], revoked: Collection[str] = frozenset()) -> list[SopLink]:
    """`revoked`: the SOP ids revoked on the reference date (Gathered.revoked)."""
    return [SopLink(sop, link(page, urls.sop_page(sop.id)), sop.id in revoked) for sop in sops]


def _owner(manual: Manual, entry: Entry) -> str | None:
    """Whose entry this is, for a reader: the agency's abbreviation, "bersama" for a shared entry among
    several agencies, None in a single-agency manual (where the label would say nothing)."""
    if entry.agency is not None:
        return entry.agency.spec.abbreviation
    return "bersama" if len(manual.agencies) > 1 else None


def _chain(manual: Manual, entry: Entry, page: str, link: urls.Linker) -> list[ChainLink]:
    """The rules that amend or revoke this one, linked to their place in the register."""
    basis = entry.value
    assert isinstance(basis, LegalBasis)
    scope = entry.agency
    visible = scope.catalogue.legal_bases if scope else manual.catalogue.legal_bases
    links = []
    for other in basis.amended_by:
        key = scope.key("dasar_hukum", other) if scope else other
        links.append(ChainLink("Diubah dengan", visible[other].short, link(page, urls.legal_basis_page(key))))
    if basis.revoked_by:
        key = scope.key("dasar_hukum", basis.revoked_by) if scope else basis.revoked_by
        when = f" ({basis.revoked_on})" if basis.revoked_on else ""
        links.append(ChainLink(f"Dicabut{when} oleh", visible[basis.revoked_by].short, link(page, urls.legal_basis_page(key))))
    return links


def render_legal_bases(manual: Manual, index: CrossIndex, link: urls.Linker, revoked: Collection[str] = frozenset()) -> str:
    page = urls.LEGAL_BASES
    entries = sorted(
        manual.entries("dasar_hukum"),
        key=lambda e: (hierarchy_rank(e.value.kind), e.value.year, e.value.number, e.key),  # type: ignore[union-attr]
    )
    rows = [
        BasisRow(
            anchor=urls.legal_basis_anchor(entry.key),
            basis=entry.value,  # type: ignore[arg-type]
            owner=_owner(manual, entry),
            chain=_chain(manual, entry, page, link),
            sops=_sop_links(link, page, index.sops_by_basis.get(entry.key, []), revoked),
        )
        for entry in entries
    ]
    return render("dasar_hukum.md.j2", rows=rows, status_label=STATUS_LABEL)


def render_qualifications(manual: Manual, index: CrossIndex, link: urls.Linker, revoked: Collection[str] = frozenset()) -> str:
    page = urls.QUALIFICATIONS
    per_role = []
    for entry in manual.entries("jabatan"):
        items: dict[str, list[Sop]] = {}
        for sop in index.sops_by_role.get(entry.key, []):
            for item in as_items(sop.spec.qualifications):
                items.setdefault(item, []).append(sop)
        if items:
            qualifications = [Qualification(q, _sop_links(link, page, s, revoked)) for q, s in items.items()]
            per_role.append(RoleQualifications(entry.value, _owner(manual, entry), link(page, urls.role_page(entry.key)), qualifications))  # type: ignore[arg-type]
    return render("kualifikasi.md.j2", per_role=per_role, per_sop=_sop_links(link, page, list(manual.sops), revoked))


def render_role_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.ROLES
    rows = [
        RoleRow(
            role=entry.value,  # type: ignore[arg-type]
            owner=_owner(manual, entry),
            twins=manual.twins_of(entry),
            href=link(page, urls.role_page(entry.key)),
            sop_count=len(index.sops_by_role.get(entry.key, [])),
            step_count=len(index.steps_by_role.get(entry.key, [])),
        )
        for entry in manual.entries("jabatan")
    ]
    return render("jabatan_index.md.j2", rows=rows)


@dataclass(frozen=True)
class TaskRow:
    """One open step of this role ("tugas saya"): where, which step, and by when."""

    task: OpenStep
    sop_name: str
    agency: str | None  # the SOP's agency, on a shared role's page in a manual of several agencies
    period: str
    href: str  # the record page, or the step on the SOP page when the period has no record yet


def _task_rows(manual: Manual, entry: Entry, tasks: list[OpenStep], page: str, link: urls.Linker) -> list[TaskRow]:
    # An agency's own role acts only in its SOPs; a shared one (Kabid) may act in every agency's.
    several = entry.agency is None and len(manual.agencies) > 1
    rows = []
    for task in tasks:
        item = task.item
        record = item.record
        target = urls.record_url(record) if record else urls.step_link(item.sop.id, task.step.number)
        period = period_label(item)
        agency = manual.agency(item.sop.agency_id).spec.abbreviation if several else None
        rows.append(TaskRow(task, item.sop.spec.name, agency, period, link(page, target)))
    return rows


def _aka(role: Role, twins: Sequence[Role]) -> list[str]:
    """The column names staff call this role by ("Kasubag") that its full name does not already contain:
    shown beside the title, where the search ranks a word highest."""
    name = role.name.lower()
    return [short for short in dict.fromkeys([role.abbreviation, *(t.abbreviation for t in twins)]) if short.lower() not in name]


def render_role(
    manual: Manual, index: CrossIndex, link: urls.Linker, entry: Entry, tasks: list[OpenStep], today: date,
    revoked: Collection[str] = frozenset(), indicators: Sequence[IndicatorRef] = (),
) -> str:
    """`tasks`: this role's open steps on `today` (render.gather), overdue first; `indicators`: the performance
    indicators it is responsible for."""
    page = urls.role_page(entry.key)
    steps = index.steps_by_role.get(entry.key, [])
    by_sop: dict[str, list[StepRef]] = {}
    for ref in steps:
        by_sop.setdefault(ref.sop.id, []).append(ref)
    per_sop = []
    for sop in index.sops_by_role.get(entry.key, []):
        own = by_sop.get(sop.id, [])
        per_sop.append(
            RoleSop(
                sop=sop,
                href=link(page, urls.sop_page(sop.id)),
                cadence=CADENCE_LABEL[sop.spec.cadence],
                steps=[StepLink(ref, link(page, urls.step_link(sop.id, ref.step.number))) for ref in own],
                total=total([ref.duration for ref in own]).text,
                revoked=sop.id in revoked,
            )
        )
    twins = manual.twins_of(entry)
    return render(
        "jabatan.md.j2", role=entry.value, role_id=entry.key, owner=_owner(manual, entry), twins=twins,
        aka=_aka(entry.value, twins),
        per_sop=per_sop, step_count=len(steps), tasks=_task_rows(manual, entry, tasks, page, link), today=today,
        indicators=[
            IndicatorLink(ref.indicator.spec.name, link(page, urls.indicator_page(ref.agency_id, ref.indicator.id)),
                          manual.agency(ref.agency_id).spec.abbreviation, ref.indicator.spec.goal)
            for ref in indicators
        ],
    )


@dataclass(frozen=True)
class IndicatorLink:
    name: str
    href: str
    agency: str
    goal: str


def render_document_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.DOCUMENTS
    rows = [
        DocumentRow(
            document=entry.value,  # type: ignore[arg-type]
            owner=_owner(manual, entry),
            href=link(page, urls.document_page(entry.key)),
            sop_count=len(index.sops_by_document.get(entry.key, [])),
            mention_count=len(index.mentions_by_document.get(entry.key, [])),
        )
        for entry in manual.entries("dokumen")
    ]
    return render("dokumen_index.md.j2", rows=rows)


def render_document(
    manual: Manual, index: CrossIndex, link: urls.Linker, entry: Entry, revoked: Collection[str] = frozenset()
) -> str:
    page = urls.document_page(entry.key)
    mentions = [
        MentionRow(m, link(page, urls.step_link(m.step_ref.sop.id, m.step_ref.step.number)), m.step_ref.sop.id in revoked)
        for m in index.mentions_by_document.get(entry.key, [])
    ]
    return render(
        "dokumen.md.j2",
        doc=entry.value,
        owner=_owner(manual, entry),
        sops=_sop_links(link, page, index.sops_by_document.get(entry.key, []), revoked),
        mentions=mentions,
    )
