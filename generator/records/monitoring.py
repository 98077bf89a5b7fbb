"""SOP monitoring (pemantauan): whether each SOP is carried out well, as PermenPAN-RB 35/2012 asks of agencies.

    records/<tahun>/pemantauan/<id-sop>-<TTTT-BB-HH>.yaml      one note per SOP per day

records.load leaves this folder alone; here its files are found, checked against the manual and summed up.
"""

from __future__ import annotations

import calendar
import difflib
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag

from generator.data.cache import cached
from generator.data.check import FileType
from generator.data.dates import format_date, parse_iso_date
from generator.data.fsutil import walk_inside
from generator.data.gcpause import collector_paused
from generator.data.yamlload import Findings, LoadedFile
from generator.errors import Problem, sort_problems
from generator.manual.load import SourceFile, parse_file
from generator.manual.model import BlankText, Frozen, IsoDate, Manual, Sop, Text, check_nip
from generator.records.load import RECORD_DIR
from generator.records.nips import Sighting
from generator.records.periods import MONITORING_FOLDER

WINDOW_MONTHS = 6  # an SOP not monitored for this long is listed on the Pemantauan page
GOOD, NOT_GOOD = "berjalan baik", "tidak berjalan baik"
# The id may hold `-` too, so the date is what ends the name.
FILE_NAME = re.compile(r"(?P<sop>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})")
PLACE = f"{RECORD_DIR}/<tahun>/{MONITORING_FOLDER}/<id-sop>-<TTTT-BB-HH>.yaml"


def _optional_nip(value: str | None) -> str | None:
    return None if value is None else check_nip(value)


class Assessor(Frozen):
    """A named official, written like an SOP's signer (`disahkan_oleh`), except that the NIP may be left out."""

    title: Text = Field(alias="jabatan")
    name: Text = Field(alias="nama")
    nip: Annotated[BlankText, AfterValidator(_optional_nip)] = Field(default=None, alias="nip")


def _assessor_kind(value: object) -> str:
    # A mapping is an official and is checked as one: its missing `nama` is the mistake, not "not a text".
    return "pejabat" if isinstance(value, (dict, Assessor)) else "teks"


def _text_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("tulis penilai sebagai teks (nama atau jabatan), atau sebagai pemetaan `jabatan`, `nama` dan `nip` (opsional)")
    return value


# A name or title as text, or an official: {jabatan, nama, nip (opsional)}.
AssessorField = Annotated[
    Annotated[Text, BeforeValidator(_text_only), Tag("teks")] | Annotated[Assessor, Tag("pejabat")],
    Discriminator(_assessor_kind),
]


class MonitoringFile(Frozen):
    """One monitoring note as the editor writes it."""

    assessment: Literal["berjalan baik", "tidak berjalan baik"] = Field(alias="penilaian")
    note: Text = Field(alias="catatan")
    action: BlankText = Field(default=None, alias="tindakan")  # required when the SOP does not run well
    assessor: AssessorField = Field(alias="penilai")
    day: IsoDate = Field(alias="tanggal")
    example: bool = Field(default=False, alias="contoh")


MONITORING_TYPE: FileType[MonitoringFile] = FileType(MonitoringFile)


@dataclass(frozen=True)
class Monitoring:
    """A validated monitoring note of one SOP; `sop` is the version in force on its day."""

    source: str
    spec: MonitoringFile
    sop: Sop

    @property
    def day(self) -> date:
        return self.spec.day

    @property
    def good(self) -> bool:
        return self.spec.assessment == GOOD

    @property
    def name(self) -> str:
        """The file name without `.yaml`: `<id-sop>-<TTTT-BB-HH>`, unique in the manual."""
        return PurePosixPath(self.source).stem


def monitoring_keys() -> set[str]:
    return {info.alias or "" for model in (MonitoringFile, Assessor) for info in model.model_fields.values()}


# --- Finding and checking the files ---


