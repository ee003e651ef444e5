"""An impossible date in a YAML file (2022-05-32) is a problem naming its key, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import PlannerError, ProgrammeError
from planner.group.groupfile import read_group_file
from planner.group.profiles import resolve_members
from planner.model import Programme
from planner.model.io import read_programme_file
from planner.safe_yaml import load_yaml


def test_load_yaml_keeps_an_impossible_date_as_text() -> None:
    assert load_yaml("a: 2022-05-32\nb: 2022-05-31\n")["a"] == "2022-05-32"
    assert str(load_yaml("b: 2022-05-31\n")["b"]) == "2022-05-31"


def test_in_a_group_file(tmp_path: Path, ml4astro: Programme) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("members:\n  - name: A\n    arrive: 2022-05-32 10:00\n  - name: B\n")
    members, errors = resolve_members(read_group_file(path), ml4astro)
    assert [m.name for m in members] == ["B"]
    assert [(e.name, e.line) for e in errors] == [("A", 2)]
    assert "arrive '2022-05-32 10:00': not a date and time I can read" in errors[0].message


def test_in_a_programme_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "conference: {name: X, timezone: UTC, days: [2022-05-32]}\n"
        "rooms: []\nsessions: []\ncontributions: []\n"
    )
    with pytest.raises(ProgrammeError) as caught:
        read_programme_file(path)
    assert "conference.days[0]" in str(caught.value)
    assert isinstance(caught.value, PlannerError)
