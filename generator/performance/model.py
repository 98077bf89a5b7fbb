"""The performance files as editors write them (aliases = the YAML keys), and the validated, immutable values.

    sop_defs/<instansi>/_kinerja.yaml                          Renstra period and indicators with their yearly targets
    records/<tahun>/kinerja/<instansi>/pk.yaml                 that year's Perjanjian Kinerja
    records/<tahun>/kinerja/<instansi>/TW1.yaml .. TW4.yaml    each quarter's realisation

Figures are `Decimal`, converted from the YAML number as written (`42.5` stays 42.5, never 42.499999...),
so that capaian is computed on the figures an editor sees; rounding happens only when a figure is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag, WithJsonSchema

from generator.data.dates import year_problem
from generator.manual.model import BlankText, Frozen, IsoDate, OptionalText, Slug, Text, check_nip

Direction = Literal["naik", "turun", "tetap"]
DIRECTIONS: tuple[str, ...] = get_args(Direction)
Level = Literal["sasaran_strategis", "program", "kegiatan"]
LEVELS: tuple[str, ...] = get_args(Level)
LEVEL_NAMES = {"sasaran_strategis": "Sasaran strategis", "program": "Program", "kegiatan": "Kegiatan"}
QUARTERS = (1, 2, 3, 4)


def number_problem(value: object) -> str | None:
    """Why `value` (as YAML gave it) is not a figure, in the editor's words; None when it is one."""
    if isinstance(value, bool):
        return f"harus berupa angka, bukan `{str(value).lower()}`"
    if isinstance(value, float) and not math.isfinite(value):
        return "harus berupa angka terhingga (bukan `.inf` atau `.nan`)"
    if isinstance(value, (int, float)):
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            return f"harus berupa angka (tertulis: `{text}`); tulis angkanya saja tanpa `%`, satuannya ada di `satuan`"
        if "," in text and text.replace(",", ".", 1).replace(".", "", 1).lstrip("-").isdigit():
            return f"harus berupa angka (tertulis: `{text}`); pakai titik sebagai pemisah desimal, misalnya `{text.replace(',', '.', 1)}`"
        return f"harus berupa angka (tertulis: `{text[:60]}`)"
    return "harus berupa angka"


def to_decimal(value: object) -> Decimal:
    """A YAML number as Decimal; through its shortest text, so 0.1 is exactly 0.1."""
    if isinstance(value, Decimal) and value.is_finite():
        return value  # built in code (tests, model_copy), not read from YAML
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    assert isinstance(value, (int, float))
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


_NUMBER_SCHEMA = WithJsonSchema({"type": "number"})
Number = Annotated[Decimal, BeforeValidator(to_decimal), _NUMBER_SCHEMA]
# A realisation not available yet is written `nilai:` with a `catatan` saying why (an index evaluated once a year).
OptionalNumber = Annotated[
    Decimal | None, BeforeValidator(lambda v: None if v is None else to_decimal(v)), WithJsonSchema({"type": ["number", "null"]}),
]


def _year(value: int) -> int:
    problem = year_problem(value, f"tahun {value}")
    if problem:
        raise ValueError(problem)
    return value


Year = Annotated[int, AfterValidator(_year)]


def _period(value: list[int]) -> list[int]:
    if len(value) != 2:
        raise ValueError("tulis tahun pertama dan tahun terakhir Renstra, misalnya `[2021, 2026]`")
    if value[0] > value[1]:
        raise ValueError(f"tahun pertama ({value[0]}) sesudah tahun terakhir ({value[1]}); tulis `[{value[1]}, {value[0]}]`")
    return value


def _four(value: object) -> object:
    if isinstance(value, list) and len(value) != 4:
        raise ValueError(f"target triwulan harus 4 angka, untuk TW1, TW2, TW3 dan TW4 (tertulis {len(value)})")
    return value


class RenstraSpec(Frozen):
    period: Annotated[list[Year], AfterValidator(_period), WithJsonSchema(
        {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
    )] = Field(alias="periode")
    document: Slug | None = Field(default=None, alias="dokumen")  # the Renstra in the document catalogue

    @property
    def first(self) -> int:
        return self.period[0]

    @property
    def last(self) -> int:
        return self.period[1]

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)


