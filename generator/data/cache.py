"""Results kept across rebuilds in one process (`mkdocs serve`): a file's parse, keyed by its content, and
values computed from earlier results, kept while those stay the same objects.

An unchanged file is not parsed or validated again. The key is a hash of the bytes,
not the modification time: file times are too coarse to tell two quick edits apart.
A file is read again unless its status (inode, size, times) is the one it had when last
read and that read came well after its last change (as git's index treats "racily clean"
files): then no edit can have kept the same status, and the hash is not recomputed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator.data.fsutil import UnreadableFile, read_inside_stat
from generator.data.yamlload import MAX_FILE_BYTES

T = TypeVar("T")
SETTLED_NS = 2_000_000_000  # coarser than any file system's time stamps (FAT: 2 s)


@dataclass(frozen=True)
class _Entry:
    stamp: bytes
    value: Any
    status: tuple[int, ...]  # of the file read, for the quick check
    settled: bool  # read well after its last change: an equal status means equal bytes


_entries: dict[tuple[str, str, str], _Entry] = {}
KEPT_PER_SLOT = 4
_derived: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], Any]]] = {}
_stamps: dict[tuple[str, str], bytes] = {}


def _status(result: os.stat_result) -> tuple[int, ...]:
    return (result.st_dev, result.st_ino, result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_mode)


def _unchanged(root: Path, rel: str, entry: _Entry) -> bool:
    if not entry.settled:
        return False
    try:
        now = os.lstat(f"{root}/{rel}")  # a symlink put in its place has another status, and is then refused on reading
    except OSError:
        return False
    return stat.S_ISREG(now.st_mode) and _status(now) == entry.status


def cached(root: Path, rel: str, kind: str, compute: Callable[[bytes | None], T]) -> T:
    """`compute(content)` for the file's current bytes, or the result it gave for the same bytes before.

    `compute(None)` when the file may not be read (a symlink, too large, gone), so the loader reports why.
    """
    key = (str(root), rel, kind)
    hit = _entries.get(key)
    if hit is not None and _unchanged(root, rel, hit):
        return hit.value  # type: ignore[no-any-return]
    started = time.time_ns()  # not in any output: only whether the status can be trusted next time
    try:
        content, status = read_inside_stat(root, rel, MAX_FILE_BYTES)
    except UnreadableFile:
        _entries.pop(key, None)
        return compute(None)
    stamp = content_stamp(content)
    _stamps[(str(root), rel)] = stamp
    settled = max(status.st_mtime_ns, status.st_ctime_ns) + SETTLED_NS < started
    if hit is not None and hit.stamp == stamp:
        _entries[key] = _Entry(stamp, hit.value, _status(status), settled)
        return hit.value  # type: ignore[no-any-return]
    value = compute(content)
    _entries[key] = _Entry(stamp, value, _status(status), settled)
    return value


def content_stamp(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def stamp(root: Path, rel: str) -> bytes | None:
    """The content hash of `rel` as last read through `cached`; None if it was not."""
    return _stamps.get((str(root), rel))


def remembered(slot: tuple[Any, ...], inputs: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned for `slot` before when every input was the same as now: the same object,
    or an equal text, number or date. Inputs are earlier cached results, so an edit makes new ones.

    A slot keeps its last few results: an SOP's versions share its slots, and are asked for in turn."""
    kept = _derived.setdefault(slot, [])
    for i, (before, value) in enumerate(kept):
        if len(before) == len(inputs) and all(map(_same, before, inputs)):
            if i:
                kept.insert(0, kept.pop(i))
            return value  # type: ignore[no-any-return]
    value = compute()
    kept.insert(0, (inputs, value))
    del kept[KEPT_PER_SLOT:]
    return value


def _same(a: Any, b: Any) -> bool:
    return a is b or (type(a) is type(b) and isinstance(a, (str, bytes, int, date)) and a == b)


def clear() -> None:
    _entries.clear()
    _derived.clear()
    _stamps.clear()
