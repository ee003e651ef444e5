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

A lunch inside a window and a cap on the number of talks are layers of the same sweep (see
:func:`best_plan`). The oracle knows nothing of posters or a cap on hours: it plans the days
that have neither (see :mod:`planner.solver.exact`), checks the solver, and gives it a warm
start elsewhere."""

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


@dataclass(frozen=True)
class _States:
    """The sweep's layers: lunch still to come or taken (with ``lunch``), and how many talks
    the plan holds so far (with a cap ``most``; otherwise one layer for any number)."""

    lunch: bool
    most: int | None

    @cached_property
    def all(self) -> list[tuple[int, int]]:
        counts = range(self.most if self.most is not None else 1)
        return [(taken, c) for taken in range(2 if self.lunch else 1) for c in counts]

    def after(self, state: tuple[int, int], lunch: bool) -> int | None:
        """The layer of a plan that goes on from ``state`` with one more talk (and lunch
        before it), or None past the cap or with lunch taken twice."""
        taken, count = state
        if (self.most is not None and count + 1 >= self.most) or (
            lunch and (taken or not self.lunch)
        ):
            return None
        following = (1 if lunch else taken, count + 1 if self.most is not None else 0)
        return self.all.index(following)


def best_plan(
    slots: Iterable[Slot], walks: Walks, lunch: Lunch | None = None, most: int | None = None
) -> tuple[float, list[str]]:
    """The maximum total weight of a clash-free sequence with enough time to walk between
    rooms (with ``lunch``, a free stretch for it; with ``most``, at most that many talks), and
    the ids of one such sequence in time order.

    The sweep has a layer per state (:class:`_States`): node ``s * n + j`` is "the best plan
    ending with talk j in state s". An ended talk is released into the state of what may
    follow it: one more talk, and lunch taken if it fits between its end and the next start."""
    ordered = sorted(
        (s for s in slots if s.weight > 0 and s.end > s.start), key=lambda s: (s.start, s.end, s.id)
    )
    n = len(ordered)
    states = _States(lunch is not None, most)
    layers = states.all
    releases: list[Release] = []
    none: dict[str, int] = {}
    goes_on = [states.after(state, lunch=False) for state in layers]
    via_lunch = [states.after(state, lunch=True) for state in layers]
    for i, slot in enumerate(ordered):
        partners = walks.partners.get(slot.room, none)
        done = None if lunch is None else lunch.over(slot.end)
        for s in range(len(layers)):
            plain, fed = goes_on[s], via_lunch[s]
            if plain is not None:
                releases += _releases(slot, s * n + i, plain, slot.end, walks.usual, partners)
            if done is not None and fed is not None:
                releases += _releases(slot, s * n + i, fed, done, walks.usual, partners)
    releases.sort()
    longer = {
        room: {other: m for other, m in near.items() if m > walks.usual}
        for room, near in walks.partners.items()
    }
    unreachable = (-math.inf, -1)
    start = (0.0, -1)  # a plan may begin with any talk, after lunch if lunch fits first
    to_room: list[dict[str, tuple[float, int]]] = [{} for _ in layers]
    to_all = [_Released(any(longer.values()), unreachable) for _ in layers]
    value = [-math.inf] * (len(layers) * n)
    parent = [-1] * (len(layers) * n)
    k = 0
    for j, slot in enumerate(ordered):
        while k < len(releases) and releases[k][0] <= slot.start:
            _, node, layer, room = releases[k]
            k += 1
            if value[node] == -math.inf:
                continue
            if room == EVERYWHERE:
                to_all[layer].add(ordered[node % n].room, value[node], node)
            elif value[node] > to_room[layer].get(room, unreachable)[0]:
                to_room[layer][room] = (value[node], node)
        for s, (taken, count) in enumerate(layers):
            top = max(
                to_all[s].best(longer.get(slot.room, {})),
                to_room[s].get(slot.room, unreachable),
            )
            first = count == 0 and (
                not taken or (lunch is not None and lunch.start + lunch.length <= slot.start)
            )
            if first:
                top = max(top, start)
            value[s * n + j] = top[0] + slot.weight
            parent[s * n + j] = top[1]
    endings = [
        node
        for node in range(len(layers) * n)
        if lunch is None
        or layers[node // n][0] == 1
        or lunch.over(ordered[node % n].end) is not None
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
