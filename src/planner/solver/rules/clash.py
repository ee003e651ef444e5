"""No clash between talks at fixed times: one ``AddAtMostOne`` per maximal set of talks that
share a moment (the maximal cliques of an interval graph, found by a sweep over start times).
Far stronger than a ``NoOverlap`` over optional intervals, and exact."""

from __future__ import annotations

import heapq

from planner.solver.items import Candidate
from planner.solver.variables import Variables


def time_cliques(talks: list[Candidate]) -> list[list[Candidate]]:
    """Maximal sets of pairwise overlapping talks (only sets of two or more)."""
    ordered = sorted(talks, key=lambda c: (c.start, c.end, c.id))
    cliques: list[list[Candidate]] = []
    active: list[tuple[int, int, Candidate]] = []  # (end, order, talk)
    i, n = 0, len(ordered)
    while i < n:
        now = ordered[i].start
        while active and active[0][0] <= now:
            heapq.heappop(active)
        while i < n and ordered[i].start == now:
            heapq.heappush(active, (ordered[i].end, i, ordered[i]))
            i += 1
        next_start = ordered[i].start if i < n else None
        # The set at `now` is maximal unless every member is still running at the next start.
        maximal = next_start is None or active[0][0] <= next_start
        if maximal and len(active) >= 2:
            cliques.append([t for _, _, t in sorted(active, key=lambda x: x[1])])
    return cliques


def add_no_clash(variables: Variables, talks: list[Candidate]) -> int:
    """Add the clique constraints; returns how many were added."""
    cliques = time_cliques(talks)
    for clique in cliques:
        variables.model.add_at_most_one(variables.attends(t) for t in clique)
    return len(cliques)
