"""frab / Pentabarf ``schedule.xml`` (FOSDEM, CCC, pretalx and c3voc exports).

``<schedule><conference>…</conference><day date= start= end=><room name=><event id= guid=>``
with ``<date>`` (ISO date-time), ``<start>`` (HH:MM), ``<duration>`` (HH:MM, or ISO 8601 in
some generators), ``<title>``, ``<subtitle>``, ``<track>``, ``<type>``, ``<abstract>``,
``<description>``, ``<persons><person>``, ``<links><link href=>`` and ``<url>``.

Parsed with defusedxml: entity declarations and external references are refused.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

from planner.errors import ProgrammeError
from planner.model.text import UNTITLED
from planner.sources.assemble import assemble
from planner.sources.cancellation import cancelled_state
from planner.sources.html_text import plain_text
from planner.sources.imported import Imported, read_source
from planner.sources.raw import (
    Parsed,
    RawDay,
    RawEvent,
    RawRoom,
    RawSchedule,
    join_texts,
    parse_date,
    parse_datetime,
    room_mismatches,
    unusable,
)

FORMAT = "frab schedule XML"
EXPECTED = (
    "a frab/Pentabarf schedule.xml (a <schedule> root with <day>, <room> and <event> elements)"
)


def parse_xml(data: bytes, source: str) -> Element:
    """Parse XML safely: with defusedxml's parser, which refuses entity declarations and
    external references (:func:`_defused_parser`)."""
    try:
        parser = _defused_parser()
        parser.feed(data)
        root: Element = parser.close()
        return root
    except defusedxml.DefusedXmlException as error:
        raise ProgrammeError(
            f"{source}: refused: the XML declares entities or external references "
            f"({type(error).__name__}), which a schedule never needs"
        ) from None
    except ParseError as error:
        raise ProgrammeError(f"{source}: not well-formed XML ({error})") from None
    except (ValueError, RecursionError) as error:
        raise ProgrammeError(f"{source}: unreadable XML ({error})") from None


def _defused_parser() -> DefusedXMLParser:
    """defusedxml's parser, whose elements go straight to the tree builder.

    defusedxml builds on the standard library's Python parser, which hands each element to the
    builder through Python methods of its own; the builder (written in C) takes expat's
    elements as they come, as the standard library's C parser does: 40% less time on a large
    schedule (23 elements an event). The guards are defusedxml's own handlers on the same expat
    parser, untouched. Element names in a namespace read ``uri}name`` where the Python methods
    write ``{uri}name``; :func:`_tag` reads either, and a frab schedule has none."""
    builder = TreeBuilder()
    parser = DefusedXMLParser(target=builder)
    expat = parser.parser
    expat.ordered_attributes = False  # attributes as the builder takes them: a dict
    expat.StartElementHandler = builder.start
    expat.EndElementHandler = builder.end
    return parser


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


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
    zone_name = _text(conference, "time_zone_name") or None
    reader = _EventReader(source, _parse_day_change(_text(conference, "day_change")))
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
                events.append(reader.event(event_el, room_name, day_date, len(events)))
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
        warnings=room_mismatches(reader.mismatched),
    )


def _parse_day_change(text: str) -> time:
    try:
        return time.fromisoformat(text) if text else time(0)
    except ValueError:
        return time(0)


class _EventReader:
    """Reads ``<event>`` elements; notes events that name another room than their listing."""

    def __init__(self, source: str, day_change: time) -> None:
        self.source = source
        self.day_change = day_change
        self.parsed = Parsed()
        self.mismatched: dict[tuple[str, str], None] = {}

    def event(self, element: Element, room: str, day: date, position: int) -> RawEvent:
        # One pass over the children: the first of each tag, the persons and the links.
        fields: dict[str, str] = {}
        names: list[str] = []
        listed: list[str] = []  # some generators: <person>A, B</person>
        links: list[tuple[str, str | None]] = []
        recorded: bool | None = None
        for child in element:
            tag = child.tag
            if tag == "persons":
                for person in child.findall("person"):  # findall: C; iterfind is Python
                    name = "".join(person.itertext()).strip()
                    if name:
                        names.append(name)
            elif tag == "person":
                listed.extend(n.strip() for n in (child.text or "").split(",") if n.strip())
            elif tag == "links":
                for link in child.findall("link"):
                    href = (link.get("href") or "").strip()
                    if href:
                        links.append((href, " ".join("".join(link.itertext()).split()) or None))
            elif tag == "recording":
                optout = (child.findtext("optout") or "").strip().lower()
                if optout in ("true", "1", "yes"):
                    recorded = False
                elif optout in ("false", "0", "no"):
                    recorded = True
            if type(tag) is str and tag not in fields:
                fields[tag] = (child.text or "").strip()
        get = fields.get
        event_id = (element.get("id") or "").strip() or None
        own_room = get("room", "")
        if room and own_room and own_room != room:
            self.mismatched[(room, own_room)] = None
        title = get("title") or UNTITLED
        when = get("date", "")
        try:
            if "T" in when:
                start = self.parsed.datetime(when)
            else:
                clock_text = get("start")
                if not clock_text:
                    raise ValueError("no <date> or <start>: the event has no time")
                clock = time.fromisoformat(clock_text)
                start = datetime.combine(day, clock)
                if clock < self.day_change:
                    start += timedelta(days=1)
            duration_text = get("duration")
            end = start + self.parsed.duration(duration_text) if duration_text else None
        except ValueError as error:
            ref = f"event {event_id or f'#{position + 1}'} {title!r}"
            raise ProgrammeError(f"{self.source}: {ref}: {error}") from None
        slug = get("slug", "")
        return RawEvent(
            position=position,
            id=event_id,
            guid=(element.get("guid") or "").strip() or None,
            title=title,
            room=room or own_room or "(no room)",
            start=start,
            end=end,
            day=day,
            track=get("track") or None,
            event_type=get("type") or None,
            abstract=join_texts(
                plain_text(get("subtitle")),
                plain_text(get("abstract")),
                plain_text(get("description")),
            ),
            speakers=[(name, None) for name in dict.fromkeys(names + listed)],
            url=get("url")
            or (links[0][0] if links else None)
            or (slug if slug.startswith(("http://", "https://")) else None)
            or None,
            language=get("language") or None,
            recorded=recorded,
            links=links,
            cancelled=cancelled_state(get("state")),
        )


def load_frab_xml(path: Path) -> Imported:
    path = Path(path)
    return assemble(read_frab_xml(read_source(path), str(path)))
