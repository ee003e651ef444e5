"""c3voc/frab ``schedule.json`` (CCC, pretalx's frab-compatible export) and ``schedule2``.

``schedule.json``: ``{"schedule": {"conference": {"days": [{"date", "day_start", "day_end",
"rooms": {"Room": [event, ...]}}]}}}``; an event has ``date`` (ISO date-time), ``start``
(HH:MM), ``duration`` (HH:MM), ``room``, ``track``, ``type``, ``persons`` (``public_name`` or
``name``), ``links`` and ``url``.

``schedule2``: ``{"schedule": {"conference": {"days": [...], "rooms": [{"name", "guid"}],
"tracks": [{"name", "slug"}]}, "events": [...]}}``; an event has ``start`` and ``end``, a room
reference ``{"guid", "name"}``, a track reference ``{"slug"}`` and ``participants``; meta events
of type ``BREAK`` or ``META`` become breaks.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planner.model.text import UNTITLED
from planner.sources.assemble import assemble
from planner.sources.cancellation import cancelled_state
from planner.sources.html_text import plain_text
from planner.sources.imported import Imported, read_source
from planner.sources.jsonread import Where, parse_json
from planner.sources.raw import (
    RawBreak,
    RawDay,
    RawEvent,
    RawRoom,
    RawSchedule,
    join_texts,
    localized,
    parse_date,
    parse_duration,
    room_mismatches,
    unusable,
)

FORMAT_V1 = "c3voc/frab schedule.json"
FORMAT_V2 = "c3voc schedule2 JSON"
EXPECTED = (
    'a c3voc/frab schedule.json ({"schedule": {"conference": {"days": [...]}}}) or a schedule2 file'
)


def is_c3voc(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("schedule"), dict)


def _persons(w: Where, values: Any, path: str, key: str) -> list[tuple[str, str | None]]:
    if type(values) is list:  # the usual: a few people with a name
        found: list[tuple[str, str | None]] = []
        for person in values:
            if type(person) is not dict:
                break
            value = (
                person.get("public_name") or person.get("name") or person.get("full_public_name")
            )
            if type(value) is not str:
                break
            value = value.strip()
            if value and (value, None) not in found:
                found.append((value, None))
        else:
            return found
    elif values is None:
        return []
    return _persons_checked(w, values, path, key)


def _persons_checked(w: Where, values: Any, path: str, key: str) -> list[tuple[str, str | None]]:
    """:func:`_persons` for lists that are not all named people: names as text, or an error
    naming the place."""
    names: dict[str, None] = {}
    for n, person in enumerate(w.arr(values, path, key)):
        if type(person) is dict:
            value = (
                person.get("public_name") or person.get("name") or person.get("full_public_name")
            )
            name = (
                value.strip() if type(value) is str else w.text(value, f"{path}.{key}[{n}]", "name")
            )
        elif type(person) is str:
            name = person.strip()
        else:
            raise w.fail(f"{path}.{key}[{n}]", "expected a person or a name")
        if name:
            names[name] = None
    return [(name, None) for name in names]


def _links(w: Where, values: Any, path: str, key: str) -> list[tuple[str, str | None]]:
    """The event's links as ``(url, title)``: each a URL, or ``{"url", "title"}``."""
    if values is None or values == []:
        return []
    found: list[tuple[str, str | None]] = []
    for n, link in enumerate(w.arr(values, path, key)):
        where = f"{path}.{key}[{n}]"
        url = link.get("url") if type(link) is dict else link
        text = url.strip() if type(url) is str else w.text(url, where, "url")
        title = w.loc(link.get("title"), where, "title") if type(link) is dict else ""
        if text:
            found.append((text, " ".join(title.split()) or None))
    return found


def _recorded(w: Where, event: dict[str, Any], path: str) -> bool | None:
    """False when ``do_not_record`` says so, True when it says the opposite, else None."""
    value = event.get("do_not_record")
    if value is None or value == "":
        return None
    if type(value) is bool:
        return not value
    text = w.text(value, path, "do_not_record").lower()
    if text in ("true", "1", "yes"):
        return False
    if text in ("false", "0", "no"):
        return True
    return None


def _extras(w: Where, event: dict[str, Any], path: str, event_item: RawEvent) -> RawEvent:
    """The fields every c3voc event may have beyond its times: language, recording, links,
    state."""
    links = _links(w, event.get("links"), path, "links")
    event_item.links = links
    if event_item.url is None and links:
        event_item.url = links[0][0]
    event_item.language = w.text(event.get("language"), path, "language") or None
    event_item.recorded = _recorded(w, event, path)
    event_item.cancelled = cancelled_state(event.get("state"))
    return event_item


def _when(w: Where, text: str, path: str, key: str = "") -> datetime:
    try:
        return w.parsed.datetime(text)
    except ValueError as error:
        raise w.fail(path, str(error), key) from None


