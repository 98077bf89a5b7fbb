"""Reference pages read across SOPs: legal bases, qualifications, roles and related documents."""

from __future__ import annotations

from dataclasses import dataclass

from generator.manual.durations import format_minutes
from generator.manual.index import CrossIndex, Mention, StepRef, hierarchy_rank
from generator.manual.model import Document, LegalBasis, Manual, Role, Sop
from generator.render import urls
from generator.render.pages.sop import CADENCE_LABEL
from generator.render.templating import render


@dataclass(frozen=True)
class SopLink:
    sop: Sop
    href: str


@dataclass(frozen=True)
class BasisRow:
    basis_id: str
    basis: LegalBasis
    sops: list[SopLink]


@dataclass(frozen=True)
class Qualification:
    text: str
    sops: list[SopLink]


@dataclass(frozen=True)
class RoleQualifications:
    role: Role
    href: str
    items: list[Qualification]


@dataclass(frozen=True)
class RoleRow:
    role: Role
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


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    href: str
    sop_count: int
    mention_count: int


@dataclass(frozen=True)
class MentionRow:
    mention: Mention
    href: str


def _sop_links(link: urls.Linker, page: str, sops: list[Sop]) -> list[SopLink]:
    return [SopLink(sop, link(page, urls.sop_page(sop.id))) for sop in sops]


def render_legal_bases(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.LEGAL_BASES
    bases = sorted(
        manual.catalogue.legal_bases.items(),
        key=lambda item: (hierarchy_rank(item[1].kind), item[1].year, item[1].number, item[0]),
    )
    rows = [BasisRow(basis_id, basis, _sop_links(link, page, index.sops_by_basis.get(basis_id, []))) for basis_id, basis in bases]
    return render("dasar_hukum.md.j2", rows=rows)


def render_qualifications(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.QUALIFICATIONS
    per_role = []
    for role_id, role in manual.catalogue.roles.items():
        items: dict[str, list[Sop]] = {}
        for sop in index.sops_by_role.get(role_id, []):
            for item in sop.spec.qualifications:
                items.setdefault(item, []).append(sop)
        if items:
            qualifications = [Qualification(q, _sop_links(link, page, s)) for q, s in items.items()]
            per_role.append(RoleQualifications(role, link(page, urls.role_page(role_id)), qualifications))
    return render("kualifikasi.md.j2", per_role=per_role, per_sop=_sop_links(link, page, list(manual.sops)))


def render_role_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.ROLES
    rows = [
        RoleRow(
            role=role,
            href=link(page, urls.role_page(role_id)),
            sop_count=len(index.sops_by_role.get(role_id, [])),
            step_count=len(index.steps_by_role.get(role_id, [])),
        )
        for role_id, role in manual.catalogue.roles.items()
    ]
    return render("jabatan_index.md.j2", rows=rows)


def render_role(manual: Manual, index: CrossIndex, link: urls.Linker, role_id: str) -> str:
    page = urls.role_page(role_id)
    steps = index.steps_by_role.get(role_id, [])
    by_sop: dict[str, list[StepRef]] = {}
    for ref in steps:
        by_sop.setdefault(ref.sop.id, []).append(ref)
    per_sop = []
    for sop in index.sops_by_role.get(role_id, []):
        own = by_sop.get(sop.id, [])
        per_sop.append(
            RoleSop(
                sop=sop,
                href=link(page, urls.sop_page(sop.id)),
                cadence=CADENCE_LABEL[sop.spec.cadence],
                steps=[StepLink(ref, link(page, urls.step_link(sop.id, ref.step.number))) for ref in own],
                total=format_minutes(sum(ref.minutes for ref in own)),
            )
        )
    role = manual.catalogue.roles[role_id]
    return render("jabatan.md.j2", role=role, role_id=role_id, per_sop=per_sop, step_count=len(steps))


def render_document_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.DOCUMENTS
    rows = [
        DocumentRow(
            document=doc,
            href=link(page, urls.document_page(doc_id)),
            sop_count=len(index.sops_by_document.get(doc_id, [])),
            mention_count=len(index.mentions_by_document.get(doc_id, [])),
        )
        for doc_id, doc in manual.catalogue.documents.items()
    ]
    return render("dokumen_index.md.j2", rows=rows)


def render_document(manual: Manual, index: CrossIndex, link: urls.Linker, document_id: str) -> str:
    page = urls.document_page(document_id)
    mentions = [
        MentionRow(m, link(page, urls.step_link(m.step_ref.sop.id, m.step_ref.step.number)))
        for m in index.mentions_by_document.get(document_id, [])
    ]
    return render(
        "dokumen.md.j2",
        doc=manual.catalogue.documents[document_id],
        sops=_sop_links(link, page, index.sops_by_document.get(document_id, [])),
        mentions=mentions,
    )
