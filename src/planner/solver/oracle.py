"""Exact plans for talks only: weighted interval scheduling with walking time, one day at a
time, by dynamic programming (the longest path over "talk j can follow talk i").

Talks in one room never overlap, so per room the talks sorted by start are also sorted by end,
and "the best plan ending in room r by minute m" is a prefix maximum found by bisection. The
oracle knows nothing of caps, lunch, posters or must-sees: it checks the solver on talk-only
problems and gives it a warm start."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    id: str
    start: int
    end: int
    room: str
    weight: float


def best_plan(slots: Iterable[Slot], walk: Callable[[str, str], int]) -> tuple[float, list[str]]:
    """The maximum total weight of a clash-free sequence with enough time to walk between
    rooms, and the ids of one such sequence in time order. Slots must be on one day or the
    walking gaps across days are trivially satisfied (they are)."""
    ordered = sorted((s for s in slots if s.weight > 0), key=lambda s: (s.start, s.end, s.id))
    rooms = sorted({s.room for s in ordered})
    ends: dict[str, list[int]] = defaultdict(list)
    best: dict[str, list[tuple[float, int]]] = defaultdict(list)  # prefix max (value, index)
    value = [0.0] * len(ordered)
    parent = [-1] * len(ordered)
    walks = {(a, b): walk(a, b) for a in rooms for b in rooms}
    for j, slot in enumerate(ordered):
        top, top_index = 0.0, -1
        for room in rooms:
            latest = slot.start - walks[(room, slot.room)]
            k = bisect.bisect_right(ends[room], latest)
            if k:
                candidate, index = best[room][k - 1]
                if candidate > top:
                    top, top_index = candidate, index
        value[j] = top + slot.weight
        parent[j] = top_index
        prefix = best[slot.room]
        ends[slot.room].append(slot.end)
        if prefix and prefix[-1][0] >= value[j]:
            prefix.append(prefix[-1])
        else:
            prefix.append((value[j], j))
    if not ordered:
        return 0.0, []
    last = max(range(len(ordered)), key=lambda j: (value[j], -j))
    total = value[last]
    chosen: list[str] = []
    while last >= 0:
        chosen.append(ordered[last].id)
        last = parent[last]
    return total, chosen[::-1]


def best_by_day(
    days: Sequence[Iterable[Slot]], walk: Callable[[str, str], int]
) -> tuple[float, list[str]]:
    total, chosen = 0.0, []
    for slots in days:
        value, ids = best_plan(slots, walk)
        total += value
        chosen += ids
    return total, chosen
