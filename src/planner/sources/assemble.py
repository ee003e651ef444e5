"""From a :class:`RawSchedule` to a :class:`Programme`, keeping untidy data and saying so.

Rules shared by every schedule format:

- Time zone: the zone the file names; else, when it gives only offsets, ``UTC`` or an
  ``Etc/GMT`` zone of its (most common) offset. Every time keeps the instant and offset the file
  gave; naive times are read in the conference's zone.
- Days: the file's days. An event belongs to the day the file lists it under, even after midnight
  (``Contribution.day`` records it when it differs from the start's date). An event dated outside
  its day's window is kept there and reported.
- Sessions: the source's own sessions where it has them (Indico); otherwise one session per run
  of events of one track in one room on one day, titled with the track (or the room when the
  event has no track), so ``programme.session_of(c).title`` names the track.
- Missing or repeated ids get stable ids (guid, title) and a warning; zero-length events and
  same-room overlaps are kept with a warning (the programme then sets ``room_overlaps: allow``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from planner.errors import ProgrammeError
from planner.model import Programme
from planner.model.io import describe_validation_error
from planner.sources.imported import Imported
from planner.sources.raw import RawEvent, RawSchedule

_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")


def short_slug(text: str, words: int = 3, limit: int = 24) -> str:
    """``linked-data-services`` for an id made from a title: short enough for a listing."""
    parts = slug(text).split("-")[:words]
    return "-".join(parts)[:limit].strip("-")


def _hm(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _zone_for_offset(offset: timedelta) -> str | None:
    """The IANA name of a fixed whole-hour offset (``Etc/GMT-1`` is UTC+01:00)."""
    if offset == timedelta(0):
        return "UTC"
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return None
    return f"Etc/GMT{-hours:+d}"


def _choose_zone(raw: RawSchedule, warnings: list[str]) -> str:
    if raw.timezone:
        try:
            ZoneInfo(raw.timezone)
            return raw.timezone
        except (ZoneInfoNotFoundError, ValueError):
            warnings.append(
                f"the file names the time zone {raw.timezone!r}, which is unknown: "
                "using the offsets of its times"
            )
    moments = [e.start for e in raw.events if e.start is not None] + [b.start for b in raw.breaks]
    offsets = Counter(m.utcoffset() for m in moments if m.tzinfo is not None)
    offsets.pop(None, None)
    if not offsets:
        warnings.append("the file names no time zone and gives no offsets: times read as UTC")
        return "UTC"
    common: timedelta = offsets.most_common(1)[0][0]  # type: ignore[assignment]
    name = _zone_for_offset(common)
    if len(offsets) > 1:
        listed = ", ".join(sorted(_offset_text(o) for o in offsets if o is not None))
        warnings.append(
            f"the file names no time zone and its offsets vary ({listed}): times keep their "
            f"own offsets and are shown at UTC{_offset_text(common)}"
        )
    elif common == timedelta(0):
        warnings.append(
            "the file names no time zone and gives its times in UTC: kept as UTC (if they "
            "are really local times, they are off by the local offset)"
        )
    if name is None:
        warnings.append(
            f"offset UTC{_offset_text(common)} has no zone name: times keep their offsets "
            "and are shown in UTC"
        )
        return "UTC"
    return name


class _Times:
    """Aware times in the conference's zone; counts offsets that disagree with a named zone."""

    def __init__(self, zone: ZoneInfo, named: bool) -> None:
        self.zone = zone
        self.named = named
        self.mismatches = 0

    def __call__(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.zone)
        if not self.named:
            return moment  # keep the file's own offset
        local = moment.astimezone(self.zone)
        if local.utcoffset() != moment.utcoffset():
            self.mismatches += 1
        return local


