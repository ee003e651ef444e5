"""Times are aware everywhere and shown in the conference's zone, across a DST change too."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner

from planner.cli import main
from planner.model import Programme
from planner.model.io import programme_from_data, read_programme_file, write_programme
from tests.programme_factory import programme_data


def test_ml4astro_times_are_central_european_summer_time(ml4astro: Programme) -> None:
    first = ml4astro.contribution_by_id["28"]
    assert first.start is not None
    assert first.start.astimezone(UTC) == datetime(2022, 5, 30, 7, 0, tzinfo=UTC)
    for c in ml4astro.contributions:
        start, end = ml4astro.window(c)
        assert start.utcoffset() == timedelta(hours=2)
        assert ml4astro.local(start).hour >= 9
        assert (ml4astro.local(end).hour, ml4astro.local(end).minute) <= (18, 30)


def test_show_json_contract(ml4astro: Programme) -> None:
    result = CliRunner().invoke(main, ["show", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["conference"]["name"].startswith("Machine Learning for Astrophysics")
    assert data["conference"]["timezone"] == "Europe/Rome"
    assert data["conference"]["start"] == "2022-05-30T09:00:00+02:00"
    assert {"name", "capacity"} <= set(data["rooms"][0])
    assert len(data["contributions"]) == 73
    keys = {
        "id",
        "title",
        "kind",
        "session",
        "speakers",
        "room",
        "start",
        "end",
        "poster_session",
        "times_reconstructed",
    }
    for item in data["contributions"]:
        assert keys <= set(item)
        assert item["kind"] in {"invited", "talk", "poster"}
        assert datetime.fromisoformat(item["start"]).utcoffset() is not None
    poster = next(c for c in data["contributions"] if c["id"] == "106")
    assert poster["poster_session"] == "poster-session-day-1"
    assert (poster["start"], poster["end"]) == (
        "2022-05-30T13:30:00+02:00",
        "2022-05-30T14:30:00+02:00",
    )
    talk = next(c for c in data["contributions"] if c["id"] == "1")
    assert talk["poster_session"] is None and talk["times_reconstructed"] is True
    assert talk["speakers"] == [
        {"name": "Koraljka Muzic", "affiliation": "CENTRA, University of Lisbon"}
    ]


def test_durations_across_the_end_of_summer_time() -> None:
    programme = programme_from_data(programme_data(), "t")
    talk = programme.contribution_by_id["t3"]
    assert talk.start is not None and talk.end is not None
    assert talk.end - talk.start == timedelta(minutes=45)
    assert programme.local(talk.start).strftime("%H:%M %Z") == "02:30 CEST"
    assert programme.local(talk.end).strftime("%H:%M %Z") == "02:15 CET"


def test_show_prints_local_wall_times_across_dst(tmp_path: Path) -> None:
    path = tmp_path / "dst.yaml"
    path.write_text(yaml.safe_dump(programme_data()))
    result = CliRunner().invoke(main, ["show", "--programme", str(path)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "02:30 CEST–02:15 CET" in result.output  # the repeated hour says which
    data = json.loads(CliRunner().invoke(main, ["show", "--json", "--programme", str(path)]).output)
    t3 = next(c for c in data["contributions"] if c["id"] == "t3")
    assert (t3["start"], t3["end"]) == ("2022-10-30T02:30:00+02:00", "2022-10-30T02:15:00+01:00")


def test_write_and_read_back_keeps_instants(tmp_path: Path) -> None:
    programme = programme_from_data(programme_data(), "t")
    for name in ("p.yaml", "p.json"):
        write_programme(programme, tmp_path / name)
        again = read_programme_file(tmp_path / name)
        assert again == programme
