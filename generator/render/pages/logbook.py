"""Buku Dokumentasi SAKIP: every document recorded, per year (newest first), in date order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.manual.model import Manual
from generator.records.documents import recorded_documents
from generator.records.model import ProducedDocument, Record
from generator.render import urls
from generator.render.templating import render


@dataclass(frozen=True)
class Entry:
    document: ProducedDocument
    kind: str
    kind_href: str | None
    record: Record
    step: int
    person: str
    sop_href: str
    period_href: str
    file_href: str | None


@dataclass(frozen=True)
class YearEntries:
    year: int
    entries: list[Entry]


@dataclass(frozen=True)
class KindCount:
    kind: str
    count: int


def entries(manual: Manual, records: list[Record], link: urls.Linker) -> list[Entry]:
    page = urls.LOGBOOK
    result = []
    for found in recorded_documents(records):
        record, document = found.record, found.document
        agency = manual.agency_of(record.sop)
        catalogued = agency.catalogue.documents.get(document.kind)
        result.append(
            Entry(
                document=document,
                kind=catalogued.name if catalogued else document.kind,
                kind_href=link(page, urls.document_page(agency.key("dokumen", document.kind))) if catalogued else None,
                record=record,
                step=found.step,
                person=found.person,
                sop_href=link(page, urls.sop_page(record.sop.id)),
                period_href=link(page, urls.record_url(record)),
                file_href=link.asset(page, document.file) if document.file else document.url,
            )
        )
    return result


def render_logbook(manual: Manual, records: list[Record], link: urls.Linker) -> str:
    all_entries = entries(manual, records, link)
    years = sorted({e.document.date.year for e in all_entries}, reverse=True)
    return render(
        "buku_dokumentasi.md.j2",
        years=[YearEntries(year, [e for e in all_entries if e.document.date.year == year]) for year in years],
        kinds=[KindCount(kind, count) for kind, count in sorted(Counter(e.kind for e in all_entries).items())],
        example=any(r.spec.example for r in records),
    )
