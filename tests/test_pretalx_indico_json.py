"""pretalx's schedule JSON and Indico's timetable export.

No real file of either is at hand. The fixtures are written from the formats' sources:
pretalx's ``Schedule.build_data`` (the widget's schedule JSON: talks with speaker codes, room and
track ids, i18n names, entries without a code for breaks), and Indico's ``TimetableSerializer``
behind ``/export/timetable/ID.json`` (the HTTP API's ``results`` keyed by event id and
``YYYYMMDD``; entries ``s…`` session blocks, ``c…`` contributions, ``b…`` breaks, each with
``startDate``/``endDate`` as ``{date, time, tz}``; ``presenters`` in Indico 3.x releases,
``personLinks`` with ``roles`` in newer code).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from planner.errors import ProgrammeError
from planner.sources import import_programme

PRETALX: dict[str, Any] = {
    "talks": [
        {
            "code": "QWE7XY",
            "id": 101,
            "title": "Typed Python at scale",
            "abstract": "<p>Types help.</p>",
            "description": "Long description.",
            "speakers": ["SPK1", "SPK2"],
            "track": 3,
            "start": "2024-10-26T09:30:00+02:00",
            "end": "2024-10-26T10:00:00+02:00",
            "room": 12,
            "duration": 30,
            "updated": "2024-10-01T12:00:00+00:00",
            "state": None,
            "do_not_record": False,
        },
        {
            "code": "ZZZ111",
            "id": 102,
            "title": {"en": "After the change", "de": "Nach der Umstellung"},
            "abstract": None,
            "description": None,
            "speakers": ["SPK2"],
            "track": None,
            "start": "2024-10-27T09:30:00+01:00",
            "end": "2024-10-27T10:15:00+01:00",
            "room": 13,
            "duration": 45,
        },
        {
            "id": 900,
            "title": {"en": "Coffee break"},
            "start": "2024-10-26T10:00:00+02:00",
            "end": "2024-10-26T10:30:00+02:00",
            "room": 12,
        },
    ],
    "version": "v1.0",
    "timezone": "Europe/Berlin",
    "event_start": "2024-10-26",
    "event_end": "2024-10-27",
    "tracks": [{"id": 3, "name": {"en": "Python"}, "description": {}, "color": "#ff0000"}],
    "rooms": [
        {"id": 12, "name": {"en": "Hall A"}, "description": {}},
        {"id": 13, "name": "Hall B", "description": {}},
    ],
    "speakers": [
        {"code": "SPK1", "name": "Ada Lovelace", "biography": "", "avatar": None},
        {"code": "SPK2", "name": "Grace Hopper", "biography": "", "avatar": None},
    ],
}


def write(tmp_path: Path, data: Any, name: str = "schedule.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_pretalx_schedule_json(tmp_path: Path) -> None:
    imported = import_programme(write(tmp_path, PRETALX, name="widget.json"))
    programme = imported.programme
    assert imported.format == "pretalx schedule JSON"
    assert (imported.events, imported.breaks, imported.rooms, imported.days) == (2, 1, 2, 2)
    assert programme.conference.timezone == "Europe/Berlin"
    assert programme.conference.name == "widget"
    assert any("no conference name" in w for w in imported.warnings)
    first = programme.contribution_by_id["QWE7XY"]
    assert [s.name for s in first.speakers] == ["Ada Lovelace", "Grace Hopper"]
    assert first.track == "Python"
    assert programme.session_of(first).title == "Python"
    assert programme.room_of(first) == "Hall A"
    assert first.abstract == "Types help.\n\nLong description."
    second = programme.contribution_by_id["ZZZ111"]
    assert second.title == "After the change"
    # 27 October 2024: Berlin is back on +01:00
    assert second.start == datetime(2024, 10, 27, 8, 30, tzinfo=UTC)
    assert programme.day_of(second) == date(2024, 10, 27)
    assert [(b.kind, b.room) for b in programme.breaks] == [("coffee", "Hall A")]


def _when(day: str, clock: str) -> dict[str, str]:
    return {"date": day, "time": clock, "tz": "Europe/Zurich"}


def _contribution(
    ident: int, title: str, day: str, start: str, end: str, **extra: Any
) -> dict[str, Any]:
    entry = {
        "entryType": "Contribution",
        "_type": "ContribSchEntry",
        "_fossil": "contribSchEntryDisplay",
        "id": f"c{ident}",
        "conferenceId": 1234,
        "contributionId": ident,
        "friendlyId": ident % 100,
        "title": title,
        "startDate": _when(day, start),
        "endDate": _when(day, end),
        "room": "",
        "location": "CERN",
        "inheritLoc": True,
        "inheritRoom": True,
        "description": f"About {title}.",
        "duration": 20.0,
        "presenters": [
            {
                "firstName": "Marie",
                "familyName": "Curie",
                "affiliation": "Sorbonne",
                "name": "Marie Curie",
                "emailHash": "x",
            }
        ],
        "url": f"https://indico.example.org/event/1234/contributions/{ident}/",
        "sessionCode": None,
        "sessionId": None,
        "attachments": {"files": [], "folders": []},
        "references": [],
    }
    entry.update(extra)
    return entry


INDICO: dict[str, Any] = {
    "count": 1,
    "additionalInfo": {},
    "_type": "HTTPAPIResult",
    "url": "https://indico.example.org/export/timetable/1234.json",
    "ts": 1700000000,
    "results": {
        "1234": {
            "20240330": {
                "c1": _contribution(
                    1, "Welcome", "2024-03-30", "09:00:00", "09:20:00", room="Main Auditorium"
                ),
                "s10": {
                    "entryType": "Session",
                    "id": "s10",
                    "sessionId": 7,
                    "title": "Detectors",
                    "slotTitle": "Morning",
                    "startDate": _when("2024-03-30", "09:30:00"),
                    "endDate": _when("2024-03-30", "10:30:00"),
                    "room": "Room 1",
                    "location": "CERN",
                    "isPoster": False,
                    "description": "",
                    "conveners": [],
                    "entries": {
                        "c2": _contribution(
                            2,
                            "Silicon trackers",
                            "2024-03-30",
                            "09:30:00",
                            "09:50:00",
                            room="Room 1",
                        ),
                        "c3": _contribution(
                            3,
                            "Calorimeters",
                            "2024-03-30",
                            "09:50:00",
                            "10:10:00",
                            room="Room 1",
                            presenters=[],
                            personLinks=[
                                {
                                    "firstName": "A",
                                    "familyName": "Author",
                                    "name": "A Author",
                                    "roles": ["primary"],
                                },
                                {
                                    "firstName": "S",
                                    "familyName": "Speaker",
                                    "name": "S Speaker",
                                    "affiliation": "ETH",
                                    "roles": ["speaker"],
                                },
                            ],
                        ),
                        "b4": {
                            "entryType": "Break",
                            "id": "b4",
                            "title": "Coffee",
                            "startDate": _when("2024-03-30", "10:10:00"),
                            "endDate": _when("2024-03-30", "10:30:00"),
                            "room": "Room 1",
                            "description": "",
                            "duration": 20.0,
                        },
                    },
                },
                "s11": {
                    "entryType": "Session",
                    "id": "s11",
                    "title": "Posters",
                    "slotTitle": "",
                    "startDate": _when("2024-03-30", "16:00:00"),
                    "endDate": _when("2024-03-30", "18:00:00"),
                    "room": "Hall",
                    "isPoster": True,
                    "entries": {
                        "c5": _contribution(
                            5,
                            "A poster",
                            "2024-03-30",
                            "16:00:00",
                            "18:00:00",
                            room="Hall",
                            boardNumber="P12",
                        ),
                    },
                },
            },
            "20240331": {
                "c6": _contribution(
                    6, "Sunday talk", "2024-03-31", "09:00:00", "09:30:00", room="Main Auditorium"
                ),
            },
        }
    },
}


def test_indico_timetable_export(tmp_path: Path) -> None:
    imported = import_programme(write(tmp_path, INDICO, name="1234.json"))
    programme = imported.programme
    assert imported.format == "Indico timetable JSON"
    assert (imported.events, imported.breaks, imported.days) == (5, 1, 2)
    assert programme.conference.timezone == "Europe/Zurich"
    assert programme.conference.name == "Indico event 1234"
    welcome = programme.contribution_by_id["c1"]
    assert welcome.start == datetime(2024, 3, 30, 8, 0, tzinfo=UTC)  # +01:00
    assert [(s.name, s.affiliation) for s in welcome.speakers] == [("Marie Curie", "Sorbonne")]
    sunday = programme.contribution_by_id["c6"]
    assert sunday.start == datetime(2024, 3, 31, 7, 0, tzinfo=UTC)  # +02:00 after the change
    tracker = programme.contribution_by_id["c2"]
    session = programme.session_of(tracker)
    assert session.title == "Detectors: Morning"
    assert programme.track_of(tracker) == "Detectors"
    assert programme.room_of(tracker) == "Room 1"
    assert [s.name for s in programme.contribution_by_id["c3"].speakers] == ["S Speaker"]
    poster = programme.contribution_by_id["c5"]
    assert poster.kind == "poster" and poster.board == "P12"
    assert programme.session_of(poster).kind == "poster"
    assert programme.window(poster) == (
        datetime(2024, 3, 30, 15, 0, tzinfo=UTC),
        datetime(2024, 3, 30, 17, 0, tzinfo=UTC),
    )
    assert programme.room_by_name["Hall"].kind == "poster-area"
    assert [(b.kind, b.title) for b in programme.breaks] == [("coffee", "Coffee")]
    assert any("no event title" in w for w in imported.warnings)


def test_indico_export_of_several_events_is_refused(tmp_path: Path) -> None:
    data = {**INDICO, "results": {"1": {}, "2": {}}}
    with pytest.raises(ProgrammeError, match="holds 2 events' timetables"):
        import_programme(write(tmp_path, data))


def test_json_that_is_no_schedule_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ProgrammeError, match=r"not a programme or schedule.*found keys 'name', 'version'"
    ):
        import_programme(
            write(tmp_path, {"name": "package", "version": "1.0"}, name="package.json")
        )
