"""Parse results kept across rebuilds in one process (`mkdocs serve`), keyed by file and content hash.

An unchanged file is not parsed or validated again. The key is a hash of the bytes,
not the modification time: file times are too coarse to tell two quick edits apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.data.fsutil import UnreadableFile, read_inside
from generator.data.yamlload import MAX_FILE_BYTES

T = TypeVar("T")
_entries: dict[tuple[str, str, str], tuple[bytes, Any]] = {}


def cached(root: Path, rel: str, kind: str, compute: Callable[[bytes | None], T]) -> T:
    """`compute(content)` for the file's current bytes, or the result it gave for the same bytes before.

    `compute(None)` when the file may not be read (a symlink, too large, gone), so the loader reports why.
    """
    try:
        content = read_inside(root, rel, MAX_FILE_BYTES)
    except UnreadableFile:
        return compute(None)
    stamp = hashlib.blake2b(content, digest_size=16).digest()
    key = (str(root), rel, kind)
    hit = _entries.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]  # type: ignore[no-any-return]
    value = compute(content)
    _entries[key] = (stamp, value)
    return value


def clear() -> None:
    _entries.clear()
