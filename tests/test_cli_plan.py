"""``planner plan``: the contract scripts rely on, end to end on the embedded programme."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.interests.profile import InterestProfile
from planner.model import Programme
from planner.planning import make_plan
from planner.solver import validate


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["plan", *args], env={"COLUMNS": "120"})


def plan_json(*args: str) -> dict[str, Any]:
    result = run("--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_contract() -> None:
    data = plan_json("--keyword", "anomaly detection")
    assert data["status"] == "optimal"
    assert data["objective"] == data["bound"] > 0
    assert {"status", "objective", "bound", "items", "left_out", "changes"} <= set(data)
    assert data["items"]
    for item in data["items"]:
        assert {"id", "kind", "start", "end", "room", "score"} <= set(item)
        assert item["kind"] in {"talk", "invited", "poster-visit"}
        assert datetime.fromisoformat(item["start"]).utcoffset() is not None
        assert item["score"] > 0
    ids = {i["id"] for i in data["items"]}
    assert {"16", "15", "30"} <= ids  # the anomaly-detection talks and the invited talk on it
    assert abs(sum(i["score"] for i in data["items"]) - data["objective"]) < 1e-6


def test_star_weight_is_exact_and_zero_interest_is_never_planned() -> None:
    data = plan_json("--star", "1=5", "--star", "2=3")
    assert {i["id"] for i in data["items"]} == {"1", "2"}
    assert data["objective"] == 8
    assert {i["id"]: i["score"] for i in data["items"]} == {"1": 5, "2": 3}


def test_an_empty_profile_plans_nothing() -> None:
    data = plan_json("--lunch", "0")
    assert data["items"] == [] and data["objective"] == 0


def test_must_see_outside_availability_exits_2_naming_it() -> None:
    result = run("--must", "28", "--arrive", "2022-05-30 10:00")
    assert result.exit_code == 2
    assert "28" in result.output and "Traceback" not in result.output
    data = json.loads(run("--json", "--must", "28", "--arrive", "2022-05-30 10:00").stdout)
    assert data["status"] == "infeasible" and "28" in data["message"]


def test_relax_drops_the_impossible_wish_and_says_so() -> None:
    data = plan_json("--must", "28", "--arrive", "2022-05-30 10:00", "--star", "1=2", "--relax")
    assert data["status"] == "optimal"
    assert any("28" in wish for wish in data["relaxed"])
    assert data["relaxed_ids"] == ["28"]
    assert "28" not in {i["id"] for i in data["items"]}


def test_arrival_is_in_the_conference_zone() -> None:
    data = plan_json("--keyword", "anomaly detection", "--arrive", "2022-05-31 10:00")
    for item in data["items"]:
        assert datetime.fromisoformat(item["start"]) >= datetime.fromisoformat(
            "2022-05-31T10:00:00+02:00"
        )
    assert any(x["id"] == "30" and "availability" in x["reason"] for x in data["left_out"])


def test_bad_inputs_are_clear_errors() -> None:
    result = run("--arrive", "next blue moon")
    assert (
        result.exit_code != 0 and "--arrive" in result.output and "Traceback" not in result.output
    )
    result = run("--must", "9999")
    assert result.exit_code != 0 and "9999" in result.output


def test_lunch_and_walk_can_be_switched_off() -> None:
    data = plan_json("--star", "99=4", "--lunch", "0", "--walk", "0")
    assert data["lunch"] == [] and {i["id"] for i in data["items"]} == {"99"}
    with_lunch = plan_json("--star", "99=4", "--lunch", "60")
    # 99 runs 12:10-12:30 and lunch must fit 60 min in 11:30-14:30: both fit
    assert {i["id"] for i in with_lunch["items"]} == {"99"} and len(with_lunch["lunch"]) == 3


def test_replanning_keeps_the_plan_and_reports_changes(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    first.write_text(json.dumps(plan_json("--keyword", "SKA")))
    again = plan_json("--keyword", "SKA", "--star", "1=20", "--previous", str(first))
    assert {"id": "1", "change": "added"}.items() <= next(
        c for c in again["changes"] if c["id"] == "1"
    ).items()
    before = {i["id"] for i in json.loads(first.read_text())["items"]}
    after = {i["id"] for i in again["items"]}
    assert before <= after | {c["id"] for c in again["changes"] if c["change"] == "removed"}


def test_outputs_written_and_foreign_files_protected(tmp_path: Path) -> None:
    ics, md, html = tmp_path / "p.ics", tmp_path / "p.md", tmp_path / "p.html"
    result = run(
        "--keyword",
        "SKA",
        "--ics",
        str(ics),
        "--markdown",
        str(md),
        "--html",
        str(html),
        "--alarm",
        "10",
    )
    assert result.exit_code == 0, result.output
    assert ics.read_text().count("BEGIN:VEVENT") >= 3 and "BEGIN:VALARM" in ics.read_text()
    assert "SKA" in md.read_text() and "<html" in html.read_text().lower()
    # writing again over our own files updates them
    assert run("--keyword", "SKA", "--ics", str(ics)).exit_code == 0
    foreign = tmp_path / "mine.ics"
    foreign.write_text("my own notes\n")
    other_md = tmp_path / "other.md"
    result = run("--keyword", "SKA", "--ics", str(foreign), "--markdown", str(other_md))
    assert result.exit_code == 1 and "--force" in result.output
    assert foreign.read_text() == "my own notes\n"
    assert not other_md.exists()  # nothing half done


def test_every_cli_plan_validates(ml4astro: Programme) -> None:
    profile = InterestProfile(keyword=["deep learning", "radio"], must=["33"], max_talks_per_day=4)
    result = make_plan(ml4astro, profile)
    assert result.itinerary.status == "optimal"
    assert validate(result.itinerary, ml4astro, profile) == []
    talks_per_day: dict[str, int] = {}
    for item in result.itinerary.items:
        if item.kind in {"talk", "invited"}:
            day = item.start.date().isoformat()
            talks_per_day[day] = talks_per_day.get(day, 0) + 1
    assert max(talks_per_day.values()) <= 4


def test_profile_file_and_flags_combine(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    result = run("--keyword", "SKA", "--save-profile", str(profile), "--json")
    assert result.exit_code == 0
    import tomllib

    assert tomllib.loads(profile.read_text())["keyword"] == ["SKA"]
    data = plan_json("--profile", str(profile), "--skip", "32")
    assert "32" not in {i["id"] for i in data["items"]}
    assert data["items"]


def test_left_out_reason_names_the_cap_not_lunch() -> None:
    """Regression: with the day's cap reached, a talk that lunch moved next to is left out for
    the cap (lunch can move, the cap cannot)."""
    data = plan_json(
        "--keyword", "anomaly detection", "--arrive", "2022-05-31 10:00", "--max-talks-per-day", "3"
    )
    reasons = {x["id"]: x["reason"] for x in data["left_out"]}
    assert reasons["14"] == "daily cap reached"
    assert "availability" in reasons["30"]


def test_busy_times_from_my_calendar_are_avoided() -> None:
    """tests/fixtures/busy/recurring.ics: a daily 09:30 stand-up (not on Tuesday 31 May, moved to
    11:30 on Wednesday), a Monday 14:00 group meeting, a daily 16:00 reading group (cancelled on
    Tuesday 31 May)."""
    from tests.conftest import REPO

    calendar = REPO / "tests" / "fixtures" / "busy" / "recurring.ics"
    stars = ["28=5", "1=5", "4=5", "10=5", "40=5", "20=5"]
    args = [x for s in stars for x in ("--star", s)]
    data = plan_json(*args, "--busy-ics", str(calendar), "--lunch", "0")
    assert {i["id"] for i in data["items"]} == {"4", "20"}
    reasons = {x["id"]: x["reason"] for x in data["left_out"]}
    assert set(reasons) == {"28", "1", "10", "40"}
    assert all("busy" in reason for reason in reasons.values()), reasons
    free = plan_json(*args, "--lunch", "0")
    assert {i["id"] for i in free["items"]} == {"28", "1", "4", "10", "40", "20"}


def test_ctrl_c_while_planning_exits_130_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("planner.planning.make_plan", interrupted)
    ics = tmp_path / "plan.ics"
    result = run("--keyword", "anomaly detection", "--ics", str(ics))
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not ics.exists()


def test_left_out_lists_the_best_few_and_counts_the_rest() -> None:
    args = ("--keyword", "deep learning", "--max-talks-per-day", "1")
    everything = plan_json(*args)["left_out"]
    assert len(everything) > 3
    best = sorted(everything, key=lambda x: (-x["score"], x["id"]))
    few = run(*args, "--left-out", "3")
    assert few.exit_code == 0, few.output
    section = few.stdout.split("Left out", 1)[1]
    listed = re.findall(r"^\s*(\d+)  ", section, flags=re.MULTILINE)
    assert listed == [x["id"] for x in best[:3]]
    assert f"and {len(everything) - 3} more left out" in few.stdout
    full = run(*args, "--left-out", "all")
    assert "more left out" not in full.stdout
    none = run(*args, "--left-out", "0")
    assert "Left out" not in none.stdout
    assert f"{len(everything)} items left out (--left-out N or all" in none.stdout


def test_left_out_count_must_be_a_number_or_all() -> None:
    for bad in ("x", "-1"):
        result = run("--left-out", bad)
        assert result.exit_code == 2
        assert "--left-out" in result.stderr


def test_replanning_the_same_command_changes_nothing(tmp_path: Path) -> None:
    args = ("--keyword", "SKA", "--keyword", "anomaly detection")
    first = tmp_path / "p.json"
    first.write_text(json.dumps(plan_json(*args)))
    again = plan_json(*args, "--previous", str(first))
    assert again["changes"] == []
    text = run(*args, "--previous", str(first))
    assert text.exit_code == 0 and "Changes since" not in text.stdout


def test_lunches_of_a_previous_plan_are_recognised(tmp_path: Path) -> None:
    first = tmp_path / "p.json"
    data = plan_json("--keyword", "SKA")
    assert [x["id"] for x in data["lunch"]] == [
        "lunch-2022-05-30",
        "lunch-2022-05-31",
        "lunch-2022-06-01",
    ]
    first.write_text(json.dumps(data))
    without = plan_json("--keyword", "SKA", "--lunch", "0", "--previous", str(first))
    assert {(c["id"], c["change"]) for c in without["changes"]} == {
        (x["id"], "removed") for x in data["lunch"]
    }
    # a --json output from before lunches carried ids: the day comes from the start
    for lunch in data["lunch"]:
        del lunch["id"]
    first.write_text(json.dumps(data))
    assert plan_json("--keyword", "SKA", "--previous", str(first))["changes"] == []


def test_a_broken_lunch_in_a_previous_plan_is_named(tmp_path: Path) -> None:
    data = plan_json("--keyword", "SKA")
    data["lunch"][1]["start"] = "noon"
    first = tmp_path / "p.json"
    first.write_text(json.dumps(data))
    result = run("--keyword", "SKA", "--previous", str(first))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"planner: {first}: lunch.1.start: ")


def test_plan_lines_carry_no_trailing_spaces() -> None:
    result = CliRunner().invoke(
        main, ["plan", "--keyword", "anomaly detection", "--leave", "2022-05-31 12:00"],
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("Left out" in line for line in lines) and len(lines) > 20
    assert [line for line in lines if line != line.rstrip()] == []