def _assign_days(
    raw: RawSchedule, zone: ZoneInfo, warnings: list[str]
) -> tuple[list[date], dict[int, date | None]]:
    """The conference days and each talk's day when it differs from its start's date."""
    days = sorted({d.date for d in raw.days})
    windows = {d.date: (d.start, d.end) for d in raw.days if d.start and d.end}
    known = set(days)
    added: set[date] = set()
    outside: list[str] = []
    own_day: dict[int, date | None] = {}
    for index, event in enumerate(raw.events):
        if event.start is None:
            continue
        local_date = event.start.astimezone(zone).date()
        if event.day is None:
            event.day = next(
                (d for d, (s, e) in windows.items() if s <= event.start <= e), local_date
            )
        else:
            window = windows.get(event.day)
            inside = local_date == event.day or (
                window is not None and window[0] <= event.start <= window[1]
            )
            if not inside:
                outside.append(
                    f"{event.ref}: dated {_hm(event.start.astimezone(zone))} but listed under "
                    f"day {event.day.isoformat()}; kept at its time, on that day"
                )
                event.notes.append(
                    f"The source lists it under {event.day.isoformat()} but dates it "
                    f"{local_date.isoformat()}."
                )
        if event.day not in known:
            known.add(event.day)
            added.add(event.day)
        own_day[index] = event.day if event.day != local_date else None
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
    missing: list[str] = []
    renamed: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    for event in events:
        base = event.id
        if not base:
            missing.append(event.ref)
            base = event.guid or short_slug(event.title) or "event"
        titles[base].append(event.title)
        chosen = base
        n = 1
        while chosen in used:
            n += 1
            chosen = f"{base}-{n}"
        if chosen != base and event.id:
            renamed[base].append(chosen)
            event.notes.append(f"Its id {base!r} is used by another event; renamed {chosen!r}.")
        used.add(chosen)
        ids.append(chosen)
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        warnings.append(
            f"{len(missing)} event{'s have' if len(missing) != 1 else ' has'} no id "
            f"(given one from the guid or title): {shown}"
        )
    for base, others in renamed.items():
        names = "; ".join(repr(t) for t in titles[base][:4])
        warnings.append(
            f"id {base!r} is used by {len(others) + 1} events ({names}): the later ones are "
            f"renamed {', '.join(others)}"
        )
    return ids


def _break_kind(title: str) -> str:
    lowered = title.lower()
    if "lunch" in lowered or "mittag" in lowered:
        return "lunch"
    if "coffee" in lowered or "kaffee" in lowered or "tea" in lowered.split():
        return "coffee"
    return "other"


def assemble(raw: RawSchedule) -> Imported:
    """The programme of a schedule, with the warnings about what was kept as it was."""
    warnings = list(raw.warnings)
    if not raw.events:
        raise ProgrammeError(f"{raw.source}: a {raw.format} with no events: nothing to plan")
    zone_name = _choose_zone(raw, warnings)
    zone = ZoneInfo(zone_name)
    _normalise_times(raw, _Times(zone, named=zone_name == raw.timezone), warnings)
    days, own_day = _assign_days(raw, zone, warnings)
    if not days:
        days = sorted({s.start.astimezone(zone).date() for s in raw.sessions})
    ids = _assign_ids(raw.events, warnings)
    # Sort keys as numbers: sorting aware datetimes is several times slower.
    keys = [
        (e.start.timestamp(), e.end.timestamp(), ids[i]) if e.start and e.end else (0.0, 0.0, "")
        for i, e in enumerate(raw.events)
    ]
    sessions, session_of = _sessions(raw, keys)
    rooms = _rooms(raw, sessions)
    room_names = {room["name"] for room in rooms}
    session_room = {s["id"]: s["room"] for s in sessions}
    contributions = [
        {
            "id": ids[index],
            "title": event.title,
            "kind": event.kind,
            "session": session_of[index],
            "speakers": [
                {"name": name, "affiliation": affiliation} for name, affiliation in event.speakers
            ],
            "abstract": event.abstract,
            "start": event.start,
            "end": event.end,
            "room": event.room if event.room != session_room[session_of[index]] else None,
            "board": event.board,
            "url": event.url,
            "track": event.track,
            "event_type": event.event_type,
            "day": own_day.get(index),
            "notes": event.notes,
        }
        for index, event in enumerate(raw.events)
    ]
    overlaps = _room_overlaps(raw.events, ids, keys, zone)
    warnings.extend(overlaps)
    breaks = [
        {
            "id": f"break-{n}",
            "kind": _break_kind(item.title),
            "title": item.title or "Break",
            "start": item.start,
            "end": item.end,
            "room": item.room if item.room in room_names else None,
        }
        for n, item in enumerate(raw.breaks, start=1)
    ]
    data = {
        "conference": {
            "name": raw.name,
            "city": raw.city or None,
            "venue": raw.venue or None,
            "timezone": zone_name,
            "days": days,
            "url": raw.url or None,
        },
        "rooms": rooms,
        "sessions": sessions,
        "contributions": contributions,
        "breaks": breaks,
        "notes": [f"Imported from {raw.format}."],
        "room_overlaps": "allow" if overlaps else "error",
    }
    try:
        programme = Programme.model_validate(data)
    except ValidationError as error:
        lines = describe_validation_error(error, data)
        raise ProgrammeError(
            f"{raw.source}: the {raw.format} gives an unusable programme:\n"
            + "\n".join(f"  - {line}" for line in lines[:20])
        ) from None
    return Imported(
        programme=programme,
        format=raw.format,
        source=raw.source,
        events=len(raw.events),
        breaks=len(raw.breaks),
        warnings=tuple(warnings),
    )


