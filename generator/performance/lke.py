"""The Lembar Kriteria Evaluasi (LKE) of the Evaluasi AKIP, and how much of the evidence it asks for an agency can show.

    sop_defs/_lke.yaml      components -> subcomponents (weights) -> criteria, each with the evidence it needs

The coverage is a count of evidence found, never a score: the evaluator scores, this only tells what to bring.
Record data reaches this module as plain values (`LoggedDocument`, `IndicatorFacts`) built by the caller,
since performance sits beside records and must not import them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import Field

from generator.manual.model import Agency, Frozen, Slug, Text
from generator.performance.model import QUARTERS, AgencyPerformance, Indicator

TOTAL_WEIGHT = 100  # the components' weights add up to this
MAX_VALIDITY_YEARS = 50

# Strict: `bobot: "6"` or `bobot: true` is a mistake, not a number.
Weight = Annotated[float, Field(gt=0, le=TOTAL_WEIGHT, strict=True, allow_inf_nan=False)]
Years = Annotated[int, Field(ge=1, le=MAX_VALIDITY_YEARS, strict=True)]


class Criterion(Frozen):
    """One criterion and the evidence an evaluator asks for: documents, SOPs, indicator data."""

    id: Slug = Field(alias="id")
    text: Text = Field(alias="uraian")
    documents: list[Slug] = Field(default_factory=list, alias="dokumen")
    sops: list[Slug] = Field(default_factory=list, alias="sop")
    indicators: bool = Field(default=False, alias="indikator")

    @property
    def needs_evidence(self) -> bool:
        return bool(self.documents or self.sops or self.indicators)


class Subcomponent(Frozen):
    name: Text = Field(alias="nama")
    weight: Weight = Field(alias="bobot")
    criteria: list[Criterion] = Field(alias="kriteria", min_length=1)


class Component(Frozen):
    name: Text = Field(alias="nama")
    weight: Weight = Field(alias="bobot")
    subcomponents: dict[Slug, Subcomponent] = Field(alias="subkomponen", min_length=1)


class Lke(Frozen):
    """`sop_defs/_lke.yaml` as the editor writes it."""

    name: Text = Field(alias="nama")
    source: Text | None = Field(default=None, alias="sumber")
    # Document id -> the years (its date's year included) a document of that type counts as evidence.
    validity: dict[Slug, Years] = Field(default_factory=dict, alias="masa_berlaku")
    components: dict[Slug, Component] = Field(alias="komponen", min_length=1)

    def criteria(self) -> Iterable[Criterion]:
        for component in self.components.values():
            for sub in component.subcomponents.values():
                yield from sub.criteria

    def years_valid(self, document_id: str) -> int:
        return self.validity.get(document_id, 1)


def lke_keys() -> set[str]:
    """Every key the LKE file may hold, for "maksud Anda" suggestions."""
    return {info.alias or "" for model in (Lke, Component, Subcomponent, Criterion) for info in model.model_fields.values()}


def weight_text(weight: float) -> str:
    """A weight as Indonesians write it: 30, 4,5."""
    return f"{weight:g}".replace(".", ",")


# --- Evidence coverage ---


@dataclass(frozen=True)
class LoggedDocument:
    """A document in the Buku Dokumentasi SAKIP, as the caller read it from a record.

    Build these from `generator.records.documents.recorded_documents(records)`:
    `LoggedDocument(d.document.kind, d.document.title, d.document.date, d.record.sop.id, d.record.source, d.step)`.
    """

    kind: str  # `jenis` as written: a document catalogue id counts, free text does not
    title: str
    day: date
    sop_id: str  # the SOP whose record holds it
    record: str  # the record file, for the link
    step: int


@dataclass(frozen=True)
class IndicatorFacts:
    """What the agency's indicator data holds for the year, counted by the caller."""

    indicators: tuple[str, ...]  # the ids of the indicators defined, in file order
    without_target: tuple[str, ...]  # those with no target for the year
    without_realisation: tuple[str, ...]  # those with no realisation in any quarter of the year

    def gap(self, year: int) -> str | None:
        """Why the indicator data does not yet serve as evidence for `year` (Indonesian), or None."""
        total = len(self.indicators)
        if total == 0:
            return "belum ada indikator kinerja"
        parts = []
        if self.without_target:
            parts.append(f"{len(self.without_target)} dari {total} indikator belum punya target {year}")
        if self.without_realisation:
            parts.append(f"{len(self.without_realisation)} dari {total} indikator belum punya realisasi {year}")
        return "; ".join(parts) or None


NO_INDICATOR_DATA = "belum ada data indikator kinerja"


def indicator_facts(performance: AgencyPerformance | None, year: int) -> IndicatorFacts | None:
    """What `coverage` asks for, from an agency's performance data; None when it has none.

    A target is the PK's or else the Renstra's; a realisation counts when some quarter of `year` gives a value
    (a blank `nilai:` says the figure is not available yet).
    """
    if performance is None:
        return None
    indicators = performance.indicators
    return IndicatorFacts(
        tuple(i.id for i in indicators),
        tuple(i.id for i in indicators if performance.target(i, year) is None),
        tuple(i.id for i in indicators if not any(_value_given(performance, i, year, q) for q in QUARTERS)),
    )


def _value_given(performance: AgencyPerformance, indicator: Indicator, year: int, quarter: int) -> bool:
    realisation = performance.realisation(indicator, year, quarter)
    return realisation is not None and realisation.value is not None


@dataclass(frozen=True)
class DocumentEvidence:
    document_id: str
    first_year: int  # the documents dated from this year to the coverage year count
    found: tuple[LoggedDocument, ...]  # newest first

    @property
    def present(self) -> bool:
        return bool(self.found)


