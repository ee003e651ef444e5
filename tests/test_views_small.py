"""Small things a user meets in the views: a track named like its room, a poster count, the
calendar's name, a day with only lunch, ``--busy 'START/END label'``, the group's poster times,
``show --track`` by whole words."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from planner.cli import main
from planner.export.agenda import markdown_agenda
from planner.export.ics import itinerary_calendar
from planner.group.overview import markdown_overview
from planner.group.run import Coverage, GroupResult, MemberPlan
from planner.interests import InterestProfile
from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme
from planner.planning import make_plan
from planner.sources import load_programme
from planner.tui.widgets.plan_pane import plan_renderable
from planner.views.day_rows import rows_by_day
from tests.programme_factory import programme_data

NIGHT = Path(__file__).parent / "fixtures" / "schedules" / "after-midnight.schedule.xml"
ROME = ZoneInfo("Europe/Rome")
WIDE = {"COLUMNS": "120"}


def small() -> Programme:
    return Programme.model_validate(programme_data())


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=WIDE)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_event_with_no_track_does_not_print_its_room_twice() -> None:
    out = run("show", "--programme", str(NIGHT))
    line = next(x for x in out.splitlines() if "Untracked evening talk" in x)
    assert line.split().count("Ada") == 1
    assert "Trusted Computing" in out  # the tracks that say something stay


def test_show_track_matches_whole_words_unless_a_star_asks() -> None:
    out = run("show", "--programme", str(NIGHT), "--track", "rust")
    assert "Rust before midnight" in out
    assert "Trusted computing" not in out and "Saturday morning" not in out
    both = run("show", "--programme", str(NIGHT), "--track", "*rust*", "--json")
    ids = {c["id"] for c in json.loads(both)["contributions"]}
    assert ids == {"1", "2", "4"}  # Rust, Trusted Computing, Frustration


def test_a_poster_session_of_one_poster_says_poster() -> None:
    rows = rows_by_day(small())
    heading = next(r for day in rows.values() for r in day if r.kind == "posters")
    assert heading.title == "Posters (1 poster)"


def test_the_calendar_is_named_after_the_conference() -> None:
    programme = small()
    plan = Itinerary(status="optimal")
    assert str(itinerary_calendar(plan, programme)["X-WR-CALNAME"]) == "Test Conf: my plan"
    named = itinerary_calendar(plan, programme, attendee="Ana")
    assert str(named["X-WR-CALNAME"]) == "Test Conf: plan of Ana"


def test_a_day_with_nothing_planned_lists_no_lunch() -> None:
    programme = load_programme(NIGHT)
    result = make_plan(programme, InterestProfile(star={"4": 15.0}))
    lunches = {i.start.date() for i in result.itinerary.items if i.kind == "lunch"}
    assert len(lunches) == 2  # the solver still keeps a lunch each day ...
    out = run("plan", "--programme", str(NIGHT), "--star", "4")
    assert "Friday" not in out  # ... but no view lists a day of lunch alone
    assert out.count("Lunch") == 1
    agenda = markdown_agenda(result.itinerary, programme)
    assert "Friday" not in agenda and agenda.count("Lunch") == 1
    friday = plan_renderable(programme, result.itinerary, lunches.pop().replace(day=27))
    text = "\n".join(str(part) for part in friday.renderables)  # type: ignore[attr-defined]
    assert "Nothing planned this day." in text and "lunch" not in text


def test_busy_takes_a_label_on_the_command_line() -> None:
    out = run(
        "plan",
        "--keyword",
        "anomaly detection",
        "--busy",
        "2022-05-31 22:00/2022-06-01 01:00 night train",
        "--busy",
        "2022-05-31 11:30/12:10 call with Ana",
        "--json",
    )
    reasons = {x["id"]: x["reason"] for x in json.loads(out)["left_out"]}
    assert reasons["16"] == "during your busy time (call with Ana)"


def test_group_overview_shows_each_members_time_at_one_poster() -> None:
    programme = small()

    def member(name: str, minutes: int) -> MemberPlan:
        start = datetime(2022, 10, 29, 14, 0, tzinfo=ROME)
        visit = PlannedItem(
            id="p",
            kind="poster-visit",
            start=start,
            end=start.replace(minute=minutes),
            room="Posters",
            score=1,
        )
        plan = Itinerary(status="optimal", items=[visit])
        return MemberPlan(name, 1, name.lower(), plan, plan, {"p": 1.0})

    result = GroupResult(
        name="G",
        policy="independent",
        share=0.8,
        max_per_poster=None,
        status="optimal",
        members=[member("Ana", 8), member("Dev", 20)],
        errors=[],
        items={},
        coverage=Coverage(0, 0, 0, 0, 0, 0),
    )
    lines = markdown_overview(result, programme).splitlines()
    assert any("14:00–14:08" in x and "Ana" in x and "Dev" not in x for x in lines)
    assert any("14:00–14:20" in x and "Dev" in x and "Ana" not in x for x in lines)


def test_plan_prints_titles_and_rooms_as_written(tmp_path: Path) -> None:
    # brackets and colons are the programme's text, not markup or emoji codes
    data = programme_data()
    data["rooms"][0]["name"] = "Hall [A]"
    for session in data["sessions"]:
        session["room"] = "Hall [A]" if session["room"] == "A" else session["room"]
    first, second = data["contributions"][:2]
    first["title"] = "Results [preliminary] :fire:"
    parallel = {**data["sessions"][0], "id": "s3", "title": "Parallel", "room": "B"}
    data["sessions"].append(parallel)
    second.update(title="A [/b] title", session="s3", start=first["start"], end=first["end"])
    path = tmp_path / "brackets.json"
    path.write_text(json.dumps(data))
    out = run("plan", "--programme", str(path), "--star", "t1=***", "--star", "t2=*")
    assert "Results [preliminary] :fire:" in out
    assert "Hall [A]" in out
    assert "A [/b] title" in out.split("Left out")[1]
