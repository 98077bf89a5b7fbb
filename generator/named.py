"""`sopgen validate BERKAS ...`, the pre-commit check: named files checked by the loaders and checks of the whole
manual (`loading.load_data`), reading only what those files are judged against.

What each kind of named file brings in:

    an SOP                 the catalogues and agency files; the SOP, any other file with its id, the first SOP
                           of its unit folder (one unit name per folder) and its `diganti_oleh` chain; its
                           versions from git; its records and monitoring notes, found by file name and judged
                           again, since an edit of its steps may break them
    a record, a note       the same for the SOP it names (the record's `sop`, the note's file name)
    a performance file     all performance files (a few per agency), against the catalogues and the SOP ids
    sop_defs/_lke.yaml     the LKE, against the document catalogue and the SOP ids
    a catalogue file       (the government file, a shared catalogue, an agency's `_instansi.yaml`) all of sop_defs/
                           and the performance data, as `sop_defs` without records: an entry may be cited by any
                           SOP, so this takes longer
    anything else          a warning: not checked on its own (outside the data folders, or not a data file)

Reported: the problems of the named files and of the files they are judged against (catalogues, agency
files, the SOP of a record), and of the records and notes of a named SOP. Every SOP file counts as an SOP
id by its name (`manual.layout.discover`, a walk of file names), so references to other SOPs are judged.
`CHECKED_ELSEWHERE` lists what only the whole `sopgen validate` checks.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.data.attachments import ATTACHMENT_FOLDER
from generator.data.cache import cached
from generator.data.fsutil import walk_inside
from generator.errors import Problem, Severity, errors_only, sort_problems
from generator.loading import load_data, nip_problems
from generator.manual.catalogues import SHARED_FILE_KIND
from generator.manual.layout import AGENCY_FILE, GOVERNMENT_FILE, LKE_FILE, PERFORMANCE_FILE, SOP_DIR, Layout, discover
from generator.manual.load import Loaded, SourceFile, load_manual_partial, parse_file
from generator.manual.model import Manual
from generator.manual.versions import read_versions
from generator.performance.layout import PERFORMANCE_FOLDER
from generator.performance.lke_load import DOCUMENT_FILE, LKE_PATH, check_lke, read_lke
from generator.performance.load import load_performance
from generator.records.load import RECORD_DIR, load_records
from generator.records.model import RECORD_TYPE, record_keys
from generator.records.monitoring import FILE_NAME, discover_monitoring, load_monitoring
from generator.records.periods import INSIDENTAL_FOLDER, MONITORING_FOLDER

# The whole-manual checks a subset cannot run, as the summary names them (the first is run when a catalogue is named).
UNUSED_ENTRIES = "entri katalog yang tidak dipakai"
CHECKED_ELSEWHERE = (
    UNUSED_ENTRIES, "rekaman ganda untuk satu SOP dan periode", "satu NIP satu orang terhadap berkas yang tidak disebut",
    "rujukan ke berkas yang dihapus",
)
_CATALOGUE_NAMES = (GOVERNMENT_FILE, *SHARED_FILE_KIND)


@dataclass
class Named:
    """The named files sorted by kind (repository paths), and the problems found while sorting them."""

    sops: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)  # monitoring notes
    performance: set[str] = field(default_factory=set)
    lke: bool = False
    catalogues: set[str] = field(default_factory=set)  # the government file, shared catalogues, agency files
    problems: list[Problem] = field(default_factory=list)  # missing files, files not checked, misplaced ones


@dataclass(frozen=True)
class Checked:
    """What `check_named` found: every problem to show, and what was checked."""

    problems: list[Problem]
    named: Named
    related: int  # files checked because a named file needs them or affects them (catalogues not counted)
    whole_manual: bool  # a catalogue file was named: all of sop_defs/ was checked


def check_named(root: Path, today: date, names: Iterable[str]) -> Checked:
    """The named files (paths relative to `root`, or absolute), as of the reference date `today`."""
    layout = discover(root) if (root / SOP_DIR).is_dir() else Layout()
    named = Named()
    for name in names:
        _sort(root, layout, _relative(root, name), named)
    problems = list(named.problems)
    whole = bool(named.catalogues)
    rechecked = 0
    if whole:
        # An entry may be cited by any SOP, the LKE or the performance data: all of them are read again.
        data = load_data(root, today, with_records=False)
        problems += data.problems
        rechecked = len(layout.sops) - len(named.sops)
    subset, related = _check_subset(root, today, layout, named, skip_sop_defs=whole)
    return Checked(sort_problems(problems + subset), named, max(related, rechecked), whole)


def not_checked_here(checked: Checked) -> list[str]:
    """The whole-manual checks this run left to `sopgen validate` without file names."""
    return [what for what in CHECKED_ELSEWHERE if not (checked.whole_manual and what == UNUSED_ENTRIES)]


def _relative(root: Path, name: str) -> str:
    """The repository path of a named file; `..` when it lies outside the repository."""
    path = Path(name)
    if path.is_absolute():
        try:
            path = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
        except ValueError:
            return ".."
    return posixpath.normpath(path.as_posix())


def _sort(root: Path, layout: Layout, rel: str, named: Named) -> None:
    parts = rel.split("/")
    if rel == ".." or rel.startswith("../") or parts[0] not in (SOP_DIR, RECORD_DIR):
        named.problems.append(_not_checked(rel, "di luar sop_defs/ dan records/, bukan berkas data"))
    elif not os.path.lexists(root / rel):
        named.problems.append(Problem.whole_file(rel, "berkas tidak ada; berkas yang dihapus diperiksa oleh `sopgen validate` tanpa nama berkas"))
    elif (root / rel).is_dir() and not (root / rel).is_symlink():
        files, refused = walk_inside(root, rel)
        named.problems.extend(Problem.whole_file(path, reason) for path, reason in refused)
        for path in files:
            _sort(root, layout, path, named)
    elif parts[0] == SOP_DIR:
        _sort_definition(layout, rel, parts[1:], named)
    else:
        _sort_record(rel, parts[1:], named)


def _sort_definition(layout: Layout, rel: str, below: list[str], named: Named) -> None:
    if rel in {source.shown_as for source in layout.sops}:
        named.sops.add(rel)
    elif below == [LKE_FILE]:
        named.lke = True
    elif len(below) == 2 and below[1] == PERFORMANCE_FILE:
        named.performance.add(rel)
    elif (len(below) == 1 and below[0] in _CATALOGUE_NAMES) or (len(below) == 2 and below[1] == AGENCY_FILE):
        named.catalogues.add(rel)
    elif misplaced := [p for p in layout.problems if p.path == rel]:
        named.problems.extend(misplaced)  # a wrong name or place: the layout says what it should be
    else:
        named.problems.append(_not_checked(rel, "bukan berkas data (.yaml); logo diperiksa bersama sop_defs/_pemerintah.yaml"))


def _sort_record(rel: str, below: list[str], named: Named) -> None:
    if ATTACHMENT_FOLDER in below[1:-1]:
        named.problems.append(_not_checked(rel, "lampiran, diperiksa bersama rekaman yang menyebutnya"))
    elif not rel.endswith((".yaml", ".yml")):
        named.problems.append(_not_checked(rel, "bukan berkas data (.yaml)"))
    elif len(below) > 2 and below[1] == PERFORMANCE_FOLDER:
        named.performance.add(rel)
    elif len(below) > 2 and below[1] == MONITORING_FOLDER:
        named.notes.add(rel)
    else:
        named.records.add(rel)  # a file in the wrong place too: records.load says where it belongs


def _not_checked(rel: str, why: str) -> Problem:
    return Problem.whole_file(rel, f"tidak diperiksa: {why}", Severity.WARNING)


def _check_subset(root: Path, today: date, layout: Layout, named: Named, skip_sop_defs: bool) -> tuple[list[Problem], int]:
    """The named SOPs, records, notes, performance files and LKE, with what they are judged against; and how many
    files not named were checked with them (a named SOP's records and notes, the SOPs of named records)."""
    sop_ids = {source.stem for source in layout.sops}
    own_sops = {posixpath.basename(rel)[:-5] for rel in named.sops}
    records = named.records | _records_of(root, own_sops)
    notes = named.notes | _notes_of(root, own_sops)
    needed = own_sops | {sop for rel in named.records if (sop := _record_sop(root, rel))} | {_note_sop(rel) for rel in notes}
    if not (needed or named.performance or named.lke):
        return [], 0
    loaded = _load_sops(root, layout, needed, own_sops)
    problems = list(loaded.problems)
    manual = loaded.manual
    if manual is not None and (records or notes):
        versions, found = read_versions(root, manual, narrow=True)
        manual, problems = replace(manual, versions=versions), problems + found
    if manual is not None:
        problems += _judge_records(root, today, manual, loaded.failed, records, notes)
        if named.performance:
            documents_known = not any(p.path == DOCUMENT_FILE for p in errors_only(loaded.problems))
            problems += load_performance(root, manual, today, skip=sop_ids, documents_known=documents_known)[1]
    if named.lke:
        problems += _check_lke(root, manual, loaded, sop_ids)
    # Every problem of what changed, and of what it changes; only the errors of what it is judged against,
    # which stop the judgement (that file's warnings are not news to this change).
    changed = named.sops | records | notes | named.performance | ({LKE_PATH} if named.lke else set())
    against = _judged_against(layout, needed, named)
    if skip_sop_defs:  # all of sop_defs/ was checked already (a catalogue was named): its problems are there
        changed = {path for path in changed if not path.startswith(f"{SOP_DIR}/")}
        against = {path for path in against if not path.startswith(f"{SOP_DIR}/")}
    changed |= {SOP_DIR, RECORD_DIR}  # a folder's own problem (absent, a symlink, no git history) concerns all in it
    shown = [p for p in problems if p.path in changed or (p.path in against and p.severity is Severity.ERROR)]
    related = len(records - named.records) + len(notes - named.notes) + len(_sop_files(layout, needed) - named.sops)
    return shown, related


def _load_sops(root: Path, layout: Layout, needed: set[str], own: set[str]) -> Loaded:
    """The catalogues and the SOPs of `needed`, with those their checks compare them with; `own` are named."""
    by_id: dict[str, list[str]] = {}
    by_folder: dict[str, list[str]] = {}
    for source in layout.sops:
        by_id.setdefault(source.stem, []).append(source.shown_as)
        by_folder.setdefault(posixpath.dirname(source.shown_as), []).append(source.shown_as)
    # Every file with the id (a duplicate id is reported at the later one); the first SOP of a named SOP's unit
    # folder, whose unit name the others must match.
    paths = {path for sop_id in needed for path in by_id.get(sop_id, [])}
    paths |= {by_folder[posixpath.dirname(path)][0] for sop_id in own for path in by_id.get(sop_id, [])}
    while True:
        loaded = load_manual_partial(root, warnings=False, layout=layout, only=paths)
        # A `diganti_oleh` chain that comes back to its start is refused: follow it to its end.
        replacing = {s.spec.replaced_by for s in loaded.manual.sops if s.spec.replaced_by} if loaded.manual else set()
        more = {path for sop_id in replacing for path in by_id.get(sop_id or "", [])} - paths
        if not more:
            return loaded
        paths |= more


def _sop_files(layout: Layout, sop_ids: set[str]) -> set[str]:
    return {source.shown_as for source in layout.sops if source.stem in sop_ids}


def _judged_against(layout: Layout, needed: set[str], named: Named) -> set[str]:
    """The files whose errors are shown because the named ones are judged against them."""
    sops = _sop_files(layout, needed)
    agencies = {path.split("/")[1] for path in sops} | {_agency_of(path) for path in named.performance}
    catalogues = {f"{SOP_DIR}/{name}" for name in _CATALOGUE_NAMES} | {f"{SOP_DIR}/{agency}/{AGENCY_FILE}" for agency in agencies}
    performance = {f"{SOP_DIR}/{agency}/{PERFORMANCE_FILE}" for agency in agencies} if named.performance else set()
    return sops | catalogues | performance


def _judge_records(
    root: Path, today: date, manual: Manual, failed: set[str], records: set[str], notes: set[str]
) -> list[Problem]:
    found, checked = load_records(root, manual, today, skip=failed, only=records)
    watched, noted = load_monitoring(root, manual, today, skip=failed, only=notes)
    return checked + noted + nip_problems(root, manual, found, watched)


def _check_lke(root: Path, manual: Manual | None, loaded: Loaded, sop_ids: set[str]) -> list[Problem]:
    read = read_lke(root)
    broken = any(p.path == DOCUMENT_FILE for p in errors_only(loaded.problems))
    documents = None if broken or manual is None else manual.catalogue.documents
    return [*read.problems, *check_lke(read, documents, sop_ids)[1]]


def _records_of(root: Path, sop_ids: Collection[str]) -> set[str]:
    """The record files of these SOPs, found by name without reading records/: records/<tahun>/<periode>/<id>.yaml
    and records/<tahun>/insidental/<id>/*.yaml (a record elsewhere is refused for its place anyway)."""
    found: set[str] = set()
    for year in _folders(root, RECORD_DIR):
        for period in _folders(root, year):
            if period.endswith(f"/{INSIDENTAL_FOLDER}"):
                found |= {f for sop_id in sop_ids for f in _yaml_files(root, f"{period}/{sop_id}")}
            else:
                found |= {rel for sop_id in sop_ids if (root / (rel := f"{period}/{sop_id}.yaml")).is_file()}
    return found


def _folders(root: Path, rel: str) -> list[str]:
    """The folders directly in `rel`; symlinked ones are left to records.load to report."""
    try:
        return [f"{rel}/{entry.name}" for entry in os.scandir(root / rel) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _yaml_files(root: Path, rel: str) -> list[str]:
    try:
        return [f"{rel}/{entry.name}" for entry in os.scandir(root / rel) if entry.name.endswith(".yaml")]
    except OSError:
        return []


def _notes_of(root: Path, sop_ids: Collection[str]) -> set[str]:
    if not sop_ids:
        return set()
    return {source.shown_as for source in discover_monitoring(root)[0] if _note_sop(source.shown_as) in sop_ids}


def _record_sop(root: Path, rel: str) -> str | None:
    """The SOP a record names; parsed as `load_records` parses it, so that it reads the file from the cache."""
    source = SourceFile(root, rel)
    keys = record_keys()
    spec = cached(root, rel, "rekaman", lambda content: parse_file(source, RECORD_TYPE, keys, content))[1]
    return spec.sop if spec is not None else None


def _note_sop(rel: str) -> str:
    match = FILE_NAME.fullmatch(Path(rel).stem)
    return match.group("sop") if match else ""


def _agency_of(rel: str) -> str:
    """The agency of a performance file: sop_defs/<instansi>/_kinerja.yaml or records/<tahun>/kinerja/<instansi>/..."""
    parts = rel.split("/")
    return parts[1] if parts[0] == SOP_DIR else (parts[3] if len(parts) > 3 else "")
