"""Load everything the site is built from: SOP definitions, then the records checked against them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.data.yamlload import LoadedFile, load_file
from generator.errors import Problem, errors_only, sort_problems
from generator.manual.load import load_manual_partial
from generator.manual.versions import read_versions
from generator.manual.model import Manual
from generator.records.load import load_records
from generator.records.model import Record
from generator.records.nips import Conflict, conflicts, sightings


def load_all(root: Path, today: date, warnings: bool = True) -> tuple[Manual | None, list[Record], list[Problem]]:
    """The Manual is None when any error was found.

    Records are checked against every SOP that is valid, so one broken SOP does not hide the records'
    problems; records of a broken SOP wait for it to be fixed. `today` is the reference date: records
    may not tell of later days or periods.
    """
    loaded = load_manual_partial(root, warnings)
    manual, problems = loaded.manual, loaded.problems
    if manual is None:
        return None, [], problems
    versions, found = read_versions(root, manual)
    manual, problems = replace(manual, versions=versions), problems + found
    records, found = load_records(root, manual, today, skip=loaded.failed)
    found += _nip_problems(root, manual, records)
    problems = sort_problems(problems + found)
    return (None if errors_only(problems) else manual), records, problems


def _nip_problems(root: Path, manual: Manual, records: list[Record]) -> list[Problem]:
    """One NIP, one person, across the catalogue, the SOPs and the records."""
    found = conflicts(sightings(manual, records))
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