def _abstract(w: Where, event: dict[str, Any], path: str) -> str:
    get = event.get
    subtitle, abstract, description = get("subtitle"), get("abstract"), get("description")
    if (
        type(description) is str
        and (abstract is None or type(abstract) is str)
        and (subtitle is None or type(subtitle) is str)
    ):  # the usual: texts, or nothing
        if subtitle:
            return join_texts(plain_text(subtitle), plain_text(abstract), plain_text(description))
        # plain_text, with its usual case (no tag can be there) inline
        first = plain_text(abstract) if abstract and "<" in abstract else (abstract or "").strip()
        second = description.strip() if "<" not in description else plain_text(description)
        if not first:
            return second
        return first if not second or second in first else f"{first}\n\n{second}"
    try:
        return join_texts(
            *(
                plain_text(value if type(value) is str else localized(value))
                for value in (subtitle, abstract, description)
                if value
            )
        )
    except ValueError as error:
        raise w.fail(path, str(error)) from None


def read_c3voc(data: Any, source: str) -> RawSchedule:
    if not is_c3voc(data):
        raise unusable(source, EXPECTED, "it has no 'schedule' object")
    w = Where(source)
    schedule = w.obj(data["schedule"], "schedule")
    conference = w.obj(schedule.get("conference"), "schedule.conference")
    version2 = "events" in schedule
    tracks = {}
    for n, track in enumerate(w.arr(conference.get("tracks"), "schedule.conference.tracks")):
        if isinstance(track, dict):
            name = w.loc(track.get("name"), f"schedule.conference.tracks[{n}].name")
            for key in ("slug", "id", "guid"):
                if track.get(key) is not None:
                    tracks[str(track[key])] = name
    rooms: list[RawRoom] = []
    room_by_guid: dict[str, str] = {}
    for n, room in enumerate(w.arr(conference.get("rooms"), "schedule.conference.rooms")):
        item = w.obj(room, f"schedule.conference.rooms[{n}]")
        name = w.loc(item.get("name"), f"schedule.conference.rooms[{n}].name")
        if not name:
            continue
        capacity = item.get("capacity")
        rooms.append(
            RawRoom(
                name, int(capacity) if isinstance(capacity, int | float) and capacity >= 0 else None
            )
        )
        for key in ("guid", "slug"):
            if isinstance(item.get(key), str):
                room_by_guid[item[key]] = name

    days: list[RawDay] = []
    events: list[RawEvent] = []
    breaks: list[RawBreak] = []
    mismatched: dict[tuple[str, str], None] = {}
    for n, day in enumerate(w.arr(conference.get("days"), "schedule.conference.days")):
        path = f"schedule.conference.days[{n}]"
        item = w.obj(day, path)
        try:
            day_date = parse_date(w.text(item.get("date"), path, "date"))
        except ValueError as error:
            raise w.fail(path, str(error), "date") from None
        bounds = []
        for key in ("day_start", "start", "day_end", "end"):
            text = w.text(item.get(key), f"{path}.{key}")
            bounds.append(_when(w, text, path, key) if "T" in text else None)
        days.append(RawDay(day_date, bounds[0] or bounds[1], bounds[2] or bounds[3]))
        if version2:
            continue
        room_map = item.get("rooms")
        if room_map is None:
            continue
        for room_name, room_events in w.obj(room_map, path, "rooms").items():
            listing = f"{path}.rooms[{room_name!r}]"
            for k, event in enumerate(w.arr(room_events, listing)):
                where = f"{listing}[{k}]"
                item = w.obj(event, where)
                events.append(
                    _event_v1(w, item, where, room_name, day_date, len(events), mismatched)
                )
            if room_name:
                rooms.append(RawRoom(room_name))
    if version2:
        for k, event in enumerate(w.arr(schedule.get("events"), "schedule.events")):
            where = f"schedule.events[{k}]"
            item = w.obj(event, where)
            kind = w.text(item.get("type"), where, "type")
            if kind.upper() in ("BREAK", "META"):
                breaks.append(_break(w, item, where, room_by_guid))
                continue
            events.append(_event_v2(w, item, where, room_by_guid, tracks, len(events)))
    elif not days:
        raise unusable(source, EXPECTED, "schedule.conference has no days")
    return RawSchedule(
        format=FORMAT_V2 if version2 else FORMAT_V1,
        source=source,
        name=w.text(conference.get("title"), "schedule.conference.title")
        or w.text(conference.get("acronym"), "schedule.conference.acronym")
        or Path(source).stem,
        timezone=w.text(conference.get("time_zone_name"), "schedule.conference.time_zone_name")
        or None,
        days=days,
        rooms=rooms,
        events=events,
        breaks=breaks,
        url=w.text(conference.get("url") or schedule.get("base_url"), "schedule.base_url") or None,
        warnings=room_mismatches(mismatched),
    )


