"""Read every record and check it against the SOPs.

    records/<tahun>/<B01..B12 | TW1..TW4 | S1 | S2 | tahunan>/<id-sop>.yaml          one per SOP per period
    records/<tahun>/insidental/<id-sop>/<TTTT-BB-HH>[-n].yaml                           one per run

Monitoring notes (records/<tahun>/pemantauan/) are read by records.monitoring, performance data
(records/<tahun>/kinerja/) by generator.performance.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path, PurePosixPath

from generator.data.attachments import ATTACHMENT_FOLDER, attachment_problem
from generator.data.cache import cached, remembered
from generator.data.dates import format_date
from generator.data.fsutil import files_inside, walk_inside
from generator.data.gcpause import collector_paused
from generator.data.yamlload import Findings, LoadedFile
from generator.errors import Problem, sort_problems
from generator.manual.load import SourceFile, parse_file
from generator.manual.model import Manual, Sop, Version
from generator.manual.nip import nip_problem
from generator.performance.layout import PERFORMANCE_FOLDER
from generator.records.model import RECORD_TYPE, Record, RecordFile, record_keys
from generator.records.moments import moment_problem
from generator.records.periods import INSIDENTAL_FOLDER, MONITORING_FOLDER, RUN_FILE, Period, period_containing, run_file_name
from generator.records.replay import check_flow
from generator.records.status import revocation_problem

RECORD_DIR = "records"


@collector_paused
def load_records(
    root: Path, manual: Manual, today: date, skip: Collection[str] = (), only: Collection[str] | None = None
) -> tuple[list[Record], list[Problem]]:
    """Every record under `root/records`, checked against `manual` as of `today`; all problems together.

    Records of the SOP ids in `skip` (SOP files with errors) are not judged. `only`: just these files
    (repository paths), for a check of named files; `manual` must then hold their SOPs.
    """
    records: list[Record] = []
    keys = record_keys()
    files, problems = discover_records(root, only)
    for source in files:
        loaded, spec, found = cached(
            root, source.shown_as, "rekaman", lambda content, source=source: parse_file(source, RECORD_TYPE, keys, content)
        )
        problems += found
        if loaded is None or spec is None or spec.sop in skip:
            continue
        record, found = check_record(root, loaded, spec, manual, today)
        problems += found
        if record is not None:
            records.append(record)
    problems += _duplicates(records)
    return records, sort_problems(problems)


def check_record(
    root: Path, loaded: LoadedFile, spec: RecordFile, manual: Manual, today: date
) -> tuple[Record | None, list[Problem]]:
    """Check one record against its SOP; `today` is the reference date: a record tells only what has happened."""
    # Judged by the version in force when the period began: a later revision never rewrites this record.
    sop = manual.sop_on(spec.sop, spec.period.start)
    current = manual.sop(spec.sop)  # revocation is read from the SOP's newest file
    versions = manual.versions
    version = versions.in_force(spec.sop, spec.period.start) if versions is not None and versions.available else None
    # Under `mkdocs serve` most records and their SOPs are the objects of the last build: not judged again.
    record, problems = remembered(
        ("rekaman", str(root), loaded.path),
        (loaded, spec, sop, current, today, *((version.sop, version.commit, version.committed) if version else (None,) * 3)),
        lambda: _judge(loaded, spec, sop, current, version, today),
    )
    if not any(execution.documents for execution in spec.executions):
        return record, problems
    # Attachments are files of their own, looked at every time.
    attached = Findings(loaded)
    _check_documents(attached, root, spec)
    if attached.problems:
        return None, problems + attached.problems
    return record, problems


def _judge(
    loaded: LoadedFile, spec: RecordFile, sop: Sop | None, current: Sop | None, version: Version | None, today: date
) -> tuple[Record | None, list[Problem]]:
    out = Findings(loaded)
    if sop is None:
        out.add(("sop",), f"SOP `{spec.sop}` tidak ada di sop_defs/")
        return None, out.problems
    _check_place(out, PurePosixPath(loaded.path), spec, sop, today)
    if current is not None and (revoked := revocation_problem(current, spec.period)):
        out.add(("periode",), revoked)
    if spec.status == "dibatalkan" and not spec.reason:
        out.add(("status",), "rekaman yang dibatalkan harus menyebut `alasan`")
    for i, execution in enumerate(spec.executions):
        for key, moment in (("mulai", execution.start), ("selesai", execution.end)):
            if moment is None:
                continue
            if spec.period.day is not None and moment.day < spec.period.day:
                out.add(
                    ("pelaksanaan", i, key),
                    f"waktu {moment.format()} sebelum tanggal pelaksanaan ({spec.period.code}, tertulis di `periode`): "
                    "periode rekaman insidental adalah tanggal langkah pertama dimulai",
                )
            elif problem := moment_problem(moment, spec.period, today):
                out.add(("pelaksanaan", i, key), problem)
        if execution.nip and (problem := nip_problem(execution.nip)):
            out.add(("pelaksanaan", i, "nip"), problem)
    check_flow(out, spec, sop)
    if out.problems:
        return None, out.problems
    return Record(source=loaded.path, spec=spec, sop=sop, version=version), []


CADENCE_WORDS = {
    "bulanan": "setiap bulan",
    "triwulanan": "setiap triwulan",
    "semesteran": "setiap semester",
    "tahunan": "setiap tahun",
    "insidental": "bila diperlukan (insidental)",
}


def _check_place(out: Findings, path: PurePosixPath, spec: RecordFile, sop: Sop, today: date) -> None:
    """The period fits the SOP's `jadwal`, the file sits where that period's records go, and the period lies
    between the SOP's start and `today`."""
    period = spec.period
    if period.end < sop.spec.effective.first:
        when = f"pelaksanaan {period.code}" if period.day else f"periode {period.code} berakhir {format_date(period.end)},"
        out.add(("periode",), f"{when} sebelum SOP `{sop.id}` berlaku (tanggal_efektif {sop.spec.effective})")
    if period.start > today:
        out.add(
            ("periode",),
            f"periode {period.code} baru dimulai {format_date(period.start)}, sesudah tanggal acuan {format_date(today)}; "
            "buat rekaman setelah periodenya berjalan",
        )
    if period.cadence != sop.spec.cadence:
        out.add(("periode",), cadence_advice(sop, period.start))
        return  # where the file belongs depends on the right period: the advice above says both
    if period.day is not None:
        _check_run_place(out, path, spec, sop)
        return
    if path.stem != spec.sop:
        out.add(("sop",), f"nama berkas harus `{spec.sop}.yaml` (id SOP), bukan `{path.name}`")
    expected = f"{RECORD_DIR}/{period.year}/{period.folder}"
    if str(path.parent) != expected:
        out.add(("periode",), f"periode {period.code} harus disimpan di {expected}/, bukan {path.parent}/")


