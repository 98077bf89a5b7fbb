"""Kesiapan Evaluasi AKIP: per agency and year, the evidence each LKE criterion asks for, what the Buku Dokumentasi
holds of it and what is missing. The page counts evidence; it never shows a score (no weighted sum, no percentage).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.manual.model import Agency, Manual
from generator.performance.lke import (
    ComponentCoverage,
    CriterionCoverage,
    DocumentEvidence,
    IndicatorEvidence,
    IndicatorFacts,
    Lke,
    LkeCoverage,
    LoggedDocument,
    SopEvidence,
    Tally,
    weight_text,
)
from generator.performance.model import AgencyPerformance
from generator.records.documents import RecordedDocument
from generator.records.model import Record
from generator.render import urls
from generator.render.templating import render

DOCUMENTS_ANCHOR = "dokumen-yang-dihasilkan"  # the record page's heading "Dokumen yang dihasilkan"


@dataclass(frozen=True)
class Found:
    """A document of the Buku Dokumentasi that serves as evidence, with its record."""

    title: str
    day: date
    period: str
    sop: str
    record_href: str
    file_href: str | None
    is_file: bool


@dataclass(frozen=True)
class IndicatorGap:
    """An indicator that keeps the indicator data from serving as evidence, with what it lacks."""

    name: str
    href: str
    lacks: str  # "target dan realisasi 2026", "realisasi 2026"


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence a criterion asks for, and whether the agency has it."""

    kind: str  # "Dokumen", "SOP" or "Data" (indicator data)
    name: str
    href: str | None
    present: bool
    note: str  # what was looked for, or why it is missing (Indonesian)
    key: str  # what the editor writes to supply it: a document's `jenis`, an SOP id, or "" for indicator data
    found: tuple[Found, ...] = ()
    gaps: tuple[IndicatorGap, ...] = ()  # indicator data only


@dataclass(frozen=True)
class SopLink:
    name: str
    href: str


@dataclass(frozen=True)
class CriterionRow:
    id: str
    anchor: str
    text: str
    evidence: tuple[Evidence, ...]
    sops: tuple[SopLink, ...]  # the SOPs that implement it


@dataclass(frozen=True)
class SubcomponentBlock:
    title: str
    name: str
    weight: str
    tally: Tally
    rows: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class ComponentBlock:
    number: int
    anchor: str
    name: str
    weight: str
    tally: Tally
    subcomponents: tuple[SubcomponentBlock, ...]


@dataclass(frozen=True)
class MissingItem:
    evidence: Evidence
    criteria: tuple[CriterionRow, ...]  # the criteria asking for it


@dataclass(frozen=True)
class MissingGroup:
    component: ComponentBlock
    items: tuple[MissingItem, ...]


@dataclass(frozen=True)
class YearLink:
    year: int
    href: str
    current: bool


@dataclass(frozen=True)
class _Context:
    """What every row of one page needs to name and link its evidence."""

    manual: Manual
    agency: Agency
    page: str
    year: int
    link: urls.Linker
    found: dict[LoggedDocument, RecordedDocument]
    performance: AgencyPerformance | None


def render_readiness(
    manual: Manual, agency: Agency, lke: Lke, shown: LkeCoverage, years: list[tuple[int, str]], today: date,
    found: dict[LoggedDocument, RecordedDocument], records: list[Record], performance: AgencyPerformance | None,
    link: urls.Linker,
) -> str:
    """`years`: (year, page) of every Kesiapan Evaluasi page of the agency; `found`: Gathered's logged documents."""
    page = next(p for y, p in years if y == shown.year)
    ctx = _Context(manual, agency, page, shown.year, link, found, performance)
    components = tuple(_component(ctx, number, comp) for number, comp in enumerate(shown.components, start=1))
    own_records = [r for r in records if r.sop.agency_id == agency.id]
    return render(
        "kesiapan_evaluasi.md.j2",
        agency=agency,
        government=manual.government,
        lke=lke,
        year=shown.year,
        today=today,
        years=[YearLink(y, link(page, p), y == shown.year) for y, p in years],
        agency_href=link(page, urls.agency_page(agency.id)),
        logbook_href=link(page, urls.LOGBOOK),
        components=components,
        missing=_missing(components),
        tally=shown.tally,
        unasked=sum(len(s.rows) for c in components for s in c.subcomponents) - shown.tally.criteria,
        example=any(r.spec.example for r in own_records) or (performance is not None and performance.example),
    )


def _component(ctx: _Context, number: int, comp: ComponentCoverage) -> ComponentBlock:
    return ComponentBlock(
        number=number,
        anchor=f"komponen-{comp.id}",
        name=comp.component.name,
        weight=weight_text(comp.component.weight),
        tally=comp.tally,
        subcomponents=tuple(
            SubcomponentBlock(
                title=sub.id.replace("-", " ").capitalize(),
                name=sub.subcomponent.name,
                weight=weight_text(sub.subcomponent.weight),
                tally=sub.tally,
                rows=tuple(_criterion(ctx, c) for c in sub.criteria),
            )
            for sub in comp.subcomponents
        ),
    )


