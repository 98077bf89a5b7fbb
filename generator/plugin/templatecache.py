"""The theme's compiled templates, kept across the rebuilds of one `mkdocs serve`.

MkDocs makes a new Jinja environment for every build, so each rebuild parsed and
compiled Material's templates again (about a third of a second). Jinja checks each
template's source against its checksum before using the kept code: an edited theme
override is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class KeptTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._stored.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._stored[bucket.key] = bucket.bytecode_to_string()
