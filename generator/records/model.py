"""The record model: one execution record of an SOP in one period, as the editor writes it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.data.check import FileType
from generator.manual.load import known_keys
from generator.manual.model import Frozen, IsoDate, OptionalText, Sop, Text, Version
from generator.records.moments import Moment, parse_moment
from generator.records.periods import Period, parse_period

MomentField = Annotated[
    Moment,
    BeforeValidator(parse_moment),
    WithJsonSchema({"type": "string", "description": "TTTT-BB-HH atau TTTT-BB-HH JJ:MM"}),
]
PeriodField = Annotated[
    Period,
    BeforeValidator(lambda v: parse_period(str(v)) if isinstance(v, (str, int)) else v),
    WithJsonSchema({"type": ["string", "integer"], "description": "2025-B03 (bulanan), 2025-TW3 (triwulanan), 2025-S1 (semesteran), 2025 (tahunan) atau 2025-09-03 (insidental)"}),
]


class ProducedDocument(Frozen):
    kind: Text = Field(alias="jenis")
    title: Text = Field(alias="judul")
    number: OptionalText = Field(default=None, alias="nomor")
    date: IsoDate = Field(alias="tanggal")
    file: OptionalText = Field(default=None, alias="berkas")
    url: OptionalText = Field(default=None, alias="tautan")


def _blank_to_none(value: object) -> object:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


OptionalMoment = Annotated[MomentField | None, BeforeValidator(_blank_to_none)]


class Execution(Frozen):
    """One executed step; a step without `mulai` is planned, not yet started."""

    step: int = Field(alias="langkah")
    start: OptionalMoment = Field(default=None, alias="mulai")
    end: OptionalMoment = Field(default=None, alias="selesai")
    person: OptionalText = Field(default=None, alias="pelaksana")
    nip: OptionalText = Field(default=None, alias="nip")
    note: OptionalText = Field(default=None, alias="catatan")
    outcome: Literal["ya", "tidak"] | None = Field(default=None, alias="hasil")
    documents: list[ProducedDocument] = Field(default_factory=list, alias="dokumen")


class RecordFile(Frozen):
    sop: Text = Field(alias="sop")
    period: PeriodField = Field(alias="periode")
    example: bool = Field(default=False, alias="contoh")
    status: Literal["dibatalkan"] | None = Field(default=None, alias="status")
    reason: OptionalText = Field(default=None, alias="alasan")
    executions: list[Execution] = Field(default_factory=list, alias="pelaksanaan")


RECORD_TYPE: FileType[RecordFile] = FileType(RecordFile)


@dataclass(frozen=True)
class Record:
    """A validated record: the file, its SOP, and whether the procedure reached its end."""

    source: str
    spec: RecordFile
    sop: Sop  # the version in force when the period began
    version: Version | None = None  # which version that is (None when versions were not read)

    @property
    def period(self) -> Period:
        return self.spec.period

    @property
    def cancelled(self) -> bool:
        return self.spec.status == "dibatalkan"

    @cached_property
    def started(self) -> list[Execution]:
        """The executions that happened (or are happening); planned ones are left out."""
        return [e for e in self.spec.executions if e.start is not None]

    @property
    def revision_rounds(self) -> int:
        return sum(1 for e in self.started if e.outcome == "tidak")


def record_keys() -> set[str]:
    keys = known_keys()
    for model in (RecordFile, Execution, ProducedDocument):
        keys |= {info.alias or "" for info in model.model_fields.values()}
    return keys


