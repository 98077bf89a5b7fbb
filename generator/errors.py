"""The one error type: every problem found in the data is a value of this type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in one input file, located by line and column (1-based)."""

    path: str
    line: int
    column: int
    key: str
    message: str
    severity: Severity = Severity.ERROR

    @classmethod
    def whole_file(cls, path: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem of the file as a whole (its name, place or encoding): line 1, column 1, no key."""
        return cls(path, 1, 1, "", message, severity)

    def format(self) -> str:
        """One line `path:line:column: [key] message`; a name or value from the data cannot break it into two."""
        where = f"{_visible(self.path)}:{self.line}:{self.column}"
        key = f" [{_visible(self.key)}]" if self.key else ""
        prefix = "peringatan: " if self.severity is Severity.WARNING else ""
        return f"{where}:{key} {prefix}{_visible(self.message)}"


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(text: str) -> str:
    """Control characters as escapes (`\\n`, `\\x1b`): a file name or value could otherwise forge a line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.message))


def format_problems(problems: list[Problem], advice: str = "") -> str:
    """The one report of problems, for the CLI and the site build alike: one line each, then the count.

    Warnings are listed but only errors are counted; `advice` follows the count (what to do next).
    """
    errors = len(errors_only(problems))
    warnings = len(problems) - errors
    counts = [f"{errors} galat ditemukan"] if errors else []
    if warnings:
        counts.append(f"{warnings} peringatan")
    summary = ", ".join(counts) or "tidak ada masalah"
    lines = [p.format() for p in problems]
    return "\n".join([*lines, "", summary + (f"; {advice}" if advice else ".")])