def _normalise_times(raw: RawSchedule, times: _Times, warnings: list[str]) -> None:
    """Every time aware and in the conference's zone; a missing or negative length becomes
    zero, and is reported."""
    zone = times.zone
    for day in raw.days:
        day.start = times(day.start) if day.start else None
        day.end = times(day.end) if day.end else None
    for event in raw.events:
        if event.start is None:
            continue
        event.start = times(event.start)
        if event.end is None:
            at = _hm(event.start.astimezone(zone))
            warnings.append(f"{event.ref}: no duration (at {at}); kept as zero-length")
            event.notes.append("No duration in the source.")
            event.end = event.start
            continue
        event.end = times(event.end)
        if event.end < event.start:
            at = _hm(event.start.astimezone(zone))
            warnings.append(f"{event.ref}: ends before it starts (at {at}); kept as zero-length")
            event.notes.append("Ends before it starts in the source.")
            event.end = event.start
        elif event.end == event.start:
            event.notes.append("Zero-length in the source.")
            warnings.append(f"{event.ref}: zero-length at {_hm(event.start.astimezone(zone))}")
    for item in raw.breaks:
        item.start, item.end = times(item.start), times(item.end)
        item.end = max(item.end, item.start)
    for session in raw.sessions:
        session.start, session.end = times(session.start), times(session.end)
    if times.mismatches:
        count = times.mismatches
        warnings.append(
            f"{count} time{'s give' if count != 1 else ' gives'} an offset that differs from "
            f"{zone.key} at that moment: kept at the instant the offset gives"
        )


def _sessions(
    raw: RawSchedule, keys: list[tuple[float, float, str]]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The source's own sessions, else one per run of a track in a room on a day; and the
    session id of each event (by its index)."""
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
            }
        )
    session_of: dict[int, str] = {}
    blocks: dict[tuple[date | None, str], list[int]] = defaultdict(list)
    for index, event in enumerate(raw.events):
        if event.session is not None and event.session in explicit:
            session_of[index] = explicit[event.session]
        else:
            blocks[(event.day, event.room)].append(index)
    for (day, room), indices in blocks.items():
        indices.sort(key=keys.__getitem__)
        current: dict[str, Any] | None = None
        for index in indices:
            event = raw.events[index]
            title = event.track or room
            if current is None or current["title"] != title:
                parts = (day.isoformat() if day else "", slug(room), slug(event.track or ""))
                current = {
                    "id": new_id("-".join(p for p in parts if p) or "session"),
                    "title": title,
                    "kind": "contributed",
                    "room": room,
                    "start": event.start,
                    "end": event.end,
                }
                sessions.append(current)
            current["end"] = max(current["end"], event.end)
            session_of[index] = current["id"]
    return sessions, session_of


def _rooms(raw: RawSchedule, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file's rooms first, then the rooms in order of use; a room only poster sessions
    use is a poster area."""
    capacities: dict[str, int | None] = {}
    for room in raw.rooms:
        capacities.setdefault(room.name, room.capacity)
    for each in sessions:
        capacities.setdefault(each["room"], None)
    for event in raw.events:
        capacities.setdefault(event.room, None)
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
    events: list[RawEvent], ids: list[str], keys: list[tuple[float, float, str]], zone: ZoneInfo
) -> list[str]:
    """A warning for each event that starts before an earlier one in its room has ended."""
    by_room: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if event.start is not None:
            by_room[event.room].append(index)
    found: list[str] = []
    for room, members in by_room.items():
        members.sort(key=keys.__getitem__)
        latest = members[0]
        for index in members[1:]:
            if keys[index][0] < keys[latest][1]:
                other, event = events[latest], events[index]
                assert event.start is not None
                found.append(
                    f"events {ids[latest]} {other.title!r} and {ids[index]} {event.title!r} "
                    f"overlap in room {room!r} (from {_hm(event.start.astimezone(zone))}): "
                    "both kept"
                )
            if keys[index][1] > keys[latest][1]:
                latest = index
    return found
