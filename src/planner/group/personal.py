"""Work on many members at once: one process per core (``concurrent.futures.
ProcessPoolExecutor``), the programme sent once to each process.

- :func:`plan_members`: every member's personal optimum;
- :func:`write_members`: every member's calendar (.ics) and Markdown agenda, written by the
  processes themselves (the calendar export takes longer than the planning, so it is spread
  over the cores too, and the files do not travel between processes).

With one worker everything runs in this process, one member after another (the baseline of the
benchmark's speed-up). A member whose plan fails (clashing must-sees, an unreadable calendar)
gets the error's message, and the others are still planned.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from planner.errors import PlannerError
from planner.group.lifeline import exit_with_parent
from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary
from planner.model import Programme
from planner.planning import PlanResult, make_plan

Outcome = PlanResult | str
"""A plan, or why there is none (a message for the user)."""

J = TypeVar("J")
R = TypeVar("R")

_programme: Programme | None = None
CHUNK = 25
"""At most this many jobs in one message to a process."""


def _start(programme: Programme, parent: int) -> None:
    """Each process keeps the programme, in a process group of its own: Ctrl-C at the terminal
    reaches only the parent, which stops the pool (a process ends after its current chunk) and
    removes its staged output folder. SIGINT is ignored here too, so that a solve runs
    directly rather than in a thread that waits for Ctrl-C (see
    :func:`planner.solver.interrupt.solve_interruptibly`). A process ends when its parent does,
    even one killed outright (:mod:`planner.group.lifeline`)."""
    global _programme
    exit_with_parent(parent)
    _programme = programme
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(task: tuple[Callable[[Programme, J], R], list[J]]) -> list[R]:
    func, chunk = task
    assert _programme is not None
    return [func(_programme, job) for job in chunk]


def parallel_map(
    programme: Programme,
    func: Callable[[Programme, J], R],
    jobs: Sequence[J],
    *,
    workers: int,
    advance: Callable[[], None] | None = None,
) -> list[R]:
    """``[func(programme, job) for job in jobs]`` over ``workers`` processes (``func`` must be
    a module-level function); ``advance`` is called once per job done. Jobs travel in chunks
    (about eight per process) to keep the traffic between processes small."""
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(func(programme, job))
            if advance:
                advance()
        return results
    size = max(1, min(CHUNK, len(jobs) // (workers * 8)))
    chunks = [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]
    found: dict[int, list[R]] = {}
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        initializer=_start,
        initargs=(programme, os.getpid()),
    ) as pool:
        futures = {pool.submit(_call, (func, chunk)): k for k, chunk in enumerate(chunks)}
        try:
            for future in as_completed(futures):
                results = future.result()
                found[futures[future]] = results
                if advance:
                    for _ in results:
                        advance()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [result for k in range(len(chunks)) for result in found[k]]


def plan_one(programme: Programme, job: tuple[InterestProfile, float]) -> Outcome:
    profile, time_limit = job
    try:
        return make_plan(programme, profile, time_limit=time_limit)
    except PlannerError as error:
        return str(error)


def write_one(programme: Programme, job: tuple[Itinerary, str, Path, datetime | None]) -> None:
    """Write ``STEM.ics`` and ``STEM.md`` into the folder (a staged one: see
    :mod:`planner.group.outdir`)."""
    from planner.export.agenda import markdown_agenda
    from planner.export.ics import itinerary_calendar

    itinerary, stem, folder, now = job
    calendar = itinerary_calendar(itinerary, programme, stem, now=now)
    (folder / f"{stem}.ics").write_bytes(calendar.to_ical())
    (folder / f"{stem}.md").write_text(markdown_agenda(itinerary, programme), encoding="utf-8")


def plan_and_write(
    programme: Programme,
    job: tuple[InterestProfile, float, str | None, Path | None, datetime | None],
) -> tuple[Outcome, bool]:
    """The plan and, given a file stem and a folder, its files written there (for
    ``independent``: the files are made where the plan is, and only the plan travels back)."""
    profile, time_limit, stem, folder, now = job
    outcome = plan_one(programme, (profile, time_limit))
    if stem is None or folder is None or isinstance(outcome, str):
        return outcome, False
    write_one(programme, (outcome.itinerary, stem, folder, now))
    return outcome, True


def plan_members(
    programme: Programme,
    profiles: Sequence[InterestProfile],
    *,
    workers: int = 1,
    time_limit: float = 10.0,
    stems: Sequence[str] | None = None,
    folder: Path | None = None,
    now: datetime | None = None,
    advance: Callable[[], None] | None = None,
) -> list[tuple[Outcome, bool]]:
    """Each profile's plan, in order, and whether its files were written: with ``stems`` (one
    per profile) and ``folder``, each plan's calendar and agenda go there."""
    names = stems if stems is not None else [None] * len(profiles)
    jobs = [(p, time_limit, n, folder, now) for p, n in zip(profiles, names, strict=True)]
    return parallel_map(programme, plan_and_write, jobs, workers=workers, advance=advance)


def write_members(
    programme: Programme,
    plans: Sequence[tuple[Itinerary, str]],
    folder: Path,
    *,
    now: datetime | None = None,
    workers: int = 1,
    advance: Callable[[], None] | None = None,
) -> None:
    """Each ``(itinerary, stem)``'s calendar and agenda, written into ``folder``."""
    jobs = [(itinerary, stem, folder, now) for itinerary, stem in plans]
    parallel_map(programme, write_one, jobs, workers=workers, advance=advance)