def cadence_advice(sop: Sop, near: date) -> str:
    """How to write `periode` for this SOP and where its record goes, shown with the SOP's period around `near`
    (the start of the period the editor wrote)."""
    words = f"SOP `{sop.id}` dilaksanakan {CADENCE_WORDS[sop.spec.cadence]}"
    example = period_containing(sop.spec.cadence, near)
    if example.day is not None:
        return (
            f"{words}: tulis tanggal pelaksanaan sebagai periode, seperti `{example.code}`, dan simpan di "
            f"records/{example.year}/{INSIDENTAL_FOLDER}/{sop.id}/{run_file_name(example.day)}"
        )
    return f"{words}: tulis periode seperti `{example.code}` dan simpan di records/{example.year}/{example.folder}/"


def _check_run_place(out: Findings, path: PurePosixPath, spec: RecordFile, sop: Sop) -> None:
    """An insidental run: records/<tahun>/insidental/<id-sop>/<periode>[-n].yaml."""
    period = spec.period
    assert period.day is not None
    folder = f"records/{period.year}/{INSIDENTAL_FOLDER}/{sop.id}/"
    below = list(path.parts[1:])  # below records/
    if len(below) != 4 or below[0] != str(period.year) or below[1] != INSIDENTAL_FOLDER:
        out.add(
            ("periode",),
            f"rekaman insidental periode {period.code} harus disimpan di {folder}{run_file_name(period.day)}, "
            f"bukan records/{'/'.join(below)}",
        )
        return
    if below[2] != sop.id:
        out.add(("sop",), f"rekaman SOP `{sop.id}` harus berada di folder {folder}, bukan records/{'/'.join(below[:3])}/")
    name = RUN_FILE.fullmatch(path.stem)
    first, second = run_file_name(period.day), run_file_name(period.day, 2)
    if name is None:
        out.add(
            ("periode",),
            f"nama berkas rekaman insidental adalah tanggal pelaksanaannya (= periode): `{first}`, atau `{second}` "
            f"untuk pelaksanaan kedua pada hari yang sama; bukan `{path.name}`",
        )
    elif name.group("day") != period.code:
        out.add(
            ("periode",),
            f"periode {period.code} berbeda dari tanggal pada nama berkas `{path.name}`: keduanya adalah tanggal "
            f"pelaksanaan; samakan (mis. ganti nama berkas menjadi `{first}`)",
        )
    elif name.group("number") == "1":
        out.add(
            ("periode",),
            f"nama berkas `{path.name}` tidak memakai `-1`: pelaksanaan pertama pada suatu hari bernama `{first}`, "
            f"yang kedua `{second}`",
        )


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


