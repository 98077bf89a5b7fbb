"""How far git proves that a change was approved: three levels, and the reasons behind each.

- terverifikasi: a merge commit (two parents), signed with SSH by a key that the `allowed_signers` in force
  before the merge gives to an owner of every changed path (per the CODEOWNERS in force before the merge),
  and that owner is not the only author of what the merge brought;
- diklaim: a pull request or an approver is named, but only in message text, which anyone can type;
- tanpa persetujuan: neither.

The rules in force before a change judge it, never today's: a later commit cannot turn an old change clean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone

from generator.trail.evidence import Facts, Rules
from generator.trail.history import Change, History

VERIFIED = "terverifikasi"
CLAIMED = "diklaim"
NONE = "tanpa persetujuan"
LEVELS = (VERIFIED, CLAIMED, NONE)


@dataclass(frozen=True)
class Verdict:
    level: str  # one of LEVELS
    reasons: tuple[str, ...]  # why it is not verified (Indonesian), empty when verified
    warnings: tuple[str, ...] = ()  # what an auditor must look at whatever the level (dates, widened rights)
    signer: tuple[str, ...] = ()  # the principals of the key that signed it, when it verified


@dataclass(frozen=True)
class TrailRow:
    change: Change
    verdict: Verdict

    @property
    def flags(self) -> list[str]:
        """Everything an auditor should look at twice: the reasons it is not verified, then the warnings."""
        return [*self.verdict.reasons, *self.verdict.warnings]

    @property
    def verified(self) -> bool:
        return self.verdict.level == VERIFIED and not self.verdict.warnings


@dataclass(frozen=True)
class Trail:
    """What a page says about one file's history."""

    available: bool
    reason: str
    rows: list[TrailRow]

    def last_approved(self, until: str | None = None) -> Change | None:
        """The newest verified change; with `until`, the newest up to that commit, so an older version's form
        never shows a later revision's date."""
        rows = self.rows
        if until is not None:
            at = next((i for i, row in enumerate(rows) if row.change.commit == until), len(rows))
            rows = rows[at:]
        return next((row.change for row in rows if row.verified), None)


def judge(change: Change, facts: Facts | None, today: date) -> Verdict:
    if facts is None:
        return Verdict(NONE, ("riwayat commit ini tidak terbaca",))
    reasons, warnings = _unverified(change, facts), tuple(_warnings(facts, today))
    if reasons:
        return Verdict(CLAIMED if change.pr is not None or change.approvers else NONE, tuple(reasons), warnings)
    assert facts.signature is not None  # a verified change is a good signature
    return Verdict(VERIFIED, (), warnings, tuple(sorted(facts.before.signers.principals_of(facts.signature.fingerprint))))


def _unverified(change: Change, facts: Facts) -> list[str]:
    """Why git does not prove an owner's approval; empty when it does."""
    if len(facts.parents) < 2:
        return ["bukan merge commit: " + ("nomor PR hanya tertulis di pesan" if change.pr is not None else "masuk langsung")]
    signature = facts.signature
    if signature is None or signature.status == "N":
        return ["merge tidak ditandatangani"]
    if signature.status != "G":
        return ["tanda tangan tidak cocok dengan kunci mana pun di allowed_signers sebelum merge"]
    signer = facts.before.signers.principals_of(signature.fingerprint)
    reasons = [
        f"penanda tangan bukan pemilik {path}" for path in change.files if not _owned(path, signer, facts.before)
    ]
    if facts.authors and facts.authors <= facts.before.signers.identities_of(signer):
        reasons.append("disetujui sendiri: penanda tangan satu-satunya penulis perubahan")
    elif not facts.authors:
        reasons.append("penulis perubahan tidak terbaca")
    return reasons


def _owned(path: str, signer: frozenset[str], rules: Rules) -> bool:
    groups = rules.owners.required_groups(path)
    return bool(groups) and all(signer & {owner.lower() for owner in group} for group in groups)


def _warnings(facts: Facts, today: date) -> list[str]:
    found = []
    if facts.parent_time is not None and facts.time < facts.parent_time:
        found.append("tanggal commit lebih awal dari commit sebelumnya (tanggal mundur)")
    if facts.time and datetime.fromtimestamp(facts.time, timezone.utc).date() > today:
        found.append(f"tanggal commit sesudah tanggal acuan {today.isoformat()}")
    if facts.after is not None and _widens_own_rights(facts):
        found.append("memperluas hak penulisnya sendiri (CODEOWNERS atau allowed_signers)")
    return found


def _widens_own_rights(facts: Facts) -> bool:
    """The change gives one of its own authors a key or an ownership they did not have before."""
    assert facts.after is not None
    before, after = facts.before, facts.after
    selves = before.signers.identities_of(facts.authors) | after.signers.identities_of(facts.authors)
    new_keys = after.signers.pairs() - before.signers.pairs()
    new_owners = after.owners.pairs() - before.owners.pairs()
    return any(principal in selves for principal, _ in new_keys) or any(owner in selves for _, owner in new_owners)


def flagged_changes(history: History, today: date) -> tuple[TrailRow, ...]:
    """Every change, newest first, with its verdict: computed once, though a change may touch many files."""
    return tuple(TrailRow(c, judge(c, history.facts.get(c.commit), today)) for c in history.changes)


def trail_of(history: History, path: str, judged: Mapping[Change, Verdict] | None = None, today: date | None = None) -> Trail:
    """One file's trail; `judged` holds verdicts already computed (see `flagged_changes`), else `today` judges."""
    rows = []
    for change in history.of(path):
        verdict = judged[change] if judged is not None else judge(change, history.facts.get(change.commit), today or date.max)
        rows.append(TrailRow(change, verdict))
    return Trail(history.available, history.reason, rows)
