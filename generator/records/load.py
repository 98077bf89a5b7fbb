"""Read every record under `records/<tahun>/<periode>/<id-sop>.yaml` and check it against the SOPs."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from generator.data.attachments import ATTACHMENT_FOLDER, attachment_problem
from generator.data.cache import cached
from generator.data.dates import format_date
from generator.data.fsutil import walk_inside
from generator.data.gcpause import collector_paused
from generator.data.yamlload import Findings, LoadedFile
from generator.errors import Problem, sort_problems
from generator.manual.load import SourceFile, parse_file
from generator.manual.model import Manual, Sop
from generator.manual.nip import nip_problem
from generator.records.model import RECORD_TYPE, Record, RecordFile, record_keys
from generator.records.moments import moment_problem
from generator.records.periods import Period
from generator.records.replay import check_flow

RECORD_DIR = "records"


@collector_paused
def load_records(
    root: Path, manual: Manual, today: date, skip: Collection[str] = ()
) -> tuple[list[Record], list[Problem]]:
    """Every record under `root/records`, checked against `manual` as of `today`; all problems together.

    Records of the SOP ids in `skip` (SOP files with errors) are not judged.
    """
    records: list[Record] = []
    keys = record_keys()
    files, problems = discover_records(root)
    for source in files:
        path = source.path
        loaded, spec, found = cached(
            root, source.shown_as, "rekaman", lambda content, source=source: parse_file(source, RECORD_TYPE, keys, content)
        )
        problems += found
        if loaded is None or spec is None or spec.sop in skip:
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
    check_flow(out, spec, sop)
    _check_documents(out, root, spec)
    if out.problems:
        return None, out.problems
    return Record(source=loaded.path, spec=spec, sop=sop), []


def _check_place(out: Findings, path: Path, spec: RecordFile, sop: Sop, today: date) -> None:
    """The record's file and period fit its SOP, and the period lies between the SOP's start and `today`."""
    if path.stem != spec.sop:
        out.add(("sop",), f"nama berkas harus `{spec.sop}.yaml` (id SOP), bukan `{path.name}`")
    period = spec.period
    if period.end < sop.spec.effective.first:
        out.add(
            ("periode",),
            f"periode {period.code} berakhir {format_date(period.end)}, sebelum SOP `{sop.id}` berlaku "
            f"(tanggal_efektif {sop.spec.effective})",
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
    problems = [Problem.whole_file(rel, reason) for rel, reason in refused]
    sources = []
    for rel in files:
        parts = rel.split("/")[1:]
        if ATTACHMENT_FOLDER in parts[:-1]:
            continue  # attachments are checked where a record names them
        if rel.endswith(".yml"):
            problems.append(Problem.whole_file(rel, "gunakan akhiran `.yaml`, bukan `.yml`"))
        elif rel.endswith(".yaml") and len(parts) == 3:
            sources.append(SourceFile(root, rel))
        elif rel.endswith(".yaml"):
            problems.append(Problem.whole_file(rel, "rekaman harus berada di records/<tahun>/<TW1..TW4 atau tahunan>/<id-sop>.yaml"))
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
