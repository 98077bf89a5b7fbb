"""What a page says about one file's history: each change with the review flags it raised."""

from __future__ import annotations

from collections.abc import Mapping
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

    def last_approved(self, until: str | None = None) -> Change | None:
        """The newest change that went through review (a pull request approved by the file's owner); with `until`,
        the newest up to that commit, so an older version's form never shows a later revision's date."""
        rows = self.rows
        if until is not None:
            at = next((i for i, row in enumerate(rows) if row.change.commit == until), len(rows))
            rows = rows[at:]
        return next((row.change for row in rows if not row.flags), None)


def flagged_changes(history: History, owners: CodeOwners) -> tuple[TrailRow, ...]:
    """Every change, newest first, with its flags: computed once, though a change may touch many files."""
    return tuple(TrailRow(c, flags(c, owners)) for c in history.changes)


def trail_of(
    history: History, owners: CodeOwners, path: str, flagged: Mapping[Change, list[str]] | None = None
) -> Trail:
    """One file's trail; `flagged` holds flags already computed (see `flagged_changes`), else they are computed here."""
    rows = [TrailRow(c, flagged[c] if flagged is not None else flags(c, owners)) for c in history.of(path)]
    return Trail(history.available, history.reason, rows)
