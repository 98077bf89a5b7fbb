"""Keep Python's cycle collector off the generator's data.

Loading keeps about a million small objects alive at 2,000 SOPs (parsed YAML,
models, marks, page texts). Each automatic collection walked all of them again,
during our work and during MkDocs' own afterwards: about a third of the generator's time.
So the collector waits while the generator works, and what the work leaves alive is
then frozen (never walked again). Reference counting still frees all that is not
in a cycle, frozen or not.

Frozen objects that later become cyclic garbage (MkDocs' pages and navigation from
the previous `mkdocs serve` rebuild) are only freed once unfrozen. A full collection
walks every object (a second at 2,000 SOPs): under `mkdocs serve` it runs just after
each build, while the browser reloads and the editor reads (`collect_soon`), not
while an edit waits to be seen.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()  # nested calls leave the ending to the outermost
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.freeze()
                gc.enable()

    return paused


def release_frozen() -> None:
    """Give what earlier work froze back to the collector (a new load: the last build's objects may be garbage)."""
    gc.unfreeze()


_pending: threading.Timer | None = None


def collect_soon(delay: float) -> threading.Thread:
    """Free, after `delay` seconds and in another thread, the garbage among everything frozen so far."""
    global _pending
    if _pending is not None:
        _pending.cancel()
    _pending = threading.Timer(delay, _collect)
    _pending.daemon = True
    _pending.start()
    return _pending


def _collect() -> None:
    gc.unfreeze()
    gc.collect()
