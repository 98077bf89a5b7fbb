"""History views: the Jejak Audit page (one file's "Riwayat Revisi" rows are its Trail, shown by _riwayat.md.j2)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.dates import MONTHS
from generator.manual.model import Manual
from generator.render import urls
from generator.render.templating import render
from generator.trail.approval import TrailRow
from generator.trail.codeowners import CodeOwners
from generator.trail.history import Change, History


@dataclass(frozen=True)
class FileLink:
    path: str
    href: str | None  # the SOP page, for an SOP's data file


@dataclass(frozen=True)
class AuditEntry:
    change: Change
    flags: list[str]
    files: list[FileLink]


@dataclass(frozen=True)
class Month:
    label: str
    entries: list[AuditEntry]


def render_audit(manual: Manual, history: History, owners: CodeOwners, changes: tuple[TrailRow, ...], link: urls.Linker) -> str:
    """`changes`: every change of `history`, newest first, with the flags gathered for it."""
    page = urls.AUDIT
    sop_of = {sop.source: sop for sop in manual.sops}  # once, not once per change: history grows with the repo
    months: dict[tuple[int, int], list[AuditEntry]] = {}
    for row in changes:
        change = row.change
        files = [FileLink(path, link(page, urls.sop_page(sop_of[path].id)) if path in sop_of else None) for path in change.files]
        months.setdefault((change.day.year, change.day.month), []).append(AuditEntry(change, row.flags, files))
    return render(
        "jejak_audit.md.j2",
        history=history,
        owners=owners,
        months=[Month(f"{MONTHS[m - 1]} {y}", entries) for (y, m), entries in months.items()],
        flagged=sum(bool(row.flags) for row in changes),
    )
