"""``planner group``: the JSON contract, the files written, the ML4Astro example group, broken
members, and an output folder that is never half-overwritten."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import main
from planner.group.outdir import MARKER
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "ml4astro-group.yaml"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["group", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("runs") / "plans"
    result = invoke(str(EXAMPLE), "--out", str(out), "--json", "--workers", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no progress bar with --json (nor when stderr is no terminal)
    return out, json.loads(result.stdout)


def test_json_contract(example_run: tuple[Path, dict[str, Any]]) -> None:
    _, data = example_run
    assert {"status", "members", "coverage"} <= set(data)
    assert data["status"] in {"optimal", "feasible"}
    for member in data["members"]:
        assert {"name", "file", "items", "utility", "personal_optimum"} <= set(member)
        for item in member["items"]:
            assert {"id", "start", "end", "room"} <= set(item)
            assert item["start"].endswith("+02:00")  # Europe/Rome in summer, with its offset
    contract = {"covered", "independent_covered", "greedy_covered", "bound", "gap", "group_items"}
    assert contract <= set(data["coverage"])


def test_json_coverage_is_the_terminal_reports(tmp_path: Path) -> None:
    """bound and gap as the summary prints them, and a gap that adds up from covered and bound."""
    out = tmp_path / "o"
    result = invoke(str(EXAMPLE), "--out", str(out), "--json", "--workers", "1")
    c = json.loads(result.stdout)["coverage"]
    assert c["gap"] == pytest.approx((c["bound"] - c["covered"]) / c["bound"], abs=1e-4)
    assert c["covered"] >= max(c["greedy_covered"], c["independent_covered"])
    text = invoke(str(EXAMPLE), "--out", str(out), "--force", "--workers", "1").stdout
    assert f"coverage bound {c['bound']:g}, gap {c['gap']:.2%}" in text


def test_example_group_files_and_coverage(example_run: tuple[Path, dict[str, Any]]) -> None:
    out, data = example_run
    names = [m["name"] for m in data["members"]]
    assert names == ["Ana", "Bo", "Chiara", "Dev", "Eun-ji", "Felipe"]
    files = sorted(p.name for p in out.iterdir())
    stems = ["ana", "bo", "chiara", "dev", "eun-ji", "felipe"]
    assert files == sorted(
        [MARKER, "group.json", "overview.html", "overview.md"]
        + [f"{s}.ics" for s in stems]
        + [f"{s}.md" for s in stems]
    )
    for member, stem in zip(data["members"], stems, strict=True):
        assert member["file"] == f"{stem}.ics"
        calendar = Calendar.from_ical((out / member["file"]).read_bytes())
        events = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        assert len(events) == len(member["items"]) > 0
        assert member["utility"] >= 0.8 * member["personal_optimum"] - 1e-6
    coverage = data["coverage"]
    assert coverage["covered"] > coverage["independent_covered"]
    assert coverage["covered"] >= coverage["greedy_covered"]
    assert coverage["covered"] <= coverage["bound"] <= coverage["group_weight"]
    overview = (out / "overview.md").read_text()
    assert f"Coverage: {coverage['covered']:g} of {coverage['group_weight']:g}" in overview
    assert f"Independent plans cover {coverage['independent_covered']:g}" in overview
    html = (out / "overview.html").read_text()
    assert "<h2>Who is where</h2>" in html and "Eun-ji" in html
    assert json.loads((out / "group.json").read_text()) == data


def test_must_sees_kept_in_the_example(example_run: tuple[Path, dict[str, Any]]) -> None:
    _, data = example_run
    ana = next(m for m in data["members"] if m["name"] == "Ana")
    assert "30" in {i["id"] for i in ana["items"]}
    felipe = next(m for m in data["members"] if m["name"] == "Felipe")
    assert "29" not in {i["id"] for i in felipe["items"]}


def test_independent_policy_from_the_command_line(tmp_path: Path) -> None:
    result = invoke(str(EXAMPLE), "--out", str(tmp_path / "o"), "--json", "--policy",
                    "independent", "--workers", "1")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for member in data["members"]:
        assert member["utility"] == member["personal_optimum"]
    assert data["coverage"]["covered"] == data["coverage"]["independent_covered"]
    overview = (tmp_path / "o" / "overview.md").read_text()
    assert "Coverage: " in overview
    assert "Independent plans cover" not in overview  # they are this plan


def test_broken_members_are_named_and_the_others_written(tmp_path: Path) -> None:
    group = tmp_path / "g.yaml"
    group.write_text(
        "members:\n"
        "  - name: Ana\n    keyword: [galaxy]\n"
        "  - name: Bo\n    must: [nope]\n"
        "  - name: Cy\n    must: ['28', '30']\n    leave: 2022-05-30 12:00\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke(str(group), "--out", str(out), "--workers", "1")
    assert result.exit_code == 1
    assert f"{group}:4: member 'Bo': " in result.stderr and "'nope'" in result.stderr
    assert f"{group}:6: member 'Cy': " in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        # independent (the group file names no policy), so the room-load forecast too
        [MARKER, "ana.ics", "ana.md", "group.json", "overview.html", "overview.md", "room_load.csv"]
    )
    assert "member 'Bo'" in (out / "overview.md").read_text()


def test_nobody_plannable_writes_nothing(tmp_path: Path) -> None:
    group = tmp_path / "g.csv"
    group.write_text("name,must\nBo,nope\n", encoding="utf-8")
    result = invoke(str(group), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no member of the group can be planned" in result.stderr
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv"]


def test_a_foreign_folder_is_refused_before_planning(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    result = invoke(str(EXAMPLE), "--out", str(out))
    assert result.exit_code == 1
    assert "choose another --out or use --force" in result.stderr
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_bad_group_file_is_one_message(tmp_path: Path) -> None:
    group = tmp_path / "g.yaml"
    group.write_text("policy: all\nmembers: [{name: a}]\n", encoding="utf-8")
    result = invoke(str(group), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stderr == f"planner: {group}:1: policy 'all': choose one of independent, cover\n"


def test_parallel_plans_equal_serial_ones(tmp_path: Path) -> None:
    runs = []
    for workers in ("1", "2"):
        result = invoke(str(EXAMPLE), "--out", str(tmp_path / workers), "--json",
                        "--policy", "independent", "--workers", workers)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        runs.append(json.loads(result.stdout)["members"])
    assert runs[0] == runs[1]
    for name in ("ana.md", "felipe.md", "overview.md", "overview.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_run_leaves_the_previous_folder_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: type[BaseException]
) -> None:
    out = tmp_path / "plans"
    first = invoke(str(EXAMPLE), "--out", str(out), "--policy", "independent", "--workers", "1")
    assert first.exit_code == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args: object) -> str:
        raise interruption("interrupted while writing the overview")

    # the members' files are already in the staged folder when the overview fails
    monkeypatch.setattr("planner.group.output.html_overview", broken)
    second = CliRunner().invoke(
        main, ["group", str(EXAMPLE), "--out", str(out), "--policy", "cover", "--workers", "1"]
    )
    assert second.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_csv_group_and_options_from_the_command_line(tmp_path: Path) -> None:
    csv_file = str(REPO / "examples" / "ml4astro-group.csv")
    common = ["--json", "--policy", "cover", "--workers", "1"]
    result = invoke(csv_file, "--out", str(tmp_path / "a"), "--share", "1", *common)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["policy"], data["share"], data["max_per_poster"]) == ("cover", 1.0, None)
    assert [m["name"] for m in data["members"]] == ["Ana", "Bo", "Chiara", "Dev"]
    for member in data["members"]:  # share 1: nobody gives anything up
        assert member["utility"] == pytest.approx(member["personal_optimum"])
    assert data["coverage"]["covered"] >= data["coverage"]["independent_covered"]

    result = invoke(csv_file, "--out", str(tmp_path / "b"), "--share", "0.5",
                    "--max-per-poster", "1", *common)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    visits: dict[str, list[tuple[str, str]]] = {}
    for m in data["members"]:
        for i in m["items"]:
            if i["room"] == "Poster Area":
                visits.setdefault(i["id"], []).append((i["start"], i["end"]))
    assert visits
    for times in visits.values():  # at most one member at a poster at a time
        times.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(times)), times


def conference_file(tmp_path: Path) -> Path:
    import yaml

    from programme_factory import programme_data

    path = tmp_path / "conf.yaml"
    path.write_text(yaml.safe_dump(programme_data()), encoding="utf-8")
    return path


def test_an_impossible_capacity_is_one_answer(tmp_path: Path) -> None:
    """Three must-see visits of 50 minutes to the same poster in its 60-minute session always
    overlap; with one member at a poster at a time there is no group plan."""
    conference_file(tmp_path)
    group = tmp_path / "g.yaml"
    member = "{{name: {0}, must: [p], poster_visit: 50, lunch: 0}}"
    group.write_text(
        "programme: conf.yaml\nmax_per_poster: 1\nmembers:\n"
        + "".join(f"  - {member.format(n)}\n" for n in ("A", "B", "C")),
        encoding="utf-8",
    )
    out = tmp_path / "o"
    result = invoke(str(group), "--out", str(out), "--json", "--policy", "cover")
    assert result.exit_code == 2
    answer = json.loads(result.stdout)
    assert answer["status"] == "infeasible" and answer["members"] == []
    assert set(answer["coverage"]) == {
        "covered", "independent_covered", "greedy_covered", "bound", "gap", "group_items"
    }  # fmt: skip
    assert "lower --share or raise --max-per-poster" in answer["message"]
    assert not out.exists()
    result = invoke(str(group), "--out", str(out), "--policy", "cover")
    assert result.exit_code == 2 and "raise --max-per-poster" in result.stderr
    result = invoke(str(group), "--out", str(out), "--policy", "cover", "--max-per-poster", "3")
    assert result.exit_code == 0, result.stderr


def test_programme_named_in_the_group_file(tmp_path: Path) -> None:
    conference_file(tmp_path)
    group = tmp_path / "g.yaml"
    group.write_text(
        "programme: conf.yaml\nmembers:\n  - name: Ana\n    star: {t1: 5, t3: 9}\n    lunch: 0\n",
        encoding="utf-8",
    )
    result = invoke(str(group), "--out", str(tmp_path / "o"), "--json", "--workers", "1")
    assert result.exit_code == 0, result.stderr
    (ana,) = json.loads(result.stdout)["members"]
    # t3 runs across the end of summer time: 02:30 CEST to 02:15 CET
    assert [(i["id"], i["start"], i["end"]) for i in ana["items"]] == [
        ("t1", "2022-10-29T09:00:00+02:00", "2022-10-29T09:30:00+02:00"),
        ("t3", "2022-10-30T02:30:00+02:00", "2022-10-30T02:15:00+01:00"),
    ]


def test_overview_marks_reconstructed_times(example_run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = example_run
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "are reconstructed, not published" in overview
    assert "| 09:40–10:00\\* | Main Hall |" in overview
    assert "reconstructed" in (out / "overview.html").read_text(encoding="utf-8")


def test_members_named_like_the_groups_files_keep_their_own(tmp_path: Path) -> None:
    group = tmp_path / "g.yaml"
    group.write_text(
        "members:\n  - {name: Overview, keyword: [galaxy]}\n  - {name: GROUP, keyword: [radio]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "plans"
    result = invoke(str(group), "--out", str(out), "--json", "--workers", "1", "--time-limit", "5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["agenda"] for m in data["members"]] == ["member-overview.md", "member-group.md"]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [".planner-group", "group.json", "overview.md", "overview.html", "room_load.csv"]
        + [f"member-{s}.{e}" for s in ("overview", "group") for e in ("ics", "md")]
    )
    assert (out / "overview.md").read_text(encoding="utf-8") != (
        out / "member-overview.md"
    ).read_text(encoding="utf-8")
