"""pretalx's own schedule JSON (the data behind its schedule widget, ``/schedule/widgets/
schedule.json``): ``{"talks": [...], "rooms": [...], "tracks": [...], "speakers": [...],
"timezone", "event_start", "event_end", "version"}``.

A talk has ``code``, ``title``, ``abstract``, ``description``, ``speakers`` (speaker codes),
``track`` and ``room`` (ids), ``start`` and ``end``; names may be translation maps. Entries
without a ``code`` are breaks. pretalx's frab-compatible ``schedule.json`` export is read by
:mod:`planner.sources.c3voc_json`.
"""

from __future__ import annotations

from datetime import date, timedelta
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
    parse_date,
    parse_datetime,
    unusable,
)

FORMAT = "pretalx schedule JSON"
EXPECTED = 'a pretalx schedule JSON ({"talks": [...], "rooms": [...], ...})'


def is_pretalx(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("talks"), list) and "rooms" in data


def _names(w: Where, values: Any, path: str, key: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for n, value in enumerate(w.arr(values, path)):
        item = w.obj(value, f"{path}[{n}]")
        ident = w.text(item.get(key), f"{path}[{n}].{key}")
        if ident:
            names[ident] = w.loc(item.get("name"), f"{path}[{n}].name") or ident
    return names


def read_pretalx(data: Any, source: str) -> RawSchedule:
    if not is_pretalx(data):
        raise unusable(source, EXPECTED, "it has no 'talks' list")
    w = Where(source)
    rooms = _names(w, data.get("rooms"), "rooms", "id")
    tracks = _names(w, data.get("tracks"), "tracks", "id")
    speakers = _names(w, data.get("speakers"), "speakers", "code")
    events: list[RawEvent] = []
    breaks: list[RawBreak] = []
    for n, value in enumerate(w.arr(data.get("talks"), "talks")):
        path = f"talks[{n}]"
        talk = w.obj(value, path)
        try:
            start = parse_datetime(w.text(talk.get("start"), path, "start"))
            end_text = w.text(talk.get("end"), path, "end")
            end = parse_datetime(end_text) if end_text else None
        except ValueError as error:
            raise w.fail(path, str(error)) from None
        if end is None and isinstance(talk.get("duration"), int | float):
            end = start + timedelta(minutes=float(talk["duration"]))
        room_id = w.text(talk.get("room"), path, "room")
        room = rooms.get(room_id, room_id) or "(no room)"
        title = w.loc(talk.get("title"), path, "title")
        code = w.text(talk.get("code"), path, "code")
        if not code:
            breaks.append(RawBreak(title or "Break", start, end or start, room))
            continue
        track_id = w.text(talk.get("track"), path, "track")
        names = [w.text(s, path, "speakers") for s in w.arr(talk.get("speakers"), path)]
        events.append(
            RawEvent(
                label="talk",
                id=code,
                title=title or UNTITLED,
                room=room,
                start=start,
                end=end,
                track=tracks.get(track_id, track_id) or None,
                event_type=w.loc(talk.get("session_type") or talk.get("submission_type"), path)
                or None,
                abstract=join_texts(
                    plain_text(w.loc(talk.get("abstract"), path, "abstract")),
                    plain_text(w.loc(talk.get("description"), path, "description")),
                ),
                speakers=[(speakers.get(code, code), None) for code in names if code],
                language=w.text(talk.get("content_locale") or talk.get("language"), path) or None,
                recorded=(not talk["do_not_record"])
                if type(talk.get("do_not_record")) is bool
                else None,
                cancelled=cancelled_state(talk.get("state")),
            )
        )
    days: list[RawDay] = []
    first: date | None
    last: date | None
    try:
        first = parse_date(w.text(data.get("event_start"), "event_start"))
        last = parse_date(w.text(data.get("event_end"), "event_end"))
    except ValueError:
        first = last = None
    if first is not None and last is not None and 0 <= (last - first).days <= 366:
        days = [RawDay(first + timedelta(days=k)) for k in range((last - first).days + 1)]
    name = w.loc(data.get("event_name") or data.get("name"), "name")
    warnings = [] if name else [f"the file gives no conference name: named {Path(source).stem!r}"]
    return RawSchedule(
        format=FORMAT,
        source=source,
        name=name or Path(source).stem,
        warnings=warnings,
        timezone=w.text(data.get("timezone"), "timezone") or None,
        days=days,
        rooms=[RawRoom(name) for name in rooms.values()],
        events=events,
        breaks=breaks,
    )


def load_pretalx_json(path: Path) -> Imported:
    path = Path(path)
    return assemble(read_pretalx(parse_json(read_source(path), str(path)), str(path)))
