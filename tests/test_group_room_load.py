"""The room-load forecast of ``planner group --policy independent``: how many members' plans
include each talk against its room's seats, overfull talks first, as ``room_load`` in --json,
``room_load.csv`` and a text chart in the overview; and a folder of profile files as the group."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.errors import PlannerError
from planner.group.naming import distinct_stems
from planner.group.room_load import bar, parse_capacities
from tests.conftest import EMBEDDED


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["group", *args], catch_exceptions=False)


def _group(tmp_path: Path) -> Path:
    """Five members; four of them must see talk 30 (Tue 09:00 in the Main Hall)."""
    group = tmp_path / "g.csv"
    group.write_text(
        "name,keyword,must\n"
        "Ana,anomaly detection,30\nBo,galaxy,30\nCy,radio,30\nDi,time series,30\nEd,cosmology,\n",
        encoding="utf-8",
    )
    return group


def _counts(data: dict[str, Any]) -> dict[str, int]:
    """Members whose plans include each item, counted from the members' own plans."""
    counts: dict[str, int] = {}
    for member in data["members"]:
        for cid in {i["id"] for i in member["items"]}:
            counts[cid] = counts.get(cid, 0) + 1
    return counts


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("load")
    out = tmp / "plans"
    result = invoke(str(_group(tmp)), "--out", str(out), "--json", "--policy", "independent",
                    "--workers", "1", "--room-capacity", "Main Hall=3")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout)


def test_json_contract_and_counts(run: tuple[Path, dict[str, Any]]) -> None:
    _, data = run
    loads = data["room_load"]
    assert loads and all(set(t) == {"id", "room", "start", "planned", "capacity"} for t in loads)
    counts = _counts(data)
    talks = {t["id"]: t for t in loads}
    assert talks["30"]["planned"] == 4  # the four with the must-see
    for cid, t in talks.items():
        assert t["planned"] == counts.get(cid, 0)
        assert t["capacity"] == 3 and t["room"] == "Main Hall"
    assert loads[0]["id"] == "30"  # the overfull first
    overs = [max(0, t["planned"] - t["capacity"]) for t in loads]
    assert overs == sorted(overs, reverse=True)
    assert loads[0]["start"] == "2022-05-31T09:00:00+02:00"


def test_csv_is_the_json(run: tuple[Path, dict[str, Any]]) -> None:
    out, data = run
    rows = list(csv.DictReader(io.StringIO((out / "room_load.csv").read_text(encoding="utf-8"))))
    assert [
        (r["id"], r["room"], r["start"], int(r["planned"]), int(r["capacity"])) for r in rows
    ] == [(t["id"], t["room"], t["start"], t["planned"], t["capacity"]) for t in data["room_load"]]
    assert rows[0]["over"] == "1" and rows[0]["title"].startswith("Anomaly Detection")