class IndicatorSpec(Frozen):
    """One indicator (IKU or a program's or activity's indicator) with its Renstra target per year."""

    id: Slug = Field(alias="id")
    name: Text = Field(alias="nama")
    level: Level = Field(alias="tingkat")
    goal: Text = Field(alias="sasaran")
    unit: Text = Field(alias="satuan")
    direction: Direction = Field(alias="arah")
    formula: Text = Field(alias="rumus")
    data_source: Text = Field(alias="sumber_data")
    responsible: Slug = Field(alias="penanggung_jawab")  # a role id of the agency's catalogue
    sops: list[Slug] = Field(default_factory=list, alias="sop")  # the SOPs that produce the figure
    targets: Annotated[dict[Year, Number], WithJsonSchema(
        {"type": "object", "additionalProperties": {"type": "number"}, "description": "tahun: target, misalnya 2025: 80"}
    )] = Field(alias="target")
    final_target: OptionalNumber = Field(default=None, alias="target_akhir")


class PerformanceFile(Frozen):
    """`sop_defs/<instansi>/_kinerja.yaml`."""

    example: bool = Field(default=False, alias="contoh")
    renstra: RenstraSpec = Field(alias="renstra")
    indicators: list[IndicatorSpec] = Field(alias="indikator", min_length=1)


class Signatory(Frozen):
    """A signatory named in full; the Bupati is no role of the agency's catalogue."""

    title: Text = Field(alias="jabatan")
    name: BlankText = Field(default=None, alias="nama")
    nip: Annotated[BlankText, AfterValidator(lambda v: None if v is None else check_nip(v))] = Field(default=None, alias="nip")


def _signatory_kind(value: object) -> str:
    return "pejabat" if isinstance(value, (dict, Signatory)) else "jabatan"


def _role_id_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("tulis id jabatan dari katalog (misalnya `kadis`), atau pemetaan `jabatan`, `nama` dan `nip` (opsional)")
    return value


# A role id of the catalogue, or {jabatan, nama, nip}.
SignatoryField = Annotated[
    Annotated[Slug, BeforeValidator(_role_id_only), Tag("jabatan")] | Annotated[Signatory, Tag("pejabat")],
    Discriminator(_signatory_kind),
]


class AgreementTarget(Frozen):
    indicator: Slug = Field(alias="indikator")
    target: Number = Field(alias="target")
    quarterly: Annotated[list[Number] | None, BeforeValidator(_four), WithJsonSchema(
        {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 4, "maxItems": 4}
    )] = Field(default=None, alias="triwulan")
    cumulative: bool | None = Field(default=None, alias="kumulatif")  # None: as the agreement says


class AgreementFile(Frozen):
    """`records/<tahun>/kinerja/<instansi>/pk.yaml`: the Perjanjian Kinerja of one year."""

    example: bool = Field(default=False, alias="contoh")
    signed: IsoDate = Field(alias="tanggal")
    first_party: SignatoryField = Field(alias="pihak_pertama")
    second_party: SignatoryField = Field(alias="pihak_kedua")
    # True: quarterly targets and realisations are year to date (the state at the quarter's end).
    cumulative: bool = Field(default=True, alias="kumulatif")
    targets: list[AgreementTarget] = Field(alias="target", min_length=1)


class RealisationSpec(Frozen):
    indicator: Slug = Field(alias="indikator")
    value: OptionalNumber = Field(alias="nilai")  # required key; blank = not available yet (say why in `catatan`)
    unit: OptionalText = Field(default=None, alias="satuan")  # when written, the indicator's own unit
    note: OptionalText = Field(default=None, alias="catatan")
    evidence: OptionalText = Field(default=None, alias="bukti")  # an attachment under records/.../lampiran/


Amount = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0), WithJsonSchema({"type": "number", "minimum": 0})]


class BudgetSpec(Frozen):
    """Rupiah: the ceiling in force that quarter (it changes with the APBD Perubahan) and the spending to date."""

    ceiling: Amount = Field(alias="pagu")
    spent: Amount = Field(alias="realisasi")


class QuarterFile(Frozen):
    """`records/<tahun>/kinerja/<instansi>/TW<n>.yaml`: the realisation of one quarter."""

    example: bool = Field(default=False, alias="contoh")
    realisations: list[RealisationSpec] = Field(alias="realisasi")
    budget: BudgetSpec | None = Field(default=None, alias="anggaran")


