"""Messages of the ``planner`` command line read as the planner's own, not the library's."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner, Result

from planner.cli import main


def invoke(*args: str, columns: int = 120) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--walk", "abc"), "'--walk': 'abc' is not a whole number\n"),
        (("--walk", "-3"), "'--walk': -3 is below 0\n"),
        (("--lunch", "1.5"), "'--lunch': '1.5' is not a whole number\n"),
        (("--poster-visit", "0"), "'--poster-visit': 0 is below 1\n"),
        (("--max-hours-per-day", "x"), "'--max-hours-per-day': 'x' is not a number\n"),
        (("--max-hours-per-day", "nan"), "'--max-hours-per-day': 'nan' is not a number\n"),
        (("--time-limit", "0"), "'--time-limit': 0 is below 0.1\n"),
        (
            ("--zone", "Europe/Berln"),
            "'--zone': 'Europe/Berln' is not a known time zone (expected an IANA name such as "
            "Europe/Berlin or UTC)\n",
        ),
    ],
)
def test_bad_numbers_are_worded_for_people(args: tuple[str, ...], words: str) -> None:
    result = invoke("plan", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Invalid value for {words}")
    assert "range" not in result.stderr and "x>=" not in result.stderr


def test_group_share_above_one_is_worded_for_people() -> None:
    result = invoke("group", "g.yaml", "--out", "o", "--share", "1.5")
    assert result.exit_code == 2
    assert "'--share': 1.5 is above 1\n" in result.stderr


def test_a_day_is_asked_for_as_yyyy_mm_dd() -> None:
    result = invoke("show", "--day", "31-05-2022")
    assert result.exit_code == 2
    assert "'--day': '31-05-2022' is not a date as YYYY-MM-DD (e.g. 2022-05-31)" in result.stderr
    assert "%" not in result.stderr
    helped = invoke("show", "--help")
    assert "--day YYYY-MM-DD" in helped.stdout and "%" not in helped.stdout
    assert invoke("show", "--day", "2022-05-31").exit_code == 0


def test_numbers_in_help_have_names_not_ranges() -> None:
    helped = invoke("plan", "--help").stdout
    assert "--walk MINUTES" in helped and "--time-limit SECONDS" in helped
    assert "RANGE" not in helped and "x>=" not in helped


def test_left_out_none_listed_counts_them() -> None:
    args = ("plan", "--keyword", "deep learning", "--max-talks-per-day", "1")
    total = len(json.loads(invoke(*args, "--json").stdout)["left_out"])
    result = invoke(*args, "--left-out", "0")
    assert f"{total} items left out (--left-out N or all lists them" in result.stdout
    assert "more left out" not in result.stdout


def test_poster_visits_are_given_with_an_en_dash() -> None:
    data = json.loads(invoke("plan", "--keyword", "anomaly detection", "--json").stdout)
    whys = [w for item in data["items"] for w in item["why"]]
    assert any(re.search(r"visit \d\d:\d\d–\d\d:\d\d", w) for w in whys), whys
    assert not any(re.search(r"\d\d:\d\d-\d\d:\d\d", w) for w in whys), whys


def continuation_lines(text: str, heading: str) -> list[str]:
    """The lines of the list under ``heading``, up to the next blank line."""
    section = text.split(heading, 1)[1].split("\n\n", 1)[0]
    return section.splitlines()[1:]


def test_changes_and_relaxed_lists_keep_wrapped_lines_indented(tmp_path: object) -> None:
    from pathlib import Path

    first = Path(str(tmp_path)) / "p.json"
    first.write_text(invoke("plan", "--keyword", "SKA", "--json").stdout)
    args = ("plan", "--keyword", "SKA", "--star", "16=20", "--previous", str(first))
    result = invoke(*args, "--must", "28", "--arrive", "2022-05-30 10:00", "--relax", columns=50)
    assert result.exit_code == 0, result.output
    for heading in ("Changes since the previous plan", "Relaxed to make a plan possible:"):
        lines = continuation_lines(result.stdout, heading)
        assert len(lines) >= 2, (heading, result.stdout)  # at least one wrapped line
        assert all(line.startswith("  ") for line in lines), (heading, lines)
    changes = continuation_lines(result.stdout, "Changes since the previous plan")
    added = changes[0]
    detail_column = added.index("In Search")
    assert changes[1][:detail_column].strip() == ""  # the title wraps under itself
