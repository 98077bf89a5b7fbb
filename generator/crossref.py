"""Cross-reference indexes, built once per manual (linear in the number of SOPs and steps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Document, Manual, Sop, Step

# Order of Indonesian regulations (UU 12/2011 as amended): unknown kinds come last.
HIERARCHY = (
    "Undang-Undang",
    "Peraturan Pemerintah",
    "Peraturan Presiden",
    "Peraturan Menteri",
    "Peraturan Daerah",
    "Peraturan Bupati",
)


def hierarchy_rank(kind: str) -> int:
    for rank, prefix in enumerate(HIERARCHY):
        if kind.lower().startswith(prefix.lower()):
            return rank
    return len(HIERARCHY)


@dataclass(frozen=True)
class StepRef:
    sop: Sop
    step: Step
    minutes: float
    time_text: str


@dataclass(frozen=True)
class Mention:
    step_ref: StepRef
    fields: tuple[str, ...]  # which columns name the document: Kegiatan, Kelengkapan, Output


@dataclass
class CrossIndex:
    sops_by_basis: dict[str, list[Sop]] = field(default_factory=dict)
    steps_by_role: dict[str, list[StepRef]] = field(default_factory=dict)
    sops_by_role: dict[str, list[Sop]] = field(default_factory=dict)
    sops_by_document: dict[str, list[Sop]] = field(default_factory=dict)
    mentions_by_document: dict[str, list[Mention]] = field(default_factory=dict)
    sops_naming_sop: dict[str, list[Sop]] = field(default_factory=dict)


def document_terms(document_id: str, document: Document) -> list[re.Pattern[str]]:
    """Words that name a document in free text: its id, its name without "OPD", an acronym in brackets."""
    name = re.sub(r"\s*\(.*?\)", "", document.name).removesuffix(" OPD").strip()
    terms = {document_id, name, *re.findall(r"\(([^)]+)\)", document.name)}
    return [re.compile(rf"(?<!\w){re.escape(t)}(?!\w)", re.IGNORECASE) for t in sorted(terms) if t]


def build_index(manual: Manual) -> CrossIndex:
    index = CrossIndex()
    terms = {doc_id: document_terms(doc_id, doc) for doc_id, doc in manual.catalogue.documents.items()}
    for sop in manual.sops:
        for basis in sop.spec.legal_bases:
            index.sops_by_basis.setdefault(basis, []).append(sop)
        for actor in sop.spec.actors:
            index.sops_by_role.setdefault(actor, []).append(sop)
        for ref in sop.spec.related:
            target = index.sops_by_document if ref in manual.catalogue.documents else index.sops_naming_sop
            target.setdefault(ref, []).append(sop)
        for step, duration in zip(sop.spec.steps, sop.durations, strict=True):
            ref = StepRef(sop, step, duration.minutes, duration.text)
            index.steps_by_role.setdefault(step.actor, []).append(ref)
            columns = {"Kegiatan": step.activity, "Kelengkapan": step.inputs, "Output": step.output}
            for doc_id, patterns in terms.items():
                named = tuple(col for col, text in columns.items() if any(p.search(text) for p in patterns))
                if named:
                    index.mentions_by_document.setdefault(doc_id, []).append(Mention(ref, named))
    return index
