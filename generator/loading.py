"""Load everything the site is built from: SOP definitions and the LKE catalogue, then the records, monitoring
notes and performance data checked against them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from pathlib import Path

from generator.data.yamlload import LoadedFile, load_file
from generator.errors import Problem, errors_only, sort_problems
from generator.manual.assemble import unused_entries
from generator.manual.load import load_manual_partial
from generator.manual.versions import read_versions
from generator.manual.model import Manual
from generator.performance.load import load_performance
from generator.performance.model import Performance
from generator.performance.lke import Lke
from generator.performance.lke_load import DOCUMENT_FILE, LkeRead, check_lke, read_lke
from generator.records.load import load_records
from generator.records.model import Record
from generator.records.monitoring import Monitoring, load_monitoring, nip_sightings
from generator.records.nips import Conflict, conflicts, sightings


@dataclass(frozen=True)
class Data:
    """Everything read from the repository; `manual` is None when any error was found."""

    manual: Manual | None
    records: list[Record]
    monitoring: list[Monitoring]
    problems: list[Problem]
    performance: Performance = Performance()  # SAKIP indicators, PKs and quarterly realisation per agency
    lke: Lke | None = None  # the Evaluasi AKIP criteria (sop_defs/_lke.yaml); None when absent or broken


def load_all(root: Path, today: date, warnings: bool = True) -> tuple[Manual | None, list[Record], list[Problem]]:
    """The manual, its records and every problem (monitoring notes included); `load_data` also returns the notes."""
    data = load_data(root, today, warnings)
    return data.manual, data.records, data.problems


def load_data(root: Path, today: date, warnings: bool = True, with_records: bool = True) -> Data:
    """The Manual is None when any error was found.

    Records and monitoring notes are checked against every SOP that is valid, so one broken SOP does not
    hide their problems; those of a broken SOP wait for it to be fixed. `today` is the reference date:
    records and notes may not tell of later days or periods.

    `with_records=False` reads sop_defs/ and the performance data but no record, monitoring note or SOP
    version: what a catalogue edit can change (records name steps and people, never catalogue entries).
    """
    lke_read = read_lke(root)
    loaded = load_manual_partial(root, warnings=False)
    manual, problems = loaded.manual, loaded.problems + list(lke_read.problems)
    if manual is None:
        return Data(None, [], [], sort_problems(problems))
    lke, found = _checked_lke(lke_read, manual, loaded.failed, problems)
    problems = problems + found
    records: list[Record] = []
    monitoring: list[Monitoring] = []
    found, found_too = [], []
    if with_records:
        versions, found = read_versions(root, manual)
        manual, problems = replace(manual, versions=versions), problems + found
        records, found = load_records(root, manual, today, skip=loaded.failed)
        monitoring, found_too = load_monitoring(root, manual, today, skip=loaded.failed)
    documents_known = not any(p.path == DOCUMENT_FILE for p in errors_only(problems))
    performance, found_also = load_performance(root, manual, today, skip=loaded.failed, documents_known=documents_known)
    found += found_too + found_also + nip_problems(root, manual, records, monitoring)
    # As before the performance data: checked when the manual is whole, and the performance files too (a broken
    # one would hide the roles it names).
    if warnings and loaded.catalogues is not None and not errors_only(loaded.problems + found_also):
        found += unused_entries(manual, loaded.catalogues, _used_elsewhere(manual, lke_read, performance))
    problems = sort_problems(problems + found)
    return Data(None if errors_only(problems) else manual, records, monitoring, problems, performance, lke)


def _used_elsewhere(manual: Manual, lke: LkeRead, performance: Performance) -> dict[str, set[str]]:
    """Catalogue keys no SOP names but other data does (the LKE's documents, the indicators' and PKs' roles):
    not reported unused."""
    roles = {
        manual.agency(data.agency_id).key("jabatan", role_id, twin=False)
        for data in performance.agencies for role_id in data.role_ids()
    }
    return {"dokumen": lke.named()["dokumen"], "jabatan": roles}


def _checked_lke(read: LkeRead, manual: Manual, failed: set[str], problems: list[Problem]) -> tuple[Lke | None, list[Problem]]:
    """The LKE's ids against the manual: every SOP file counts, a broken document catalogue is not judged."""
    broken = any(p.path == DOCUMENT_FILE for p in errors_only(problems))
    documents = None if broken else manual.catalogue.documents
    return check_lke(read, documents, {sop.id for sop in manual.sops} | failed)


def nip_problems(root: Path, manual: Manual, records: list[Record], monitoring: list[Monitoring]) -> list[Problem]:
    """One NIP, one person, across the catalogue, the SOPs, the records and the monitoring notes."""
    found = conflicts(chain(sightings(manual, records), nip_sightings(monitoring)))
    # Conflicts are rare: only their files are read again, for the line of each NIP.
    files: dict[str, LoadedFile | None] = {}
    return [_located(root, conflict, files) for conflict in found]


def _located(root: Path, conflict: Conflict, files: dict[str, LoadedFile | None]) -> Problem:
    later, first = (_loaded(root, s.path, files) for s in (conflict.later, conflict.first))
    first_line = first.mark(conflict.first.loc)[0] if first else 1
    message = conflict.message(first_line)
    if later is None:
        return Problem.whole_file(conflict.later.path, message)
    return later.problem(conflict.later.loc, message)


def _loaded(root: Path, rel: str, files: dict[str, LoadedFile | None]) -> LoadedFile | None:
    if rel not in files:
        files[rel] = load_file(root, rel)[0]
    return files[rel]
