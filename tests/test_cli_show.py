"""``planner show`` reads well for a person."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import main


def test_show_lists_every_day_and_marks_reconstructed_times() -> None:
    result = CliRunner().invoke(main, ["show"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    out = result.output
    for day in ("Monday 30 May 2022", "Tuesday 31 May 2022", "Wednesday 1 June 2022"):
        assert day in out
    assert "reconstructed" in out
    assert "09:00–09:40*" in out
    assert "Poster Session Day 1 (7 posters)" in out
    assert "Coffee break" in out and "Lunch" in out
    assert "† 99: The book gives no session for contribution 99" in out
    assert "Europe/Rome (CEST, UTC+02:00)" in out


def test_show_one_day() -> None:
    result = CliRunner().invoke(main, ["show", "--day", "2022-05-31"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert (
        "Tuesday 31 May 2022" in result.output
        and "Monday 30 May" not in result.output.split("\n", 3)[-1]
    )


def test_show_unknown_day_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["show", "--day", "2022-06-05"])
    assert result.exit_code == 1
    assert "not a day of" in result.output


def test_planner_without_command_opens_the_terminal_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.tui import launch

    opened: list[object] = []
    monkeypatch.setattr(launch, "run_tui", lambda *args: opened.append(args))
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0
    assert opened == [(None, None)]


def show_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["show", "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_show_json_keeps_to_one_day() -> None:
    everything = show_json()
    data = show_json("--day", "2022-05-31")
    assert data["conference"] == everything["conference"]
    assert 0 < len(data["contributions"]) < len(everything["contributions"])
    for key in ("contributions", "sessions", "breaks"):
        assert data[key], key
        assert {x["start"][:10] for x in data[key]} == {"2022-05-31"}, key
    expected = [c["id"] for c in everything["contributions"] if c["start"][:10] == "2022-05-31"]
    assert [c["id"] for c in data["contributions"]] == expected


def test_show_json_keeps_to_the_tracks_asked_for() -> None:
    data = show_json("--track", "ANOMALY")
    assert data["contributions"]
    assert {c["session"] for c in data["contributions"]} == {"Anomaly Detection"}
    assert {s["title"] for s in data["sessions"]} == {"Anomaly Detection"}
    both = show_json("--track", "anomaly", "--day", "2022-05-30")
    assert both["contributions"] == [] and both["sessions"] == []


def test_show_json_refuses_a_day_outside_the_conference() -> None:
    result = CliRunner().invoke(main, ["show", "--json", "--day", "2022-06-05"])
    assert result.exit_code == 1
    assert "not a day of" in result.stderr and result.stdout == ""
