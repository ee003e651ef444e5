"""The collector pause around an import: the collector runs again afterwards, what the import
made sits in the oldest generation, and garbage cycles are still collected."""

from __future__ import annotations

import gc
import weakref

from planner.sources.imported import paused_gc


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_collector_paused_during_and_enabled_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_made_go_to_the_oldest_generation_and_cycles_are_still_collected() -> None:
    with paused_gc():
        kept = [object() for _ in range(10)] + [[n] for n in range(2000)]
        first, second = _Node(), _Node()
        first.other, second.other = second, first  # a cycle, then dropped
        probe = weakref.ref(first)
        del first, second
    assert gc.get_count()[0] < 2000  # not left for the youngest generation to walk
    assert kept[-1] in gc.get_objects(generation=2)
    assert probe() is not None  # no collection has run yet...
    gc.collect()
    assert probe() is None  # ...and a full one still frees the cycle
