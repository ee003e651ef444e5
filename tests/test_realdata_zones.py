"""Real schedules whose clock times have no zone and no offset: FOSDEM 2019 is read at the
Brussels wall times it prints, in every view and in the calendar; the files that were already
right (31C3, 36C3, FOSDEM 2026, lswt2021) keep their zones and say where they came from."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import main
from planner.sources import import_programme

BRUSSELS = ZoneInfo("Europe/Brussels")


def wall_times(path: Path) -> dict[str, datetime]:
    """Each event's start as the file prints it: its day's date and its HH:MM, in Brussels."""
    found = {}
    for day in ET.parse(path).getroot().iter("day"):
        for event in day.iter("event"):
            clock = datetime.strptime(
                f"{day.get('date')} {event.findtext('start')}", "%Y-%m-%d %H:%M"
            )
            found[event.get("id", "")] = clock.replace(tzinfo=BRUSSELS)
    return found


def test_fosdem_2019_every_instant_is_the_brussels_wall_time(
    real_file: Callable[[str], Path],
) -> None:
    path = real_file("fosdem-2019.schedule.xml")
    imported = import_programme(path)
    programme = imported.programme
    assert programme.conference.timezone == "Europe/Brussels"
    assert programme.conference.timezone_source == "inferred from city 'Brussels'"
    printed = wall_times(path)
    assert len(programme.contributions) == len(printed) == 775
    for talk in programme.contributions:
        assert talk.start is not None
        assert talk.start == printed[talk.id], talk.id
        assert talk.start.utcoffset() == timedelta(hours=1)
    keynote = programme.contribution_by_id["8967"]
    assert keynote.start is not None and keynote.start.isoformat() == "2019-02-02T09:30:00+01:00"
    assert not any("UTC" in warning for warning in imported.warnings)


def test_fosdem_2019_plan_and_calendar_land_at_the_wall_times(
    real_file: Callable[[str], Path], tmp_path: Path
) -> None:
    """The new user's command: no --zone, and the calendar is right."""
    path = real_file("fosdem-2019.schedule.xml")
    ics = tmp_path / "fosdem.ics"
    args = ["plan", "--programme", str(path), "--keyword", "rust", "--keyword", "postgres"]
    result = CliRunner().invoke(main, [*args, "--ics", str(ics)])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "Times in Europe/Brussels, inferred from the city 'Brussels'" in said
    printed = wall_times(path)
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) > 5
    for vevent in events:
        ident = str(vevent["UID"]).split("-")[0]
        assert vevent.decoded("DTSTART") == printed[ident], ident
    plan = json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)
    assert plan["timezone_source"] == "inferred from city 'Brussels'"
    for item in plan["items"]:
        assert datetime.fromisoformat(item["start"]) == printed[item["id"]]


def test_files_that_were_right_keep_their_zones(real_file: Callable[[str], Path]) -> None:
    expected = {
        "fosdem-2026.schedule.xml": ("Europe/Brussels", "file"),
        "31c3.schedule.xml": ("Etc/GMT-1", "offsets"),
        "36c3-everything.schedule.json": ("Etc/GMT-1", "offsets"),
        "lswt2021.schedule.xml": ("UTC", "offsets"),
    }
    for name, (zone, source) in expected.items():
        conference = import_programme(real_file(name)).programme.conference
        assert (conference.timezone, conference.timezone_source) == (zone, source), name
    given = import_programme(real_file("lswt2021.schedule.xml"), zone="Europe/Berlin")
    assert given.programme.conference.timezone_source == "--zone"
