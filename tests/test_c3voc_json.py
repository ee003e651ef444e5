"""c3voc/frab schedule.json (and pretalx's frab-compatible export) and schedule2."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.errors import ProgrammeError
from planner.sources import import_programme


def v1_event(ident: int, when: str, room: str = "Ada", **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "url": f"https://example.org/events/{ident}.html",
        "id": ident,
        "guid": f"00000000-0000-4000-8000-{ident:012d}",
        "logo": None,
        "date": when,
        "start": when[11:16],
        "duration": "00:30",
        "room": room,
        "slug": f"conf-{ident}-talk",
        "title": f"Talk {ident}",
        "subtitle": "",
        "track": "Security",
        "type": "lecture",
        "language": "en",
        "abstract": f"Abstract {ident}",
        "description": "",
        "persons": [{"id": 1, "public_name": "bleeptrack"}, {"code": "ABC", "name": "blinry"}],
        "links": [{"url": "https://example.org/slides", "title": "Slides"}],
    }
    event.update(extra)
    return event


def v1_schedule(rooms: dict[str, list[dict[str, Any]]], zone: str | None = None) -> dict[str, Any]:
    conference: dict[str, Any] = {
        "acronym": "conf2019",
        "title": "Test Congress",
        "start": "2019-12-27",
        "end": "2019-12-28",
        "daysCount": 1,
        "timeslot_duration": "00:10",
        "days": [
            {
                "index": 1,
                "date": "2019-12-27",
                "day_start": "2019-12-27T11:00:00+01:00",
                "day_end": "2019-12-28T04:00:00+01:00",
                "rooms": rooms,
            }
        ],
    }
    if zone:
        conference["time_zone_name"] = zone
    return {
        "schedule": {"version": "1.0", "base_url": "https://example.org/", "conference": conference}
    }


def write(tmp_path: Path, data: Any, name: str = "schedule.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_schedule_json_maps_events(tmp_path: Path) -> None:
    data = v1_schedule(
        {
            "Ada": [
                v1_event(1, "2019-12-27T11:00:00+01:00"),
                v1_event(2, "2019-12-28T01:30:00+01:00"),
            ],
            "Borg": [v1_event(3, "2019-12-27T11:00:00+01:00", room="Borg", track=None)],
        }
    )
    imported = import_programme(write(tmp_path, data))
    programme = imported.programme
    assert imported.format == "c3voc/frab schedule.json"
    assert (imported.events, imported.rooms, imported.days, imported.warnings) == (3, 2, 1, ())
    assert programme.conference.timezone == "Etc/GMT-1"
    talk = programme.contribution_by_id["1"]
    assert [s.name for s in talk.speakers] == ["bleeptrack", "blinry"]
    assert talk.url == "https://example.org/events/1.html"
    assert talk.start == datetime(2019, 12, 27, 10, 0, tzinfo=UTC)
    # after midnight: still the day the file lists it under
    night = programme.contribution_by_id["2"]
    assert night.day == date(2019, 12, 27)
    assert programme.day_of(night) == date(2019, 12, 27)
    assert programme.conference.days == [date(2019, 12, 27)]
    # no track: the session is named after the room
    untracked = programme.contribution_by_id["3"]
    assert untracked.track is None
    assert programme.session_of(untracked).title == "Borg"


def test_named_zone_is_used_and_instants_kept(tmp_path: Path) -> None:
    data = v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00")]}, zone="Europe/Berlin")
    programme = import_programme(write(tmp_path, data)).programme
    talk = programme.contribution_by_id["1"]
    assert programme.conference.timezone == "Europe/Berlin"
    assert talk.start == datetime(2019, 12, 27, 10, 0, tzinfo=UTC)
    assert talk.start is not None and talk.start.utcoffset() == timedelta(hours=1)


def test_offset_disagreeing_with_named_zone_is_reported(tmp_path: Path) -> None:
    data = v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+02:00")]}, zone="Europe/Berlin")
    imported = import_programme(write(tmp_path, data))
    talk = imported.programme.contribution_by_id["1"]
    assert talk.start == datetime(2019, 12, 27, 9, 0, tzinfo=UTC)  # the instant the offset gives
    assert any("differs from Europe/Berlin" in w for w in imported.warnings)


def test_pretalx_frab_export_shape(tmp_path: Path) -> None:
    """pretalx's schedule.json: rooms listed in the conference, persons with 'name', string
    links, HTML abstracts, zone name given."""
    event = v1_event(
        7,
        "2019-12-27T12:00:00+01:00",
        room="Main",
        persons=[{"code": "X1", "name": "Jane Doe", "biography": "..."}],
        links=["https://example.org/x"],
        url="",
        abstract="<p>First &amp; <em>second</em></p><p>Third</p>",
    )
    data = v1_schedule({"Main": [event]}, zone="Europe/Amsterdam")
    data["schedule"]["conference"]["rooms"] = [
        {"name": "Main", "guid": "11111111-1111-4111-8111-111111111111", "capacity": 400},
        {"name": "Side", "guid": "22222222-2222-4222-8222-222222222222"},
    ]
    programme = import_programme(write(tmp_path, data)).programme
    talk = programme.contribution_by_id["7"]
    assert [s.name for s in talk.speakers] == ["Jane Doe"]
    assert talk.url == "https://example.org/x"
    assert talk.abstract == "First & second\n\nThird"
    assert [(r.name, r.capacity) for r in programme.rooms] == [("Main", 400), ("Side", None)]


SCHEDULE2: dict[str, Any] = {
    "$schema": "https://c3voc.de/schedule/schema2.json",
    "schedule": {
        "version": "1.0",
        "conference": {
            "acronym": "test2024",
            "title": "Schedule Two",
            "start": "2024-03-30T09:00:00+01:00",
            "end": "2024-03-31T18:00:00+02:00",
            "time_zone_name": "Europe/Berlin",
            "rooms": [
                {"name": "Saal 1", "guid": "aaaaaaaa-0000-4000-8000-000000000001", "capacity": 300},
                {"name": "Saal 2", "guid": "aaaaaaaa-0000-4000-8000-000000000002"},
            ],
            "tracks": [{"name": "Hardware & Making", "slug": "hardware"}],
            "days": [
                {
                    "index": 1,
                    "date": "2024-03-30",
                    "start": "2024-03-30T09:00:00+01:00",
                    "end": "2024-03-31T03:00:00+02:00",
                },
                {
                    "index": 2,
                    "date": "2024-03-31",
                    "start": "2024-03-31T09:00:00+02:00",
                    "end": "2024-04-01T03:00:00+02:00",
                },
            ],
        },
        "events": [
            {
                "guid": "bbbbbbbb-0000-4000-8000-000000000001",
                "code": "ABC123",
                "start": "2024-03-30T10:00:00+01:00",
                "end": "2024-03-30T10:45:00+01:00",
                "room": {"guid": "aaaaaaaa-0000-4000-8000-000000000001"},
                "slug": "test2024-abc123-soldering",
                "url": "https://example.org/talk/ABC123",
                "title": "Soldering",
                "subtitle": None,
                "track": {"slug": "hardware"},
                "type": "WORKSHOP",
                "language": "en",
                "abstract": {"en": "Learn to solder.", "de": "Löten lernen."},
                "links": [],
                "participants": [
                    {
                        "name": "Ada",
                        "role": "SPEAKER",
                        "guid": "cccccccc-0000-4000-8000-000000000001",
                    }
                ],
            },
            {
                "guid": "bbbbbbbb-0000-4000-8000-000000000002",
                "code": "DEF456",
                "start": "2024-03-31T10:00:00+02:00",
                "end": "2024-03-31T11:00:00+02:00",
                "room": {"guid": "aaaaaaaa-0000-4000-8000-000000000002", "name": "Saal 2"},
                "slug": "test2024-def456-radio",
                "url": "https://example.org/talk/DEF456",
                "title": "Radio",
                "subtitle": "Waves",
                "track": {"slug": "hardware"},
                "type": "TALK",
                "language": "en",
                "abstract": "Radio waves.",
                "links": [{"url": "https://example.org/slides.pdf", "type": "SLIDES"}],
                "participants": [
                    {
                        "name": "Grace",
                        "role": "SPEAKER",
                        "guid": "cccccccc-0000-4000-8000-000000000002",
                    }
                ],
            },
            {
                "type": "BREAK",
                "title": "Lunch",
                "start": "2024-03-30T12:00:00+01:00",
                "end": "2024-03-30T13:00:00+01:00",
            },
        ],
    },
}


def test_schedule2_fixture_follows_the_c3voc_schema(real_file: Callable[[str], Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(real_file("c3voc-schedule2.schema.json").read_text())
    jsonschema.validate(SCHEDULE2, schema)


def test_schedule2_maps_events_rooms_tracks_breaks(tmp_path: Path) -> None:
    imported = import_programme(write(tmp_path, SCHEDULE2))
    programme = imported.programme
    assert imported.format == "c3voc schedule2 JSON"
    assert (imported.events, imported.breaks, imported.rooms, imported.days) == (2, 1, 2, 2)
    first = programme.contribution_by_id["ABC123"]
    assert programme.room_of(first) == "Saal 1"
    assert first.track == "Hardware & Making"
    assert programme.session_of(first).title == "Hardware & Making"
    assert first.abstract == "Learn to solder."
    assert first.event_type == "WORKSHOP"
    assert [s.name for s in first.speakers] == ["Ada"]
    second = programme.contribution_by_id["DEF456"]
    assert second.start == datetime(2024, 3, 31, 8, 0, tzinfo=UTC)  # after the DST change
    assert programme.day_of(second) == date(2024, 3, 31)
    assert second.abstract == "Waves\n\nRadio waves."
    assert [(b.kind, b.title) for b in programme.breaks] == [("lunch", "Lunch")]
    assert programme.room_by_name["Saal 1"].capacity == 300


def test_schema1_validates_an_event_of_the_fixture(real_file: Callable[[str], Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(real_file("c3voc-schedule.schema.json").read_text())
    event = v1_event(1, "2019-12-27T11:00:00+01:00")
    event["persons"] = [{"id": 1, "public_name": "bleeptrack"}]
    jsonschema.validate(v1_schedule({"Ada": [event]}), schema)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"schedule": {"version": "1"}}, r"schedule\.conference: expected an object, found null"),
        ({"schedule": {"conference": {"days": []}}}, "schedule.conference has no days"),
        (
            v1_schedule({"Ada": [v1_event(1, "yesterday at noon")]}),
            r"rooms\['Ada'\]\[0\]\.date: 'yesterday at noon' is not an ISO 8601",
        ),
        (
            v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00", persons=[5])]}),
            "expected a person or a name",
        ),
        ({"schedule": {"conference": {"days": "monday"}}}, "expected a list, found text"),
        (
            v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00", duration="long")]}),
            r"\[0\]\.duration: duration 'long' is neither HH:MM nor ISO 8601",
        ),
        (
            v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00", end="2019-12-27Tnoon")]}),
            r"\[0\]\.end: '2019-12-27Tnoon' is not an ISO 8601",
        ),
        (
            v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00", end=[1])]}),
            r"\[0\]\.end: expected text, found a list",
        ),
        (
            v1_schedule({"Ada": [v1_event(True, "2019-12-27T11:00:00+01:00")]}),
            r"\[0\]\.id: expected text, found true/false",
        ),
        (
            v1_schedule({"Ada": [v1_event(1, "2019-12-27")]}),
            r"\[0\]\.start: no date and time",
        ),
    ],
)
def test_unusable_json_gets_one_clear_error(tmp_path: Path, data: Any, message: str) -> None:
    with pytest.raises(ProgrammeError, match=message):
        import_programme(write(tmp_path, data))


def test_an_assembled_key_the_model_does_not_know_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The assembled programme is validated as a programme file is: a key that is not a field
    of the model is an error, not silently dropped."""
    from planner.sources import assemble

    made = assemble._contribution

    def with_a_stray_key(*args: Any) -> dict[str, Any]:
        return {**made(*args), "speaker": "typo"}

    monkeypatch.setattr(assemble, "_contribution", with_a_stray_key)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(v1_schedule({"Ada": [v1_event(1, "2019-12-27T11:00:00+01:00")]})))
    with pytest.raises(ProgrammeError, match="speaker"):
        import_programme(path)
