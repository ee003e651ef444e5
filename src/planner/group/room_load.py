"""The room-load forecast of a group run (for organisers with many members' profiles): for each
talk, how many members' plans include it, against its room's capacity; the overfull talks first.

A room's capacity is the programme's (``capacity`` of the room), else the one given on the
command line for that room (``--room-capacity ROOM=N``), else the default given there
(``--room-capacity N``); a room given on the command line wins over the programme. A talk whose
room has no capacity has ``capacity`` null and is never overfull.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from planner.errors import PlannerError
from planner.itinerary import Itinerary
from planner.model import Programme

TALKS = ("talk", "invited")
"""Contribution kinds that take seats in a room for their whole slot."""
BAR_WIDTH = 30
"""Characters of a full bar in the overview's chart."""
CSV_HEADER = ("id", "room", "start", "planned", "capacity", "over", "title")


@dataclass(frozen=True)
class RoomCapacities:
    """Capacities given on the command line: a default and per-room values."""

    default: int | None = None
    rooms: Mapping[str, int] | None = None


def parse_capacities(values: Sequence[str]) -> RoomCapacities:
    """``["120", "Main hall=400"]`` -> default 120, ``Main hall`` 400."""
    default: int | None = None
    rooms: dict[str, int] = {}
    for value in values:
        room, _, number = value.rpartition("=")
        try:
            seats = int(number.strip())
        except ValueError:
            seats = -1
        if seats < 0:
            raise PlannerError(
                f"--room-capacity {value!r}: give a whole number of seats (N) or ROOM=N"
            )
        if room.strip():
            rooms[room.strip()] = seats
        else:
            default = seats
    return RoomCapacities(default, rooms)


def check_rooms(programme: Programme, capacities: RoomCapacities) -> None:
    """A room named on the command line must be one of the programme's."""
    for room in capacities.rooms or {}:
        if room not in programme.room_by_name:
            known = ", ".join(sorted(programme.room_by_name)) or "none"
            raise PlannerError(f"--room-capacity {room!r}: no such room (rooms: {known})")


@dataclass(frozen=True)
class TalkLoad:
    id: str
    title: str
    room: str
    start: datetime
    end: datetime
    planned: int
    capacity: int | None

    @property
    def over(self) -> int:
        """Members beyond the room's capacity (0 when it fits or has no capacity)."""
        return max(0, self.planned - self.capacity) if self.capacity is not None else 0


def capacity_of(programme: Programme, room: str, capacities: RoomCapacities) -> int | None:
    given = (capacities.rooms or {}).get(room)
    if given is not None:
        return given
    known = programme.room_by_name.get(room)
    if known is not None and known.capacity is not None:
        return known.capacity
    return capacities.default


def room_load(
    programme: Programme, plans: Sequence[Itinerary], capacities: RoomCapacities
) -> list[TalkLoad]:
    """Every talk of the programme with the number of plans that include it; the overfull
    first (most members beyond capacity first), then by members planned, then by time."""
    planned: dict[str, int] = {}
    for itinerary in plans:
        for cid in {i.id for i in itinerary.items if i.kind in TALKS}:
            planned[cid] = planned.get(cid, 0) + 1
    zone = programme.conference.zone
    loads = []
    for c in programme.contributions:
        if c.kind not in TALKS:
            continue
        room = programme.room_of(c)
        start, end = (t.astimezone(zone) for t in programme.window(c))
        loads.append(
            TalkLoad(
                c.id,
                c.title,
                room,
                start,
                end,
                planned.get(c.id, 0),
                capacity_of(programme, room, capacities),
            )
        )
    return sorted(loads, key=lambda t: (-t.over, -t.planned, t.start, t.room, t.id))


def load_json(loads: Sequence[TalkLoad]) -> list[dict[str, object]]:
    return [
        {
            "id": t.id,
            "room": t.room,
            "start": t.start.isoformat(),
            "planned": t.planned,
            "capacity": t.capacity,
        }
        for t in loads
    ]


def load_csv(loads: Sequence[TalkLoad]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for t in loads:
        cap = "" if t.capacity is None else t.capacity
        writer.writerow([t.id, t.room, t.start.isoformat(), t.planned, cap, t.over, t.title])
    return out.getvalue()


def bar(planned: int, capacity: int | None, scale: int) -> str:
    """A text bar: ``#`` up to the capacity, ``!`` beyond it, ``|`` marks a full room."""
    if scale <= 0:
        return ""
    width = round(planned * BAR_WIDTH / scale)
    if capacity is None:
        return "#" * width
    if planned <= capacity:
        mark = round(capacity * BAR_WIDTH / scale)
        return "#" * width + "." * max(0, mark - width) + "|"
    inside = round(capacity * BAR_WIDTH / scale)
    return "#" * inside + "|" + "!" * max(1, width - inside)
