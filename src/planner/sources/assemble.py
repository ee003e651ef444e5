"""From a :class:`RawSchedule` to a :class:`Programme`, keeping untidy data and saying so.

Rules shared by every schedule format:

- Time zone: :mod:`planner.sources.zones` chooses it (the file's, its offsets', its place's, or
  the one given with ``--zone``) and reads the clock times without offset in it.
- Days: the file's days. An event belongs to the day the file lists it under, even after midnight
  (``Contribution.day`` records it when it differs from the start's date). An event dated outside
  its day's window is kept there and reported.
- Sessions: the source's own sessions where it has them (Indico); otherwise one session per run
  of events of one track in one room on one day, titled with the track (or the room when the
  event has no track), so ``programme.session_of(c).title`` names the track.
- Breaks listed as events become breaks (:mod:`planner.sources.breaks`); cancelled events are
  kept as cancelled (:mod:`planner.sources.cancellation`), and their slots are free.
- Missing or repeated ids get stable ids (guid, title) and a warning; zero-length events and
  same-room overlaps are kept with a warning (the programme then sets ``room_overlaps: allow``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter, ValidationError

from planner.errors import ProgrammeError
from planner.model import Programme, Speaker
from planner.model.io import describe_validation_error
from planner.model.overlaps import room_overlaps
from planner.slugs import slug
from planner.sources.breaks import break_kind, separate_breaks
from planner.sources.cancellation import mark_cancelled
from planner.sources.imported import Imported
from planner.sources.raw import RawEvent, RawSchedule
from planner.sources.times import (
    Times,
    date_and_time,
    normalise_times,
    read_wall_times,
)
from planner.sources.zones import choose_zone, read_as_local_times


def short_slug(text: str, words: int = 3, limit: int = 24) -> str:
    """``linked-data-services`` for an id made from a title: short enough for a listing."""
    parts = slug(text).split("-")[:words]
    return "-".join(parts)[:limit].strip("-")


def _assign_days(
    raw: RawSchedule, zone: ZoneInfo, shown: ZoneInfo, warnings: list[str]
) -> tuple[list[date], dict[int, date]]:
    """The conference days, and each talk's day where it differs from its start's date in the
    zone ``shown``. Days are the file's: listed, or else dated in the file's own ``zone``."""
    days = sorted({d.date for d in raw.days})
    windows = {d.date: (d.start, d.end) for d in raw.days if d.start and d.end}
    known = set(days)
    added: set[date] = set()
    outside: list[str] = []
    own_day: dict[int, date] = {}
    for index, event in enumerate(raw.events):
        start = event.start
        if start is None:
            continue
        local_date = start.astimezone(zone).date()
        day = event.day
        if day is None:
            day = event.day = next(
                (d for d, (s, e) in windows.items() if s <= start <= e), local_date
            )
        elif day != local_date:
            window = windows.get(day)
            if window is None or not window[0] <= start <= window[1]:
                outside.append(
                    f"{event.ref}: dated {date_and_time(start.astimezone(zone))} but listed under "
                    f"day {day.isoformat()}; kept at its time, on that day"
                )
                event.notes.append(
                    f"The source lists it under {day.isoformat()} but dates it "
                    f"{local_date.isoformat()}."
                )
        if day not in known:
            known.add(day)
            added.add(day)
        if day != (local_date if shown is zone else start.astimezone(shown).date()):
            own_day[index] = day
    warnings.extend(outside)
    if added:
        warnings.append(
            "events fall on days the file does not list: added "
            + ", ".join(d.isoformat() for d in sorted(added))
        )
    return sorted(known), own_day


def _assign_ids(events: list[RawEvent], warnings: list[str]) -> list[str]:
    ids: list[str] = []
    used: set[str] = set()
    missing: list[RawEvent] = []
    renamed: dict[str, list[str]] = {}
    bases: list[str] = []
    for event in events:
        base = event.id
        if not base:
            missing.append(event)
            base = event.guid or short_slug(event.title) or "event"
        bases.append(base)
        chosen = base
        if chosen in used:
            n = 1
            while chosen in used:
                n += 1
                chosen = f"{base}-{n}"
            if event.id:
                renamed.setdefault(base, []).append(chosen)
                event.notes.append(f"Its id {base!r} is used by another event; renamed {chosen!r}.")
        used.add(chosen)
        ids.append(chosen)
    if missing:
        shown = ", ".join(event.ref for event in missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        warnings.append(
            f"{len(missing)} event{'s have' if len(missing) != 1 else ' has'} no id "
            f"(given one from the guid or title): {shown}"
        )
    if renamed:
        titles: dict[str, list[str]] = defaultdict(list)  # the titles under each repeated id
        for event, base in zip(events, bases, strict=True):
            if base in renamed:
                titles[base].append(event.title)
        for base, others in renamed.items():
            names = "; ".join(repr(t) for t in titles[base][:4])
            warnings.append(
                f"id {base!r} is used by {len(others) + 1} events ({names}): the later ones "
                f"are renamed {', '.join(others)}"
            )
    return ids


SortKey = tuple[float, float, str]


def _sort_keys(events: list[RawEvent], ids: list[str]) -> list[SortKey]:
    """``(start, end, id)`` of each event, the times as instants (times of one named zone
    compare by wall clock, which a DST fold reverses). A poster (no times) sorts first."""
    return [
        (e.start.timestamp(), e.end.timestamp(), ident) if e.start and e.end else (0.0, 0.0, "")
        for e, ident in zip(events, ids, strict=True)
    ]


_SPEAKERS = TypeAdapter(list[Speaker])


def _speakers(raw: RawSchedule) -> dict[tuple[str, str | None], Speaker]:
    """One :class:`Speaker` per distinct name and affiliation, validated by the model (all in
    one call) and shared by the contributions that list it: a speaker gives several talks, and
    the model is frozen. The programme's validation takes these instances as they are."""
    persons = list(dict.fromkeys(chain.from_iterable(map(attrgetter("speakers"), raw.events))))
    data = [{"name": name, "affiliation": affiliation} for name, affiliation in persons]
    try:
        made = _SPEAKERS.validate_python(data)
    except ValidationError as error:
        raise _unusable(raw, "unusable speakers", error, data, "speakers") from None
    return dict(zip(persons, made, strict=True))


