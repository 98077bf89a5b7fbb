"""History views: the "Riwayat Revisi" rows of one file, and the Jejak Audit page."""

from __future__ import annotations

from generator.data.dates import MONTHS
from generator.manual.model import Manual
from generator.render import urls
from generator.render.templating import render
from generator.trail.codeowners import CodeOwners
from generator.trail.history import Change, History, flags


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
