"""Cross-reference indexes, built once per manual (linear in the number of SOPs and steps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.data.cache import remembered
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


Entry = tuple[str, str, "Sop | StepRef | Mention"]  # (CrossIndex field, key, item)


def build_index(manual: Manual) -> CrossIndex:
    index = CrossIndex()
    for agency in manual.agencies:
        matcher: tuple[re.Pattern[str] | None, dict[str, set[str]]] | None = None
        for sop in agency.sops:
            # An SOP object is rebuilt whenever its file or its catalogue changes (data.cache): under
            # `mkdocs serve` only the edited SOP's entries are found again.
            def entries(agency: Agency = agency, sop: Sop = sop) -> list[Entry]:
                nonlocal matcher
                matcher = matcher or _term_matcher(agency.catalogue.documents)
                return _index_sop(agency, sop, *matcher)

            for name, key, item in remembered(("indeks", sop.source, sop.id), (sop,), entries):
                getattr(index, name).setdefault(key, []).append(item)
    return index


def _index_sop(agency: Agency, sop: Sop, matcher: re.Pattern[str] | None, owners: dict[str, set[str]]) -> list[Entry]:
    found: list[Entry] = []
    documents = agency.catalogue.documents
    for basis in sop.spec.legal_bases:
        found.append(("sops_by_basis", agency.key("dasar_hukum", basis), sop))
    for key in dict.fromkeys(agency.key("jabatan", actor) for actor in sop.spec.actors):
        found.append(("sops_by_role", key, sop))  # two column names of one office: the SOP once
    for ref in sop.spec.related:
        if isinstance(ref, OutsideRef):
            continue
        if ref in documents:
            found.append(("sops_by_document", agency.key("dokumen", ref), sop))
        else:
            found.append(("sops_naming_sop", ref, sop))
    order = {doc_id: i for i, doc_id in enumerate(documents)}
    for step, duration in zip(sop.spec.steps, sop.durations, strict=True):
        ref = StepRef(sop, step, duration)
        for key in dict.fromkeys(agency.key("jabatan", actor) for actor in step.actors):
            found.append(("steps_by_role", key, ref))
        if matcher is None:
            continue
        named: dict[str, list[str]] = {}
        for column, text in (("Kegiatan", step.activity), ("Kelengkapan", step.inputs), ("Output", step.output)):
            for match in matcher.finditer(text or ""):
                for doc_id in owners[match.group(0).lower()]:
                    if column not in named.setdefault(doc_id, []):
                        named[doc_id].append(column)
        for doc_id in sorted(named, key=order.__getitem__):
            found.append(("mentions_by_document", agency.key("dokumen", doc_id), Mention(ref, tuple(named[doc_id]))))
    return found