@dataclass(frozen=True)
class SopEvidence:
    sop_id: str
    present: bool  # the agency has this SOP and it is not revoked


@dataclass(frozen=True)
class IndicatorEvidence:
    facts: IndicatorFacts | None
    gap: str | None  # why it is missing; None when present

    @property
    def present(self) -> bool:
        return self.gap is None


@dataclass(frozen=True)
class Tally:
    """Evidence items found and asked for; criteria with all their evidence, and criteria asking for any."""

    covered: int = 0
    needed: int = 0
    complete: int = 0
    criteria: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.covered + other.covered, self.needed + other.needed,
                     self.complete + other.complete, self.criteria + other.criteria)


@dataclass(frozen=True)
class CriterionCoverage:
    criterion: Criterion
    documents: tuple[DocumentEvidence, ...]
    sops: tuple[SopEvidence, ...]
    indicators: IndicatorEvidence | None
    related_sops: tuple[str, ...]  # the agency's other SOPs whose `keterkaitan` names one of the documents

    @property
    def items(self) -> tuple[DocumentEvidence | SopEvidence | IndicatorEvidence, ...]:
        return (*self.documents, *self.sops, *((self.indicators,) if self.indicators else ()))

    @property
    def missing(self) -> tuple[DocumentEvidence | SopEvidence | IndicatorEvidence, ...]:
        return tuple(item for item in self.items if not item.present)

    @property
    def implementing_sops(self) -> tuple[str, ...]:
        """The SOPs that produce this evidence: those the criterion names and the agency has, then the related ones."""
        return tuple(s.sop_id for s in self.sops if s.present) + self.related_sops

    @property
    def tally(self) -> Tally:
        needed = len(self.items)
        covered = needed - len(self.missing)
        return Tally(covered, needed, int(needed > 0 and covered == needed), int(needed > 0))


@dataclass(frozen=True)
class SubcomponentCoverage:
    id: str
    subcomponent: Subcomponent
    criteria: tuple[CriterionCoverage, ...]

    @property
    def tally(self) -> Tally:
        return sum((c.tally for c in self.criteria), Tally())


@dataclass(frozen=True)
class ComponentCoverage:
    id: str
    component: Component
    subcomponents: tuple[SubcomponentCoverage, ...]

    @property
    def tally(self) -> Tally:
        return sum((s.tally for s in self.subcomponents), Tally())


@dataclass(frozen=True)
class LkeCoverage:
    agency_id: str
    year: int
    components: tuple[ComponentCoverage, ...]

    @property
    def tally(self) -> Tally:
        return sum((c.tally for c in self.components), Tally())

    @property
    def criteria(self) -> tuple[CriterionCoverage, ...]:
        return tuple(c for comp in self.components for sub in comp.subcomponents for c in sub.criteria)

    def missing_documents(self) -> list[str]:
        """Each document id some criterion asks for and none was found, in catalogue order."""
        return list(dict.fromkeys(d.document_id for c in self.criteria for d in c.documents if not d.present))


def coverage(
    lke: Lke,
    agency: Agency,
    year: int,
    today: date,
    documents: Sequence[LoggedDocument],
    indicators: IndicatorFacts | None = None,
) -> LkeCoverage:
    """The evidence `agency` can show for each criterion in `year`; no score is computed.

    A document counts when its `jenis` is the id the criterion asks for, it belongs to a record of one of
    the agency's SOPs, and its year falls in the id's `masa_berlaku` ending at `year`. An SOP counts when
    the agency has it and it is not revoked at the end of `year` (or on `today`, for the current year).
    `indicators` is None when the agency has no indicator data.
    """
    own = {sop.id: sop for sop in agency.sops}
    day = min(today, date(year, 12, 31))
    in_force = {sop_id for sop_id, sop in own.items() if not sop.is_revoked(day)}
    by_kind = _newest_first_by_kind(d for d in documents if d.sop_id in own)
    related = {sop_id: {r for r in sop.spec.related if isinstance(r, str)} for sop_id, sop in own.items()}

    def criterion_coverage(criterion: Criterion) -> CriterionCoverage:
        docs = tuple(_document_evidence(lke, doc_id, year, by_kind.get(doc_id, [])) for doc_id in criterion.documents)
        sops = tuple(SopEvidence(sop_id, sop_id in in_force) for sop_id in criterion.sops)
        wanted = set(criterion.documents)
        others = tuple(s for s in own if s in in_force and s not in criterion.sops and related[s] & wanted)
        indicator = _indicator_evidence(indicators, year) if criterion.indicators else None
        return CriterionCoverage(criterion, docs, sops, indicator, others)

    return LkeCoverage(agency.id, year, tuple(
        ComponentCoverage(comp_id, comp, tuple(
            SubcomponentCoverage(sub_id, sub, tuple(criterion_coverage(c) for c in sub.criteria))
            for sub_id, sub in comp.subcomponents.items()
        ))
        for comp_id, comp in lke.components.items()
    ))


def _newest_first_by_kind(documents: Iterable[LoggedDocument]) -> dict[str, list[LoggedDocument]]:
    by_kind: dict[str, list[LoggedDocument]] = {}
    for document in sorted(documents, key=lambda d: (d.day, d.record, d.step, d.title), reverse=True):
        by_kind.setdefault(document.kind, []).append(document)
    return by_kind


def _document_evidence(lke: Lke, document_id: str, year: int, candidates: list[LoggedDocument]) -> DocumentEvidence:
    first = year - lke.years_valid(document_id) + 1
    return DocumentEvidence(document_id, first, tuple(d for d in candidates if first <= d.day.year <= year))


def _indicator_evidence(facts: IndicatorFacts | None, year: int) -> IndicatorEvidence:
    return IndicatorEvidence(facts, NO_INDICATOR_DATA if facts is None else facts.gap(year))
