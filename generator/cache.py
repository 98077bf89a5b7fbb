"""Parse results kept across rebuilds in one process (`mkdocs serve`), keyed by file and content hash.

An unchanged file is not parsed or validated again. The key is a hash of the bytes,
not the modification time: file times are too coarse to tell two quick edits apart.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.yamlload import MAX_FILE_BYTES

T = TypeVar("T")
_entries: dict[tuple[str, str], tuple[bytes, Any]] = {}


def cached(path: Path, kind: str, compute: Callable[[bytes | None], T]) -> T:
    """`compute(content)` for the file's current bytes, or the result it gave for the same bytes before.

    `compute(None)` when the file cannot be read or is too large, so the loader reports it.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return compute(None)
        content = path.read_bytes()
    except OSError:
        return compute(None)
    stamp = hashlib.blake2b(content, digest_size=16).digest()
    key = (os.fspath(path), kind)
    hit = _entries.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]  # type: ignore[no-any-return]
    value = compute(content)
    _entries[key] = (stamp, value)
    return value


def clear() -> None:
    _entries.clear()
