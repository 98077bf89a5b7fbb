"""Each SOP's versions as its pages list them: when each was in force, what it changed, and which page shows it.

The version in force on the reference date is shown on the SOP's own page; every other version has a page
of its own, so an old record can link the form it was judged by.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.manual.changes import SopChanges, sop_changes
from generator.manual.model import Manual, Sop, Span, Version
from generator.render import urls
from generator.trail.history import Change

IN_FORCE = "berlaku"
NOT_YET = "belum berlaku"
ENDED = "tidak berlaku lagi"
NEVER = "tidak pernah berlaku"
REVOKED = "dicabut"


@dataclass(frozen=True)
class VersionRow:
    number: int  # 1 for the oldest
    version: Version
    span: Span | None  # None: replaced before it took effect
    state: str  # one of the four states above, on the reference date
    page: str  # the page that shows this version
    changes: SopChanges | None  # from the previous version; None for the first
    pr: int | None  # the pull request that merged it, when the history names one

    @property
    def sop(self) -> Sop:
        return self.version.sop


@dataclass(frozen=True)
class VersionList:
    rows: tuple[VersionRow, ...]
    shown: VersionRow  # the version in force on the reference date, shown on the SOP page
    available: bool  # False: git could not tell, and the working copy is the only version known

    @property
    def upcoming(self) -> VersionRow | None:
        """The next version to take effect after the one shown."""
        later = [row for row in self.rows if row.state == NOT_YET and row.number > self.shown.number]
        return min(later, key=lambda row: row.span.first if row.span else date.max, default=None)

    def row_of(self, version: Version) -> VersionRow:
        return next((row for row in self.rows if row.version.commit == version.commit), self.shown)


def version_list(manual: Manual, sop: Sop, today: date, changes_by_commit: dict[str, Change]) -> VersionList:
    """`sop` is the SOP as the working copy holds it; `changes_by_commit` names each commit's pull request."""
    versions = manual.versions
    known = versions.of(sop.id) if versions is not None else ()
    if not known:
        only = Version(sop, None, None)
        span = _until_revoked(Span(sop.spec.effective.first, None), sop.spec.revoked_from)
        row = VersionRow(1, only, span, _state(span, today, sop.spec.revoked_from), urls.sop_page(sop.id), None, None)
        return VersionList((row,), row, False)
    assert versions is not None
    shown = versions.in_force(sop.id, today)
    rows = []
    for number, (version, span) in enumerate(zip(known, versions.spans(sop.id), strict=True), 1):
        change = changes_by_commit.get(version.commit) if version.commit else None
        rows.append(VersionRow(
            number=number,
            version=version,
            span=(capped := _until_revoked(span, sop.spec.revoked_from)),
            state=_state(capped, today, sop.spec.revoked_from),
            page=urls.sop_page(sop.id) if version is shown else urls.version_page(sop.id, version.commit),
            changes=sop_changes(known[number - 2].sop.spec, version.sop.spec) if number > 1 else None,
            pr=change.pr if change else None,
        ))
    shown_row = next(row for row in rows if row.version is shown)
    return VersionList(tuple(rows), shown_row, versions.available)


def _until_revoked(span: Span | None, revoked_from: date | None) -> Span | None:
    """A revocation (in the newest file) ends whichever version would otherwise still be in force."""
    if span is None or revoked_from is None or (span.last is not None and span.last < revoked_from):
        return span
    if span.first >= revoked_from:
        return None
    return Span(span.first, revoked_from - timedelta(days=1))


def _state(span: Span | None, today: date, revoked_from: date | None = None) -> str:
    if span is None:
        return NEVER
    if span.first > today:
        return NOT_YET
    if span.last is not None and span.last < today:
        revoked = revoked_from is not None and span.last == revoked_from - timedelta(days=1)
        return REVOKED if revoked else ENDED
    return IN_FORCE
