"""Keep Python's cycle collector off the generator's data.

Loading keeps about a million small objects alive at 2,000 SOPs (parsed YAML,
models, marks, page texts). Each automatic collection walked all of them again,
during our work and during MkDocs' own afterwards: about a third of the generator's time.
So the collector waits while the generator works, and what the work leaves alive is
then frozen (never walked again). Reference counting still frees all that is not
in a cycle, frozen or not.

Frozen objects that later become cyclic garbage (MkDocs' pages and navigation from
the previous `mkdocs serve` rebuild) are only freed once unfrozen: every new load
starts by releasing them, so a serve session holds at most one build's worth.
"""

from __future__ import annotations

import functools
import gc
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
    """Give what earlier work froze back to the collector, and collect the garbage among it.

    Nothing frozen yet (the first load of a process, as in `sopgen`): nothing to release, and no collection,
    which would walk every object the imports made for nothing.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