@collector_paused
def load_monitoring(
    root: Path, manual: Manual, today: date, skip: Collection[str] = (), only: Collection[str] | None = None
) -> tuple[list[Monitoring], list[Problem]]:
    """Every monitoring note under `root/records`, checked as of the reference date `today`; all problems together.

    Notes of the SOP ids in `skip` (SOP files with errors) wait for their SOP to be fixed. `only`: just these
    files (repository paths), for a check of named files; `manual` must then hold their SOPs.
    """
    keys = monitoring_keys()
    sources, problems = discover_monitoring(root)
    if only is not None:
        sources = [source for source in sources if source.shown_as in only]
        problems = [problem for problem in problems if problem.path in only]
    found: list[Monitoring] = []
    for source in sources:
        loaded, spec, parsed = cached(
            root, source.shown_as, "pemantauan", lambda content, source=source: parse_file(source, MONITORING_TYPE, keys, content)
        )
        problems += parsed
        named = _named(source.shown_as, manual, skip)
        if isinstance(named, Problem):
            problems.append(named)
            continue
        if named is None or loaded is None or spec is None:
            continue
        monitoring, checked = check_monitoring(loaded, spec, named, manual, today)
        problems += checked
        if monitoring is not None:
            found.append(monitoring)
    return found, sort_problems(problems)


