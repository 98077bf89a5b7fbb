"""History views: the "Riwayat Revisi" rows of one file, and the Jejak Audit page."""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.codeowners import CodeOwners
from generator.dates import MONTHS
from generator.history import Change, History, flags
from generator.model import Manual
from generator.templating import render


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


def render_audit(manual: Manual, history: History, owners: CodeOwners, link: urls.Linker) -> str:
    page = urls.AUDIT
    sop_of = {sop.source: sop for sop in manual.sops}  # once, not once per change: history grows with the repo
    months: dict[tuple[int, int], list[tuple[Change, list[str], list[tuple[str, str | None]]]]] = {}
    flagged = 0
    for change in history.changes:
        found = flags(change, owners)
        flagged += bool(found)
        files = [(path, link(page, urls.sop_page(sop_of[path].id)) if path in sop_of else None) for path in change.files]
        months.setdefault((change.day.year, change.day.month), []).append((change, found, files))
    groups = [(f"{MONTHS[m - 1]} {y}", items) for (y, m), items in months.items()]
    return render(
        "jejak_audit.md.j2",
        history=history,
        owners=owners,
        groups=groups,
        flagged=flagged,
    )
