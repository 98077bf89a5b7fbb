"""Reference pages read across SOPs: legal bases, qualifications, roles and related documents."""

from __future__ import annotations

from generator.manual.durations import format_minutes
from generator.manual.index import CrossIndex, StepRef, hierarchy_rank
from generator.manual.model import Manual, Sop
from generator.render import urls
from generator.render.pages.sop import CADENCE_LABEL
from generator.render.templating import render


def _sop_links(link: urls.Linker, page: str, sops: list[Sop]) -> list[tuple[Sop, str]]:
    return [(sop, link(page, urls.sop_page(sop.id))) for sop in sops]


def render_legal_bases(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.LEGAL_BASES
    bases = sorted(
        manual.catalogue.legal_bases.items(),
        key=lambda item: (hierarchy_rank(item[1].kind), item[1].year, item[1].number, item[0]),
    )
    rows = [(basis_id, basis, _sop_links(link, page, index.sops_by_basis.get(basis_id, []))) for basis_id, basis in bases]
    return render("dasar_hukum.md.j2", rows=rows)


def render_qualifications(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.QUALIFICATIONS
    per_role = []
    for role_id, role in manual.catalogue.roles.items():
        sops = index.sops_by_role.get(role_id, [])
        items: dict[str, list[Sop]] = {}
        for sop in sops:
            for item in sop.spec.qualifications:
                items.setdefault(item, []).append(sop)
        if items:
            per_role.append(
                (role, link(page, urls.role_page(role_id)), [(q, _sop_links(link, page, s)) for q, s in items.items()])
            )
    per_sop = [(sop, link(page, urls.sop_page(sop.id))) for sop in manual.sops]
    return render("kualifikasi.md.j2", per_role=per_role, per_sop=per_sop)


def render_role_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.ROLES
    rows = [
        (role, link(page, urls.role_page(role_id)), len(index.steps_by_role.get(role_id, [])), len(index.sops_by_role.get(role_id, [])))
        for role_id, role in manual.catalogue.roles.items()
    ]
    return render("jabatan_index.md.j2", rows=rows)


def render_role(manual: Manual, index: CrossIndex, link: urls.Linker, role_id: str) -> str:
    page = urls.role_page(role_id)
    role = manual.catalogue.roles[role_id]
    steps = index.steps_by_role.get(role_id, [])
    by_sop: dict[str, list[StepRef]] = {}
    for ref in steps:
        by_sop.setdefault(ref.sop.id, []).append(ref)
    per_sop = []
    for sop in index.sops_by_role.get(role_id, []):
        own = by_sop.get(sop.id, [])
        minutes = sum(ref.minutes for ref in own)
        per_sop.append(
            (sop, link(page, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], own, format_minutes(minutes))
        )
    return render("jabatan.md.j2", role=role, role_id=role_id, per_sop=per_sop, step_count=len(steps))


def render_document_index(manual: Manual, index: CrossIndex, link: urls.Linker) -> str:
    page = urls.DOCUMENTS
    rows = [
        (doc, link(page, urls.document_page(doc_id)), len(index.sops_by_document.get(doc_id, [])), len(index.mentions_by_document.get(doc_id, [])))
        for doc_id, doc in manual.catalogue.documents.items()
    ]
    return render("dokumen_index.md.j2", rows=rows)


def render_document(manual: Manual, index: CrossIndex, link: urls.Linker, document_id: str) -> str:
    page = urls.document_page(document_id)
    mentions = [
        (m, link(page, urls.sop_page(m.step_ref.sop.id)) + f"#langkah-{m.step_ref.step.number}")
        for m in index.mentions_by_document.get(document_id, [])
    ]
    return render(
        "dokumen.md.j2",
        doc=manual.catalogue.documents[document_id],
        sops=_sop_links(link, page, index.sops_by_document.get(document_id, [])),
        mentions=mentions,
    )
