"""frab / Pentabarf ``schedule.xml`` (FOSDEM, CCC, pretalx and c3voc exports).

``<schedule><conference>…</conference><day date= start= end=><room name=><event id= guid=>``
with ``<date>`` (ISO date-time), ``<start>`` (HH:MM), ``<duration>`` (HH:MM, or ISO 8601 in
some generators), ``<title>``, ``<subtitle>``, ``<track>``, ``<type>``, ``<abstract>``,
``<description>``, ``<persons><person>``, ``<links><link href=>`` and ``<url>``.

Parsed with defusedxml: entity declarations and external references are refused.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import fromstring

from planner.errors import ProgrammeError
from planner.sources.assemble import assemble
from planner.sources.imported import Imported, read_source
from planner.sources.raw import (
    RawDay,
    RawEvent,
    RawRoom,
    RawSchedule,
    join_texts,
    parse_date,
    parse_datetime,
    parse_duration,
    plain_text,
    room_mismatches,
    unusable,
)

FORMAT = "frab schedule XML"
EXPECTED = (
    "a frab/Pentabarf schedule.xml (a <schedule> root with <day>, <room> and <event> elements)"
)


def parse_xml(data: bytes, source: str) -> Element:
    """Parse XML safely (no entity expansion, no external references)."""
    try:
        return fromstring(data)
    except defusedxml.DefusedXmlException as error:
        raise ProgrammeError(
            f"{source}: refused: the XML declares entities or external references "
            f"({type(error).__name__}), which a schedule never needs"
        ) from None
    except ParseError as error:
        raise ProgrammeError(f"{source}: not well-formed XML ({error})") from None
    except (ValueError, RecursionError) as error:
        raise ProgrammeError(f"{source}: unreadable XML ({error})") from None


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


def _speakers(event: Element) -> list[tuple[str, str | None]]:
    names: list[str] = []
    for person in event.iterfind("persons/person"):
        name = "".join(person.itertext()).strip()
        if name:
            names.append(name)
    for person in event.iterfind("person"):  # some generators: <person>A, B</person>
        names.extend(n.strip() for n in (person.text or "").split(",") if n.strip())
    seen: dict[str, None] = dict.fromkeys(names)
    return [(name, None) for name in seen]


def _url(event: Element) -> str | None:
    url = _text(event, "url")
    if url:
        return url
    for link in event.iterfind("links/link"):
        href = (link.get("href") or "").strip()
        if href:
            return href
    slug = _text(event, "slug")
    return slug if slug.startswith(("http://", "https://")) else None


def _day_bound(text: str | None) -> datetime | None:
    if not text or "T" not in text:
        return None
    try:
        return parse_datetime(text)
    except ValueError:
        return None


def read_frab_xml(data: bytes, source: str) -> RawSchedule:
    root = parse_xml(data, source)
    if _tag(root) != "schedule":
        raise unusable(source, EXPECTED, f"the root element is <{_tag(root)}>")
    conference = root.find("conference")
    days_el = root.findall("day")
    if not days_el:
        raise unusable(source, EXPECTED, "it has no <day> elements")
    mismatched: dict[tuple[str, str], None] = {}
    zone_name = _text(conference, "time_zone_name") or None
    day_change = _parse_day_change(_text(conference, "day_change"))

    days: list[RawDay] = []
    events: list[RawEvent] = []
    rooms: list[RawRoom] = [
        RawRoom(name=(r.get("name") or "").strip() or "".join(r.itertext()).strip())
        for r in root.iterfind("rooms/room")
    ]
    for day_el in days_el:
        try:
            day_date = parse_date(day_el.get("date") or "")
        except ValueError as error:
            raise ProgrammeError(
                f"{source}: <day index={day_el.get('index')!r}>: {error}"
            ) from None
        days.append(
            RawDay(day_date, _day_bound(day_el.get("start")), _day_bound(day_el.get("end")))
        )
        for room_el in day_el.iterfind("room"):
            room_name = (room_el.get("name") or "").strip()
            for event_el in room_el.iterfind("event"):
                own_room = _text(event_el, "room")
                if room_name and own_room and own_room != room_name:
                    mismatched[(room_name, own_room)] = None
                events.append(
                    _event(event_el, room_name, day_date, day_change, source, len(events))
                )
            if room_name:
                rooms.append(RawRoom(room_name))
    name = _text(conference, "title") or _text(conference, "acronym") or Path(source).stem
    return RawSchedule(
        format=FORMAT,
        source=source,
        name=name,
        timezone=zone_name,
        days=days,
        rooms=rooms,
        events=events,
        city=_text(conference, "city") or None,
        venue=_text(conference, "venue") or None,
        url=_text(conference, "base_url") or None,
        warnings=room_mismatches(mismatched),
    )


def _parse_day_change(text: str) -> time:
    try:
        return time.fromisoformat(text) if text else time(0)
    except ValueError:
        return time(0)


def _event(
    element: Element, room: str, day: Any, day_change: time, source: str, position: int
) -> RawEvent:
    event_id = (element.get("id") or "").strip() or None
    title = _text(element, "title") or "(untitled)"
    when = _text(element, "date")
    try:
        if "T" in when:
            start = parse_datetime(when)
        else:
            clock_text = _text(element, "start")
            if not clock_text:
                raise ValueError("no <date> or <start>: the event has no time")
            clock = time.fromisoformat(clock_text)
            start = datetime.combine(day, clock)
            if clock < day_change:
                start += timedelta(days=1)
        duration_text = _text(element, "duration")
        end = start + parse_duration(duration_text) if duration_text else None
    except ValueError as error:
        ref = f"event {event_id or f'#{position + 1}'} {title!r}"
        raise ProgrammeError(f"{source}: {ref}: {error}") from None
    abstract = join_texts(
        plain_text(_text(element, "subtitle")),
        plain_text(_text(element, "abstract")),
        plain_text(_text(element, "description")),
    )
    return RawEvent(
        position=position,
        id=event_id,
        guid=(element.get("guid") or "").strip() or None,
        title=title,
        room=room or _text(element, "room") or "(no room)",
        start=start,
        end=end,
        day=day,
        track=_text(element, "track") or None,
        event_type=_text(element, "type") or None,
        abstract=abstract,
        speakers=_speakers(element),
        url=_url(element),
    )


def load_frab_xml(path: Path) -> Imported:
    path = Path(path)
    return assemble(read_frab_xml(read_source(path), str(path)))
