"""Calendars every program reads alike: times in a repeated hour written in UTC, an all-UTC form
for programs that ignore time zones (``--ics-utc``), and no control characters in text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from export_support import FROZEN, both_views, dst_programme, plan, view_vobject
from planner.cli import main
from planner.export.ics import ambiguous, itinerary_calendar, programme_calendar
from planner.model import Programme
from planner.model.text import text_value
from programme_factory import programme_data


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def night_of_the_change() -> Programme:
    """Talks at the first 02:15 (CEST), at the second 02:15 (CET), and across the change."""
    data = programme_data()
    data["sessions"][1]["start"] = "2022-10-30T01:00:00+02:00"
    data["contributions"][2:3] = [
        {"id": "first", "title": "First 02:15", "kind": "talk", "session": "s2",
         "start": "2022-10-30T02:15:00+02:00", "end": "2022-10-30T02:30:00+02:00"},
        {"id": "second", "title": "Second 02:15", "kind": "talk", "session": "s2", "room": "A",
         "start": "2022-10-30T02:15:00+01:00", "end": "2022-10-30T02:30:00+01:00"},
        {"id": "across", "title": "Across", "kind": "talk", "session": "s2", "room": "B",
         "start": "2022-10-30T02:45:00+02:00", "end": "2022-10-30T02:15:00+01:00"},
        {"id": "early", "title": "Before it", "kind": "talk", "session": "s2",
         "start": "2022-10-30T01:00:00+02:00", "end": "2022-10-30T01:30:00+02:00"},
    ]  # fmt: skip
    data["rooms"].append({"name": "C"})
    data["contributions"][3]["room"] = "C"
    return Programme.model_validate(data)


def event_lines(data: bytes) -> dict[str, list[str]]:
    """The DTSTART and DTEND lines of each event, by UID."""
    text = data.decode().replace("\r\n ", "").replace("\r\n", "\n")
    out: dict[str, list[str]] = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        uid = re.search(r"^UID:(.*)$", block, re.M)
        assert uid is not None
        out[uid.group(1).strip()] = re.findall(r"^DT(?:START|END)[;:].*$", block, re.M)
    return out


def test_a_local_time_that_happens_twice_is_ambiguous() -> None:
    zone = dst_programme().conference.zone
    assert ambiguous(utc(2022, 10, 30, 0, 15), zone)  # 02:15 CEST
    assert ambiguous(utc(2022, 10, 30, 1, 15), zone)  # 02:15 CET
    assert not ambiguous(utc(2022, 10, 29, 23, 30), zone)  # 01:30 CEST
    assert not ambiguous(utc(2022, 3, 27, 1, 30), zone)  # 03:30 CEST, after the skipped hour


def test_events_in_the_repeated_hour_are_written_in_utc_and_read_right() -> None:
    programme = night_of_the_change()
    calendar = programme_calendar(programme, now=FROZEN)
    data = calendar.to_ical()
    lines = {uid.split("@")[0]: found for uid, found in event_lines(data).items()}
    for ident in ("first", "second", "across"):
        assert all(line.endswith("Z") for line in lines[ident]), lines[ident]
    assert all("TZID=Europe/Rome" in line for line in lines["early"])
    events = {uid.split("@")[0]: e for uid, e in both_views(data).items()}
    assert (events["first"]["start"], events["first"]["end"]) == (
        utc(2022, 10, 30, 0, 15),
        utc(2022, 10, 30, 0, 30),
    )
    assert events["second"]["start"] == utc(2022, 10, 30, 1, 15)
    assert (events["across"]["start"], events["across"]["end"]) == (
        utc(2022, 10, 30, 0, 45),
        utc(2022, 10, 30, 1, 15),
    )


def test_utc_form_writes_every_time_in_utc_at_the_same_instants() -> None:
    programme = dst_programme("autumn")
    itinerary = plan(programme, ["a", "b", "c", "d", "p1"])
    zoned = itinerary_calendar(itinerary, programme, now=FROZEN).to_ical()
    plain = itinerary_calendar(itinerary, programme, now=FROZEN, utc=True).to_ical()
    times = [line for found in event_lines(plain).values() for line in found]
    assert times and all(re.fullmatch(r"DT(START|END):\d{8}T\d{6}Z", line) for line in times)

    def instants(data: bytes) -> dict[str, tuple[datetime, datetime]]:
        return {u: (e["start"], e["end"]) for u, e in both_views(data).items()}

    assert instants(plain) == instants(zoned)


def test_ics_utc_on_the_command_line_and_in_a_profile(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "plan.ics"
    result = runner.invoke(main, ["plan", "--star", "16", "--ics", str(target), "--ics-utc"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^DTSTART:\d{8}T\d{6}Z$", target.read_text(), re.M)
    assert "TZID=Europe/Rome" not in target.read_text()
    profile = tmp_path / "p.toml"
    profile.write_text('star = ["16"]\nics_utc = true\n', encoding="utf-8")
    again = tmp_path / "again.ics"
    result = runner.invoke(main, ["plan", "--profile", str(profile), "--ics", str(again)])
    assert result.exit_code == 0, result.output
    assert "TZID=Europe/Rome" not in again.read_text()
    whole = tmp_path / "all.ics"
    result = runner.invoke(main, ["export", "--programme-ics", str(whole), "--ics-utc"])
    assert result.exit_code == 0, result.output
    assert "DTSTART;TZID" not in whole.read_text()


def test_control_characters_are_taken_out_of_text() -> None:
    assert text_value("a\x07b\x0bc\x00d\r\ne\tf\x7f") == "abcd\ne\tf"


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40),
    abstract=st.text(max_size=200),
)
def test_any_text_gives_a_calendar_all_three_parsers_read(title: str, abstract: str) -> None:
    # icalendar takes the text "\N" for an escaped line break (tests/test_export_properties.py)
    assume("\\N" not in title + abstract)
    assume(text_value(title).strip())  # a title of control characters only is no title
    data = programme_data()
    data["contributions"][0]["title"] = title
    data["contributions"][0]["abstract"] = abstract
    programme = Programme.model_validate(data)
    ics = programme_calendar(programme, now=FROZEN).to_ical()
    events = both_views(ics)
    assert view_vobject(ics) == events  # the third parser reads every event the same
    event = next(e for u, e in events.items() if u.startswith("t1@"))
    assert event["summary"] == text_value(title)
    assert text_value(abstract).strip() in event["description"]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", ics.decode())


def test_show_gives_the_offset_on_the_repeated_hour(tmp_path: Path) -> None:
    """Two talks at 02:15 on the night the clocks go back are two rows that say which 02:15."""
    import json as json_module

    from planner.views.timefmt import span

    programme = night_of_the_change()
    zone = programme.conference.zone
    first = programme.contribution_by_id["first"]
    second = programme.contribution_by_id["second"]
    assert first.start is not None and first.end is not None
    assert second.start is not None and second.end is not None
    assert span(first.start.astimezone(zone), first.end.astimezone(zone)) == (
        "02:15 CEST–02:30 CEST"
    )
    assert span(second.start.astimezone(zone), second.end.astimezone(zone)) == (
        "02:15 CET–02:30 CET"
    )
    early = programme.contribution_by_id["early"]
    assert early.start is not None and early.end is not None
    assert span(early.start.astimezone(zone), early.end.astimezone(zone)) == "01:00–01:30"
    path = tmp_path / "night.json"
    path.write_text(json_module.dumps(programme.model_dump(mode="json")), encoding="utf-8")
    result = CliRunner().invoke(main, ["show", "--programme", str(path)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "02:15 CEST–02:30 CEST" in result.stdout and "02:15 CET–02:30 CET" in result.stdout
