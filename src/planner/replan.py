"""Re-planning during the conference (``planner plan --from DATETIME [--in-room ROOM]``): what
is already past stays as the previous plan had it, and the rest is planned again from that
moment and place.

- Items of the previous plan that ended by the moment are *kept* as they were.
- An item of the previous plan going on at the moment is kept when the attendee is in its
  room (``--in-room`` is its room, or is not given: then the attendee is taken to follow the
  plan; a lunch going on is kept only without ``--in-room``). The attendee then stays to its
  end, and the re-planning starts there, from its room. An item going on that is not kept is
  dropped (listed among the changes).
- Nothing starting before the moment can be chosen anew (talks, poster visits, lunch): the
  solver plans what starts from then on. A talk in another room must leave the walk from the
  attendee's room (``--in-room``) before it starts, as after a talk that ended there at that
  moment; a poster visit in another room starts a walk later; lunch starts no earlier.
- Daily caps (``max_talks_per_day``, ``max_hours_per_day``) count the kept items of each day
  with the new ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planner.errors import PlannerError
from planner.interests.folding import fold
from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme
from planner.solver.items import Candidate, Day, Problem

ROOMS_SHOWN = 8
"""How many of the programme's rooms an unknown ``--in-room`` error lists."""


def read_room(text: str, programme: Programme) -> str:
    """The programme's room named ``text`` (case and accents ignored), or a clear error."""
    rooms = sorted(programme.room_by_name)
    if text in programme.room_by_name:
        return text
    wanted = fold(text).strip()
    found = [r for r in rooms if fold(r).strip() == wanted]
    if len(found) == 1:
        return found[0]
    shown = ", ".join(repr(r) for r in rooms[:ROOMS_SHOWN]) or "none"
    more = f" and {len(rooms) - ROOMS_SHOWN} more" if len(rooms) > ROOMS_SHOWN else ""
    raise PlannerError(f"--in-room {text!r}: no such room (rooms: {shown}{more})")


@dataclass(frozen=True)
class Restart:
    """Where and when planning starts again, and what of the previous plan is kept."""

    at: datetime
    """The moment given (``--from``)."""
    room: str | None
    """The room the attendee is in at ``at`` (``--in-room``), if given."""
    kept: list[PlannedItem]
    """Items of the previous plan kept as they were (ended by ``at``, or going on and kept)."""
    dropped: list[PlannedItem]
    """Items of the previous plan going on at ``at`` that are not kept."""
    free: datetime
    """When the attendee is free to go to a new item: ``at``, or the end of a kept item going
    on at ``at``."""
    origin: str | None
    """The room they walk from to a new item in another room: the kept item's going on at
    ``at``, else ``room``, else the room of the last kept item (None: no walk counted)."""
    origin_end: datetime
    """When that walk can start: ``free``, or the end of the last kept item."""

    @property
    def kept_ids(self) -> set[str]:
        return {i.id for i in self.kept}


def restart(previous: Itinerary | None, at: datetime, room: str | None) -> Restart:
    """What of ``previous`` is kept when re-planning from ``at`` in ``room``."""
    items = [] if previous is None else list(previous.items)
    kept = [i for i in items if i.end <= at]
    going = [i for i in items if i.start < at < i.end]
    dropped = []
    free, origin, origin_end = at, room, at
    if room is None:
        rooms = [i for i in kept if i.room]
        last = max(rooms, key=lambda i: (i.end, i.start), default=None)
        if last is not None:
            origin, origin_end = last.room, last.end
    for item in going:
        if room is None or (item.kind != "lunch" and room == item.room):
            kept.append(item)
            if item.end > free:
                free = item.end
                if item.room:
                    origin, origin_end = item.room, item.end
        else:
            dropped.append(item)
    kept.sort(key=lambda i: (i.start, i.end, i.id))
    return Restart(at, room, kept, dropped, free, origin, origin_end)


def restrict(start: Restart, programme: Programme) -> Callable[[Problem], Problem]:
    """The change to a planning problem that plans from ``start`` on (see the module). Kept
    items count toward the caps of the day the programme lists them under (a talk after
    midnight, toward the evening's)."""

    def change(problem: Problem) -> Problem:
        clock = problem.clock
        at, free = clock.minutes(start.at), clock.minutes(start.free)
        origin = (start.origin, clock.minutes(start.origin_end))
        lunch_days = {programme.day_of_item(i.id, i.start) for i in start.kept if i.kind == "lunch"}
        kept = start.kept_ids
        talks: dict[date, int] = {}
        minutes: dict[date, int] = {}
        for item in start.kept:
            if item.kind != "lunch":
                on = programme.day_of_item(item.id, item.start)
                talks[on] = talks.get(on, 0) + (item.kind in ("talk", "invited"))
                length = clock.minutes(item.end) - clock.minutes(item.start)
                minutes[on] = minutes.get(on, 0) + length
        days = []
        for day in problem.days:
            candidates = []
            for c in day.candidates:
                moved = _from(problem, c, at, free, origin, kept)
                if moved is not None:
                    candidates.append(moved)
            lunch = day.lunch
            if lunch is not None:
                lo = max(lunch.window_start, free)
                if day.day in lunch_days or lunch.window_end - lo < lunch.length:
                    lunch = None
                else:
                    lunch = dataclasses.replace(lunch, window_start=lo)
            days.append(
                Day(
                    day.day,
                    candidates,
                    list(day.busy),
                    lunch,
                    day.kept_talks + talks.get(day.day, 0),
                    day.kept_minutes + minutes.get(day.day, 0),
                )
            )
        return Problem(clock, days, problem.profile, problem.skipped)

    return change


