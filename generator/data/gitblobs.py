"""Every committed version of the files under one folder, read from git: the store of SOP versions.

Two git processes however long the history: `git log --raw -z` lists, for each commit of the
main line, the blob each changed file got; `git cat-file --batch` reads each distinct blob once,
by its size. Only hashes, dates git formats itself, and NUL-terminated paths are parsed, so no
commit message or file name can shape what is read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_HEAD = re.compile(rb"([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9]{4})-([0-9]{2})-([0-9]{2})T[0-9:]{8}[+-][0-9:]{5}")
_RAW = re.compile(rb"\n?:[0-7]{6} [0-7]{6} [0-9a-f]{40,64} ([0-9a-f]{40,64}) ([AMDTUX])[0-9]*")
_ABSENT = re.compile(rb"0+")


@dataclass(frozen=True)
class Committed:
    """One file as one commit left it. `content` is None when the blob is larger than the limit."""

    path: str
    commit: str
    day: date  # the commit's date, as git formats it in the committer's time zone
    blob: str
    content: bytes | None


def committed_versions(root: Path, top: str, limit: int, names: Collection[str] = ()) -> list[Committed] | None:
    """Each commit's new content of each file under `root/top`, newest commit first; None when git cannot tell.

    `names`: only files of these names, in any folder below `top` (an SOP keeps its versions when moved), so
    that a check of a few files reads their history alone. Each name is a file name of letters, digits,
    `-`, `_` and `.` (an SOP id and `.yaml`), never a pattern.
    """
    if shutil.which("git") is None:
        return None
    specs = [f":(glob){top}/**/{name}" for name in sorted(names)] or [top]
    listed = run_git(
        root, "log", "-z", "--no-color", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev",
        "--no-renames", "--relative", "--format=%x00%H %cI", "--", *specs,
    )
    changes = None if listed is None else parse_raw_log(listed)
    if changes is None:
        return None
    contents = read_blobs(root, [blob for *_, blob in changes], limit)
    if contents is None:
        return None
    return [Committed(path, commit, day, blob, contents.get(blob)) for commit, day, path, blob in changes]


def parse_raw_log(out: bytes) -> list[tuple[str, date, str, str]] | None:
    """(commit, day, path, new blob) of each added or changed file; None when the output is not the expected shape."""
    found: list[tuple[str, date, str, str]] = []
    parts, i, head = out.split(b"\0"), 0, None
    while i < len(parts):
        token = parts[i]
        if not token:
            i += 1
        elif i > 0 and not parts[i - 1] and (match := _HEAD.fullmatch(token)):
            try:
                head = (match[1].decode("ascii"), date(int(match[2]), int(match[3]), int(match[4])))
            except ValueError:
                return None
            i += 1
        elif (raw := _RAW.fullmatch(token)) and head is not None and i + 1 < len(parts) and parts[i + 1]:
            if raw[2] != b"D" and not _ABSENT.fullmatch(raw[1]):
                found.append((*head, parts[i + 1].decode("utf-8", "surrogateescape"), raw[1].decode("ascii")))
            i += 2
        else:
            return None
    return found


def read_blobs(root: Path, blobs: list[str], limit: int) -> dict[str, bytes] | None:
    """Blob hash -> content, each read once; blobs larger than `limit` are left out (their files are refused)."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = run_git(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in wanted).encode())
    if out is None:
        return None
    contents: dict[str, bytes] = {}
    at = 0
    for blob in wanted:
        end = out.find(b"\n", at)
        head = out[at:end].split(b" ")
        if end < 0 or len(head) != 3 or head[0].decode("ascii", "replace") != blob or not head[2].isdigit():
            return None
        size = int(head[2])
        if size <= limit:
            contents[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the object, then git's newline
    return contents


def run_git(root: Path, *args: str, stdin: bytes | None = None, timeout: int = 300) -> bytes | None:
    """git's output, or None when git is missing, fails or takes longer than `timeout` seconds."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def is_shallow(root: Path) -> bool:
    """True unless `root` is in a full git repository (a shallow clone lacks the older versions)."""
    out = run_git(root, "rev-parse", "--is-shallow-repository")
    return out is None or out.strip() != b"false"