def performance_keys() -> set[str]:
    models = (
        RenstraSpec, IndicatorSpec, PerformanceFile, Signatory, AgreementTarget, AgreementFile,
        RealisationSpec, BudgetSpec, QuarterFile,
    )
    return {info.alias or "" for model in models for info in model.model_fields.values()}


# --- Validated values ---


@dataclass(frozen=True)
class Indicator:
    agency_id: str
    spec: IndicatorSpec
    period: range  # the Renstra's years

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def final_target(self) -> Decimal | None:
        """`target_akhir`, else the Renstra target of its last year."""
        if self.spec.final_target is not None:
            return self.spec.final_target
        return self.spec.targets.get(self.period[-1]) if self.period else None


@dataclass(frozen=True)
class Agreement:
    """A valid Perjanjian Kinerja: the year comes from its folder."""

    agency_id: str
    year: int
    source: str
    spec: AgreementFile

    def target_of(self, indicator_id: str) -> AgreementTarget | None:
        return next((t for t in self.spec.targets if t.indicator == indicator_id), None)

    def is_cumulative(self, indicator_id: str) -> bool:
        target = self.target_of(indicator_id)
        return self.spec.cumulative if target is None or target.cumulative is None else target.cumulative


@dataclass(frozen=True)
class QuarterReport:
    """A valid quarter's realisation file: year and quarter come from its place."""

    agency_id: str
    year: int
    quarter: int
    source: str
    spec: QuarterFile

    def realisation_of(self, indicator_id: str) -> RealisationSpec | None:
        return next((r for r in self.spec.realisations if r.indicator == indicator_id), None)


@dataclass(frozen=True)
class TargetOfYear:
    """The target an indicator is measured against in one year, and where it was written."""

    value: Decimal
    from_agreement: bool  # False: the Renstra's target for that year (no PK, or the PK leaves it out)
    quarterly: tuple[Decimal, ...] | None = None


@dataclass(frozen=True)
class AgencyPerformance:
    """One agency's performance data, validated."""

    agency_id: str
    source: str  # its _kinerja.yaml
    spec: PerformanceFile
    indicators: tuple[Indicator, ...]
    agreements: dict[int, Agreement] = field(default_factory=dict)  # year -> PK
    quarters: dict[tuple[int, int], QuarterReport] = field(default_factory=dict)  # (year, quarter) -> realisation

    @property
    def example(self) -> bool:
        return self.spec.example

    @property
    def years(self) -> list[int]:
        """Every year with a PK or a quarter's realisation, oldest first."""
        return sorted(set(self.agreements) | {year for year, _ in self.quarters})

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def target(self, indicator: Indicator, year: int) -> TargetOfYear | None:
        """The PK's target for `year`, else the Renstra's; None when neither gives one."""
        agreement = self.agreements.get(year)
        written = agreement.target_of(indicator.id) if agreement else None
        if written is not None:
            quarterly = tuple(written.quarterly) if written.quarterly is not None else None
            return TargetOfYear(written.target, True, quarterly)
        renstra = indicator.spec.targets.get(year)
        return TargetOfYear(renstra, False) if renstra is not None else None

    def is_cumulative(self, indicator: Indicator, year: int) -> bool:
        """Whether quarterly figures are year to date; without a PK they are (the PK's own default)."""
        agreement = self.agreements.get(year)
        return agreement.is_cumulative(indicator.id) if agreement else True

    def realisation(self, indicator: Indicator, year: int, quarter: int) -> RealisationSpec | None:
        report = self.quarters.get((year, quarter))
        return report.realisation_of(indicator.id) if report else None

    def role_ids(self) -> set[str]:
        """The role ids (of the agency's catalogue) its indicators and PKs name: responsible roles and signatories."""
        parties = (p for a in self.agreements.values() for p in (a.spec.first_party, a.spec.second_party))
        return {i.spec.responsible for i in self.indicators} | {p for p in parties if isinstance(p, str)}


@dataclass(frozen=True)
class Performance:
    """Every agency's performance data (agencies without `_kinerja.yaml` are absent)."""

    agencies: tuple[AgencyPerformance, ...] = ()

    def of(self, agency_id: str) -> AgencyPerformance | None:
        return next((a for a in self.agencies if a.agency_id == agency_id), None)