def test_overview_names_the_overfull_and_draws_bars(run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = run
    text = (out / "overview.md").read_text(encoding="utf-8")
    assert "Overfull: Anomaly Detection in Astronomical Data" in text
    assert "4 planned for 3 seats (+1)" in text
    chart = text.split("## Room load", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    assert chart.splitlines()[0] == "Main Hall (3 seats)"
    line = next(x for x in chart.splitlines() if "Tue 09:00" in x)
    assert "|!" in line and "+1 over" in line
    assert "<pre>Main Hall (3 seats)" in (out / "overview.html").read_text(encoding="utf-8")


def test_capacity_from_the_programme_and_the_default(tmp_path: Path) -> None:
    programme = tmp_path / "p.yaml"
    text = EMBEDDED.read_text(encoding="utf-8")
    programme.write_text(
        text.replace("- name: Main Hall\n", "- name: Main Hall\n  capacity: 2\n", 1)
    )
    args = [str(_group(tmp_path)), "--json", "--policy", "independent", "--workers", "1",
            "--programme", str(programme)]  # fmt: skip
    data = json.loads(invoke(*args, "--out", str(tmp_path / "a")).stdout)
    assert {t["capacity"] for t in data["room_load"]} == {2}  # the programme's
    data = json.loads(invoke(*args, "--out", str(tmp_path / "b"), "--room-capacity", "9").stdout)
    assert {t["capacity"] for t in data["room_load"]} == {2}  # the default is for rooms without
    data = json.loads(
        invoke(*args, "--out", str(tmp_path / "c"), "--room-capacity", "Main Hall=9").stdout
    )
    assert {t["capacity"] for t in data["room_load"]} == {9}  # a room named wins


def test_no_capacity_is_never_overfull(tmp_path: Path) -> None:
    result = invoke(str(_group(tmp_path)), "--out", str(tmp_path / "o"), "--json", "--policy",
                    "independent", "--workers", "1")  # fmt: skip
    loads = json.loads(result.stdout)["room_load"]
    assert {t["capacity"] for t in loads} == {None}
    assert "no room has a capacity" in (tmp_path / "o" / "overview.md").read_text()


def test_cover_has_no_forecast(tmp_path: Path) -> None:
    result = invoke(str(_group(tmp_path)), "--out", str(tmp_path / "o"), "--json", "--policy",
                    "cover", "--workers", "1", "--time-limit", "5")  # fmt: skip
    assert "room_load" not in json.loads(result.stdout)
    assert not (tmp_path / "o" / "room_load.csv").exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [("many", "give a whole number"), ("Main Hall=-2", "give a whole number"),
     ("Hall 9=40", "no such room")],
)  # fmt: skip
def test_bad_capacity_is_one_message(tmp_path: Path, value: str, problem: str) -> None:
    out = tmp_path / "o"
    result = invoke(str(_group(tmp_path)), "--out", str(out), "--room-capacity", value)
    assert result.exit_code != 0 and problem in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_parse_capacities() -> None:
    given = parse_capacities(["120", "Main Hall=400", "A=B=5"])
    assert given.default == 120 and given.rooms == {"Main Hall": 400, "A=B": 5}
    with pytest.raises(PlannerError, match="'x='"):
        parse_capacities(["x="])


def test_bars() -> None:
    assert bar(10, 20, 20) == "#" * 15 + "." * 15 + "|"
    assert bar(20, 20, 20) == "#" * 30 + "|"
    assert bar(30, 20, 30) == "#" * 20 + "|" + "!" * 10
    assert bar(5, None, 10) == "#" * 15


def test_member_files_do_not_take_the_forecasts_name() -> None:
    assert distinct_stems(["Room load", "room_load"]) == ["member-room-load", "member-room-load-2"]


def test_a_folder_of_profiles(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "ana.toml").write_text('keyword = ["galaxy"]\nmust = ["30"]\n', encoding="utf-8")
    (folder / "bo.toml").write_text('keyword = ["radio"]\nmust = ["30"]\n', encoding="utf-8")
    (folder / "cy.toml").write_text('must = ["nope"]\n', encoding="utf-8")
    (folder / "notes.txt").write_text("not a profile\n", encoding="utf-8")
    out = tmp_path / "o"
    result = invoke(str(folder), "--out", str(out), "--json", "--workers", "1",
                    "--room-capacity", "1")  # fmt: skip
    assert result.exit_code == 1  # one member not planned
    assert f"not planned: member 'cy': {folder / 'cy.toml'}: must: " in result.stderr
    assert "'nope'" in result.stderr
    data = json.loads(result.stdout)
    assert [m["name"] for m in data["members"]] == ["ana", "bo"]
    assert data["room_load"][0] == {
        "id": "30", "room": "Main Hall", "start": "2022-05-31T09:00:00+02:00",
        "planned": 2, "capacity": 1,
    }  # fmt: skip
    assert (out / "ana.ics").is_file() and not (out / "cy.ics").exists()


def test_an_empty_folder_is_one_message(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke(str(tmp_path / "empty"), "--out", str(tmp_path / "o"))
    assert result.exit_code != 0 and "no profile files" in result.stderr