def _criterion(ctx: _Context, cov: CriterionCoverage) -> CriterionRow:
    evidence = tuple(_evidence(ctx, item) for item in cov.items)
    sops = tuple(SopLink(_sop_name(ctx.manual, s), ctx.link(ctx.page, urls.sop_page(s))) for s in cov.implementing_sops)
    return CriterionRow(cov.criterion.id, urls.criterion_anchor(cov.criterion.id), cov.criterion.text, evidence, sops)


def _evidence(ctx: _Context, item: DocumentEvidence | SopEvidence | IndicatorEvidence) -> Evidence:
    if isinstance(item, DocumentEvidence):
        return _document(ctx, item)
    if isinstance(item, SopEvidence):
        return _sop(ctx, item)
    return _indicators(ctx, item)


def _document(ctx: _Context, item: DocumentEvidence) -> Evidence:
    entry = ctx.agency.catalogue.documents.get(item.document_id)
    name = entry.name if entry is not None else item.document_id
    href = ctx.link(ctx.page, urls.document_page(ctx.agency.key("dokumen", item.document_id))) if entry is not None else None
    years = str(ctx.year) if item.first_year == ctx.year else f"{item.first_year}–{ctx.year}"
    note = (f"di Buku Dokumentasi, bertanggal {years}" if item.present
            else f"tidak ada di Buku Dokumentasi yang bertanggal {years}")
    found = tuple(_found(ctx, ctx.found[d]) for d in item.found)
    return Evidence("Dokumen", name, href, item.present, note, item.document_id, found)


def _found(ctx: _Context, recorded: RecordedDocument) -> Found:
    record, document = recorded.record, recorded.document
    file_href = ctx.link.asset(ctx.page, document.file) if document.file else document.url
    return Found(
        title=document.title,
        day=document.date,
        period=record.period.label,
        sop=record.sop.spec.name,
        record_href=ctx.link(ctx.page, f"{urls.record_url(record)}#{DOCUMENTS_ANCHOR}"),
        file_href=file_href,
        is_file=bool(document.file),
    )


def _sop(ctx: _Context, item: SopEvidence) -> Evidence:
    sop = ctx.manual.sop(item.sop_id)
    href = ctx.link(ctx.page, urls.sop_page(item.sop_id)) if sop is not None else None
    if item.present:
        note = "berlaku"
    elif sop is not None and sop.agency_id == ctx.agency.id:
        note = "sudah dicabut"
    else:
        note = "instansi ini belum punya SOP ini"
    return Evidence("SOP", _sop_name(ctx.manual, item.sop_id), href, item.present, note, item.sop_id)


def _indicators(ctx: _Context, item: IndicatorEvidence) -> Evidence:
    facts = item.facts
    if facts is None:
        note = f"{item.gap} (sop_defs/{ctx.agency.id}/_kinerja.yaml)"
    elif item.present:
        note = f"{facts.indicators} indikator, semuanya punya target dan realisasi {ctx.year}"
    else:
        note = item.gap or ""
    href = ctx.link(ctx.page, urls.performance_page(ctx.agency.id)) if ctx.performance is not None else None
    return Evidence("Data", "target dan realisasi indikator kinerja", href, item.present, note, "", gaps=_gaps(ctx, facts))


def _gaps(ctx: _Context, facts: IndicatorFacts | None) -> tuple[IndicatorGap, ...]:
    """Each indicator lacking a target or a realisation of the year, named and linked, in file order."""
    if facts is None or ctx.performance is None:
        return ()
    gaps = []
    for indicator in ctx.performance.indicators:
        lacks = [what for what, ids in (("target", facts.without_target), ("realisasi", facts.without_realisation))
                 if indicator.id in ids]
        if lacks:
            href = ctx.link(ctx.page, urls.indicator_page(ctx.agency.id, indicator.id))
            gaps.append(IndicatorGap(indicator.spec.name, href, f"{' dan '.join(lacks)} {ctx.year}"))
    return tuple(gaps)


def _sop_name(manual: Manual, sop_id: str) -> str:
    sop = manual.sop(sop_id)
    return sop.spec.name if sop is not None else sop_id


def _missing(components: tuple[ComponentBlock, ...]) -> list[MissingGroup]:
    """Each missing piece of evidence once per component, with the criteria asking for it, in catalogue order."""
    groups = []
    for component in components:
        items: dict[tuple[str, str, str], tuple[Evidence, list[CriterionRow]]] = {}
        for sub in component.subcomponents:
            for row in sub.rows:
                for evidence in row.evidence:
                    if not evidence.present:
                        key = (evidence.kind, evidence.key, evidence.note)
                        items.setdefault(key, (evidence, []))[1].append(row)
        if items:
            groups.append(MissingGroup(component, tuple(MissingItem(e, tuple(rows)) for e, rows in items.values())))
    return groups