PLACES = (
    "records/<tahun>/<B01..B12, TW1..TW4, S1, S2 atau tahunan>/<id-sop>.yaml, "
    f"atau records/<tahun>/{INSIDENTAL_FOLDER}/<id-sop>/<TTTT-BB-HH>.yaml; "
    f"catatan pemantauan di records/<tahun>/{MONITORING_FOLDER}/<id-sop>-<TTTT-BB-HH>.yaml"
)


def discover_records(root: Path, only: Collection[str] | None = None) -> tuple[list[SourceFile], list[Problem]]:
    """Record files and the files refused; symlinks are never followed.

    A file three levels down is a period's record, four levels down under `insidental/` a run's; whether it
    sits in the right folder for its `periode` is checked once the file is read. `only`: these repository
    paths alone, judged as the walk would judge them, without walking records/.
    """
    files, refused = walk_inside(root, RECORD_DIR) if only is None else files_inside(root, only)
    problems = [Problem.whole_file(rel, reason) for rel, reason in refused]
    sources = []
    for rel in files:
        parts = rel.split("/")[1:]
        if ATTACHMENT_FOLDER in parts[:-1]:
            continue  # attachments are checked where a record names them
        if len(parts) > 2 and parts[1] == MONITORING_FOLDER:
            continue  # monitoring notes, not a period's records: records.monitoring reads them
        if len(parts) > 2 and parts[1] == PERFORMANCE_FOLDER:
            continue  # the PK and quarterly realisation: generator.performance reads them
        if rel.endswith(".yml"):
            problems.append(Problem.whole_file(rel, "gunakan akhiran `.yaml`, bukan `.yml`"))
        elif rel.endswith(".yaml") and (len(parts) == 3 or (len(parts) == 4 and parts[1] == INSIDENTAL_FOLDER)):
            sources.append(SourceFile(root, rel))
        elif rel.endswith(".yaml"):
            problems.append(Problem.whole_file(rel, f"rekaman harus berada di {PLACES}"))
    return sources, problems


def _duplicates(records: list[Record]) -> list[Problem]:
    """One record per SOP per scheduled period; insidental runs are one per file, so never duplicates."""
    seen: dict[tuple[str, Period], Record] = {}
    problems = []
    for record in records:
        if record.period.day is not None:
            continue
        key = (record.sop.id, record.period)
        if key in seen:
            problems.append(
                Problem(record.source, 1, 1, "sop", f"rekaman ganda untuk SOP `{record.sop.id}` periode {record.period.code} (juga {seen[key].source})")
            )
        seen.setdefault(key, record)
    return problems
