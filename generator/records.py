"""Execution records: `records/<tahun>/<TWn|tahunan>/<sop-id>.yaml`, checked against the SOPs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.cache import cached
from generator.check import FileType
from generator.errors import Problem, sort_problems
from generator.gcpause import collector_paused
from generator.manual import SourceFile, known_keys, parse_file
from generator.model import Frozen, IsoDate, Manual, OptionalText, Sop, Text
from generator.dates import format_date
from generator.moments import Moment, moment_problem, parse_moment
from generator.officials import nip_problem
from generator.attachments import ATTACHMENT_FOLDER, attachment_problem
from generator.fsutil import walk_inside
from generator.periods import Period, parse_period
from generator.yamlload import Findings, LoadedFile

RECORD_DIR = "records"

MomentField = Annotated[
    Moment,
    BeforeValidator(parse_moment),
    WithJsonSchema({"type": "string", "description": "TTTT-BB-HH atau TTTT-BB-HH JJ:MM"}),
]
PeriodField = Annotated[
    Period,
    BeforeValidator(lambda v: parse_period(str(v)) if isinstance(v, (str, int)) else v),
    WithJsonSchema({"type": ["string", "integer"], "description": "2025-TW3 (triwulan) atau 2025 (tahunan)"}),
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
    sop: Sop

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


@collector_paused
def load_records(root: Path, manual: Manual, today: date) -> tuple[list[Record], list[Problem]]:
    """Every record under `root/records`, checked against `manual` as of `today`; all problems together."""
    records: list[Record] = []
    keys = record_keys()
    files, problems = discover_records(root)
    for source in files:
        path = source.path
        loaded, spec, found = cached(
            root, source.shown_as, "rekaman", lambda content, source=source: parse_file(source, RECORD_TYPE, keys, content)
        )
        problems += found
        if loaded is None or spec is None:
            continue
        record, found = check_record(root, path, loaded, spec, manual, today)
        problems += found
        if record is not None:
            records.append(record)
    problems += _duplicates(records)
    return records, sort_problems(problems)


def check_record(
    root: Path, path: Path, loaded: LoadedFile, spec: RecordFile, manual: Manual, today: date
) -> tuple[Record | None, list[Problem]]:
    """Check one record against its SOP; `today` is the reference date: a record tells only what has happened."""
    out = Findings(loaded)
    sop = manual.sop(spec.sop)
    if sop is None:
        out.add(("sop",), f"SOP `{spec.sop}` tidak ada di sop_defs/")
        return None, out.problems
    _check_place(out, path, spec, sop, today)
    if spec.status == "dibatalkan" and not spec.reason:
        out.add(("status",), "rekaman yang dibatalkan harus menyebut `alasan`")
    for i, execution in enumerate(spec.executions):
        for key, moment in (("mulai", execution.start), ("selesai", execution.end)):
            if moment is not None and (problem := moment_problem(moment, spec.period, today)):
                out.add(("pelaksanaan", i, key), problem)
        if execution.nip and (problem := nip_problem(execution.nip)):
            out.add(("pelaksanaan", i, "nip"), problem)
    _check_flow(out, spec, sop)
    _check_documents(out, root, spec)
    if out.problems:
        return None, out.problems
    return Record(source=loaded.path, spec=spec, sop=sop), []


def _check_place(out: Findings, path: Path, spec: RecordFile, sop: Sop, today: date) -> None:
    """The record's file and period fit its SOP, and the period lies between the SOP's start and `today`."""
    if path.stem != spec.sop:
        out.add(("sop",), f"nama berkas harus `{spec.sop}.yaml` (id SOP), bukan `{path.name}`")
    period = spec.period
    if period.end < sop.spec.effective:
        out.add(
            ("periode",),
            f"periode {period.code} berakhir {format_date(period.end)}, sebelum SOP `{sop.id}` berlaku "
            f"(tanggal_efektif {format_date(sop.spec.effective)})",
        )
    if period.start > today:
        out.add(
            ("periode",),
            f"periode {period.code} baru dimulai {format_date(period.start)}, sesudah tanggal acuan {format_date(today)}; "
            "buat rekaman setelah periodenya berjalan",
        )
    if sop.spec.cadence == "triwulanan" and period.quarter is None:
        out.add(("periode",), f"SOP `{sop.id}` dilaksanakan setiap triwulan: tulis periode seperti `{period.year}-TW1`")
    if sop.spec.cadence == "tahunan" and period.quarter is not None:
        out.add(("periode",), f"SOP `{sop.id}` dilaksanakan setiap tahun: tulis periode `{period.year}`")
    expected = f"{period.year}/{period.folder}"
    actual = f"{path.parent.parent.name}/{path.parent.name}"
    if actual != expected:
        out.add(("periode",), f"periode {period.code} harus disimpan di records/{expected}/, bukan records/{actual}/")


def _check_flow(out: Findings, spec: RecordFile, sop: Sop) -> None:
    """Replay the procedure: each executed step must be the one the SOP leads to."""
    steps = {s.number: s for s in sop.spec.steps}
    last = sop.spec.steps[-1].number
    expected: int | None = 1
    planned_from: int | None = None
    for i, execution in enumerate(spec.executions):
        step = steps.get(execution.step)
        if step is None:
            out.add(("pelaksanaan", i, "langkah"), f"langkah {execution.step} tidak ada di SOP `{sop.id}` (1-{last})")
            return
        if execution.start is None:
            if execution.end is not None:
                out.add(("pelaksanaan", i, "mulai"), "`selesai` terisi tetapi `mulai` kosong")
            planned_from = i if planned_from is None else planned_from
            continue
        if planned_from is not None:
            out.add(
                ("pelaksanaan", i, "mulai"),
                f"langkah yang sudah dimulai harus ditulis sebelum langkah yang belum dimulai (butir ke-{planned_from + 1})",
            )
            return
        if not execution.person:
            out.add(("pelaksanaan", i, "pelaksana"), "isi nama `pelaksana` untuk langkah yang sudah dimulai")
        if expected is None:
            out.add(("pelaksanaan", i, "langkah"), "prosedur sudah selesai pada baris sebelumnya; langkah ini berlebih")
            return
        if execution.step != expected:
            out.add(
                ("pelaksanaan", i, "langkah"),
                f"urutan langkah salah: setelah langkah sebelumnya yang diharapkan langkah {expected}, tertulis {execution.step}",
            )
            return
        if execution.end is not None and execution.end < execution.start:
            out.add(("pelaksanaan", i, "selesai"), "`selesai` lebih awal dari `mulai`")
        if step.decision is not None and execution.outcome is None and execution.end is not None:
            out.add(("pelaksanaan", i), f"langkah {step.number} adalah keputusan: isi `hasil: ya` atau `hasil: tidak`")
        if step.decision is None and execution.outcome is not None:
            out.add(("pelaksanaan", i, "hasil"), f"langkah {step.number} bukan langkah keputusan; hapus `hasil`")
        expected = _next_step(step.number, execution.outcome, steps, last)


def _next_step(number: int, outcome: str | None, steps: dict, last: int) -> int | None:  # type: ignore[type-arg]
    decision = steps[number].decision
    if decision is not None and outcome == "tidak":
        return decision.no
    if decision is not None and outcome == "ya" and decision.yes is not None:
        return decision.yes
    return number + 1 if number < last else None


def is_complete(record: Record) -> bool:
    """The procedure reached its end: the replay leads past the last step, which is finished."""
    steps = {s.number: s for s in record.sop.spec.steps}
    last = record.sop.spec.steps[-1].number
    expected: int | None = 1
    for execution in record.started:
        if execution.end is None:
            return False
        expected = _next_step(execution.step, execution.outcome, steps, last)
    return bool(record.started) and expected is None


def _check_documents(out: Findings, root: Path, spec: RecordFile) -> None:
    for i, execution in enumerate(spec.executions):
        for j, document in enumerate(execution.documents):
            loc = ("pelaksanaan", i, "dokumen", j)
            if document.file:
                problem = attachment_problem(root, document.file)
                if problem:
                    out.add(loc + ("berkas",), problem)
            if document.url and not document.url.startswith(("https://", "http://")):
                out.add(loc + ("tautan",), "tautan harus diawali http:// atau https://")


def discover_records(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Record files (records/<tahun>/<periode>/<id-sop>.yaml) and the files refused; symlinks are never followed."""
    files, refused = walk_inside(root, RECORD_DIR)
    problems = [Problem(rel, 1, 1, "", reason) for rel, reason in refused]
    sources = []
    for rel in files:
        parts = rel.split("/")[1:]
        if ATTACHMENT_FOLDER in parts[:-1]:
            continue  # attachments are checked where a record names them
        if rel.endswith(".yml"):
            problems.append(Problem(rel, 1, 1, "", "gunakan akhiran `.yaml`, bukan `.yml`"))
        elif rel.endswith(".yaml") and len(parts) == 3:
            sources.append(SourceFile(root, rel))
        elif rel.endswith(".yaml"):
            problems.append(Problem(rel, 1, 1, "", "rekaman harus berada di records/<tahun>/<TW1..TW4 atau tahunan>/<id-sop>.yaml"))
    return sources, problems


def _duplicates(records: list[Record]) -> list[Problem]:
    seen: dict[tuple[str, Period], Record] = {}
    problems = []
    for record in records:
        key = (record.sop.id, record.period)
        if key in seen:
            problems.append(
                Problem(record.source, 1, 1, "sop", f"rekaman ganda untuk SOP `{record.sop.id}` periode {record.period.code} (juga {seen[key].source})")
            )
        seen.setdefault(key, record)
    return problems
