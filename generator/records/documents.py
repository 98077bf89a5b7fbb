"""The documents the records say were produced: what the Buku Dokumentasi SAKIP lists, read once from the records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.records.model import ProducedDocument, Record


@dataclass(frozen=True)
class RecordedDocument:
    """One document, with the record and the step that produced it."""

    record: Record
    step: int
    person: str | None
    document: ProducedDocument


def recorded_documents(records: Iterable[Record], year: int | None = None) -> list[RecordedDocument]:
    """Every document of every execution (only those dated in `year`, when given), in date order.

    Ties keep a stable order: SOP, step, title.
    """
    found = [
        RecordedDocument(record, execution.step, execution.person, document)
        for record in records
        for execution in record.spec.executions
        for document in execution.documents
        if year is None or document.date.year == year
    ]
    return sorted(found, key=lambda d: (d.document.date, d.record.sop.id, d.step, d.document.title))
