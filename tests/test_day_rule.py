"""One day rule in every view: an item is listed under the day the schedule lists it under
(``Programme.day_of``), a talk after midnight with ``+1d`` on its time."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.export.agenda import markdown_agenda
from planner.interests import InterestProfile
from planner.model import Programme
from planner.planning import make_plan
from planner.sources import load_programme
from planner.views.day_rows import rows_by_day

NIGHT = Path(__file__).parent / "fixtures" / "schedules" / "after-midnight.schedule.xml"
FRIDAY, SATURDAY = date(2019, 12, 27), date(2019, 12, 28)
NARROW = {"COLUMNS": "100"}


@pytest.fixture(scope="module")
def night() -> Programme:
    return load_programme(NIGHT)


def day_sections(out: str) -> dict[str, str]:
    """The text under each day heading ("Friday 27 December 2019") of a listing."""
    sections: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith(("Friday ", "Saturday ")) and " to " not in line:
            current = line.strip()
            sections[current] = ""
        elif current:
            sections[current] += line + "\n"
    return sections


def test_the_talk_after_midnight_is_on_friday_with_plus_one_day(night: Programme) -> None:
    late = night.contribution_by_id["2"]
    assert night.local(late.start).date() == SATURDAY  # type: ignore[arg-type]
    assert night.day_of(late) == FRIDAY
    rows = rows_by_day(night)
    friday = {r.key: r for r in rows[FRIDAY]}
    assert friday["2"].time_text == "00:50–01:30 +1d"
    assert friday["1"].time_text == "23:00–23:30"
    assert [r.key for r in rows[SATURDAY]] == ["4"]


def test_show_plan_and_agenda_list_it_under_friday(night: Programme) -> None:
    shown = CliRunner().invoke(main, ["show", "--programme", str(NIGHT)], env=NARROW)
    assert shown.exit_code == 0, shown.output
    planned = CliRunner().invoke(
        main, ["plan", "--programme", str(NIGHT), "--star", "2", "--star", "4"], env=NARROW
    )
    assert planned.exit_code == 0, planned.output
    for out in (shown.stdout, planned.stdout):
        days = day_sections(out)
        friday, saturday = days["Friday 27 December 2019"], days["Saturday 28 December 2019"]
        assert "00:50–01:30 +1d" in friday
        assert "after midnight" in friday
        assert "after midnight" not in saturday

    profile = InterestProfile(star={"2": 15.0, "4": 15.0})
    agenda = markdown_agenda(make_plan(night, profile).itinerary, night)
    friday, saturday = agenda.split("## Saturday")
    assert "00:50–01:30 +1d" in friday
    assert "after midnight" not in saturday


def test_show_json_day_keeps_the_talk_after_midnight() -> None:
    result = CliRunner().invoke(
        main, ["show", "--programme", str(NIGHT), "--day", "2019-12-27", "--json"]
    )
    assert result.exit_code == 0, result.output
    ids = {c["id"] for c in json.loads(result.stdout)["contributions"]}
    assert ids == {"1", "2", "3"}


def test_36c3_lists_its_late_talks_on_the_evening_before(
    real_file: Callable[[str], Path],
) -> None:
    programme = load_programme(real_file("36c3-everything.schedule.json"))
    late = [
        c
        for c in programme.contributions
        if programme.local(programme.window(c)[0]).date() > programme.day_of(c)
    ]
    assert late, "36C3 has talks after midnight"
    rows = rows_by_day(programme)
    for c in late[:50]:
        row = next(r for r in rows[programme.day_of(c)] if r.key == c.id)
        assert row.time_text.endswith(" +1d")
        assert all(r.key != c.id for r in rows.get(programme.local(c.start).date(), []))  # type: ignore[arg-type]
