"""A bound and a start for days with a cap on hours, by Lagrangian relaxation of the cap.

For a price ``lam >= 0`` per minute, the exact programme (:func:`.exact.talks_plan`) with each
talk worth ``worth - lam * minutes`` gives the best value ``DP(lam)`` of a plan that keeps every
rule it knows; since a plan within the cap has ``lam * (cap - minutes) >= 0``, every such plan
is worth at most ``g(lam) = DP(lam) + lam * cap``. ``g`` is the upper envelope of one line per
plan (``worth + lam * (cap - minutes)``), convex and piecewise linear, so its minimum is found
by cutting planes: keep a plan over the cap (falling line) and one within it (rising line),
price at the crossing of their lines, and stop when the programme finds nothing above it.
Prices are exact fractions (worths are scaled by the denominator): no rounding. The plans
within the cap met on the way are starts for CP-SAT, often optimal.

Over several days planned together the caps are summed (one price for all of them): still a
bound, and its plans are checked day by day where used."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from planner.solver.items import Day, Problem
from planner.solver.rules.caps import minutes_cap
from planner.solver.variables import Chosen

STEPS = 40
"""At most this many runs of the exact programme (each is a price): the count, not the clock,
bounds the work, so the answer is the same on a loaded machine. The search usually ends in
under 15."""


@dataclass
class Relaxed:
    bound: int
    """No plan within the cap is worth more (``worth`` units, rounded down)."""
    plans: list[list[Chosen]] = field(default_factory=list)
    """Plans of the exact programme within the summed cap, best first (their ``worth``)."""
    steps: int = 0


def _minutes(chosen: list[Chosen]) -> int:
    return sum(c.end - c.start for c in chosen if c.candidate is not None)


def _worth(chosen: list[Chosen], worth: Mapping[str, int]) -> int:
    return sum(worth.get(c.candidate.id, 0) for c in chosen if c.candidate is not None)


def relax_hours(problem: Problem, days: list[Day], worth: Mapping[str, int]) -> Relaxed | None:
    """The Lagrangian bound on the ``worth`` of any plan of ``days`` within the cap on hours
    (talks only: posters and duty are the caller's), and the plans within the cap found on the
    way; None without a cap on hours."""
    from planner.solver.exact import talks_plan  # exact imports nothing from here

    caps = [minutes_cap(problem.profile, d) for d in days]
    if any(cap is None for cap in caps):
        return None
    total = sum(cap or 0 for cap in caps)
    talks = [t for d in days for t in d.talks]
    length = {t.id: t.length for t in talks}

    def run(price: Fraction) -> tuple[int, int, list[Chosen]]:
        num, den = price.numerator, price.denominator
        scaled = {i: den * worth.get(i, 0) - num * m for i, m in length.items()}
        chosen = talks_plan(problem, days, scaled)
        return _worth(chosen, worth), _minutes(chosen), chosen

    steps = 1
    w0, m0, p0 = run(Fraction(0))
    if m0 <= total:
        return Relaxed(w0, [p0], steps)
    over, within = (w0, m0), (0, 0)  # the empty plan is within any cap
    found: list[tuple[int, list[Chosen]]] = []
    best = Fraction(w0)
    while steps < STEPS:
        price = Fraction(over[0] - within[0], over[1] - within[1])
        floor = within[0] + price * (total - within[1])  # both lines meet here
        w, m, chosen = run(price)
        steps += 1
        value = w + price * (total - m)  # g(price): the programme's best at this price
        best = min(best, value)
        if m <= total:
            found.append((w, chosen))
        if value <= floor:  # nothing above the two lines: their crossing is g's minimum
            best = min(best, floor)
            break
        if m > total:
            over = (w, m)
        else:
            within = (w, m)
    found.sort(key=lambda x: -x[0])
    return Relaxed(math.floor(best), [p for _, p in found], steps)
