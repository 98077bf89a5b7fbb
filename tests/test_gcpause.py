import gc
import weakref
from pathlib import Path

import pytest

from generator.data.gcpause import collect_soon, collector_paused, release_frozen


@collector_paused
def state() -> bool:
    return gc.isenabled()


@collector_paused
def nested() -> tuple[bool, bool]:
    return state(), gc.isenabled()


@collector_paused
def failing() -> None:
    raise ValueError("gagal")


def test_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    assert state() is False
    assert gc.isenabled()


def test_inner_call_does_not_turn_the_collector_back_on_early() -> None:
    assert nested() == (False, False)
    assert gc.isenabled()


def test_what_the_work_leaves_alive_is_not_walked_again() -> None:
    @collector_paused
    def work() -> list[list[int]]:
        return [[i] for i in range(1000)]  # lists are always tracked by the collector

    def walked(objects: list[object]) -> int:
        """How many of `objects` the collector would walk (frozen objects are in no generation)."""
        ids = {id(o) for o in objects}
        return sum(id(o) in ids for o in gc.get_objects())

    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        kept = work()
        objects = [kept, *kept]
        assert all(gc.is_tracked(o) for o in objects)
        assert walked(objects) == 0  # the list and its 1000 items: all frozen
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        assert walked(objects) == 1001  # unfrozen, all are walked again
    finally:
        gc.unfreeze()


def test_collector_comes_back_after_an_error() -> None:
    with pytest.raises(ValueError):
        failing()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        state()
        assert not gc.isenabled()
    finally:
        gc.enable()


class Node:
    """An object in a reference cycle, like MkDocs' pages and their navigation."""

    def __init__(self) -> None:
        self.me = self


def test_cyclic_garbage_frozen_by_one_build_is_given_back_when_the_next_load_starts() -> None:
    node = Node()
    gone = weakref.ref(node)
    state()  # frozen while alive, as MkDocs' objects are during a build
    del node
    gc.collect()
    assert gone() is not None, "frozen: the collector cannot see it"
    release_frozen()
    gc.collect()  # the collector runs in its own time; no longer kept from it
    assert gone() is None


def test_garbage_frozen_by_a_build_is_freed_by_the_collection_scheduled_after_it() -> None:
    node = Node()
    gone = weakref.ref(node)
    state()  # frozen while alive, as MkDocs' objects are during a build
    del node
    collect_soon(0).join(timeout=30)
    assert gone() is None


def test_a_new_load_gives_frozen_objects_back_to_the_collector(repo_copy: Path) -> None:
    from generator.manual.load import load_manual

    load_manual(repo_copy)
    assert gc.get_freeze_count() > 0
    release_frozen()
    assert gc.get_freeze_count() == 0
