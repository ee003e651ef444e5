"""An independent check of an itinerary against the programme and the attendee's rules.

It works on datetimes straight from the programme and the profile and shares no code with the
model, so a modelling mistake shows up as a problem here rather than being repeated."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, timedelta

from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def _name(item: PlannedItem) -> str:
    return f"{item.id!r} ({item.start.strftime('%a %H:%M')})"


def _relaxed(itinerary: Itinerary, cid: str) -> bool:
    return cid in itinerary.relaxed_ids


def _check_item(
    item: PlannedItem, programme: Programme, profile: InterestProfile, found: list[str]
) -> None:
    if item.kind == "lunch":
        return
    contribution = programme.contribution_by_id.get(item.id)
    if contribution is None:
        found.append(f"{_name(item)} is not in the programme")
        return
    if contribution.cancelled:
        found.append(f"{_name(item)} is cancelled")
    room = programme.room_of(contribution)
    if item.room != room:
        found.append(f"{_name(item)} is in room {room!r}, not {item.room!r}")
    start, end = programme.window(contribution)
    if item.kind in ("talk", "invited"):
        if contribution.kind != item.kind:
            found.append(f"{_name(item)} is a {contribution.kind}, not a {item.kind}")
        if item.start != start or item.end != end:
            found.append(f"{_name(item)} is not at its slot {start.isoformat()}")
        return
    if contribution.kind != "poster":
        found.append(f"{_name(item)} is a {contribution.kind}, not a poster")
    if item.start < start or item.end > end:
        found.append(f"{_name(item)} is outside its poster session")
    length = _minutes(item.end - item.start)
    if item.kind == "poster-visit" and length < profile.poster_visit:
        found.append(f"{_name(item)}: a visit lasts {profile.poster_visit} minutes, not {length:g}")
    if item.kind == "poster-duty":
        if item.id not in profile.own:
            found.append(f"{_name(item)}: presenter duty at a poster that is not yours")
        need = math.ceil(profile.poster_duty_share * _minutes(end - start))
        if length < need:
            found.append(f"{_name(item)}: presenter duty is {length:g} minutes, needs {need}")


def validate(itinerary: Itinerary, programme: Programme, profile: InterestProfile) -> list[str]:
    """Every rule the itinerary breaks, in words; ``[]`` means it is a valid plan."""
    found: list[str] = []
    zone = programme.conference.zone
    items = sorted(itinerary.items, key=lambda i: (i.start, i.end, i.id))
    seen: set[tuple[str, str]] = set()
    for item in items:
        if item.end <= item.start:
            found.append(f"{_name(item)} ends before it starts")
        key = (item.id, item.kind)
        if key in seen:
            found.append(f"{_name(item)} is in the plan twice")
        seen.add(key)
        _check_item(item, programme, profile, found)
        if item.id in profile.skip:
            found.append(f"{_name(item)} is in the plan but you asked to skip it")
        if item.kind == "poster-visit" and item.id in profile.own:
            found.append(f"{_name(item)} is your own poster: duty, not a visit")

    attending = [i for i in items if i.kind != "lunch"]
    for item in attending:
        if (profile.arrive and item.start < profile.arrive) or (
            profile.leave and item.end > profile.leave
        ):
            found.append(f"{_name(item)} is outside your availability")
        for busy in profile.busy:
            if item.start < busy.end and busy.start < item.end:
                found.append(f"{_name(item)} is during your busy time {busy.label or ''}".strip())

    # Items are sorted by start: once one starts a longest walk after ``a`` ends, no later item
    # can clash with ``a`` or be too close to it.
    longest = timedelta(minutes=max([profile.walk, *profile.walk_between.values()]))
    for a_index, a in enumerate(items):
        for b in items[a_index + 1 :]:
            if b.start >= a.end + longest:
                break
            if a.start < b.end and b.start < a.end:
                found.append(f"{_name(a)} and {_name(b)} overlap")
            elif "lunch" not in (a.kind, b.kind) and a.room != b.room:
                walk = profile.walk_minutes(a.room, b.room)
                first, second = (a, b) if a.end <= b.start else (b, a)
                if _minutes(second.start - first.end) < walk:
                    found.append(
                        f"not enough time to walk from {first.room} to {second.room} "
                        f"between {_name(first)} and {_name(second)} ({walk} minutes)"
                    )

    by_day: dict[date, list[PlannedItem]] = defaultdict(list)  # the day each is listed under
    for item in items:
        by_day[programme.day_of_item(item.id, item.start)].append(item)
    for day, day_items in sorted(by_day.items()):
        talks = [i for i in day_items if i.kind in ("talk", "invited")]
        if profile.max_talks_per_day is not None and len(talks) > profile.max_talks_per_day:
            found.append(
                f"{day}: {len(talks)} talks, more than max_talks_per_day "
                f"({profile.max_talks_per_day})"
            )
        if profile.max_hours_per_day is not None:
            minutes = sum(_minutes(i.end - i.start) for i in day_items if i.kind != "lunch")
            if minutes > round(profile.max_hours_per_day * 60):
                found.append(
                    f"{day}: {minutes / 60:g} hours, more than max_hours_per_day "
                    f"({profile.max_hours_per_day:g})"
                )

    if profile.lunch > 0:
        for day in programme.conference.days:
            lo = datetime.combine(day, profile.lunch_window[0], tzinfo=zone)
            hi = datetime.combine(day, profile.lunch_window[1], tzinfo=zone)
            if (profile.arrive and profile.arrive >= hi) or (profile.leave and profile.leave <= lo):
                continue
            lunches = [i for i in by_day.get(day, []) if i.kind == "lunch"]
            if not any(
                lo <= i.start and i.end <= hi and _minutes(i.end - i.start) >= profile.lunch
                for i in lunches
            ):
                found.append(
                    f"{day}: no lunch of {profile.lunch} minutes between "
                    f"{lo.strftime('%H:%M')} and {hi.strftime('%H:%M')}"
                )

    planned = {i.id for i in items}
    for cid in [*profile.must, *profile.own]:
        contribution = programme.contribution_by_id.get(cid)
        if contribution is not None and contribution.kind == "poster" and cid in profile.own:
            window = programme.window(contribution)
            if math.ceil(profile.poster_duty_share * _minutes(window[1] - window[0])) == 0:
                continue
        if cid not in planned and not _relaxed(itinerary, cid):
            word = "your own item" if cid in profile.own else "must-see item"
            found.append(f"{word} {cid!r} is not in the plan")
    for cid in profile.own:
        contribution = programme.contribution_by_id.get(cid)
        is_poster = contribution is not None and contribution.kind == "poster"
        if (
            is_poster
            and cid in planned
            and not any(i.id == cid and i.kind == "poster-duty" for i in items)
        ):
            found.append(f"your poster {cid!r} has no presenter duty in the plan")
    return found