def discover_monitoring(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """The `.yaml` files directly in each records/<tahun>/pemantauan/; symlinks are never followed."""
    top = root / RECORD_DIR
    if top.is_symlink() or not top.is_dir():
        return [], []  # records.load reports a linked records/ folder
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    try:
        years = sorted(entry.name for entry in os.scandir(top) if entry.is_dir(follow_symlinks=False))
    except OSError:
        return [], []  # an unreadable folder: records.load reports it
    for year in years:
        folder = f"{RECORD_DIR}/{year}/{MONITORING_FOLDER}"
        if (root / folder).is_symlink() or not (root / folder).is_dir():
            continue  # a linked folder is reported by records.load
        files, refused = walk_inside(root, folder)
        problems += [Problem.whole_file(rel, reason) for rel, reason in refused]
        for rel in files:
            below = rel[len(folder) + 1:]
            if rel.endswith(".yml"):
                problems.append(Problem.whole_file(rel, "gunakan akhiran `.yaml`, bukan `.yml`"))
            elif rel.endswith(".yaml") and "/" not in below:
                sources.append(SourceFile(root, rel))
            elif rel.endswith(".yaml"):
                problems.append(Problem.whole_file(rel, f"catatan pemantauan harus berada di {PLACE}, tanpa subfolder"))
    return sources, problems


def _named(rel: str, manual: Manual, skip: Collection[str]) -> tuple[str, date] | Problem | None:
    """The SOP id and day a file's name gives, or the problem with the name; None for an SOP in `skip`."""
    path = PurePosixPath(rel)
    match = FILE_NAME.fullmatch(path.stem) if path.suffix == ".yaml" else None
    if match is None:
        example = f"{manual.sops[0].id}-2026-03-10.yaml" if manual.sops else "evaluasi-kinerja-2026-03-10.yaml"
        return Problem.whole_file(
            rel,
            f"nama berkas pemantauan harus `<id-sop>-<TTTT-BB-HH>.yaml` (id SOP, lalu tanggal pemantauan), "
            f"misalnya `{example}`; bukan `{path.name}`",
        )
    try:
        day = parse_iso_date(match.group("day"))
    except ValueError as exc:
        return Problem.whole_file(rel, f"nama berkas `{path.name}`: {exc}")
    sop_id = match.group("sop")
    if sop_id in skip:
        return None
    if manual.sop(sop_id) is None:
        guess = difflib.get_close_matches(sop_id, [sop.id for sop in manual.sops], n=1)
        hint = f"; maksud Anda `{guess[0]}`?" if guess else ""
        return Problem.whole_file(rel, f"SOP `{sop_id}` (dari nama berkas `{path.name}`) tidak ada di sop_defs/{hint}")
    return sop_id, day


def check_monitoring(
    loaded: LoadedFile, spec: MonitoringFile, named: tuple[str, date], manual: Manual, today: date
) -> tuple[Monitoring | None, list[Problem]]:
    """`tanggal` agrees with the file's name and folder and lies between the SOP's start and `today`;
    an SOP that does not run well needs a `tindakan`."""
    out = Findings(loaded)
    sop_id, named_day = named
    path = PurePosixPath(loaded.path)
    day = spec.day
    if day != named_day:
        out.add(
            ("tanggal",),
            f"tanggal {day.isoformat()} berbeda dari tanggal pada nama berkas `{path.name}`; samakan keduanya "
            f"(mis. ganti nama berkas menjadi `{sop_id}-{day.isoformat()}.yaml`)",
        )
    if path.parts[1] != str(day.year):
        out.add(
            ("tanggal",),
            f"pemantauan tanggal {format_date(day)} harus disimpan di {RECORD_DIR}/{day.year}/{MONITORING_FOLDER}/, "
            f"bukan {path.parent}/",
        )
    if day > today:
        out.add(("tanggal",), f"tanggal {format_date(day)} sesudah tanggal acuan {format_date(today)}; catat pemantauan yang sudah dilakukan")
    sop = manual.sop_on(sop_id, day)
    assert sop is not None  # _named checked the id
    if day < sop.spec.effective.first:
        out.add(("tanggal",), f"tanggal {format_date(day)} sebelum SOP `{sop_id}` berlaku (tanggal_efektif {sop.spec.effective})")
    if spec.assessment == NOT_GOOD and spec.action is None:
        written = isinstance(loaded.data, dict) and "tindakan" in loaded.data
        out.add(
            ("tindakan",) if written else ("penilaian",),
            "penilaian `tidak berjalan baik` harus disertai `tindakan`: apa yang dilakukan untuk memperbaikinya",
        )
    if out.problems:
        return None, out.problems
    return Monitoring(loaded.path, spec, sop), []


def nip_sightings(monitorings: Iterable[Monitoring]) -> Iterator[Sighting]:
    """The assessors' NIPs, for the check that one NIP is one person across all data."""
    for monitoring in sorted(monitorings, key=lambda m: m.source):
        assessor = monitoring.spec.assessor
        if isinstance(assessor, Assessor) and assessor.nip:
            yield Sighting(assessor.nip, assessor.name, monitoring.source, ("penilai", "nip"))


# --- What the pages show ---


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier; a day that month lacks becomes its last (31 August -> 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class MonitoringSummary:
    """The monitoring facts the pages show, computed once."""

    since: date  # a note on or after this day is recent: WINDOW_MONTHS before the reference date
    newest_first: tuple[Monitoring, ...]
    last: dict[str, Monitoring]  # SOP id -> its latest note
    count: dict[str, int]  # SOP id -> how many notes it has
    overdue: tuple[Sop, ...]  # SOPs in force on the reference date with no note since `since`


def summarize(monitorings: Iterable[Monitoring], sops: Iterable[Sop], today: date) -> MonitoringSummary:
    """`sops`: the version of each SOP in force on `today` (one that starts later is not yet due a note)."""
    since = months_before(today, WINDOW_MONTHS)
    newest = tuple(sorted(monitorings, key=lambda m: (-m.day.toordinal(), m.source)))
    last: dict[str, Monitoring] = {}
    for monitoring in newest:
        last.setdefault(monitoring.sop.id, monitoring)
    overdue = tuple(
        sop for sop in sops
        if sop.spec.effective.first <= today and (sop.id not in last or last[sop.id].day < since)
    )
    return MonitoringSummary(since, newest, last, dict(Counter(m.sop.id for m in newest)), overdue)


# --- `sopgen new-monitoring` ---


def monitoring_path(sop_id: str, day: date) -> str:
    return f"{RECORD_DIR}/{day.year}/{MONITORING_FOLDER}/{sop_id}-{day.isoformat()}.yaml"


def new_monitoring_text(sop: Sop, day: date) -> str:
    """A note to fill in: every key, with what each may hold."""
    return "\n".join([
        "# yaml-language-server: $schema=../../../schema/pemantauan.schema.json",
        f"# Pemantauan pelaksanaan SOP {sop.spec.name}, {format_date(day)}.",
        "# `tanggal` sama dengan tanggal pada nama berkas. `tindakan` wajib bila `tidak berjalan baik`.",
        "# `penilai`: nama/jabatan sebagai teks, atau {jabatan: ..., nama: ..., nip: ...} (nip opsional).",
        f"tanggal: {day.isoformat()}",
        "penilaian: berjalan baik       # atau: tidak berjalan baik",
        "catatan:",
        "tindakan:",
        "penilai:",
        "",
    ])
