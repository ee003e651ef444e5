"""No clash between talks at fixed times: one ``AddAtMostOne`` per maximal set of talks that
share a moment (the maximal cliques of an interval graph, found by a sweep over start times).
Far stronger than a ``NoOverlap`` over optional intervals, and exact."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import TypeVar

from planner.solver.items import Candidate
from planner.solver.variables import Variables

T = TypeVar("T")


def interval_cliques(spans: Sequence[tuple[int, int, T]]) -> list[list[T]]:
    """Maximal sets of pairwise overlapping ``(start, end, item)`` spans, two or more each."""
    ordered = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][1], k))
    cliques: list[list[T]] = []
    active: list[tuple[int, int]] = []  # (end, index into spans)
    i, n = 0, len(ordered)
    while i < n:
        now = spans[ordered[i]][0]
        while active and active[0][0] <= now:
            heapq.heappop(active)
        while i < n and spans[ordered[i]][0] == now:
            k = ordered[i]
            heapq.heappush(active, (spans[k][1], k))
            i += 1
        next_start = spans[ordered[i]][0] if i < n else None
        # The set at `now` is maximal unless every member is still running at the next start.
        maximal = next_start is None or active[0][0] <= next_start
        if maximal and len(active) >= 2:
            cliques.append([spans[k][2] for k in sorted(k for _, k in active)])
    return cliques


def time_cliques(talks: list[Candidate]) -> list[list[Candidate]]:
    """Maximal sets of pairwise overlapping talks (only sets of two or more)."""
    ordered = sorted(talks, key=lambda c: (c.start, c.end, c.id))
    return interval_cliques([(c.start, c.end, c) for c in ordered])


def add_no_clash(variables: Variables, talks: list[Candidate]) -> int:
    """Add the clique constraints; returns how many were added."""
    cliques = time_cliques(talks)
    for clique in cliques:
        variables.model.add_at_most_one(variables.attends(t) for t in clique)
    return len(cliques)
