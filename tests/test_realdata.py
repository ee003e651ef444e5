"""The real schedules in shared/realdata import whole and true.

Each file is also read here with a plain parser (ElementTree, json), and every event is
compared with its contribution: title, instant (UTC), length, room and speakers. Tests skip
with a reason when the files are absent.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from planner.model import Programme
from planner.model.io import write_programme
from planner.sources import import_programme, load_programme
from planner.sources.raw import parse_duration


@dataclass
class Plain:
    title: str
    start: datetime
    length: timedelta
    room: str
    persons: list[str]


def plain_xml(path: Path) -> tuple[list[Plain], set[str], list[str]]:
    root = ET.parse(path).getroot()
    events, rooms, days = [], set(), []
    for day in root.iter("day"):
        days.append(day.get("date", ""))
        for room in day.findall("room"):
            rooms.add(room.get("name", ""))
            for event in room.findall("event"):
                duration = event.findtext("duration") or ""
                persons = [(p.text or "").strip() for p in event.findall("persons/person")]
                events.append(
                    Plain(
                        title=(event.findtext("title") or "").strip(),
                        start=datetime.fromisoformat(event.findtext("date") or ""),
                        length=parse_duration(duration) if duration else timedelta(0),
                        room=room.get("name", ""),
                        persons=persons,
                    )
                )
    return events, rooms, days


def plain_json(path: Path) -> tuple[list[Plain], set[str], list[str]]:
    conference = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]
    events, rooms, days = [], set(), []
    for day in conference["days"]:
        days.append(day["date"])
        for room, items in day["rooms"].items():
            rooms.add(room)
            for event in items:
                hours, minutes = map(int, event["duration"].split(":"))
                events.append(
                    Plain(
                        title=event["title"].strip(),
                        start=datetime.fromisoformat(event["date"]),
                        length=timedelta(hours=hours, minutes=minutes),
                        room=room,
                        persons=[p["public_name"].strip() for p in event["persons"]],
                    )
                )
    return events, rooms, days


def compare(programme: Programme, plain: list[Plain]) -> None:
    assert len(programme.contributions) == len(plain)
    for contribution, event in zip(programme.contributions, plain, strict=True):
        assert contribution.title == event.title
        assert contribution.start == event.start, contribution.id
        assert contribution.start is not None and contribution.end is not None
        assert contribution.end - contribution.start == event.length, contribution.id
        assert programme.room_of(contribution) == event.room
        if event.persons:
            assert [s.name for s in contribution.speakers] == list(dict.fromkeys(event.persons))


def overlaps_in_rooms(plain: list[Plain]) -> int:
    """Events that start before an earlier event in the same room has ended."""
    by_room: dict[str, list[Plain]] = defaultdict(list)
    for event in plain:
        by_room[event.room].append(event)
    count = 0
    for events in by_room.values():
        events.sort(key=lambda e: (e.start, e.start + e.length))
        latest: datetime | None = None
        for event in events:
            if latest is not None and event.start < latest:
                count += 1
            end = event.start + event.length
            latest = end if latest is None else max(latest, end)
    return count


def test_fosdem_2026(real_file: Callable[[str], Path]) -> None:
    path = real_file("fosdem-2026.schedule.xml")
    plain, rooms, days = plain_xml(path)
    imported = import_programme(path)
    programme = imported.programme
    assert (imported.events, imported.rooms, imported.days) == (883, 30, 2)
    assert (len(plain), len(rooms), len(days)) == (883, 30, 2)
    assert imported.warnings == ()
    compare(programme, plain)
    assert programme.conference.timezone == "Europe/Brussels"
    assert programme.conference.days == [date(2026, 1, 31), date(2026, 2, 1)]
    welcome = programme.contribution_by_id["8376"]
    assert welcome.title == "Welcome to FOSDEM 2026"
    assert welcome.start == datetime(2026, 1, 31, 8, 30, tzinfo=UTC)
    assert [s.name for s in welcome.speakers] == ["FOSDEM Staff"]
    assert programme.room_of(welcome) == "Janson"
    assert programme.session_of(welcome).title == "Main Track"
    assert welcome.event_type == "maintrack"
    assert welcome.url == "https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/"
    war = programme.contribution_by_id["7886"]
    assert war.abstract.startswith("We need to talk about war.")
    assert "<p>" not in war.abstract
    assert programme.room_overlaps == "error"  # FOSDEM publishes no same-room overlaps


def test_31c3_offsets_only(real_file: Callable[[str], Path]) -> None:
    path = real_file("31c3.schedule.xml")
    plain, rooms, days = plain_xml(path)
    imported = import_programme(path)
    programme = imported.programme
    assert (imported.events, imported.rooms, imported.days) == (len(plain), len(rooms), len(days))
    assert (imported.events, imported.rooms, imported.days) == (138, 4, 4)
    compare(programme, plain)
    assert programme.conference.timezone == "Etc/GMT-1"  # the file's +01:00, no zone name
    keynote = programme.contribution_by_id["6571"]
    assert keynote.title == "31C3 Keynote"
    assert keynote.start == datetime(2014, 12, 27, 10, 30, tzinfo=UTC)
    assert keynote.start is not None and keynote.start.utcoffset() == timedelta(hours=1)
    assert [s.name for s in keynote.speakers] == ["alecempire"]
    assert programme.room_of(keynote) == "Saal 1"


def test_36c3_everything(real_file: Callable[[str], Path]) -> None:
    path = real_file("36c3-everything.schedule.json")
    plain, rooms, days = plain_json(path)
    imported = import_programme(path)
    programme = imported.programme
    assert (imported.events, imported.rooms, imported.days) == (1351, 92, 4)
    assert (len(plain), len(rooms), len(days)) == (1351, 92, 4)
    compare(programme, plain)
    assert programme.room_overlaps == "allow"
    overlap_warnings = [w for w in imported.warnings if " overlap in room " in w]
    assert len(overlap_warnings) == overlaps_in_rooms(plain) > 100
    zero = [c for c in programme.contributions if c.start == c.end]
    assert [c.id for c in zero] == ["399"]
    assert any("399" in w and "zero-length" in w for w in imported.warnings)
    # after midnight: Hacker Jeopardy, 00:50 on the 28th, belongs to the 27th
    jeopardy = programme.contribution_by_id["11177"]
    assert jeopardy.title == "Hacker Jeopardy"
    assert jeopardy.start == datetime(2019, 12, 27, 23, 50, tzinfo=UTC)
    assert programme.day_of(jeopardy) == date(2019, 12, 27)
    lightning = programme.contribution_by_id["10524"]
    assert lightning.title == "Lightning Talks Day 2"
    assert [s.name for s in lightning.speakers] == ["gedsic", "bigalex"]
    assert programme.room_of(lightning) == "Borg"


def test_lswt2021_quirks(real_file: Callable[[str], Path]) -> None:
    imported = import_programme(real_file("lswt2021.schedule.xml"))
    programme = imported.programme
    # 13 events, of which 3 coffee breaks and a lunch break (tests/test_import_breaks.py)
    assert (imported.events, imported.breaks, imported.rooms, imported.days) == (9, 4, 2, 1)
    keynote = programme.contribution_by_id["102"]
    assert keynote.end is not None and keynote.start is not None
    assert keynote.end - keynote.start == timedelta(minutes=40)  # P0Y0M0DT0H40M0.000S
    assert keynote.start == datetime(2021, 7, 7, 9, 15, tzinfo=UTC)  # "Z" kept as given
    assert programme.conference.timezone == "UTC"
    assert [s.name for s in programme.contribution_by_id["101"].speakers] == [
        "Sebastian Tramp",
        "Natanael Arndt",
    ]
    tutorial = programme.contribution_by_id["dbpedia-tutorial"]
    assert programme.day_of(tutorial) == date(2021, 7, 7)
    assert tutorial.start == datetime(2021, 7, 8, 13, 0, tzinfo=UTC)
    warnings = "\n".join(imported.warnings)
    assert "gives its times in UTC" in warnings
    assert "5 events have no id" in warnings
    # the two events with id 998 are a coffee and a lunch break: no talk ids clash
    assert "is used by" not in warnings
    assert "'DBpedia Tutorial': dated 2021-07-08 13:00 but listed under day 2021-07-07" in warnings
    assert "event 101 'Begrüßung': no duration" in warnings


@pytest.mark.parametrize(
    "name",
    [
        "fosdem-2026.schedule.xml",
        "31c3.schedule.xml",
        "36c3-everything.schedule.json",
        "lswt2021.schedule.xml",
    ],
)
def test_converted_programme_reads_back_the_same(
    real_file: Callable[[str], Path], tmp_path: Path, name: str
) -> None:
    programme = import_programme(real_file(name)).programme
    target = tmp_path / "programme.yaml"
    write_programme(programme, target)
    again = load_programme(target)
    assert again.model_dump() == programme.model_dump()
    assert [again.day_of(c) for c in again.contributions] == [
        programme.day_of(c) for c in programme.contributions
    ]
