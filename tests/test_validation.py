"""Each validation rule gives one clear message naming the item; bad files exit non-zero."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from planner.cli import main
from planner.errors import ProgrammeError
from planner.model.io import programme_from_data, read_programme_file
from tests.programme_factory import programme_data


def problems_of(data: dict[str, Any]) -> str:
    with pytest.raises(ProgrammeError) as info:
        programme_from_data(data, "conf.yaml")
    return str(info.value)


def test_the_base_programme_is_valid() -> None:
    programme = programme_from_data(programme_data(), "conf.yaml")
    assert len(programme.contributions) == 4


def test_duplicate_ids() -> None:
    data = programme_data()
    data["contributions"][1]["id"] = "t1"
    data["sessions"][1]["id"] = "s1"
    data["contributions"][2]["session"] = "s1"
    message = problems_of(data)
    assert "duplicate contribution id 't1'" in message
    assert "duplicate session id 's1'" in message


def test_end_before_start_names_the_item_and_field() -> None:
    data = programme_data()
    data["contributions"][0]["end"] = "2022-10-29T08:00:00+02:00"
    message = problems_of(data)
    assert "conf.yaml" in message
    assert "contribution 't1': end 2022-10-29T08:00:00+02:00 is before start" in message


def test_session_end_before_start() -> None:
    data = programme_data()
    data["sessions"][0]["end"] = "2022-10-29T08:00:00+02:00"
    assert "session 's1': end 2022-10-29T08:00:00+02:00 is before start" in problems_of(data)


def test_break_end_before_start() -> None:
    data = programme_data()
    data["breaks"] = [
        {
            "id": "b1",
            "kind": "coffee",
            "title": "Coffee",
            "start": "2022-10-29T10:30:00+02:00",
            "end": "2022-10-29T10:00:00+02:00",
        }
    ]
    assert "break 'b1': end 2022-10-29T10:00:00+02:00 is before start" in problems_of(data)


def test_a_talk_needs_times_and_every_problem_is_told_at_once() -> None:
    data = programme_data()
    del data["contributions"][0]["end"]
    data["contributions"][1]["end"] = "2022-10-29T08:00:00+02:00"
    message = problems_of(data)
    assert "contribution 't1': a talk needs a start and an end" in message
    assert "contribution 't2': end 2022-10-29T08:00:00+02:00 is before start" in message


def test_talk_outside_its_session() -> None:
    data = programme_data()
    data["contributions"][1]["end"] = "2022-10-29T10:30:00+02:00"
    message = problems_of(data)
    assert "contribution 't2'" in message and "outside its session 's1'" in message


def test_two_talks_overlapping_in_one_room() -> None:
    data = programme_data()
    data["contributions"][1]["start"] = "2022-10-29T09:15:00+02:00"
    assert "contributions 't1' and 't2' overlap in room 'A'" in problems_of(data)


def test_back_to_back_talks_do_not_overlap() -> None:
    programme_from_data(programme_data(), "conf.yaml")  # t1 ends 09:30, t2 starts 09:30


def test_unknown_session_and_room() -> None:
    data = programme_data()
    data["contributions"][0]["session"] = "nope"
    data["sessions"][0]["room"] = "Z"
    message = problems_of(data)
    assert "contribution 't1': unknown session 'nope'" in message
    assert "session 's1': unknown room 'Z'" in message


def test_unknown_time_zone() -> None:
    data = programme_data()
    data["conference"]["timezone"] = "Europe/Catania"
    assert "unknown time zone name 'Europe/Catania'" in problems_of(data)


def test_naive_time_is_refused() -> None:
    data = programme_data()
    data["contributions"][0]["start"] = "2022-10-29T09:00:00"
    message = problems_of(data)
    assert "contributions[0] (id 't1').start" in message
    assert "is not a date and time with a UTC offset" in message


def test_poster_rules() -> None:
    data = programme_data()
    data["contributions"][3]["session"] = "s1"
    assert "a poster must be in a poster session" in problems_of(data)
    data = programme_data()
    data["contributions"][3]["start"] = "2022-10-29T14:00:00+02:00"
    assert "a poster takes its times from its poster session" in problems_of(data)


def test_all_problems_reported_at_once() -> None:
    data = programme_data()
    data["contributions"][0]["session"] = "nope"
    data["contributions"][1]["id"] = "t3"
    message = problems_of(data)
    assert "unknown session" in message and "duplicate contribution id 't3'" in message


def write(tmp_path: Path, data: Any, name: str = "conf.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_bad_file_exits_non_zero_naming_file_and_field(tmp_path: Path) -> None:
    data = programme_data()
    data["conference"]["timezone"] = "Mars/Olympus"
    path = write(tmp_path, data)
    result = CliRunner().invoke(main, ["show", "--programme", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output
    assert "conference.timezone" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [("conference: [unclosed", "not valid YAML"), ("- just\n- a list\n", "expected a mapping")],
)
def test_unreadable_files(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content)
    with pytest.raises(ProgrammeError, match=expected):
        read_programme_file(path)


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "--programme", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    path = write(tmp_path, {"conference": {"name": "x"}})
    run = subprocess.run(
        [sys.executable, "-m", "planner", "show", "--programme", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert str(path) in run.stderr and "conference.timezone" in run.stderr


def test_field_problems_are_in_plain_words_with_a_suggestion() -> None:
    data = programme_data()
    data["sessions"][0]["titel"] = data["sessions"][0].pop("title")
    data["contributions"][0]["kind"] = "tlak"
    message = problems_of(data)
    assert "sessions[0] (id 's1').titel: not a programme key (did you mean 'title'?)" in message
    assert "sessions[0] (id 's1').title: missing (it is required)" in message
    assert (
        "contributions[0] (id 't1').kind: 'tlak': choose 'invited', 'talk' or 'poster'" in message
    )
    assert "Input should" not in message and "Field required" not in message