def _from(
    problem: Problem,
    c: Candidate,
    at: int,
    free: int,
    origin: tuple[str | None, int],
    kept: set[str],
) -> Candidate | None:
    """``c`` as it can still be chosen from minute ``free``, walking from room ``origin[0]``
    from minute ``origin[1]``; None when it is past or kept already."""
    if c.id in kept or (c.start < at and c.fixed) or c.end <= at:
        return None
    room, walk_from = origin
    walk = problem.walk(room, c.room) if room is not None else 0
    earliest = max(free, walk_from + walk)
    if c.fixed:
        if c.start >= earliest or c.blocked is not None:
            return c
        if c.start >= free:
            left = problem.clock.moment(walk_from).strftime("%H:%M")
            reason = f"too soon to walk there from {room} ({walk} min) after {left}"
        else:
            reason = f"starts before you are free ({problem.clock.moment(free):%H:%M})"
        return dataclasses.replace(c, blocked=reason)
    lo = max(c.start, earliest)
    if c.end - lo < c.length:
        return dataclasses.replace(c, blocked="too little of its session is left to visit it")
    return dataclasses.replace(c, start=lo)


def merged(itinerary: Itinerary, start: Restart, programme: Programme) -> Itinerary:
    """The re-planned ``itinerary`` with the kept items of ``start`` put back: the objective and
    bound count them, and the changes leave them out (they did not change). What was past
    already (a talk begun, a poster session over) is not listed as left out."""
    kept = start.kept_ids
    left_out = [x for x in itinerary.left_out if not _past(programme, x.id, start.at)]
    worth = sum(i.score for i in start.kept)
    items = sorted([*start.kept, *itinerary.items], key=lambda i: (i.start, i.end, i.id))
    changes = [c for c in itinerary.changes if not (c.change == "removed" and c.id in kept)]
    return itinerary.model_copy(
        update={
            "items": items,
            "objective": itinerary.objective + worth,
            "bound": itinerary.bound + worth,
            "changes": changes,
            "left_out": left_out,
        }
    )


def _past(programme: Programme, cid: str, at: datetime) -> bool:
    contribution = programme.contribution_by_id.get(cid)
    if contribution is None:
        return False
    start, end = programme.window(contribution)
    return end <= at or (not contribution.is_poster and start < at)


def restart_json(start: Restart, programme: Programme) -> dict[str, Any]:
    """``replanned`` in ``planner plan --from ... --json``: the moment, the room, what was kept
    and what was dropped (ids), and when the attendee is free."""
    zone = programme.conference.zone
    return {
        "from": start.at.astimezone(zone).isoformat(),
        "in_room": start.room,
        "free_from": start.free.astimezone(zone).isoformat(),
        "kept": [i.id for i in start.kept],
        "dropped": [i.id for i in start.dropped],
    }


def restart_text(start: Restart, programme: Programme, previous: bool) -> str:
    """What re-planning from ``start`` kept, in words."""
    local = programme.local(start.at)
    where = f" in {start.room}" if start.room else ""
    lines = [f"Re-planned from {local:%a %d %b %H:%M}{where}."]
    if not previous:
        lines.append("No --previous plan: nothing before then is planned.")
    else:
        talks = [i for i in start.kept if i.kind != "lunch"]
        lunches = len(start.kept) - len(talks)
        kept = f"Kept from the previous plan: {len(talks)} item{'s' if len(talks) != 1 else ''}"
        if lunches:
            kept += f" and {lunches} lunch{'es' if lunches != 1 else ''}"
        lines.append(kept + " up to then.")
        going = [i for i in start.kept if i.start < start.at]
        going = [i for i in going if i.end > start.at]
        for item in going:
            end = programme.local(item.end)
            lines.append(f"Still going on, kept: '{item.title or item.id}' until {end:%H:%M}.")
        for item in start.dropped:
            why = f" (you are in {start.room})" if start.room else ""
            lines.append(f"Going on, dropped: '{item.title or item.id}' in {item.room}{why}.")
    return "\n".join(lines)
