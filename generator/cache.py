"""Parse results kept across rebuilds in one process (`mkdocs serve`), keyed by file and content hash.

An unchanged file is not parsed or validated again. The key is a hash of the bytes,
not the modification time: file times are too coarse to tell two quick edits apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_entries: dict[tuple[str, str], tuple[bytes, Any]] = {}


def cached(path: Path, kind: str, compute: Callable[[], T]) -> T:
    try:
        stamp = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return compute()  # let the loader report the problem
    key = (str(path.resolve()), kind)
    hit = _entries.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    _entries[key] = (stamp, value)
    return value


def clear() -> None:
    _entries.clear()
