"""Which generated pages a `mkdocs serve --dirty` rebuild writes again, from what each page reads.

Every page names the inputs it reads (render.reads): an SOP, a record, a catalogue entry...
A rebuild compares each input's value with the last build's and writes again only the pages
that read a changed input, under the inputs they read then or now (an SOP that stops naming
another still changes the other's page). Of those, the pages whose text came out the same are
not converted to HTML again. What every page shares (navigation, configuration, reference date,
history) is compared as a whole: when it changes, every page is written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.render.reads import EVERYTHING, SUMMARY, read_by_summaries

_ABSENT = object()


@dataclass(frozen=True)
class Snapshot:
    """One finished build: what every page shares, each input's value, what each page read, and its text's hash."""

    shared: bytes
    inputs: Mapping[str, Any]
    reads: Mapping[str, frozenset[str]]
    pages: Mapping[str, bytes]


def digest(text: str | bytes) -> bytes:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()


def shared_digest(navigation: object, config_text: bytes, site_wide: object) -> bytes:
    """`site_wide`: what every page may show (reference date, history, forge...), as comparable text."""
    return digest(json.dumps([navigation, repr(site_wide)], sort_keys=True, default=str).encode("utf-8") + config_text)


def changed_inputs(before: Mapping[str, Any], now: Mapping[str, Any]) -> set[str]:
    """Inputs added, removed or with another value. Unchanged files give the same objects (data.cache): `==`
    is then one identity check."""
    return {key for key in before.keys() | now.keys() if before.get(key, _ABSENT) != now.get(key, _ABSENT)}


def stale_pages(previous: Snapshot | None, shared: bytes, inputs: Mapping[str, Any], reads: Mapping[str, frozenset[str]]) -> set[str]:
    """The pages to write again: all of them after a change every page shares; else the new pages, and those
    that read, in this build or the last, an input that changed (render.reads: EVERYTHING, SUMMARY)."""
    if previous is None or previous.shared != shared:
        return set(reads)
    changed = changed_inputs(previous.inputs, inputs)
    stale = {uri for uri in reads if uri not in previous.pages}
    if not changed:
        return stale
    summaries = any(read_by_summaries(key) for key in changed)
    for uri, now in reads.items():
        before = previous.reads.get(uri, EVERYTHING)
        if EVERYTHING in (now, before) or (summaries and SUMMARY in (now, before)):
            stale.add(uri)
        elif not changed.isdisjoint(now) or not changed.isdisjoint(before):
            stale.add(uri)
    return stale
