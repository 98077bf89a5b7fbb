"""Whether history was rewritten since the last build: each build publishes the head it was built from
(`jejak.json`), and the next build checks that this head is still an ancestor of its own.

A rewrite (to swap an approver, or drop a change) leaves the old head outside the new history: git cannot
prevent it, but it cannot hide it from a build that remembers. Every rewrite found is carried forward in
`jejak.json`, so the audit page keeps showing it after later builds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.data.gitblobs import run_git

RECORD_NAME = "jejak.json"
HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


@dataclass(frozen=True)
class Rewrite:
    before: str  # the head a build was made from
    after: str  # the head of the first build that no longer contained it


@dataclass(frozen=True)
class Record:
    head: str
    rewrites: tuple[Rewrite, ...] = ()


@dataclass(frozen=True)
class Integrity:
    head: str  # what this build is built from
    previous: str | None  # what the previous build recorded, when it could be read
    source: str  # where the previous record was read
    rewrites: tuple[Rewrite, ...]  # every rewrite found so far, oldest first

    @property
    def rewritten_now(self) -> bool:
        return bool(self.rewrites) and self.rewrites[-1].after == self.head and self.rewrites[-1].before == self.previous

    def message(self, rewrite: Rewrite) -> str:
        """The warning to show (Indonesian)."""
        return (
            f"riwayat git ditulis ulang: commit {rewrite.before}, dasar sebuah build sebelumnya, tidak termasuk "
            f"riwayat commit {rewrite.after}. Perubahan yang tercatat sebelumnya mungkin telah diubah atau dihapus; "
            "bandingkan dengan arsip situs yang lalu."
        )


def record(checked: Integrity) -> str:
    """The file published with the site: its head, and the rewrites found so far."""
    data = {"head": checked.head, "ditulis_ulang": [{"sebelumnya": r.before, "sesudah": r.after} for r in checked.rewrites]}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def read_record(path: Path) -> Record | None:
    """What a previous build recorded; None when the file is absent or not one of ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    head = data.get("head") if isinstance(data, dict) else None
    if not isinstance(head, str) or not HASH.fullmatch(head):
        return None
    rewrites = data.get("ditulis_ulang", [])
    found = tuple(
        Rewrite(r["sebelumnya"], r["sesudah"]) for r in rewrites if isinstance(rewrites, list)
        if isinstance(r, dict) and all(isinstance(r.get(k), str) and HASH.fullmatch(r[k]) for k in ("sebelumnya", "sesudah"))
    )
    return Record(head, found)


def check(root: Path, head: str, previous: Record | None, source: str) -> Integrity:
    """The previous head must be an ancestor of `head` (or equal to it); git answers, one process."""
    if previous is None or not head:
        return Integrity(head, None, source, ())
    kept = run_git(root, "merge-base", "--is-ancestor", previous.head, head) is not None
    rewrites = previous.rewrites if kept else (*previous.rewrites, Rewrite(previous.head, head))
    return Integrity(head, previous.head, source, rewrites)
