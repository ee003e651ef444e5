"""The same plan on a loaded machine: each day's budget is CP-SAT's deterministic time, fixed
from the problem and the time limit, so two CPU-bound processes beside the planner change its
speed, not its answer. The case stops on that budget (not proven optimal), so the budget, not
a proof, is what decides the plan."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from bench.synthetic import conference

from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary
from planner.solver import plan

BUSY_LOOP = "while True: pass"


@contextmanager
def busy_loops(count: int) -> Iterator[None]:
    loops = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def _items(itinerary: Itinerary) -> list[tuple[str, str]]:
    return [(i.id, i.start.isoformat()) for i in itinerary.items]


def test_the_same_plan_with_two_busy_processes_beside_it() -> None:
    # A cap on hours over talks of 15-30 minutes: neither the Lagrangian bound nor the exact
    # programme proves these days, so CP-SAT plans every day.
    programme, scores = conference(40, talks_per_room_day=11)
    profile = InterestProfile(walk=12, max_hours_per_day=3)
    idle = plan(programme, profile, scores, time_limit=2)
    assert idle.status == "feasible"  # stopped by the budget, not by a proof
    with busy_loops(2):
        loaded = plan(programme, profile, scores, time_limit=2)
    assert _items(loaded) == _items(idle)
    assert (loaded.objective, loaded.bound) == (idle.objective, idle.bound)
