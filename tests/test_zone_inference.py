"""Clock times with no zone and no offset are local times of the place the schedule names (its
city, venue, title or country), never UTC; where nothing names the place they stay local clock
times of an unknown zone. Either way the conference says where its zone came from."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.errors import PlannerError
from planner.model.io import read_programme_file, write_programme
from planner.sources import import_programme
from planner.sources.places import place_zone

BRUSSELS = ZoneInfo("Europe/Brussels")


def frab(
    events: str,
    day: str = "2019-02-02",
    city: str | None = "Brussels",
    venue: str | None = None,
    title: str = "Open Source Meeting",
) -> str:
    """A frab schedule as older tools write it: ``<start>HH:MM</start>``, no date, no zone."""
    where = (f"<city>{city}</city>" if city else "") + (f"<venue>{venue}</venue>" if venue else "")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>{title}</title>{where}</conference>
  <day index="1" date="{day}"><room name="Janson">{events}</room></day>
</schedule>
"""


def event(ident: str, start: str, duration: str = "00:30") -> str:
    return f"""
      <event id="{ident}"><start>{start}</start><duration>{duration}</duration>
        <title>Talk {ident}</title><track>Main</track><persons><person>Ada</person></persons>
      </event>"""


def write(tmp_path: Path, text: str, name: str = "schedule.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_city_names_the_zone_and_times_are_its_wall_times(tmp_path: Path) -> None:
    path = write(tmp_path, frab(event("1", "09:30") + event("2", "23:45", "00:30")))
    imported = import_programme(path)
    conference = imported.programme.conference
    assert conference.timezone == "Europe/Brussels"
    assert conference.timezone_source == "inferred from city 'Brussels'"
    first, late = imported.programme.contributions
    assert first.start == datetime(2019, 2, 2, 9, 30, tzinfo=BRUSSELS)
    assert first.start is not None and first.start.astimezone(UTC).hour == 8  # not 09:30 UTC
    assert late.end == datetime(2019, 2, 3, 0, 15, tzinfo=BRUSSELS)
    warning = next(w for w in imported.warnings if "inferred" in w)
    assert "local times in Europe/Brussels, inferred from the city 'Brussels'" in warning
    assert "--zone ZONE to change it" in warning
    assert not any("as UTC" in w for w in imported.warnings)


def test_the_venue_names_the_zone_when_the_city_is_missing(tmp_path: Path) -> None:
    venue = "ULB (Université Libre de Bruxelles)"
    path = write(tmp_path, frab(event("1", "09:30"), city=None, venue=venue))
    conference = import_programme(path).programme.conference
    assert conference.timezone == "Europe/Brussels"
    assert conference.timezone_source == f"inferred from venue {venue!r}"


def test_the_title_names_the_zone_when_nothing_else_does(tmp_path: Path) -> None:
    path = write(tmp_path, frab(event("1", "09:30"), city=None, title="PyCon Berlin 2019"))
    conference = import_programme(path).programme.conference
    assert conference.timezone == "Europe/Berlin"
    assert conference.timezone_source == "inferred from title 'PyCon Berlin 2019'"


def test_homonyms_go_to_the_most_populous_city_unless_the_file_narrows_them() -> None:
    place = place_zone("Cambridge", None, None)
    assert place is not None and place.zone == "Europe/London"
    assert any(other.zone == "America/New_York" for other in place.others)  # reported
    narrowed = place_zone("Cambridge, MA", None, None)
    assert narrowed is not None and narrowed.zone == "America/New_York"
    assert place_zone("Portland", None, None).zone == "America/Los_Angeles"  # type: ignore[union-attr]
    assert place_zone("Wien", None, None).zone == "Europe/Vienna"  # type: ignore[union-attr]
    country = place_zone("Belgium", None, None)
    assert country is not None and country.source == "inferred from country 'Belgium'"


def test_ordinary_words_in_a_venue_or_title_name_no_place() -> None:
    assert place_zone(None, "Mobile World Congress, Main Hall", None) is None
    assert place_zone(None, None, "Nice Reading Split Summit") is None
    assert place_zone(None, None, "FOSDEM 2019") is None
    assert place_zone("Utopia Planitia", None, "31. Chaos Communication Congress") is None


def test_the_homonyms_are_named_in_the_warning(tmp_path: Path) -> None:
    path = write(tmp_path, frab(event("1", "09:30"), city="Cambridge"))
    imported = import_programme(path)
    assert imported.programme.conference.timezone == "Europe/London"
    warning = next(w for w in imported.warnings if "inferred" in w)
    assert "other places of that name" in warning and "America/New_York" in warning


def test_no_place_keeps_local_clock_times_of_an_unknown_zone(tmp_path: Path) -> None:
    path = write(tmp_path, frab(event("1", "09:30"), city="Utopia Planitia", title="Meeting"))
    imported = import_programme(path)
    conference = imported.programme.conference
    assert conference.timezone_source == "unknown"
    assert not conference.zone_known
    [talk] = imported.programme.contributions
    assert talk.start == datetime(2019, 2, 2, 9, 30, tzinfo=UTC)  # the clock face, as written
    warning = next(w for w in imported.warnings if "unknown zone" in w)
    assert "city 'Utopia Planitia'" in warning and "--zone ZONE" in warning


def test_the_zone_given_overrides_the_place(tmp_path: Path) -> None:
    path = write(tmp_path, frab(event("1", "09:30")))
    conference = import_programme(path, zone="Europe/Lisbon").programme
    assert conference.conference.timezone == "Europe/Lisbon"
    assert conference.conference.timezone_source == "--zone"
    [talk] = conference.contributions
    assert talk.start == datetime(2019, 2, 2, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon"))


def test_sources_of_other_files_say_file_or_offsets(tmp_path: Path) -> None:
    assert import_programme(None).programme.conference.timezone_source == "file"
    named = frab(event("1", "09:30")).replace(
        "<title>", "<time_zone_name>Europe/Brussels</time_zone_name><title>"
    )
    assert import_programme(write(tmp_path, named)).programme.conference.timezone_source == "file"
    offsets = frab(
        '<event id="1"><date>2019-02-02T09:30:00+01:00</date><start>09:30</start>'
        "<duration>00:30</duration><title>T</title></event>"
    )
    imported = import_programme(write(tmp_path, offsets, "offsets.xml")).programme
    assert imported.conference.timezone_source == "offsets"


# --- across a change of clocks (Brussels: 2024-03-31 02:00 -> 03:00, 2024-10-27 03:00 -> 02:00)


def test_the_hour_skipped_in_spring_is_read_as_calendars_read_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        frab(
            event("before", "01:30") + event("gap", "02:30") + event("after", "03:00"),
            day="2024-03-31",
        ),
    )
    imported = import_programme(path)
    talks = imported.programme.contribution_by_id
    before, gap, after = talks["before"], talks["gap"], talks["after"]
    assert before.start == datetime(2024, 3, 31, 1, 30, tzinfo=BRUSSELS)
    assert before.start is not None and before.start.utcoffset() == timedelta(hours=1)
    # 02:30 does not exist: read with the offset before the change (RFC 5545), 03:30 CEST
    assert gap.start is not None and gap.end is not None
    assert gap.start.astimezone(UTC) == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert gap.end - gap.start == timedelta(minutes=30)  # its length as written
    assert after.start is not None and after.start.utcoffset() == timedelta(hours=2)
    assert any("skipped when clocks go forward" in note for note in gap.notes)
    warning = next(w for w in imported.warnings if "skipped" in w)
    assert "event gap 'Talk gap' at 02:30–03:00 on 2024-03-31" in warning


def test_the_hour_repeated_in_autumn_is_its_first_occurrence(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        frab(
            event("fold", "02:30") + event("night", "01:30", "02:00") + event("late", "03:00"),
            day="2024-10-27",
        ),
    )
    imported = import_programme(path)
    talks = imported.programme.contribution_by_id
    fold, night, late = talks["fold"], talks["night"], talks["late"]
    assert fold.start is not None and fold.end is not None
    assert fold.start.utcoffset() == timedelta(hours=2)  # the first 02:30, summer time
    assert fold.end.astimezone(UTC) - fold.start.astimezone(UTC) == timedelta(minutes=30)
    # across the change, the file's two hours stay two hours (not three)
    assert night.start is not None and night.end is not None
    assert night.end.astimezone(UTC) - night.start.astimezone(UTC) == timedelta(hours=2)
    assert late.start == datetime(2024, 10, 27, 3, 0, tzinfo=BRUSSELS)
    assert late.start is not None and late.start.utcoffset() == timedelta(hours=1)
    warnings = "\n".join(imported.warnings)
    assert "repeated when clocks go back in Europe/Brussels" in warnings
    assert "across a change of clocks in Europe/Brussels" in warnings
    assert imported.programme.day_of(night) == date(2024, 10, 27)


# --- the zone's source is kept in a programme file


def test_the_source_round_trips_through_a_programme_file(tmp_path: Path) -> None:
    for city, source in (
        ("Brussels", "inferred from city 'Brussels'"),
        ("Utopia Planitia", "unknown"),
    ):
        programme = import_programme(write(tmp_path, frab(event("1", "09:30"), city=city)))
        out = tmp_path / f"{city}.yaml"
        write_programme(programme.programme, out)
        again = read_programme_file(out)
        assert again.conference.timezone_source == source
        assert again == programme.programme


def test_a_programme_of_unknown_zone_takes_one(tmp_path: Path) -> None:
    imported = import_programme(write(tmp_path, frab(event("1", "09:30"), city="Utopia Planitia")))
    out = tmp_path / "out.yaml"
    write_programme(imported.programme, out)
    named = import_programme(out, zone="Europe/Brussels").programme
    assert named.conference.timezone == "Europe/Brussels"
    assert named.conference.timezone_source == "--zone"
    assert named.contributions[0].start == datetime(2019, 2, 2, 9, 30, tzinfo=BRUSSELS)
    known = tmp_path / "known.yaml"
    write_programme(named, known)
    with pytest.raises(PlannerError, match="names its own time zone"):
        import_programme(known, zone="Europe/Paris")


def test_an_unknown_source_in_a_programme_file_is_refused(tmp_path: Path) -> None:
    programme = import_programme(None).programme
    out = tmp_path / "p.yaml"
    write_programme(programme, out)
    text = out.read_text().replace(
        "timezone: Europe/Rome", "timezone: Europe/Rome\n  timezone_source: guessed"
    )
    out.write_text(text)
    with pytest.raises(PlannerError, match="unknown time zone source 'guessed'"):
        read_programme_file(out)
