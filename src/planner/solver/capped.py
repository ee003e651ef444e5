"""Days whose cap on hours binds: the Lagrangian bound and start of :mod:`.lagrange` for the
planner. The bound is reported where it is lower than CP-SAT's; the best plan within the cap
found on the way is CP-SAT's start; and where that plan reaches the bound (in the objective's
own integer units) and the cap is the only rule the exact programme does not know, it is the
answer, proven optimal, without CP-SAT."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner.solver import exact
from planner.solver.items import Candidate, Day, Problem
from planner.solver.lagrange import relax_hours
from planner.solver.rules.caps import minutes_cap
from planner.solver.variables import Chosen

HOURS = "a cap on hours a day"
LAYERS = 24
"""The most layers (talks within the cap) the exact programme is given for a cap on hours over
talks of one length: its time grows with them (about 0.25 s a day at 18 with lunch on 1,560
talks)."""


@dataclass(frozen=True)
class Capped:
    start: list[Chosen]
    valid: bool
    """Whether ``start`` meets every rule."""
    bound: int
    """No plan of the days has more interest (weight units): the Lagrangian bound on talks,
    plus every poster visit and duty."""
    proven: bool
    """``start`` is optimal: its worth reaches the bound on worth."""


def _binds(problem: Problem, days: list[Day]) -> bool:
    return any(
        (cap := minutes_cap(problem.profile, d)) is not None
        and sum(t.length for t in d.talks) > cap
        for d in days
    )


def _worth(chosen: list[Chosen], worth: Mapping[str, int]) -> int:
    return sum(worth.get(c.candidate.id, 0) for c in chosen if c.candidate is not None)


def hours_capped(
    problem: Problem,
    days: list[Day],
    candidates: list[Candidate],
    steer: Mapping[str, int],
    start: list[Chosen],
    *,
    relax: bool,
) -> Capped | None:
    """The bound, the best start (``start``, the exact plan trimmed to the caps, or a plan of
    the relaxation) and whether it is proven, for ``days`` with ``candidates`` worth ``steer``
    in the objective; None where no cap on hours binds on the talks."""
    if not _binds(problem, days):
        return None
    weights = {c.id: c.weight for c in candidates}
    relaxed = relax_hours(problem, days, weights)
    assert relaxed is not None
    steered = relaxed if dict(steer) == weights else relax_hours(problem, days, steer)
    assert steered is not None
    flexible = sum(c.weight for c in candidates if not c.fixed)
    options = [start] + [exact.trim_to_caps(problem, p, steer) for p in steered.plans]
    valid = [p for p in options if exact.meets_every_rule(problem, days, p, relax=relax)]
    best = max(valid, key=lambda p: _worth(p, steer), default=start)
    picked = {c.candidate.id for c in best if c.candidate is not None}
    proven = (
        bool(valid)
        and exact.side_rules(problem, days) == [HOURS]
        and steered.bound <= _worth(best, steer)
        and all(c.id in picked for c in candidates if c.wish is not None)
    )
    if not proven:
        counted = _as_count(problem, days, candidates, steer, relax=relax)
        if counted is not None:
            return counted
    return Capped(best, bool(valid), relaxed.bound + flexible, proven)


def _as_count(
    problem: Problem,
    days: list[Day],
    candidates: list[Candidate],
    steer: Mapping[str, int],
    *,
    relax: bool,
) -> Capped | None:
    """On one day whose talks all last the same and whose only side rule is the cap on hours,
    the cap is a cap on talks (``cap // length``): the exact programme's layers plan it,
    optimal, where there are at most :data:`LAYERS` of them; else None."""
    cap = minutes_cap(problem.profile, days[0])
    lengths = {t.length for t in days[0].talks} if len(days) == 1 else set()
    if cap is None or len(lengths) != 1 or exact.side_rules(problem, days) != [HOURS]:
        return None
    most = cap // lengths.pop()
    if most > LAYERS:
        return None
    plan = exact.talks_plan(problem, days, steer, most=most)
    picked = {c.candidate.id for c in plan if c.candidate is not None}
    if not exact.meets_every_rule(problem, days, plan, relax=relax) or any(
        c.id not in picked for c in candidates if c.wish is not None
    ):
        return None
    weight = sum(c.weight for c in candidates if c.id in picked)
    return Capped(plan, True, weight, True)