def _unusable(
    raw: RawSchedule, what: str, error: ValidationError, data: Any, prefix: str = ""
) -> ProgrammeError:
    """The problems the model found in what was assembled, the first twenty named."""
    lines = describe_validation_error(error, data)
    return ProgrammeError(
        f"{raw.source}: the {raw.format} gives {what}:\n"
        + "\n".join(f"  - {prefix}{line}" for line in lines[:20])
    )


def assemble(raw: RawSchedule, zone: str | None = None, local_times: bool = False) -> Imported:
    """The programme of a schedule, with the warnings about what was kept as it was.

    ``zone``: the conference's real zone (an IANA name), when the file says UTC, gives only
    offsets or names another: every time keeps its instant and is shown in ``zone``; times
    without an offset are read in the zone the file names, else in ``zone``; every event stays
    on the day the file puts it. With ``local_times``, the file's clock times are local times in
    ``zone`` whatever offset or zone it gives (for files that write local times as UTC)."""
    warnings = list(raw.warnings)
    if local_times:
        if zone is None:
            raise ValueError("local_times needs the zone the clock times are in")
        read_as_local_times(raw, zone, warnings)
    separate_breaks(raw, warnings)
    mark_cancelled(raw, warnings)
    if not raw.events:
        raise ProgrammeError(f"{raw.source}: a {raw.format} with no events: nothing to plan")
    choice = choose_zone(raw, warnings, zone)
    own_name = choice.name
    own = ZoneInfo(own_name)
    named = own_name == raw.timezone
    shown_name = zone or own_name
    shown = ZoneInfo(shown_name)
    naive = own if named or zone is None else shown
    read_wall_times(raw, naive, warnings)
    normalise_times(raw, Times(shown, own, naive, named), warnings)
    if len(raw.breaks) > 1:  # the file's own breaks and the events that are breaks, in time
        raw.breaks.sort(key=lambda item: item.start.timestamp())
    days, own_day = _assign_days(raw, own, shown, warnings)
    if not days:
        days = sorted({s.start.astimezone(own).date() for s in raw.sessions})
    ids = _assign_ids(raw.events, warnings)
    keys = _sort_keys(raw.events, ids)
    sessions, session_of = _sessions(raw, keys)
    rooms = _rooms(raw, sessions)
    room_names = {room["name"] for room in rooms}
    session_room = {s["id"]: s["room"] for s in sessions}
    speaker = _speakers(raw).__getitem__
    contributions = [
        _contribution(event, ident, session, session_room[session], speaker, own_day.get(index))
        for index, (event, ident, session) in enumerate(
            zip(raw.events, ids, session_of, strict=True)
        )
    ]
    overlaps = _room_overlaps(raw.events, ids, keys, shown)
    warnings.extend(overlaps)
    break_ids = _break_ids(raw)
    breaks = [
        {
            "id": break_ids[n - 1],
            "kind": break_kind(item.title),
            "title": item.title or "Break",
            "start": item.start,
            "end": item.end,
            "room": item.room if item.room in room_names else None,
            "times_reconstructed": item.times_reconstructed,
        }
        for n, item in enumerate(raw.breaks, start=1)
    ]
    data = {
        "conference": {
            "name": raw.name,
            "city": raw.city or None,
            "venue": raw.venue or None,
            "timezone": shown_name,
            "timezone_source": choice.source,
            "days": days,
            "url": raw.url or None,
        },
        "rooms": rooms,
        "sessions": sessions,
        "contributions": contributions,
        "breaks": breaks,
        "notes": [
            f"Imported from {raw.format}"
            + (f"; times shown in {zone} (the zone given on import)." if zone else ".")
        ],
        "room_overlaps": "allow" if overlaps else "error",
    }
    try:
        programme = Programme.model_validate(data)
    except ValidationError as error:
        raise _unusable(raw, "an unusable programme", error, data) from None
    return Imported(
        programme=programme,
        format=raw.format,
        source=raw.source,
        events=len(raw.events),
        breaks=len(raw.breaks),
        warnings=tuple(warnings),
    )


