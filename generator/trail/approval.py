"""What a page says about one file's history: each change with the review flags it raised."""

from __future__ import annotations

from dataclasses import dataclass

from generator.trail.codeowners import CodeOwners
from generator.trail.history import Change, History, flags


@dataclass(frozen=True)
class TrailRow:
    change: Change
    flags: list[str]


@dataclass(frozen=True)
class Trail:
    """What a page says about one file's history."""

    available: bool
    reason: str
    rows: list[TrailRow]

    def last_approved(self) -> Change | None:
        """The newest change that went through review (a pull request approved by the file's owner)."""
        return next((row.change for row in self.rows if not row.flags), None)


def trail_of(history: History, owners: CodeOwners, path: str) -> Trail:
    rows = [TrailRow(c, flags(c, owners)) for c in history.of(path)]
    return Trail(history.available, history.reason, rows)
