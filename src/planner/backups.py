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

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

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
    filters = bool(profile.type or profile.skip_type or profile.language)
    found = []
    for c in programme.contributions:
        if c.start is None or c.end is None or c.kind == "poster" or c.cancelled:
            continue
        if c.id in planned or c.id in skipped or scores.get(c.id, 0.0) <= 0:
            continue
        if filters and filtered_out(c, profile) is not None:
            continue
        start, end = programme.window(c)
        if end <= start:
            continue
        found.append(Option(c.id, c.title, programme.room_of(c), start, end, scores[c.id]))
    return sorted(found, key=lambda o: (o.start, o.end, o.id))


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


@dataclass(frozen=True)
class _Plan:
    """The plan's items, prepared once for the backups of all of them: in time order, each
    with its day in the conference's zone, and each day's talks and minutes for the caps."""

    items: list[PlannedItem]
    starts: list[datetime]
    days: list[date]
    talks: dict[date, int]
    minutes: dict[date, float]
    longest: timedelta
    """The longest item: no item starting earlier than this before a moment reaches it."""
    reach: timedelta
    """The longest walk: an item this far from an option needs no walk checked."""
    profile: InterestProfile
    walks: dict[tuple[str, str], int] = field(default_factory=dict)

    def walk(self, a: str, b: str) -> int:
        """The profile's walk from room ``a`` to ``b``, each pair worked out once."""
        found = self.walks.get((a, b))
        if found is None:
            found = self.walks[(a, b)] = self.profile.walk_minutes(a, b)
        return found

    @classmethod
    def of(cls, itinerary: Itinerary, programme: Programme, profile: InterestProfile) -> _Plan:
        zone = programme.conference.zone
        items = sorted(itinerary.items, key=lambda i: (i.start, i.end, i.id))
        days = [i.start.astimezone(zone).date() for i in items]
        talks: dict[date, int] = {}
        minutes: dict[date, float] = {}
        for item, day in zip(items, days, strict=True):
            talks[day] = talks.get(day, 0) + (item.kind in ("talk", "invited"))
            if item.kind != "lunch":
                minutes[day] = minutes.get(day, 0.0) + _minutes(item.start, item.end)
        longest = max((i.end - i.start for i in items), default=timedelta(0))
        walk = max([profile.walk, *profile.walk_between.values()])
        starts = [i.start for i in items]
        return cls(items, starts, days, talks, minutes, longest, timedelta(minutes=walk), profile)


def fits(
    option: Option,
    item: PlannedItem,
    item_day: date,
    plan: _Plan,
    profile: InterestProfile,
    day_of: date,
) -> bool:
    """Whether ``option`` (on ``day_of``) can join the plan in place of ``item`` (on
    ``item_day``): only the items near it in time are checked for overlaps and walks, and
    each day's totals for the caps."""
    if profile.arrive and option.start < profile.arrive:
        return False
    if profile.leave and option.end > profile.leave:
        return False
    if any(option.start < b.end and b.start < option.end for b in profile.busy):
        return False
    talks = 1 + plan.talks.get(day_of, 0)
    minutes = _minutes(option.start, option.end) + plan.minutes.get(day_of, 0.0)
    if item_day == day_of:
        talks -= item.kind in ("talk", "invited")
        minutes -= _minutes(item.start, item.end) if item.kind != "lunch" else 0.0
    lo = bisect.bisect_left(plan.starts, option.start - plan.reach - plan.longest)
    hi = bisect.bisect_right(plan.starts, option.end + plan.reach)
    for index in range(lo, hi):
        other = plan.items[index]
        if other is item:
            continue
        overlaps = option.start < other.end and other.start < option.end
        if overlaps and (
            other.kind != "lunch" or not _lunch_moves(other, option, item, plan, profile)
        ):
            return False
        if other.kind != "lunch" and other.room != option.room:
            if other.end <= option.start:
                walk = plan.walk(other.room, option.room)
                if _minutes(other.end, option.start) < walk:
                    return False
            elif _minutes(option.end, other.start) < plan.walk(option.room, other.room):
                return False
    if profile.max_talks_per_day is not None and talks > profile.max_talks_per_day:
        return False
    return not (
        profile.max_hours_per_day is not None and minutes > round(profile.max_hours_per_day * 60)
    )


def _lunch_moves(
    lunch: PlannedItem, option: Option, item: PlannedItem, plan: _Plan, profile: InterestProfile
) -> bool:
    """Whether ``lunch`` can move inside its window to make room for ``option`` in place of
    ``item`` (only the items meeting the window can stand in its way)."""
    day = lunch.start.date()  # in the conference's zone, as the solver places lunches
    lo = datetime.combine(day, profile.lunch_window[0], tzinfo=lunch.start.tzinfo).astimezone(UTC)
    hi = datetime.combine(day, profile.lunch_window[1], tzinfo=lunch.start.tzinfo).astimezone(UTC)
    length = lunch.end - lunch.start
    first = bisect.bisect_left(plan.starts, lo - plan.longest)
    last = bisect.bisect_right(plan.starts, hi)
    near = [o for o in plan.items[first:last] if o is not item and o.kind != "lunch"]
    taken = sorted(
        [(o.start.astimezone(UTC), o.end.astimezone(UTC)) for o in near]
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
    plan: _Plan,
    candidates: _Options,
    programme: Programme,
    profile: InterestProfile,
) -> Backup | None:
    """The best backup of ``item`` (one of the plan's items) among ``candidates``, or None:
    the overlapping options in order of preference, the first that fits."""
    if item.kind not in WITH_BACKUP:
        return None
    zone = programme.conference.zone
    item_day = item.start.astimezone(zone).date()
    lo = bisect.bisect_left(candidates.starts, item.start - candidates.longest)
    hi = bisect.bisect_left(candidates.starts, item.end)
    ranked = sorted(
        (
            (-option.score, plan.walk(item.room, option.room), option.start, option.id),
            option,
        )
        for option in candidates.options[lo:hi]
        if option.end > item.start
    )
    for (_, walk, _, _), option in ranked:
        if fits(option, item, item_day, plan, profile, option.start.astimezone(zone).date()):
            return Backup(
                id=option.id,
                title=option.title,
                room=option.room,
                start=option.start,
                end=option.end,
                score=option.score,
                walk_minutes=walk,
            )
    return None


@dataclass(frozen=True)
class _Options:
    """The options by start, with their starts and the longest of them (for bisecting)."""

    options: list[Option]
    starts: list[datetime]
    longest: timedelta

    @classmethod
    def of(cls, options: list[Option]) -> _Options:
        longest = max((o.end - o.start for o in options), default=timedelta(0))
        return cls(options, [o.start for o in options], longest)


def with_backups(
    itinerary: Itinerary,
    programme: Programme,
    scores: Mapping[str, float],
    profile: InterestProfile,
    since: datetime | None = None,
) -> Itinerary:
    """The itinerary with each item's :func:`best_backup`. With ``since`` (re-planning from a
    moment), only talks starting from then are backups, and the items before it keep theirs."""
    found = options(programme, itinerary, scores, profile)
    if since is not None:
        found = [o for o in found if o.start >= since]
    candidates = _Options.of(found)
    plan = _Plan.of(itinerary, programme, profile)
    items = [
        item
        if since is not None and item.start < since
        else item.model_copy(
            update={"backup": best_backup(item, plan, candidates, programme, profile)}
        )
        for item in itinerary.items
    ]
    return itinerary.model_copy(update={"items": items})