def _break_ids(raw: RawSchedule) -> list[str]:
    """Each break's own id where it has one (and no other break has it), else ``break-N``."""
    given = [item.id for item in raw.breaks]
    made = {f"break-{n}" for n in range(1, len(given) + 1)}
    counts = Counter(given)
    repeated = {i for i in given if i is not None and (counts[i] > 1 or i in made)}
    return [
        i if i is not None and i not in repeated else f"break-{n}"
        for n, i in enumerate(given, start=1)
    ]


def _contribution(
    event: RawEvent,
    ident: str,
    session: str,
    session_room: str,
    speaker: Callable[[tuple[str, str | None]], Speaker],
    day: date | None,
) -> dict[str, Any]:
    """The fields of one contribution, leaving out those at the model's default (no room of
    its own, no board, no notes...): the model fills them in, and validates fewer fields."""
    item: dict[str, Any] = {
        "id": ident,
        "title": event.title,
        "kind": event.kind,
        "session": session,
        "start": event.start,
        "end": event.end,
    }
    if event.speakers:
        item["speakers"] = list(map(speaker, event.speakers))
    if event.abstract:
        item["abstract"] = event.abstract
    if event.room != session_room:
        item["room"] = event.room
    if event.board is not None:
        item["board"] = event.board
    if event.url is not None:
        item["url"] = event.url
    if event.track is not None:
        item["track"] = event.track
    if event.event_type is not None:
        item["event_type"] = event.event_type
    if event.language is not None:
        item["language"] = event.language
    if event.recorded is not None:
        item["recorded"] = event.recorded
    if event.links:
        item["links"] = [{"url": url, "title": title} for url, title in event.links]
    if event.cancelled:
        item["cancelled"] = True
    if day is not None:
        item["day"] = day
    if event.notes:
        item["notes"] = list(dict.fromkeys(event.notes))  # one a file gives and the import adds
    return item


