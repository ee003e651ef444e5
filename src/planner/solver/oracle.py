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
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

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

    def metric(self) -> bool:
        """No walk is longer than a detour through a third room: then a plan whose
        consecutive talks leave time to walk leaves time between any two of its talks."""
        usual = {"\0a", "\0b"}  # two rooms with only the usual walk stand for all others
        rooms = sorted({r for pair in self.between for r in pair} | usual)
        return all(
            self.minutes(a, c) <= self.minutes(a, b) + self.minutes(b, c)
            for a in rooms
            for b in rooms
            for c in rooms
        )

    def minutes(self, a: str, b: str) -> int:
        if a == b:
            return 0
        return self.between.get(frozenset((a, b)), self.usual)

    @cached_property
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

    def __init__(self, per_room: bool, empty: tuple[float, int]) -> None:
        self.empty = empty
        self.top = empty
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
        found = self.empty
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


@dataclass(frozen=True)
class Lunch:
    """A lunch of ``length`` minutes inside ``start``-``end``, clear of every talk in the plan
    (lunch needs no walk: the walk between two talks is counted from one to the other)."""

    start: int
    end: int
    length: int

    def over(self, after: int) -> int | None:
        """When a lunch begun once minute ``after`` is past ends; None if it no longer fits."""
        done = max(self.start, after) + self.length
        return done if done <= self.end else None


Release = tuple[int, int, int, str]
"""(minute, node, layer, room): from that minute, the plan ending at ``node`` can go on in
``layer`` with a talk in ``room`` (``EVERYWHERE``: any room)."""

EVERYWHERE = ""  # no room is named "" in a plan's slots


def _releases(
    slot: Slot, node: int, layer: int, ready: int, usual: int, partners: Mapping[str, int]
) -> list[Release]:
    """When the plan ending at ``slot`` (and free from ``ready``) reaches each room (its own,
    all others a ``usual`` walk later, ``partners`` their own walk later)."""
    found = [
        (max(ready, slot.end), node, layer, slot.room),
        (max(ready, slot.end + usual), node, layer, EVERYWHERE),
    ]
    for room, minutes in partners.items():
        found.append((max(ready, slot.end + minutes), node, layer, room))
    return found


def best_plan(
    slots: Iterable[Slot], walks: Walks, lunch: Lunch | None = None
) -> tuple[float, list[str]]:
    """The maximum total weight of a clash-free sequence with enough time to walk between
    rooms (and, with ``lunch``, a free stretch for it), and the ids of one such sequence in
    time order.

    With lunch the sweep has two layers, before and after lunch: node ``j`` is "the plan ending
    with talk j, lunch still to come" and node ``n + j`` "... lunch taken"; a talk reaches the
    second layer through a lunch that fits between its end and the next talk's start."""
    ordered = sorted(
        (s for s in slots if s.weight > 0 and s.end > s.start), key=lambda s: (s.start, s.end, s.id)
    )
    n = len(ordered)
    layers = 1 if lunch is None else 2
    releases: list[Release] = []
    none: dict[str, int] = {}
    for i, slot in enumerate(ordered):
        partners = walks.partners.get(slot.room, none)
        for layer in range(layers):
            releases += _releases(slot, layer * n + i, layer, slot.end, walks.usual, partners)
        done = None if lunch is None else lunch.over(slot.end)
        if done is not None:
            releases += _releases(slot, i, 1, done, walks.usual, partners)
    releases.sort()
    longer = {
        room: {other: m for other, m in near.items() if m > walks.usual}
        for room, near in walks.partners.items()
    }
    unreachable = (-math.inf, -1)
    start = (0.0, -1)  # a plan may begin with any talk
    empty = [start, unreachable]  # ... but only after lunch in the second layer
    to_room: list[dict[str, tuple[float, int]]] = [{} for _ in range(layers)]
    to_all = [_Released(any(longer.values()), empty[layer]) for layer in range(layers)]
    value = [-math.inf] * (layers * n)
    parent = [-1] * (layers * n)
    k = 0
    for j, slot in enumerate(ordered):
        while k < len(releases) and releases[k][0] <= slot.start:
            _, node, layer, room = releases[k]
            k += 1
            if value[node] == -math.inf:
                continue
            if room == EVERYWHERE:
                to_all[layer].add(ordered[node % n].room, value[node], node)
            elif value[node] > to_room[layer].get(room, empty[layer])[0]:
                to_room[layer][room] = (value[node], node)
        for layer in range(layers):
            top = max(
                to_all[layer].best(longer.get(slot.room, {})),
                to_room[layer].get(slot.room, empty[layer]),
            )
            if layer == 1 and lunch is not None and lunch.start + lunch.length <= slot.start:
                top = max(top, start)  # lunch first
            value[layer * n + j] = top[0] + slot.weight
            parent[layer * n + j] = top[1]
    endings = [
        node
        for node in range(layers * n)
        if lunch is None or node >= n or lunch.over(ordered[node].end) is not None
    ]
    last = max(endings, key=lambda node: (value[node], -node), default=-1)
    if last < 0 or value[last] <= 0:
        return 0.0, []
    total = value[last]
    chosen: list[str] = []
    while last >= 0:
        chosen.append(ordered[last % n].id)
        last = parent[last]
    return total, chosen[::-1]


def best_by_day(days: Sequence[Iterable[Slot]], walks: Walks) -> tuple[float, list[str]]:
    total, chosen = 0.0, []
    for slots in days:
        value, ids = best_plan(slots, walks)
        total += value
        chosen += ids
    return total, chosen
