"""Which generated pages are unchanged since the previous build of one `mkdocs serve --dirty` session.

MkDocs' dirty mode rebuilds only modified files, but a generated page has no file
time to compare, so every one would count as modified. Comparing each page's text
with the previous build's lets an edit to one SOP rebuild only the pages it shows on.
A change to the navigation or the configuration can change every page: then all are rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    """What one build's generated pages depended on: everything they share, and each page's text."""

    shared: bytes
    pages: dict[str, bytes]


def _digest(text: str | bytes) -> bytes:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()


def snapshot(pages: dict[str, str], navigation: object, config_text: bytes) -> Snapshot:
    shared = _digest(json.dumps(navigation, sort_keys=True, default=str).encode("utf-8") + config_text)
    return Snapshot(shared, {uri: _digest(text) for uri, text in pages.items()})


def unchanged_pages(previous: Snapshot | None, current: Snapshot) -> set[str]:
    """Pages whose text and surroundings are the same as in the previous build."""
    if previous is None or previous.shared != current.shared:
        return set()
    return {uri for uri, digest in current.pages.items() if previous.pages.get(uri) == digest}
