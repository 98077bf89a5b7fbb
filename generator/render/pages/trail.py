"""History views: the Jejak Audit page (one file's "Riwayat Revisi" rows are its Trail, shown by _riwayat.md.j2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from generator.data.dates import MONTHS
from generator.manual.model import Manual
from generator.records.model import Record
from generator.render import urls
from generator.render.forge import Forge
from generator.render.templating import render
from generator.trail.approval import LEVELS, TrailRow, Verdict
from generator.trail.codeowners import CodeOwners
from generator.trail.history import DATA_FOLDERS, Change, History
from generator.trail.integrity import Integrity

DATA_PREFIXES = tuple(f"{folder}/" for folder in DATA_FOLDERS)


@dataclass(frozen=True)
class FileLink:
    path: str
    href: str | None  # the SOP's or the record's page
    changes: tuple[str, ...] = ()  # what the change did to the file, in SOP or record terms (trail.filediff)


@dataclass(frozen=True)
class AuditEntry:
    change: Change
    verdict: Verdict
    files: list[FileLink]
    agencies: list[str]  # agency ids the change touched, for the filter
    month: str  # "2025-02", for the filter
    commit_href: str | None = None  # on the forge, when repo_url is set
    pr_href: str | None = None  # only for a merge: a number in a one-parent commit's text proves no PR


@dataclass(frozen=True)
class Month:
    key: str
    label: str
    entries: list[AuditEntry]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def render_audit(
    manual: Manual, history: History, owners: CodeOwners, changes: tuple[TrailRow, ...], records: list[Record],
    link: urls.Linker, integrity: Integrity | None = None, forge: Forge | None = None,
    file_changes: Mapping[tuple[str, str], tuple[str, ...]] | None = None,
) -> str:
    """`changes`: every change of `history`, newest first, with its verdict; `owners`: today's CODEOWNERS;
    `integrity`: the check against the previous build's head (None when none was made); `file_changes`: what each
    change did to each data file, by (commit, file)."""
    said = file_changes or {}
    page = urls.AUDIT
    # Once, not once per change: history grows with the repository.
    pages = {sop.source: link(page, urls.sop_page(sop.id)) for sop in manual.sops}
    pages |= {record.source: link(page, urls.record_url(record)) for record in records}
    agency_of = {sop.source: sop.agency_id for sop in manual.sops} | {r.source: r.sop.agency_id for r in records}
    months: dict[tuple[int, int], list[AuditEntry]] = {}
    for row in changes:
        change = row.change
        key = (change.day.year, change.day.month)
        # The data first: an auditor reads what changed in the manual before the code and settings around it.
        ordered = sorted(change.files, key=lambda path: not path.startswith(DATA_PREFIXES))
        files = [FileLink(path, pages.get(path), said.get((change.commit, path), ())) for path in ordered]
        agencies = sorted({agency_of[path] for path in change.files if path in agency_of})
        months.setdefault(key, []).append(AuditEntry(
            change, row.verdict, files, agencies, f"{key[0]:04d}-{key[1]:02d}",
            commit_href=forge.commit_url(change.commit) if forge else None,
            pr_href=forge.pr_url(change.pr) if forge and change.pr is not None and change.is_merge else None,
        ))
    counts = Counter(row.verdict.level for row in changes)
    return render(
        "jejak_audit.md.j2",
        history=history,
        owners=owners,
        months=[Month(f"{y:04d}-{m:02d}", f"{MONTHS[m - 1]} {y}", entries) for (y, m), entries in months.items()],
        counts=[(level, counts.get(level, 0)) for level in LEVELS],
        warned=sum(bool(row.verdict.warnings) for row in changes),
        agencies=[Choice(a.id, a.spec.abbreviation) for a in manual.agencies],
        levels=LEVELS,
        integrity=integrity,
    )
