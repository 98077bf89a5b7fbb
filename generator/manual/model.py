"""The typed, immutable model. Field aliases are the YAML keys editors write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, WithJsonSchema, BaseModel, BeforeValidator, ConfigDict, Field

from generator.data.dates import parse_iso_date
from generator.manual.durations import Duration
from generator.manual.nip import nip_problem

# `\Z`, not `$`: `$` also matches before a final newline, so "kadis\n" would pass `SLUG.match`.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def check_slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        # Invisible characters (a newline in a quoted key) are shown escaped, or the id would look right.
        shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)
        raise ValueError(
            f"id `{shown}` tidak sah: gunakan huruf kecil, angka dan tanda `-` saja (misalnya `kasubag-perencanaan`)"
        )
    return value


def _to_date(value: object) -> object:
    return parse_iso_date(value) if isinstance(value, str) else value


def _empty_to_none(value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _to_date(value)


def _text_or_number(value: object) -> object:
    # "nomor: 29" is a number in YAML but text on the form.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("teks tidak boleh kosong")
    return value.strip()


def check_nip(value: str) -> str:
    problem = nip_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Slug = Annotated[str, AfterValidator(check_slug)]
Text = Annotated[str, AfterValidator(_check_text)]
# "nomor: 29" is valid YAML for a number the form shows as text: the schema editors see must allow both.
_TEXT_OR_NUMBER = WithJsonSchema({"type": ["string", "integer", "null"]})
OptionalText = Annotated[str | None, BeforeValidator(_text_or_number), _TEXT_OR_NUMBER]
IsoDate = Annotated[date, BeforeValidator(_to_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_empty_to_none)]
Cadence = Literal["triwulanan", "tahunan"]
TimeUnit = Literal["menit", "jam", "hari", "minggu", "bulan"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Official(Frozen):
    """The person who signs: title, name and NIP."""

    title: Text = Field(alias="jabatan")
    name: Text = Field(alias="nama")
    nip: Annotated[Text, BeforeValidator(_text_or_number), AfterValidator(check_nip), WithJsonSchema({"type": ["string", "integer"]})] = Field(alias="nip")


class Organisation(Frozen):
    government: Text = Field(alias="pemerintah")
    agency: Text = Field(alias="instansi")
    head: Official = Field(alias="kepala")
    logo: OptionalText = Field(default=None, alias="logo")  # image path in the repository, for the form header


class Role(Frozen):
    name: Text = Field(alias="nama")
    abbreviation: Text = Field(alias="singkatan")


class LegalBasis(Frozen):
    kind: Text = Field(alias="jenis")
    number: Annotated[Text, BeforeValidator(_text_or_number), WithJsonSchema({"type": ["string", "integer"]})] = Field(alias="nomor")
    year: int = Field(alias="tahun", ge=1945, le=2100)
    subject: Text = Field(alias="tentang")

    @property
    def citation(self) -> str:
        return f"{self.kind} Nomor {self.number} Tahun {self.year} tentang {self.subject}"

    @property
    def short(self) -> str:
        return f"{self.kind} Nomor {self.number} Tahun {self.year}"


class Document(Frozen):
    name: Text = Field(alias="nama")
    note: OptionalText = Field(default=None, alias="keterangan")


class Decision(Frozen):
    question: Text = Field(alias="pertanyaan")
    yes: int | None = Field(default=None, alias="ya")
    no: int = Field(alias="tidak")


class Step(Frozen):
    number: int = Field(alias="no")
    activity: Text = Field(alias="kegiatan")
    actor: Slug = Field(alias="pelaksana")
    inputs: Text = Field(alias="kelengkapan")
    time: Annotated[str | int | float, Field(union_mode="left_to_right")] = Field(alias="waktu")
    output: Text = Field(alias="output")
    note: OptionalText = Field(default=None, alias="keterangan")
    decision: Decision | None = Field(default=None, alias="keputusan")


class SopFile(Frozen):
    """One SOP file as the editor writes it."""

    name: Text = Field(alias="nama")
    number: OptionalText = Field(default=None, alias="nomor")
    unit: Text = Field(alias="unit")
    created: IsoDate = Field(alias="tanggal_pembuatan")
    revised: OptionalDate = Field(default=None, alias="tanggal_revisi")
    effective: IsoDate = Field(alias="tanggal_efektif")
    approved_by: Official | None = Field(default=None, alias="disahkan_oleh")
    legal_bases: list[Slug] = Field(alias="dasar_hukum")
    qualifications: list[Text] = Field(alias="kualifikasi_pelaksana")
    related: list[Slug] = Field(default_factory=list, alias="keterkaitan")
    equipment: list[Text] = Field(default_factory=list, alias="peralatan_perlengkapan")
    warning: Text = Field(alias="peringatan")
    record_keeping: Text = Field(alias="pencatatan_pendataan")
    cadence: Cadence = Field(alias="jadwal")
    grace_days: int = Field(default=0, ge=0, le=366, alias="tenggat_hari")
    actors: list[Slug] = Field(alias="pelaksana", min_length=1)
    time_unit: TimeUnit | None = Field(default=None, alias="satuan_waktu")
    steps: list[Step] = Field(alias="langkah", min_length=1)


@dataclass(frozen=True)
class Sop:
    """A validated SOP: the file's content, its place, and the parsed step durations."""

    id: str
    unit_id: str
    source: str
    spec: SopFile
    approver: Official
    durations: tuple[Duration, ...]

    @property
    def total_minutes(self) -> float:
        return sum(d.minutes for d in self.durations)


@dataclass(frozen=True)
class Catalogue:
    organisation: Organisation
    roles: dict[str, Role] = field(default_factory=dict)
    legal_bases: dict[str, LegalBasis] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    sops: tuple[Sop, ...]


@dataclass(frozen=True)
class Manual:
    """Everything the site shows, validated."""

    catalogue: Catalogue
    units: tuple[Unit, ...]

    @cached_property
    def sops(self) -> tuple[Sop, ...]:
        return tuple(sop for unit in self.units for sop in unit.sops)

    @cached_property
    def _by_id(self) -> dict[str, Sop]:
        return {sop.id: sop for sop in self.sops}

    def sop(self, sop_id: str) -> Sop | None:
        return self._by_id.get(sop_id)
