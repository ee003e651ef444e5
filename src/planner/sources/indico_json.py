"""Indico's timetable export (``/export/timetable/EVENT_ID.json``, its HTTP API).

The response is ``{"_type": "HTTPAPIResult", "count": 1, "results": {"EVENT_ID": {"YYYYMMDD":
{"s12": session block, "c34": contribution, "b56": break}}}}``. Each entry has ``entryType``
(``Session``, ``Contribution``, ``Break``), ``title``, ``startDate`` and ``endDate`` as
``{"date", "time", "tz"}`` (wall-clock time in the named zone), ``room`` and ``location``;
a session block holds its own ``entries`` and says ``isPoster``; a contribution has
``presenters`` (older Indico) or ``personLinks`` with ``roles`` (newer), ``description``,
``url``, ``friendlyId`` and ``boardNumber``.

Indico sessions become the programme's sessions (poster sessions with poster contributions);
contributions outside any session get one session per run in a room, like other formats.
The export carries no event title, so the conference is named after the event id.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from planner.model.text import UNTITLED
from planner.sources.assemble import assemble
from planner.sources.html_text import plain_text
from planner.sources.imported import Imported, read_source
from planner.sources.jsonread import Where, parse_json
from planner.sources.raw import (
    RawBreak,
    RawDay,
    RawEvent,
    RawRoom,
    RawSchedule,
    RawSession,
    unusable,
)

FORMAT = "Indico timetable JSON"
EXPECTED = (
    'an Indico timetable export ({"results": {"EVENT_ID": {"YYYYMMDD": {...}}}}, '
    "from /export/timetable/EVENT_ID.json)"
)
_DAY_KEY = re.compile(r"^\d{8}$")


def is_indico(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("results"), dict)
        and (data.get("_type") == "HTTPAPIResult" or "count" in data)
    )


class _Reader:
    def __init__(self, source: str) -> None:
        self.w = Where(source)
        self.zones: dict[str, None] = {}
        self.events: list[RawEvent] = []
        self.sessions: list[RawSession] = []
        self.breaks: list[RawBreak] = []
        self.rooms: dict[str, None] = {}
        self.seen: set[str] = set()

    def when(self, value: Any, path: str, key: str) -> datetime:
        path = f"{path}.{key}"
        item = self.w.obj(value, path)
        day = self.w.text(item.get("date"), path, "date")
        clock = self.w.text(item.get("time"), path, "time")
        zone = self.w.text(item.get("tz"), path, "tz")
        if zone:
            self.zones[zone] = None
        try:
            return datetime.fromisoformat(f"{day}T{clock}")
        except ValueError:
            raise self.w.fail(path, f"{day!r} {clock!r} is not a date and time") from None

    def room(self, entry: dict[str, Any], path: str, default: str = "") -> str:
        name = self.w.text(entry.get("room"), path, "room") or default
        if not name:
            name = self.w.text(entry.get("location"), path, "location") or "(no room)"
        self.rooms[name] = None
        return name

    def speakers(self, entry: dict[str, Any], path: str) -> list[tuple[str, str | None]]:
        people = self.w.arr(entry.get("presenters"), path, "presenters")
        if not people:
            links = [
                self.w.obj(p, f"{path}.personLinks[{n}]")
                for n, p in enumerate(self.w.arr(entry.get("personLinks"), path, "personLinks"))
            ]
            speaking = [
                p
                for n, p in enumerate(links)
                if "speaker" in self.w.arr(p.get("roles"), f"{path}.personLinks[{n}]", "roles")
            ]
            people = speaking or links
        found: dict[str, str | None] = {}
        for n, person in enumerate(people):
            item = self.w.obj(person, f"{path}.presenters[{n}]")
            name = self.w.text(item.get("name"), f"{path}.presenters[{n}].name")
            if not name:
                first = self.w.text(item.get("firstName"), f"{path}.presenters[{n}].firstName")
                last = self.w.text(item.get("familyName"), f"{path}.presenters[{n}].familyName")
                name = f"{first} {last}".strip()
            if name:
                affiliation = self.w.text(item.get("affiliation"), path, "affiliation")
                found[name] = affiliation or None
        return list(found.items())

    def entry(self, key: str, value: Any, path: str, day: date, session: RawSession | None) -> None:
        entry = self.w.obj(value, path)
        kind = self.w.text(entry.get("entryType"), path, "entryType")
        ident = self.w.text(entry.get("id"), path, "id") or key
        if ident in self.seen:  # a block spanning midnight is listed under both days
            return
        self.seen.add(ident)
        title = self.w.text(entry.get("title"), path, "title")
        start = self.when(entry.get("startDate"), path, "startDate")
        end = self.when(entry.get("endDate"), path, "endDate")
        if kind == "Session":
            session_title = self.w.text(entry.get("sessionTitle"), path, "sessionTitle")
            slot_title = self.w.text(entry.get("slotTitle"), path, "slotTitle")
            if session_title:  # newer Indico: title is the block's, sessionTitle the session's
                name, block = session_title, title
            else:
                name, block = title, slot_title
            block_session = RawSession(
                key=ident,
                title=f"{name}: {block}" if block and block != name else name or "Session",
                room=self.room(entry, path),
                start=start,
                end=end,
                kind="poster" if entry.get("isPoster") is True else "contributed",
                track=name if block and block != name else None,
            )
            self.sessions.append(block_session)
            children = self.w.obj(entry.get("entries") or {}, path, "entries")
            for child_key, child in children.items():
                self.entry(child_key, child, f"{path}.entries.{child_key}", day, block_session)
        elif kind == "Contribution":
            poster = session is not None and session.kind == "poster"
            friendly = self.w.text(entry.get("friendlyId"), path, "friendlyId")
            board = self.w.text(entry.get("boardNumber"), path, "boardNumber")
            self.events.append(
                RawEvent(
                    label="contribution",
                    id=ident,
                    title=title or UNTITLED,
                    room=self.room(entry, path, session.room if session else ""),
                    start=None if poster else start,
                    end=None if poster else end,
                    day=day,
                    track=session.track or session.title if session else None,
                    abstract=plain_text(self.w.text(entry.get("description"), path)),
                    speakers=self.speakers(entry, path),
                    url=self.w.text(entry.get("url"), path, "url") or None,
                    kind="poster" if poster else "talk",
                    session=session.key if session else None,
                    board=board or (friendly if poster else None) or None,
                )
            )
        elif kind == "Break":
            self.breaks.append(
                RawBreak(title or "Break", start, end, self.w.text(entry.get("room"), path) or None)
            )
        else:
            raise self.w.fail(
                path, "entryType", f"expected Session, Contribution or Break, found {kind!r}"
            )


def read_indico(data: Any, source: str) -> RawSchedule:
    if not is_indico(data):
        raise unusable(source, EXPECTED, "it has no 'results' object")
    reader = _Reader(source)
    w = reader.w
    results = w.obj(data["results"], "results")
    if len(results) != 1:
        raise unusable(
            source,
            EXPECTED,
            f"it holds {len(results)} events' timetables (export one event at a time)",
        )
    event_id, timetable = next(iter(results.items()))
    days: list[RawDay] = []
    for day_key, entries in w.obj(timetable, f"results.{event_id}").items():
        path = f"results.{event_id}.{day_key}"
        if not _DAY_KEY.match(day_key):
            raise w.fail(path, "expected a day key YYYYMMDD")
        try:
            day = datetime.strptime(day_key, "%Y%m%d").date()
        except ValueError:
            raise w.fail(path, "expected a day key YYYYMMDD") from None
        days.append(RawDay(day))
        for key, value in w.obj(entries, path).items():
            reader.entry(key, value, f"{path}.{key}", day, None)
    zones = list(reader.zones)
    warnings = [
        f"the export gives no event title: named 'Indico event {event_id}' "
        "(edit conference.name to change it)"
    ]
    if len(zones) > 1:
        warnings.append(f"entries name several time zones ({', '.join(zones)}): using {zones[0]}")
    return RawSchedule(
        format=FORMAT,
        source=source,
        name=f"Indico event {event_id}",
        timezone=zones[0] if zones else None,
        days=days,
        rooms=[RawRoom(name) for name in reader.rooms],
        events=reader.events,
        sessions=reader.sessions,
        breaks=reader.breaks,
        warnings=warnings,
    )


def load_indico_json(path: Path) -> Imported:
    path = Path(path)
    return assemble(read_indico(parse_json(read_source(path), str(path)), str(path)))