def _event_v1(
    w: Where,
    event: dict[str, Any],
    path: str,
    room: str,
    day: date,
    position: int,
    mismatched: dict[tuple[str, str], None],
) -> RawEvent:
    # Strings are read directly; anything else (numbers, null, mistakes) through ``text``,
    # which converts or names the place: most fields of most events are strings.
    get = event.get
    text = w.text
    parsed = w.parsed
    value = get("room")
    own_room = value.strip() if type(value) is str else text(value, path, "room")
    if own_room != room and room and own_room:
        mismatched[(room, own_room)] = None
    value = get("id")
    event_id = (
        value.strip() if type(value) is str else str(value) if type(value) is int else None
    ) or (text(value, path, "id") or None)
    value = get("title")
    title = (value.strip() if type(value) is str else text(value, path, "title")) or UNTITLED
    value = get("date")
    when = value.strip() if type(value) is str else text(value, path, "date")
    if not when or (len(when) == 10 and when[4] == "-"):  # no time with the date
        try:
            start = datetime.combine(day, time.fromisoformat(text(get("start"), path)))
        except ValueError:
            raise w.fail(path, "no date and time (expected 'date' or 'start')", "start") from None
        when = ""
    value = get("end")
    end_text = (
        "" if value is None else value.strip() if type(value) is str else text(value, path, "end")
    )
    key = "date"
    try:
        if when:
            start = parsed.datetime(when)
        if "T" in end_text:
            key = "end"
            end: datetime | None = parsed.datetime(end_text)
        else:
            value = get("duration")
            duration = value.strip() if type(value) is str else text(value, path, "duration")
            key = "duration"
            end = start + parsed.duration(duration) if duration else None
    except ValueError as error:
        raise w.fail(path, str(error), key) from None
    value = get("track")
    track = (
        (value.strip() or None) if type(value) is str else _track_name(w, value, {}, path, "track")
    )
    value = get("guid")
    guid = (value.strip() if type(value) is str else text(value, path, "guid")) or None
    value = get("type")
    event_type = (value.strip() if type(value) is str else text(value, path, "type")) or None
    value = get("url")
    url = (value.strip() if type(value) is str else text(value, path, "url")) or None
    made = RawEvent(  # by position (the fields' order): as fast as a dataclass gets built
        event_id,
        title,
        room or own_room or "(no room)",
        start,
        end,
        day,
        guid,
        track,
        event_type,
        _abstract(w, event, path),
        _persons(w, get("persons"), path, "persons"),
        url,
        "talk",
        None,
        None,
        [],
        position,
    )
    return _extras(w, event, path, made)


def _track_name(w: Where, value: Any, tracks: dict[str, str], path: str, key: str) -> str | None:
    if isinstance(value, dict):
        for field in ("name", "slug", "guid", "id"):
            if value.get(field) is not None:
                text = w.loc(value[field], f"{path}.{key}", field)
                return tracks.get(text, text) or None
        return None
    text = w.text(value, path, key)
    return tracks.get(text, text) or None


def _room_name(w: Where, value: Any, rooms: dict[str, str], path: str, key: str) -> str:
    if isinstance(value, dict):
        name = w.loc(value.get("name"), f"{path}.{key}", "name")
        guid = w.text(value.get("guid") or value.get("slug"), f"{path}.{key}", "guid")
        return name or rooms.get(guid, guid) or "(no room)"
    return w.text(value, path, key) or "(no room)"


def _event_v2(
    w: Where,
    event: dict[str, Any],
    path: str,
    rooms: dict[str, str],
    tracks: dict[str, str],
    position: int,
) -> RawEvent:
    event_id = w.text(event.get("id") or event.get("code"), path, "id") or None
    title = w.loc(event.get("title"), path, "title") or UNTITLED
    start = _when(w, w.text(event.get("start"), path, "start"), path, "start")
    end_text = w.text(event.get("end"), path, "end")
    duration = w.text(event.get("duration"), path, "duration")
    try:
        end = (
            _when(w, end_text, path, "end")
            if end_text
            else start + parse_duration(duration)
            if duration
            else None
        )
    except ValueError as error:
        raise w.fail(path, str(error), "duration") from None
    speakers = _persons(w, event.get("participants"), path, "participants")
    speakers += [p for p in _persons(w, event.get("persons"), path, "persons") if p not in speakers]
    made = RawEvent(
        position=position,
        id=event_id,
        guid=w.text(event.get("guid"), path, "guid") or None,
        title=title,
        room=_room_name(w, event.get("room"), rooms, path, "room"),
        start=start,
        end=end,
        track=_track_name(w, event.get("track"), tracks, path, "track"),
        event_type=w.text(event.get("type"), path, "type") or None,
        abstract=_abstract(w, event, path),
        speakers=speakers,
        url=w.text(event.get("url"), path, "url") or None,
    )
    return _extras(w, event, path, made)


def _break(w: Where, event: dict[str, Any], path: str, rooms: dict[str, str]) -> RawBreak:
    start = _when(w, w.text(event.get("start"), path, "start"), path, "start")
    end = _when(w, w.text(event.get("end"), path, "end"), path, "end")
    room = event.get("room")
    return RawBreak(
        title=w.loc(event.get("title"), path, "title"),
        start=start,
        end=end,
        room=_room_name(w, room, rooms, path, "room") if room else None,
    )


def load_c3voc_json(path: Path) -> Imported:
    path = Path(path)
    return assemble(read_c3voc(parse_json(read_source(path), str(path)), str(path)))
