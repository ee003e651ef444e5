"""Exact plans for talks only: weighted interval scheduling with walking time, by dynamic
programming (the longest path over "talk j can follow talk i"), in O(n log n).

Talk ``j`` can follow talk ``i`` when ``i`` ends by ``j``'s start minus the walk between their
rooms (no walk within a room). The talks are swept in order of start, and a talk that has
ended is *released*: to its own room at its end, to every other room the usual walk later,
and to a room with a walk of its own (``walk_between``) that walk later. The best plan that
can precede ``j`` is the best released to ``j``'s room: one running maximum per room, and one
for all rooms. Where a room's own walk to ``j``'s room is longer than the usual one, that room
is left out of the maximum for all rooms (kept per room in a heap, so the best room not left
out is found at once).

The oracle knows nothing of caps, lunch, posters or must-sees: it plans the days that have
none of them (see :mod:`planner.solver.exact`), checks the solver on talk-only problems and
gives it a warm start."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from planner.interests.profile import InterestProfile


@dataclass(frozen=True)
class Slot:
    id: str
    start: int
    end: int
    room: str
    weight: float


@dataclass(frozen=True)
class Walks:
    """Walking minutes between rooms: ``usual`` between any two, except the pairs in
    ``between`` (symmetric); none within a room."""

    usual: int = 0
    between: Mapping[frozenset[str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: InterestProfile) -> Walks:
        between: dict[frozenset[str], int] = {}
        for key, minutes in profile.walk_between.items():
            a, _, b = key.partition(" | ")
            if a != b and frozenset((a, b)) not in between:
                between[frozenset((a, b))] = minutes
        return cls(profile.walk, between)

    def minutes(self, a: str, b: str) -> int:
        if a == b:
            return 0
        return self.between.get(frozenset((a, b)), self.usual)

    def partners(self) -> dict[str, dict[str, int]]:
        """For each room, the rooms with a walk of their own to it, and that walk."""
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for pair, minutes in self.between.items():
            a, b = sorted(pair)
            found[a][b] = minutes
            found[b][a] = minutes
        return found


class _Released:
    """The best value released to all rooms. With ``per_room`` it is also kept per room (in a
    heap), so that some rooms can be left out of a query."""

    def __init__(self, per_room: bool) -> None:
        self.top: tuple[float, int] = (0.0, -1)
        self.per_room = per_room
        self.room_best: dict[str, tuple[float, int]] = {}
        self.heap: list[tuple[float, str, int]] = []  # (-value, room, talk)

    def add(self, room: str, value: float, talk: int) -> None:
        if value > self.top[0]:
            self.top = (value, talk)
        if not self.per_room or (room in self.room_best and self.room_best[room][0] >= value):
            return
        self.room_best[room] = (value, talk)
        heapq.heappush(self.heap, (-value, room, talk))

    def best(self, left_out: Mapping[str, int]) -> tuple[float, int]:
        if not left_out:
            return self.top
        popped: list[tuple[float, str, int]] = []
        found = (0.0, -1)
        while self.heap:
            negative, room, talk = self.heap[0]
            if self.room_best[room] != (-negative, talk):
                heapq.heappop(self.heap)  # stale: the room has a better one
                continue
            if room not in left_out:
                found = (-negative, talk)
                break
            popped.append(heapq.heappop(self.heap))
        for entry in popped:
            heapq.heappush(self.heap, entry)
        return found


def best_plan(slots: Iterable[Slot], walks: Walks) -> tuple[float, list[str]]:
    """The maximum total weight of a clash-free sequence with enough time to walk between
    rooms, and the ids of one such sequence in time order."""
    ordered = sorted(
        (s for s in slots if s.weight > 0 and s.end > s.start), key=lambda s: (s.start, s.end, s.id)
    )
    if not ordered:
        return 0.0, []
    partners = walks.partners()
    everywhere = ""  # releases to all rooms (no room is named "" in a plan's slots)
    releases: list[tuple[int, int, str]] = []  # (minute, talk, to which room)
    for i, slot in enumerate(ordered):
        releases.append((slot.end, i, slot.room))
        releases.append((slot.end + walks.usual, i, everywhere))
        for room, minutes in partners.get(slot.room, {}).items():
            releases.append((slot.end + minutes, i, room))
    releases.sort()
    longer = {
        room: {other: m for other, m in near.items() if m > walks.usual}
        for room, near in partners.items()
    }
    to_room: dict[str, tuple[float, int]] = {}
    to_all = _Released(per_room=any(longer.values()))
    value = [0.0] * len(ordered)
    parent = [-1] * len(ordered)
    nothing = (0.0, -1)
    k = 0
    for j, slot in enumerate(ordered):
        while k < len(releases) and releases[k][0] <= slot.start:
            _, i, room = releases[k]
            k += 1
            if room == everywhere:
                to_all.add(ordered[i].room, value[i], i)
            elif value[i] > to_room.get(room, nothing)[0]:
                to_room[room] = (value[i], i)
        top = max(to_all.best(longer.get(slot.room, {})), to_room.get(slot.room, nothing))
        value[j] = top[0] + slot.weight
        parent[j] = top[1]
    last = max(range(len(ordered)), key=lambda j: (value[j], -j))
    total = value[last]
    chosen: list[str] = []
    while last >= 0:
        chosen.append(ordered[last].id)
        last = parent[last]
    return total, chosen[::-1]


def best_by_day(days: Sequence[Iterable[Slot]], walks: Walks) -> tuple[float, list[str]]:
    total, chosen = 0.0, []
    for slots in days:
        value, ids = best_plan(slots, walks)
        total += value
        chosen += ids
    return total, chosen