def _sessions(raw: RawSchedule, keys: list[SortKey]) -> tuple[list[dict[str, Any]], list[str]]:
    """The source's own sessions, else one per run of a track in a room on a day; and the
    session id of each event."""
    sessions: list[dict[str, Any]] = []
    taken: set[str] = set()

    def new_id(base: str) -> str:
        chosen, n = base, 1
        while chosen in taken:
            n += 1
            chosen = f"{base}-{n}"
        taken.add(chosen)
        return chosen

    explicit: dict[str, str] = {}
    members: dict[str, list[RawEvent]] = defaultdict(list)
    for event in raw.events:
        if event.session is not None:
            members[event.session].append(event)
    for own in raw.sessions:
        starts = [own.start, *(e.start for e in members[own.key] if e.start is not None)]
        ends = [own.end, *(e.end for e in members[own.key] if e.end is not None)]
        explicit[own.key] = new_id(own.key)
        sessions.append(
            {
                "id": explicit[own.key],
                "title": own.title,
                "kind": own.kind,
                "room": own.room,
                "start": min(starts),
                "end": max(ends),
                "track": own.track,
                "times_reconstructed": own.times_reconstructed,
            }
        )
    session_of = [""] * len(raw.events)
    blocks: dict[tuple[date | None, str], list[int]] = defaultdict(list)
    for index, event in enumerate(raw.events):
        if event.session is not None and event.session in explicit:
            session_of[index] = explicit[event.session]
        else:
            blocks[(event.day, event.room)].append(index)
    events = raw.events
    for (day, room), indices in blocks.items():
        indices.sort(key=keys.__getitem__)
        current: dict[str, Any] = {}
        current_id = title_now = ""
        place = (day.isoformat() if day else "", slug(room))
        for index in indices:
            event = events[index]
            title = event.track or room
            if not current or title_now != title:
                title_now = title
                parts = (*place, slug(event.track or ""))
                current_id = new_id("-".join(filter(None, parts)) or "session")
                current = {
                    "id": current_id,
                    "title": title,
                    "kind": "contributed",
                    "room": room,
                    "start": event.start,
                    "end": event.end,
                }
                sessions.append(current)
            elif event.end > current["end"]:
                current["end"] = event.end
            session_of[index] = current_id
    return sessions, session_of


def _rooms(raw: RawSchedule, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file's rooms first, then the rooms in order of use; a room only poster sessions
    use is a poster area."""
    capacities: dict[str, int | None] = {}
    for room in raw.rooms:
        capacities.setdefault(room.name, room.capacity)
    for each in sessions:
        capacities.setdefault(each["room"], None)
    for name in dict.fromkeys(map(attrgetter("room"), raw.events)):
        capacities.setdefault(name, None)
    poster_only = {s["room"] for s in sessions if s["kind"] == "poster"} - {
        s["room"] for s in sessions if s["kind"] != "poster"
    }
    return [
        {
            "name": name,
            "capacity": capacity,
            "kind": "poster-area" if name in poster_only else "hall",
        }
        for name, capacity in capacities.items()
    ]


def _room_overlaps(
    events: list[RawEvent], ids: list[str], keys: list[SortKey], zone: ZoneInfo
) -> list[str]:
    """A warning for each event that starts before an earlier one in its room has ended."""
    spans = (
        (event.room, keys[index][0], keys[index][1], index)
        for index, event in enumerate(events)
        if event.start is not None and not event.cancelled  # a cancelled event's slot is free
    )
    found: list[str] = []
    for latest, index in room_overlaps(spans):
        other, event = events[latest], events[index]
        assert event.start is not None
        found.append(
            f"events {ids[latest]} {other.title!r} and {ids[index]} {event.title!r} "
            f"overlap in room {event.room!r} (from {date_and_time(event.start.astimezone(zone))}): "
            "both kept"
        )
    return found
