"""Load everything the site is built from: SOP definitions, then the records checked against them."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, errors_only, sort_problems
from generator.manual import load_manual
from generator.model import Manual
from generator.records import Record, load_records


def load_all(root: Path, warnings: bool = True) -> tuple[Manual | None, list[Record], list[Problem]]:
    """The Manual is None when any error was found; records are checked only against a valid Manual."""
    manual, problems = load_manual(root, warnings)
    if manual is None:
        return None, [], problems
    records, found = load_records(root, manual)
    problems = sort_problems(problems + found)
    return (None if errors_only(problems) else manual), records, problems
