"""Where performance files sit, and finding them without following a symlink.

    sop_defs/<instansi>/_kinerja.yaml
    records/<tahun>/kinerja/<instansi>/pk.yaml
    records/<tahun>/kinerja/<instansi>/TW1.yaml .. TW4.yaml
    records/<tahun>/kinerja/<instansi>/lampiran/...             evidence, checked where `bukti` names it

records.load leaves records/<tahun>/kinerja/ alone. The year, the agency and the quarter are read from the
place: a file never repeats them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.attachments import ATTACHMENT_FOLDER
from generator.data.dates import year_problem
from generator.data.fsutil import walk_inside
from generator.errors import Problem
from generator.manual.layout import PERFORMANCE_FILE, SOP_DIR, SourceFile

RECORD_DIR = "records"  # as records.load names it; this package may not import records
PERFORMANCE_FOLDER = "kinerja"
AGREEMENT_FILE = "pk.yaml"
QUARTER_FILE = re.compile(r"TW(?P<quarter>[1-4])\.yaml")
PLACE = (
    f"{RECORD_DIR}/<tahun>/{PERFORMANCE_FOLDER}/<instansi>/{AGREEMENT_FILE} (Perjanjian Kinerja) atau "
    f"TW1.yaml ... TW4.yaml (realisasi triwulan); bukti di {RECORD_DIR}/<tahun>/{PERFORMANCE_FOLDER}/<instansi>/{ATTACHMENT_FOLDER}/"
)


@dataclass(frozen=True)
class Place:
    """A PK (quarter None) or a quarter's realisation file, with what its place says."""

    source: SourceFile
    agency_id: str
    year: int
    quarter: int | None = None


@dataclass
class Sources:
    definitions: dict[str, SourceFile] = field(default_factory=dict)  # agency id -> its _kinerja.yaml
    places: list[Place] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(root: Path) -> Sources:
    found = Sources()
    top = root / SOP_DIR
    if top.is_dir() and not top.is_symlink():
        for entry in sorted(os.scandir(top), key=lambda e: e.name):
            candidate = top / entry.name / PERFORMANCE_FILE
            # A symlinked folder or file is reported by manual.layout, which walks sop_defs/.
            if entry.is_dir(follow_symlinks=False) and candidate.is_file() and not candidate.is_symlink():
                found.definitions[entry.name] = SourceFile(root, f"{SOP_DIR}/{entry.name}/{PERFORMANCE_FILE}")
    for year_folder in _year_folders(root):
        _discover_year(root, year_folder, found)
    return found


def _year_folders(root: Path) -> list[str]:
    top = root / RECORD_DIR
    if top.is_symlink() or not top.is_dir():
        return []  # records.load reports a linked records/ folder
    try:
        names = sorted(e.name for e in os.scandir(top) if e.is_dir(follow_symlinks=False))
    except OSError:
        return []  # an unreadable folder: records.load reports it
    folders = [f"{RECORD_DIR}/{name}/{PERFORMANCE_FOLDER}" for name in names]
    return [f for f in folders if (root / f).is_dir() and not (root / f).is_symlink()]


def _discover_year(root: Path, folder: str, found: Sources) -> None:
    files, refused = walk_inside(root, folder)
    found.problems += [Problem.whole_file(rel, reason) for rel, reason in refused]
    year_name = folder.split("/")[1]
    year = int(year_name) if year_name.isdigit() else None
    for rel in files:
        below = rel[len(folder) + 1:].split("/")
        if ATTACHMENT_FOLDER in below[1:-1] or not below[-1].endswith((".yaml", ".yml")):
            continue  # evidence is checked where a `bukti` names it; other files are left alone, as in records/
        if year is None or (problem := year_problem(year, f"folder tahun `{year_name}`")):
            reason = f"folder tahun `{year_name}` harus berupa tahun, misalnya records/2025/" if year is None else problem
            found.problems.append(Problem.whole_file(rel, reason))
            continue
        place = _place(SourceFile(root, rel), below, year)
        if isinstance(place, Place):
            found.places.append(place)
        else:
            found.problems.append(Problem.whole_file(rel, place))


def _place(source: SourceFile, below: list[str], year: int) -> Place | str:
    """The place of a file below records/<tahun>/kinerja/, or why it does not belong there."""
    name = below[-1]
    if name.endswith(".yml"):
        return "gunakan akhiran `.yaml`, bukan `.yml`"
    if len(below) != 2:
        return f"berkas kinerja harus berada di {PLACE}"
    if name == AGREEMENT_FILE:
        return Place(source, below[0], year)
    if match := QUARTER_FILE.fullmatch(name):
        return Place(source, below[0], year, int(match.group("quarter")))
    upper = name[:-5].upper() if name.endswith(".yaml") else ""
    if QUARTER_FILE.fullmatch(f"{upper}.yaml") or upper == "PK":
        right = f"{upper}.yaml" if upper != "PK" else AGREEMENT_FILE
        return f"nama berkas harus `{right}`, bukan `{name}`"
    return f"berkas kinerja harus berada di {PLACE}"
