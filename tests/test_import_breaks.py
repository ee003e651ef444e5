"""Breaks listed as events (frab XML, c3voc/pretalx JSON) are imported as breaks, not talks.

Conservative: an event is a break when the source types it ``break`` or ``pause``, or when its
title is only a break (``Coffee Break``, ``Lunch``, ``Kaffeepause``...) and it has no speakers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.sources import import_programme
from planner.sources.raw import is_break

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Break Conference</title>
    <time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day index="1" date="2024-05-06">
    <room name="Hall">{events}</room>
  </day>
</schedule>
"""


def xml_event(
    ident: str,
    clock: str,
    title: str,
    person: str = "",
    kind: str = "lecture",
    length: str = "00:30",
) -> str:
    persons = f"<persons><person>{person}</person></persons>" if person else "<persons/>"
    return f"""
      <event id="{ident}">
        <date>2024-05-06T{clock}:00+02:00</date><start>{clock}</start>
        <duration>{length}</duration><room>Hall</room><title>{title}</title>
        <track>Main</track><type>{kind}</type>{persons}
      </event>"""


def write(tmp_path: Path, text: str, name: str = "schedule.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("title", "kind", "person", "expected"),
    [
        ("Coffee Break", "lecture", "", True),
        ("coffee break", None, "", True),
        ("Lunch Break", "lecture", "", True),
        ("Lunch", None, "", True),
        ("Kaffeepause", None, "", True),
        ("Mittagspause", None, "", True),
        ("Break", None, "", True),
        ("  Coffee  Break ", None, "", True),
        ("Networking", "break", "", True),
        ("Networking", "Pause", "", True),
        ("Coffee Break", "lecture", "Ada Lovelace", False),  # someone speaks: a talk
        ("Lunch talk: why breaks matter", None, "", False),
        ("Breaking crypto", None, "", False),
        ("Coffee and code", None, "", False),
        ("Lightning Talks", "lecture", "", False),
    ],
)
def test_what_is_a_break(title: str, kind: str | None, person: str, expected: bool) -> None:
    speakers = [(person, None)] if person else []
    assert is_break(title, kind, speakers) is expected


def test_frab_breaks_become_breaks(tmp_path: Path) -> None:
    events = (
        xml_event("1", "09:00", "Opening", person="Ada Lovelace")
        + xml_event("2", "09:30", "Coffee Break", length="00:20")
        + xml_event("3", "09:50", "Keynote", person="Alan Turing")
        + xml_event("4", "12:00", "Lunch Break", length="01:00")
        + xml_event("5", "13:00", "Networking", kind="break", length="00:15")
        + xml_event("6", "13:15", "Coffee Break", person="Grace Hopper")  # a talk of that name
    )
    imported = import_programme(write(tmp_path, HEAD.format(events=events)))
    programme = imported.programme
    assert (imported.events, imported.breaks) == (3, 3)
    assert [c.id for c in programme.contributions] == ["1", "3", "6"]
    assert [(b.kind, b.title, b.room) for b in programme.breaks] == [
        ("coffee", "Coffee Break", "Hall"),
        ("lunch", "Lunch Break", "Hall"),
        ("other", "Networking", "Hall"),
    ]
    coffee = programme.breaks[0]
    assert coffee.start == datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    assert coffee.end - coffee.start == timedelta(minutes=20)
    assert coffee.start.utcoffset() == timedelta(hours=2)  # shown in the conference's zone
    assert "3 events, 1 room, 1 day, 3 breaks" in imported.summary()
    [note] = [w for w in imported.warnings if "break" in w]
    assert note.startswith("3 events are breaks, not talks")
    assert "'Coffee Break', 'Lunch Break', 'Networking'" in note
    # the talks on either side of a break stay in one session of their track
    assert len({c.session for c in programme.contributions}) == 1


def test_a_schedule_of_breaks_only_has_nothing_to_plan(tmp_path: Path) -> None:
    from planner.errors import ProgrammeError

    path = write(tmp_path, HEAD.format(events=xml_event("1", "10:00", "Coffee Break")))
    with pytest.raises(ProgrammeError, match="no events"):
        import_programme(path)


def c3voc(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schedule": {
            "conference": {
                "title": "Break Congress",
                "time_zone_name": "Europe/Berlin",
                "days": [{"index": 1, "date": "2019-12-27", "rooms": {"Ada": events}}],
            }
        }
    }


def json_event(ident: int, clock: str, title: str, kind: str, persons: list[str]) -> dict[str, Any]:
    return {
        "id": ident,
        "date": f"2019-12-27T{clock}:00+01:00",
        "duration": "00:30",
        "room": "Ada",
        "title": title,
        "type": kind,
        "track": "CCC",
        "persons": [{"public_name": name} for name in persons],
    }


def test_c3voc_json_breaks_become_breaks(tmp_path: Path) -> None:
    data = c3voc(
        [
            json_event(1, "11:00", "Opening", "lecture", ["bleeptrack"]),
            json_event(2, "11:30", "Pause", "other", []),
            json_event(3, "12:00", "Mittagessen", "other", []),
            json_event(4, "13:00", "Music", "pause", ["DJ"]),  # typed a pause: a break
        ]
    )
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = import_programme(path)
    assert (imported.events, imported.breaks) == (1, 3)
    assert [(b.kind, b.title) for b in imported.programme.breaks] == [
        ("other", "Pause"),
        ("lunch", "Mittagessen"),
        ("other", "Music"),
    ]
    assert any(w.startswith("3 events are breaks, not talks") for w in imported.warnings)


def test_lswt2021_coffee_and_lunch_are_breaks(real_file: Callable[[str], Path]) -> None:
    imported = import_programme(real_file("lswt2021.schedule.xml"))
    programme = imported.programme
    assert (imported.events, imported.breaks) == (9, 4)
    assert [(b.kind, b.title) for b in programme.breaks] == [
        ("coffee", "Coffee Break"),
        ("coffee", "Coffee Break"),
        ("lunch", "Lunch Break"),
        ("coffee", "Coffee Break"),
    ]
    assert all(b.room == "Main Track" for b in programme.breaks)
    lunch = programme.breaks[2]
    assert lunch.start == datetime(2021, 7, 7, 13, 15, tzinfo=UTC)
    assert lunch.end - lunch.start == timedelta(hours=1)
    assert not any("Break" in c.title for c in programme.contributions)
    warnings = "\n".join(imported.warnings)
    assert "4 events are breaks, not talks ('Coffee Break' x3, 'Lunch Break')" in warnings
    assert "Lunch Break" not in warnings.replace("'Lunch Break')", "")  # no overlap warning


@pytest.mark.parametrize(
    "name", ["fosdem-2026.schedule.xml", "31c3.schedule.xml", "36c3-everything.schedule.json"]
)
def test_no_talk_of_the_large_schedules_is_taken_for_a_break(
    real_file: Callable[[str], Path], name: str
) -> None:
    # They list no breaks; titles such as 'How to Break PDFs' or '42birds: Bewegungspause'
    # stay talks.
    imported = import_programme(real_file(name))
    assert (imported.breaks, imported.programme.breaks) == (0, [])
    assert not any("are breaks" in w or "is a break" in w for w in imported.warnings)
