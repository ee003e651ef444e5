"""The embedded programme read from the copy of its data kept as JSON in the cache folder: the
same programme as from its YAML, never a copy of other bytes, and a copy that is broken, or data
JSON would change, never read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.dirs import cache_dir
from planner.errors import ProgrammeError
from planner.model.embedded import FOLDER, KEEP_FILES, read_embedded
from planner.model.io import read_programme_file
from planner.sources import import_programme
from tests.conftest import EMBEDDED

SMALL = (
    "conference: {name: Small Conf, timezone: Europe/Rome, days: ['2022-05-30']}\n"
    "rooms: [{name: Hall}]\n"
    "sessions:\n"
    "  - {id: s, title: Morning, kind: contributed, room: Hall,\n"
    "     start: '2022-05-30T09:00:00+02:00', end: '2022-05-30T10:00:00+02:00'}\n"
    "contributions:\n"
    "  - {id: '1', title: First, kind: talk, session: s,\n"
    "     start: '2022-05-30T09:00:00+02:00', end: '2022-05-30T09:20:00+02:00'}\n"
)


def copies() -> list[Path]:
    return sorted((cache_dir() / FOLDER).glob("*.json"))


def test_the_embedded_programme_from_its_copy_is_the_one_from_its_yaml() -> None:
    from_yaml = read_programme_file(EMBEDDED)
    first = read_embedded(EMBEDDED)  # no copy yet: read from the YAML, the copy made
    assert len(copies()) == 1
    second = read_embedded(EMBEDDED)  # from the copy
    assert first == from_yaml
    assert second == from_yaml
    assert second.model_dump_json() == from_yaml.model_dump_json()
    assert import_programme().programme == from_yaml


def test_a_changed_file_is_read_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    assert read_embedded(path).contributions[0].title == "First"
    path.write_text(SMALL.replace("title: First", "title: Changed"))
    assert read_embedded(path).contributions[0].title == "Changed"
    assert len(copies()) == 2  # one for each version of the bytes


def test_a_broken_copy_is_ignored_and_made_again(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    read_embedded(path)
    (copy,) = copies()
    for broken in (b"{not json", b'{"key": "another", "data": {}}', b"[]", b"\xff\xfe"):
        copy.write_bytes(broken)
        assert read_embedded(path).contributions[0].title == "First"
        assert json.loads(copy.read_bytes())["data"]["contributions"][0]["title"] == "First"


def test_a_copy_whose_data_is_not_a_programme_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    read_embedded(path)
    (copy,) = copies()
    held = json.loads(copy.read_bytes())
    held["data"]["contributions"][0]["kind"] = "dance"
    copy.write_text(json.dumps(held))
    assert read_embedded(path).contributions[0].kind == "talk"


def test_data_json_would_change_is_not_copied(tmp_path: Path) -> None:
    # unquoted, the day is a date to YAML: JSON would hold it as text, so no copy is made
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("days: ['2022-05-30']", "days: [2022-05-30]"))
    assert read_embedded(path).conference.days[0].isoformat() == "2022-05-30"
    assert copies() == []


def test_a_file_that_is_not_a_programme_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("kind: talk", "kind: dance"))
    with pytest.raises(ProgrammeError, match=r"small\.yaml: 1 problem"):
        read_embedded(path)
    path.write_text("conference: [unclosed\n")
    with pytest.raises(ProgrammeError, match=r"small\.yaml:2: not valid YAML"):
        read_embedded(path)
    assert copies() == []


def test_a_cache_folder_that_cannot_be_written_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(blocked))
    assert read_embedded(EMBEDDED) == read_programme_file(EMBEDDED)


def test_only_the_last_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    for n in range(KEEP_FILES + 2):
        before = set(copies())
        path.write_text(SMALL.replace("title: First", f"title: Version {n}"))
        read_embedded(path)
        (made,) = set(copies()) - before
        os.utime(made, (1_000_000 + n, 1_000_000 + n))  # made in this order
    kept = {json.loads(p.read_bytes())["data"]["contributions"][0]["title"] for p in copies()}
    assert kept == {f"Version {n}" for n in range(2, KEEP_FILES + 2)}
