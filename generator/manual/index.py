"""Cross-reference indexes, built once per manual (linear in the number of SOPs and steps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.manual.durations import Duration
from generator.manual.model import Agency, Document, Manual, OutsideRef, Sop, Step

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
    duration: Duration

    @property
    def time_text(self) -> str:
        return self.duration.text or "–"


@dataclass(frozen=True)
class Mention:
    step_ref: StepRef
    fields: tuple[str, ...]  # which columns name the document: Kegiatan, Kelengkapan, Output


@dataclass
class CrossIndex:
    """SOPs and steps by the manual-wide key of what they name (see manual.model.Agency.key)."""

    sops_by_basis: dict[str, list[Sop]] = field(default_factory=dict)
    steps_by_role: dict[str, list[StepRef]] = field(default_factory=dict)
    sops_by_role: dict[str, list[Sop]] = field(default_factory=dict)
    sops_by_document: dict[str, list[Sop]] = field(default_factory=dict)
    mentions_by_document: dict[str, list[Mention]] = field(default_factory=dict)
    sops_naming_sop: dict[str, list[Sop]] = field(default_factory=dict)


def document_terms(document_id: str, document: Document) -> set[str]:
    """Words that name a document in free text: its id, its name without "OPD", an acronym in brackets."""
    name = re.sub(r"\s*\(.*?\)", "", document.name).removesuffix(" OPD").strip()
    # A term without a letter or digit ("-") would match almost anywhere, and slowly.
    return {t for t in (document_id, name, *re.findall(r"\(([^)]+)\)", document.name)) if re.search(r"\w", t)}


def _term_matcher(documents: dict[str, Document]) -> tuple[re.Pattern[str] | None, dict[str, set[str]]]:
    """One pattern for every document's terms (one scan per text, not one per document), and term -> ids."""
    owners: dict[str, set[str]] = {}
    for doc_id, document in documents.items():
        for term in document_terms(doc_id, document):
            owners.setdefault(term.lower(), set()).add(doc_id)
    if not owners:
        return None, owners
    alternatives = "|".join(re.escape(t) for t in sorted(owners, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), owners


def build_index(manual: Manual) -> CrossIndex:
    index = CrossIndex()
    matchers: dict[str, tuple[re.Pattern[str] | None, dict[str, set[str]]]] = {}
    for agency in manual.agencies:
        matchers[agency.id] = _term_matcher(agency.catalogue.documents)
        for sop in agency.sops:
            _index_sop(index, agency, sop, *matchers[agency.id])
    return index


def _index_sop(
    index: CrossIndex, agency: Agency, sop: Sop, matcher: re.Pattern[str] | None, owners: dict[str, set[str]]
) -> None:
    documents = agency.catalogue.documents
    for basis in sop.spec.legal_bases:
        index.sops_by_basis.setdefault(agency.key("dasar_hukum", basis), []).append(sop)
    for key in dict.fromkeys(agency.key("jabatan", actor) for actor in sop.spec.actors):
        index.sops_by_role.setdefault(key, []).append(sop)  # two column names of one office: the SOP once
    for ref in sop.spec.related:
        if isinstance(ref, OutsideRef):
            continue
        if ref in documents:
            index.sops_by_document.setdefault(agency.key("dokumen", ref), []).append(sop)
        else:
            index.sops_naming_sop.setdefault(ref, []).append(sop)
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    for step, duration in zip(sop.spec.steps, sop.durations, strict=True):
        ref = StepRef(sop, step, duration)
        for key in dict.fromkeys(agency.key("jabatan", actor) for actor in step.actors):
            index.steps_by_role.setdefault(key, []).append(ref)
        if matcher is None:
            continue
        named: dict[str, list[str]] = {}
        for column, text in (("Kegiatan", step.activity), ("Kelengkapan", step.inputs), ("Output", step.output)):
            for found in matcher.finditer(text or ""):
                for doc_id in owners[found.group(0).lower()]:
                    if column not in named.setdefault(doc_id, []):
                        named[doc_id].append(column)
        for doc_id in sorted(named, key=order.__getitem__):
            index.mentions_by_document.setdefault(agency.key("dokumen", doc_id), []).append(Mention(ref, tuple(named[doc_id])))
