"""Every member's personal optimum, planned in parallel: one process per core
(``concurrent.futures.ProcessPoolExecutor``), the programme sent once to each process.

With one worker the members are planned in this process, one after another (the baseline of
the benchmark's speed-up). A member whose plan fails (clashing must-sees, an unreadable calendar)
gets the error's message, and the others are still planned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.model import Programme
from planner.planning import PlanResult, make_plan

Outcome = PlanResult | str
"""A plan, or why there is none (a message for the user)."""

_programme: Programme | None = None


def _start(programme: Programme) -> None:
    global _programme
    _programme = programme


def plan_one(programme: Programme, profile: InterestProfile, time_limit: float) -> Outcome:
    try:
        return make_plan(programme, profile, time_limit=time_limit)
    except PlannerError as error:
        return str(error)


def _task(job: tuple[int, InterestProfile, float]) -> tuple[int, Outcome]:
    index, profile, time_limit = job
    assert _programme is not None
    return index, plan_one(_programme, profile, time_limit)


def plan_members(
    programme: Programme,
    profiles: Sequence[InterestProfile],
    *,
    workers: int = 1,
    time_limit: float = 10.0,
    advance: Callable[[], None] | None = None,
) -> list[Outcome]:
    """Each profile's plan, in order. ``advance`` is called once per member planned."""
    outcomes: list[Outcome | None] = [None] * len(profiles)
    if workers <= 1 or len(profiles) <= 1:
        for index, profile in enumerate(profiles):
            outcomes[index] = plan_one(programme, profile, time_limit)
            if advance:
                advance()
    else:
        jobs = [(i, p, time_limit) for i, p in enumerate(profiles)]
        with ProcessPoolExecutor(
            max_workers=min(workers, len(profiles)), initializer=_start, initargs=(programme,)
        ) as pool:
            futures = [pool.submit(_task, job) for job in jobs]
            try:
                for future in as_completed(futures):
                    index, outcome = future.result()
                    outcomes[index] = outcome
                    if advance:
                        advance()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    return [o if o is not None else "not planned" for o in outcomes]
