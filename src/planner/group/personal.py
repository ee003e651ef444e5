"""Work on many members at once: one process per core (``concurrent.futures.
ProcessPoolExecutor``), the programme sent once to each process.

- :func:`plan_members`: every member's personal optimum;
- :func:`render_members`: every member's calendar (.ics) and Markdown agenda, as bytes (the
  calendar export takes longer than the planning, so it is spread over the cores too).

With one worker everything runs in this process, one member after another (the baseline of the
benchmark's speed-up). A member whose plan fails (clashing must-sees, an unreadable calendar)
gets the error's message, and the others are still planned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from typing import TypeVar

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary
from planner.model import Programme
from planner.planning import PlanResult, make_plan

Outcome = PlanResult | str
"""A plan, or why there is none (a message for the user)."""
Rendered = tuple[bytes, bytes]
"""A member's calendar and Markdown agenda."""

J = TypeVar("J")
R = TypeVar("R")

_programme: Programme | None = None


def _start(programme: Programme) -> None:
    global _programme
    _programme = programme


def _call(task: tuple[int, Callable[[Programme, J], R], J]) -> tuple[int, R]:
    index, func, job = task
    assert _programme is not None
    return index, func(_programme, job)


def parallel_map(
    programme: Programme,
    func: Callable[[Programme, J], R],
    jobs: Sequence[J],
    *,
    workers: int,
    advance: Callable[[], None] | None = None,
) -> list[R]:
    """``[func(programme, job) for job in jobs]`` over ``workers`` processes (``func`` must be
    a module-level function); ``advance`` is called as each job ends."""
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(func(programme, job))
            if advance:
                advance()
        return results
    found: dict[int, R] = {}
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), initializer=_start, initargs=(programme,)
    ) as pool:
        futures = [pool.submit(_call, (i, func, job)) for i, job in enumerate(jobs)]
        try:
            for future in as_completed(futures):
                index, result = future.result()
                found[index] = result
                if advance:
                    advance()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [found[i] for i in range(len(jobs))]


def plan_one(programme: Programme, job: tuple[InterestProfile, float]) -> Outcome:
    profile, time_limit = job
    try:
        return make_plan(programme, profile, time_limit=time_limit)
    except PlannerError as error:
        return str(error)


def plan_members(
    programme: Programme,
    profiles: Sequence[InterestProfile],
    *,
    workers: int = 1,
    time_limit: float = 10.0,
    advance: Callable[[], None] | None = None,
) -> list[Outcome]:
    """Each profile's plan, in order."""
    jobs = [(p, time_limit) for p in profiles]
    return parallel_map(programme, plan_one, jobs, workers=workers, advance=advance)


def render_one(programme: Programme, job: tuple[Itinerary, str, datetime | None]) -> Rendered:
    from planner.export.agenda import markdown_agenda
    from planner.export.ics import itinerary_calendar

    itinerary, attendee, now = job
    calendar = itinerary_calendar(itinerary, programme, attendee, now=now)
    return calendar.to_ical(), markdown_agenda(itinerary, programme).encode("utf-8")


def render_members(
    programme: Programme,
    plans: Sequence[tuple[Itinerary, str]],
    *,
    now: datetime | None = None,
    workers: int = 1,
    advance: Callable[[], None] | None = None,
) -> list[Rendered]:
    """Each ``(itinerary, attendee)``'s calendar and agenda, in order."""
    jobs = [(itinerary, attendee, now) for itinerary, attendee in plans]
    return parallel_map(programme, render_one, jobs, workers=workers, advance=advance)
