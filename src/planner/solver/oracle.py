"""Exact plans for talks only: weighted interval scheduling with walking time, one day at a
time, by dynamic programming (the longest path over "talk j can follow talk i").

"The best plan ending in room r by minute m" is a prefix maximum over that room's talks sorted by
end, found by bisection. Real schedules may hold overlapping talks in one room, so the prefix is
kept in order of end (not of start) and filled as the talks it covers are decided. The
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
    ordered = sorted(
        (s for s in slots if s.weight > 0 and s.end > s.start), key=lambda s: (s.start, s.end, s.id)
    )
    rooms = sorted({s.room for s in ordered})
    by_end: dict[str, list[int]] = defaultdict(list)
    for index, slot in enumerate(ordered):
        by_end[slot.room].append(index)
    for indices in by_end.values():
        indices.sort(key=lambda i: (ordered[i].end, i))
    ends = {room: [ordered[i].end for i in indices] for room, indices in by_end.items()}
    best: dict[str, list[tuple[float, int]]] = defaultdict(list)  # prefix max (value, index)
    value = [0.0] * len(ordered)
    parent = [-1] * len(ordered)
    walks = {(a, b): walk(a, b) for a in rooms for b in rooms}
    for j, slot in enumerate(ordered):
        top, top_index = 0.0, -1
        for room in rooms:
            latest = slot.start - walks[(room, slot.room)]
            k = bisect.bisect_right(ends[room], latest)
            prefix = best[room]
            # every talk ending by `latest` started before this one, so its value is known
            while len(prefix) < k:
                i = by_end[room][len(prefix)]
                entry = (value[i], i)
                prefix.append(entry if not prefix or entry[0] > prefix[-1][0] else prefix[-1])
            if k:
                candidate, index = prefix[k - 1]
                if candidate > top:
                    top, top_index = candidate, index
        value[j] = top + slot.weight
        parent[j] = top_index
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
