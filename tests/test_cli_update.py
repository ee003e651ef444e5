"""``planner update`` and the change list of ``planner plan``: a followed programme file is
compared with the version seen last, the changes that touch the plan come first, the plan made
last is the hint, and the calendar written from it updates in place."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from icalendar import Calendar

from planner.cli import main
from planner.model.embedded import FOLDER
from programme_factory import programme_data

WISHES = ["--star", "t1", "--star", "t2", "--star", "p", "--keyword", "addition"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _talk(data: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in data["contributions"] if c["id"] == cid)


def _version_b(data: dict[str, Any]) -> dict[str, Any]:
    """t1 cancelled, t2 moved to room B, the poster retitled, t3 (not planned) retitled, and a
    new talk in t1's slot, in t2's new room."""
    new = copy.deepcopy(data)
    _talk(new, "t1")["cancelled"] = True
    _talk(new, "t2")["room"] = "B"
    _talk(new, "p")["title"] = "A poster, revised"
    _talk(new, "t3")["title"] = "Across the change, again"
    new["contributions"].append(
        {"id": "t9", "title": "Late addition", "kind": "talk", "session": "s1", "room": "B",
         "start": "2022-10-29T09:00:00+02:00", "end": "2022-10-29T09:30:00+02:00"}
    )  # fmt: skip
    return new


def _plan_json(*args: str) -> dict[str, Any]:
    result = run("plan", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_first_plan_has_no_programme_changes(tmp_path: Path) -> None:
    source = _write(tmp_path / "conf.yaml", programme_data())
    assert _plan_json("--programme", str(source), *WISHES)["programme_changes"] == []
    again = run("update", "--programme", str(source), *WISHES)
    assert again.exit_code == 0, again.output
    assert "No change to the programme since it was last seen" in again.stdout


def test_update_lists_the_changes_that_touch_the_plan_first(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    first = _plan_json("--programme", str(source), *WISHES)
    assert {i["id"] for i in first["items"]} == {"t1", "t2", "p"}
    _write(source, _version_b(data))
    result = run("update", "--programme", str(source), *WISHES)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "'First' (Sat 09:00) was cancelled; in its slot you now have 'Late addition'" in text
    assert "'Second' moved from A to B (Sat 29 Oct 09:30 CEST); it stays in your plan" in text
    assert "'A poster, revised' (Sat 14:00) was edited: new title (was 'A poster')" in text
    assert "'Late addition' is new (Sat 29 Oct 09:00 CEST in B) and now in your plan" in text
    assert "1 other change (1 edited): --json lists them all" in text
    assert text.index("was cancelled") < text.index("Saturday 29 October 2022")


def test_plan_json_carries_every_change_with_whether_it_touches_the_plan(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    _plan_json("--programme", str(source), *WISHES)
    _write(source, _version_b(data))
    after = _plan_json("--programme", str(source), *WISHES)
    changes = {(c["id"], c["change"]): c for c in after["programme_changes"]}
    assert set(changes) == {
        ("t1", "cancelled"),
        ("t2", "moved"),
        ("p", "edited"),
        ("t3", "edited"),
        ("t9", "added"),
    }
    assert {k for k, c in changes.items() if not c["affects_plan"]} == {("t3", "edited")}
    assert changes[("p", "edited")]["title"] == "A poster, revised"
    for change in after["programme_changes"]:
        assert set(change) >= {"id", "change", "title", "affects_plan"}
    # seen once: the next plan reports nothing new
    assert _plan_json("--programme", str(source), *WISHES)["programme_changes"] == []


def test_the_plan_made_last_is_the_hint_unless_fresh(tmp_path: Path) -> None:
    source = _write(tmp_path / "conf.yaml", programme_data())
    _plan_json("--programme", str(source), "--star", "t1")
    second = _plan_json("--programme", str(source), "--star", "t2")
    assert {(c["id"], c["change"]) for c in second["changes"]} == {
        ("t1", "removed"),
        ("t2", "added"),
    }
    fresh = _plan_json("--programme", str(source), "--star", "t1", "--fresh")
    assert fresh["changes"] == []


def test_the_plan_kept_is_per_profile(tmp_path: Path) -> None:
    source = _write(tmp_path / "conf.yaml", programme_data())
    mine, theirs = tmp_path / "mine.toml", tmp_path / "theirs.toml"
    mine.write_text('star = ["t1"]\n')
    theirs.write_text('star = ["t2"]\n')
    _plan_json("--programme", str(source), "--profile", str(mine))
    first_for_theirs = _plan_json("--programme", str(source), "--profile", str(theirs))
    assert first_for_theirs["changes"] == []


def test_the_embedded_programme_is_not_followed(tmp_path: Path) -> None:
    result = run("update", "--star", "1")
    assert result.exit_code == 0, result.output
    assert "the embedded programme does not change" in result.stderr
    cache = Path(os.environ["PLANNER_CACHE_DIR"])
    # no version seen, no plan kept (only the copy of the embedded file's data, to read faster)
    assert [p.parent.name for p in cache.rglob("*.json")] == [FOLDER]


def test_a_cache_that_cannot_be_written_is_a_warning_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(blocker))
    source = _write(tmp_path / "conf.yaml", programme_data())
    result = run("plan", "--programme", str(source), "--star", "t1")
    assert result.exit_code == 0, result.output
    assert "not kept" in result.stderr and "Traceback" not in result.output


def test_a_damaged_record_counts_as_a_first_look(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    _plan_json("--programme", str(source), *WISHES)
    for stored in Path(os.environ["PLANNER_CACHE_DIR"]).rglob("*.json"):
        stored.write_text("{not json")
    _write(source, _version_b(data))
    after = _plan_json("--programme", str(source), *WISHES)
    assert after["programme_changes"] == [] and after["changes"] == []
    assert _plan_json("--programme", str(source), *WISHES)["programme_changes"] == []


def test_the_calendar_follows_the_changes_in_place(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    ics = tmp_path / "plan.ics"
    assert run("plan", "--programme", str(source), *WISHES, "--ics", str(ics)).exit_code == 0
    before = {str(e["UID"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    _write(source, _version_b(data))
    result = run("update", "--programme", str(source), *WISHES, "--ics", str(ics))
    assert result.exit_code == 0, result.output
    after = {str(e["UID"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}

    def event(events: dict[str, Any], word: str) -> Any:
        return next(e for e in events.values() if word in str(e["SUMMARY"]))

    first = event(after, "First")
    assert str(first["STATUS"]) == "CANCELLED"
    assert int(first["SEQUENCE"]) > int(event(before, "First").get("SEQUENCE", 0))
    second = event(after, "Second")
    assert str(second["LOCATION"]).startswith("B")
    assert int(second["SEQUENCE"]) > int(event(before, "Second").get("SEQUENCE", 0))
    assert str(event(after, "Late addition")["STATUS"]) != "CANCELLED"
    assert set(before) <= set(after)  # every earlier event is still there, to be updated
