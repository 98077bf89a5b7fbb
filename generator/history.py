"""The approval trail, read from git itself: every change that reached the current branch.

Walks the first-parent chain of HEAD, so each entry is one arrival on the main
line: a pull-request merge, a squash commit, or a direct commit. A merge's file
list is its diff against the first parent: everything the pull request brought.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from generator.codeowners import CodeOwners, same_person

TRAILERS = re.compile(r"^(Disetujui-oleh|Approved-by|Reviewed-by):\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
MERGE_PR = re.compile(r"^Merge pull request #(\d+) from (\S+)")
SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")
_RS, _FS = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    commit: str
    day: date
    author: str
    subject: str
    pr: int | None
    approvers: tuple[str, ...]
    files: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.commit[:8]


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""
    changes: tuple[Change, ...] = ()  # newest first
    by_file: dict[str, list[Change]] = field(default_factory=dict)

    def of(self, path: str) -> list[Change]:
        return self.by_file.get(path, [])


def flags(change: Change, owners: CodeOwners) -> list[str]:
    """Why an auditor should look twice at this change; empty when it went through review."""
    found = []
    if change.pr is None:
        found.append("tanpa pull request")
    if not change.approvers:
        found.append("tanpa penyetuju")
    else:
        for path in change.files:
            unit_owners = owners.owners_of(path)
            if unit_owners and not any(same_person(a, o) for a in change.approvers for o in unit_owners):
                found.append(f"penyetuju bukan pemilik {path} ({', '.join(unit_owners)})")
    return found


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def read_history(root: Path, folders: tuple[str, ...] = ("sop_defs", "records")) -> History:
    if shutil.which("git") is None:
        return History(False, "git tidak terpasang")
    if _git(root, "rev-parse", "--verify", "HEAD") is None:
        return History(False, "folder ini bukan repositori git atau belum ada commit")
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History(False, "repositori ini klon dangkal (shallow clone); riwayat lengkap tidak tersedia")
    out = _git(
        root, "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
        "--name-only", "--relative", f"--format={_RS}%H{_FS}%P{_FS}%an{_FS}%cI{_FS}%s{_FS}%b{_FS}",
        "--", *folders,
    )
    if out is None:
        return History(False, "riwayat git tidak dapat dibaca")
    raw = [_split(chunk) for chunk in out.split(_RS) if chunk.strip()]
    branch_authors = _authors(root, [parents[1] for _, parents, *_ in raw if len(parents) > 1])
    changes = tuple(_change(entry, branch_authors) for entry in raw)
    by_file: dict[str, list[Change]] = {}
    for change in changes:
        for path in change.files:
            by_file.setdefault(path, []).append(change)
    return History(True, "", changes, by_file)


def _split(chunk: str) -> tuple[str, list[str], str, str, str, str, list[str]]:
    commit, parents, author, when, subject, body, names = chunk.split(_FS, 6)
    files = [line for line in names.splitlines() if line.strip()]
    return commit, parents.split(), author, when, subject, body, files


def _authors(root: Path, commits: list[str]) -> dict[str, str]:
    if not commits:
        return {}
    out = _git(root, "log", "--no-walk", f"--format=%H{_FS}%an", *commits) or ""
    return dict(line.split(_FS, 1) for line in out.splitlines() if _FS in line)


def _change(entry: tuple[str, list[str], str, str, str, str, list[str]], branch_authors: dict[str, str]) -> Change:
    commit, parents, author, when, subject, body, files = entry
    pr = None
    title = subject
    merge = MERGE_PR.match(subject)
    if merge:
        pr = int(merge.group(1))
        title = next((line.strip() for line in body.splitlines() if line.strip() and not TRAILERS.match(line)), subject)
        if len(parents) > 1:
            author = branch_authors.get(parents[1], author)
    elif squash := SQUASH_PR.search(subject):
        pr = int(squash.group(1))
        title = subject[: squash.start()].rstrip()
    approvers = tuple(dict.fromkeys(m.group(2) for m in TRAILERS.finditer(body)))
    return Change(
        commit=commit,
        day=datetime.fromisoformat(when).date(),
        author=author,
        subject=title,
        pr=pr,
        approvers=approvers,
        files=tuple(sorted(files)),
    )
