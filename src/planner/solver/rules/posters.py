"""Poster visits: each visited poster takes ``poster_visit`` minutes at a flexible start inside
its poster session (the optional interval made with the variables). The visits of one session
cannot take more time than the session has: a redundant linear "energy" constraint that gives
the LP relaxation the right bound at once."""

from __future__ import annotations

from collections import defaultdict

from planner.solver.items import Candidate, Day
from planner.solver.variables import Variables


def add_poster_energy(variables: Variables, day: Day) -> int:
    groups: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for c in day.flexible:
        if variables.has(c):
            groups[(c.start, c.end)].append(c)
    count = 0
    for (lo, hi), members in sorted(groups.items()):
        if sum(c.length for c in members) > hi - lo:
            variables.model.add(sum(c.length * variables.attends(c) for c in members) <= hi - lo)
            count += 1
    return count
