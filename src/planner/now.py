"""``planner now``: during the conference, what the attendee's plan has now and next, the walk
between their rooms, and the best talks starting soon that are not in the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from planner.interests.profile import InterestProfile
from planner.interests.scoring import Interest
from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme
from planner.solver.items import filtered_out

#: Alternatives are the talks starting within this many minutes of the clock.
ALTERNATIVES_MINUTES = 30


@dataclass(frozen=True)
class NowAndNext:
    at: datetime
    """The clock it was worked out for."""
    now: PlannedItem | None
    """The plan's item going on at ``at`` (started at or before it, ending after it)."""
    next: PlannedItem | None
    """The plan's first item starting after ``at``."""
    walk_minutes: int | None
    """Minutes to walk to ``next``'s room from the room of ``now`` or, between items, of the
    item just ended; None with no next item, or none before it on its conference day."""
    walk_from: str | None = None
    """The room that walk starts in."""
    alternatives: list[PlannedItem] = field(default_factory=list)
    """Talks not in the plan starting within :data:`ALTERNATIVES_MINUTES`, highest interest
    first."""

    @property
    def minutes_left(self) -> int | None:
        """Whole minutes until ``now`` ends (rounded up), or None."""
        return None if self.now is None else _minutes(self.now.end - self.at)

    @property
    def minutes_to_next(self) -> int | None:
        """Whole minutes until ``next`` starts (rounded up), or None."""
        return None if self.next is None else _minutes(self.next.start - self.at)


def _minutes(delta: timedelta) -> int:
    seconds = delta.total_seconds()
    return int(-(-seconds // 60))


def now_and_next(
    programme: Programme,
    itinerary: Itinerary,
    interests: dict[str, Interest],
    profile: InterestProfile,
    at: datetime,
    window: int = ALTERNATIVES_MINUTES,
) -> NowAndNext:
    """What the plan has at ``at`` (timezone-aware) and next. Lunches are not items of the plan
    here, as in ``planner plan --json``; posters have no start of their own, so are never
    alternatives."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the clock must be timezone-aware")
    items = sorted(
        (i for i in itinerary.items if i.kind != "lunch"), key=lambda i: (i.start, i.end, i.id)
    )
    current = next((i for i in items if i.start <= at < i.end), None)
    upcoming = next((i for i in items if i.start > at), None)
    walk_from = None
    if upcoming is not None:
        day = programme.day_of_item(upcoming.id, upcoming.start)
        before = [i for i in items if i.start <= at and programme.day_of_item(i.id, i.start) == day]
        if current is not None:
            before = [current] if current in before else []
        if before:
            walk_from = max(before, key=lambda i: (i.end, i.start)).room
    walk = (
        profile.walk_minutes(walk_from, upcoming.room)
        if walk_from is not None and upcoming is not None
        else None
    )
    return NowAndNext(
        at=at,
        now=current,
        next=upcoming,
        walk_minutes=walk,
        walk_from=walk_from,
        alternatives=alternatives(programme, itinerary, interests, profile, at, window),
    )


def alternatives(
    programme: Programme,
    itinerary: Itinerary,
    interests: dict[str, Interest],
    profile: InterestProfile,
    at: datetime,
    window: int = ALTERNATIVES_MINUTES,
) -> list[PlannedItem]:
    """The talks of some interest starting from ``at`` to ``window`` minutes later that are not
    in the plan, not cancelled, not skipped and not ruled out by the type and language filters,
    as items of the plan would be: highest interest first (then the earliest, then by id)."""
    planned = {i.id for i in itinerary.items}
    skipped = set(profile.skip)
    until = at + timedelta(minutes=window)
    found = []
    for c in programme.contributions:
        if c.start is None or c.end is None or c.kind == "poster" or c.cancelled:
            continue
        if c.id in planned or c.id in skipped or not at <= c.start <= until:
            continue
        if filtered_out(c, profile) is not None:
            continue
        interest = interests.get(c.id)
        if interest is None or interest.score <= 0:
            continue  # of no interest: not an alternative worth a walk
        found.append(
            PlannedItem(
                id=c.id,
                kind=c.kind,
                start=c.start,
                end=c.end,
                room=programme.room_of(c),
                score=interest.score,
                title=c.title,
                why=list(interest.reasons),
            )
        )
    return sorted(found, key=lambda i: (-i.score, i.start, i.id))


def read_at(text: str | None, programme: Programme, flag: str = "--at") -> datetime:
    """``--at``, read as ``--arrive`` is (in the conference's zone unless it gives an offset; a
    time alone is on the conference's first day); without it, the real clock."""
    if text is None:
        return datetime.now(UTC)
    from planner.interests.attendee_input import parse_datetime

    conference = programme.conference
    return parse_datetime(text, conference.zone, flag, default_day=conference.start, prefer="later")
