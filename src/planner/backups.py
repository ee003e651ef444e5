"""Backups: for each planned item, the best talk to go to instead if it is full or cancelled.

A backup of an item is a talk of some interest that is not in the plan, not cancelled, not
skipped and not ruled out by the type and language filters, whose time overlaps the item's, and
that fits the rest of the plan in place of the item: no overlap with the other items (lunch
included), enough time to walk from each earlier item and to each later one, within the
attendee's availability and busy times, and within the daily caps. The best is the one of
highest interest, then the shortest walk from the item's room, then the earliest, then by id.
Lunches and the attendee's own poster duty have no backup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from planner.interests.profile import InterestProfile
from planner.itinerary import Backup, Itinerary, PlannedItem
from planner.model import Programme
from planner.solver.items import filtered_out

#: Kinds of planned item that get a backup.
WITH_BACKUP = frozenset({"talk", "invited", "poster-visit"})


@dataclass(frozen=True)
class Option:
    """A talk that could stand in for a planned item."""

    id: str
    title: str
    room: str
    start: datetime
    end: datetime
    score: float


def options(
    programme: Programme,
    itinerary: Itinerary,
    scores: Mapping[str, float],
    profile: InterestProfile,
) -> list[Option]:
    """The talks that may be backups at all, by start."""
    planned = {i.id for i in itinerary.items}
    skipped = set(profile.skip)
    found = []
    for c in programme.contributions:
        if c.start is None or c.end is None or c.kind == "poster" or c.cancelled:
            continue
        if c.id in planned or c.id in skipped or scores.get(c.id, 0.0) <= 0:
            continue
        if filtered_out(c, profile) is not None:
            continue
        start, end = programme.window(c)
        if end <= start:
            continue
        found.append(Option(c.id, c.title, programme.room_of(c), start, end, scores[c.id]))
    return sorted(found, key=lambda o: (o.start, o.end, o.id))


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


def fits(
    option: Option,
    others: Sequence[PlannedItem],
    profile: InterestProfile,
    day_of: date,
    zone_day: dict[int, date],
) -> bool:
    """Whether ``option`` can join ``others`` (the plan without the item it stands in for).
    ``zone_day`` maps ``id()`` of each of ``others`` to its day in the conference's zone."""
    if profile.arrive and option.start < profile.arrive:
        return False
    if profile.leave and option.end > profile.leave:
        return False
    if any(option.start < b.end and b.start < option.end for b in profile.busy):
        return False
    talks, minutes = 1, _minutes(option.start, option.end)
    for other in others:
        overlaps = option.start < other.end and other.start < option.end
        if overlaps and (other.kind != "lunch" or not _lunch_moves(other, option, others, profile)):
            return False
        if other.kind != "lunch" and other.room != option.room:
            if other.end <= option.start:
                walk = profile.walk_minutes(other.room, option.room)
                if _minutes(other.end, option.start) < walk:
                    return False
            elif _minutes(option.end, other.start) < profile.walk_minutes(option.room, other.room):
                return False
        if zone_day[id(other)] == day_of:
            talks += other.kind in ("talk", "invited")
            if other.kind != "lunch":
                minutes += _minutes(other.start, other.end)
    if profile.max_talks_per_day is not None and talks > profile.max_talks_per_day:
        return False
    return not (
        profile.max_hours_per_day is not None and minutes > round(profile.max_hours_per_day * 60)
    )


def _lunch_moves(
    lunch: PlannedItem, option: Option, others: Sequence[PlannedItem], profile: InterestProfile
) -> bool:
    """Whether ``lunch`` can move inside its window to make room for ``option``."""
    day = lunch.start.date()  # in the conference's zone, as the solver places lunches
    lo = datetime.combine(day, profile.lunch_window[0], tzinfo=lunch.start.tzinfo).astimezone(UTC)
    hi = datetime.combine(day, profile.lunch_window[1], tzinfo=lunch.start.tzinfo).astimezone(UTC)
    length = lunch.end - lunch.start
    taken = sorted(
        [(o.start.astimezone(UTC), o.end.astimezone(UTC)) for o in others if o.kind != "lunch"]
        + [(option.start.astimezone(UTC), option.end.astimezone(UTC))]
    )
    free = lo
    for start, end in taken:
        if min(start, hi) - free >= length:
            return True
        free = max(free, end)
    return hi - free >= length


def best_backup(
    item: PlannedItem,
    itinerary: Itinerary,
    candidates: Sequence[Option],
    programme: Programme,
    profile: InterestProfile,
) -> Backup | None:
    """The best backup of ``item`` (one of the plan's items) among ``candidates``, or None."""
    if item.kind not in WITH_BACKUP:
        return None
    zone = programme.conference.zone
    others = [i for i in itinerary.items if i is not item]
    zone_day = {id(o): o.start.astimezone(zone).date() for o in others}
    best: tuple[tuple[float, int, datetime, str], Option, int] | None = None
    for option in candidates:
        if option.start >= item.end:
            break
        if option.end <= item.start:
            continue
        walk = profile.walk_minutes(item.room, option.room)
        key = (-option.score, walk, option.start, option.id)
        if best is not None and key >= best[0]:
            continue
        if fits(option, others, profile, option.start.astimezone(zone).date(), zone_day):
            best = (key, option, walk)
    if best is None:
        return None
    _, option, walk = best
    return Backup(
        id=option.id,
        title=option.title,
        room=option.room,
        start=option.start,
        end=option.end,
        score=option.score,
        walk_minutes=walk,
    )


def with_backups(
    itinerary: Itinerary,
    programme: Programme,
    scores: Mapping[str, float],
    profile: InterestProfile,
) -> Itinerary:
    """The itinerary with each item's :func:`best_backup`."""
    candidates = options(programme, itinerary, scores, profile)
    items = [
        item.model_copy(
            update={"backup": best_backup(item, itinerary, candidates, programme, profile)}
        )
        for item in itinerary.items
    ]
    return itinerary.model_copy(update={"items": items})
