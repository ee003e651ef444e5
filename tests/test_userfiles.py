"""Reading user files: regular files only, within a size, nesting bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.errors import PlannerError, ProgrammeError
from planner.userfiles import (
    MAX_DEPTH,
    MB,
    check_depth,
    check_regular,
    depth_of,
    read_bytes,
    read_source,
    read_text,
)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 70_000)
    assert read_bytes(path) == b"x" * 70_000


def test_a_device_and_a_pipe_are_refused_without_reading(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match=r"/dev/zero: not a regular file \(a character device\)"):
        read_bytes(Path("/dev/zero"))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opened without waiting for a writer: refused, never blocked on
    with pytest.raises(PlannerError, match=r"pipe: not a regular file \(a named pipe\)"):
        read_bytes(pipe)
    with pytest.raises(PlannerError, match="a named pipe"):
        check_regular(pipe)
    check_regular(tmp_path)  # a folder, and a missing file, are for the caller to word
    check_regular(tmp_path / "missing")


def test_a_file_over_its_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * (2 * MB))
    with pytest.raises(PlannerError, match=r"big\.toml: 2\.0 MB is over the limit of 1 MB"):
        read_text(path, "file", limit=MB)


def test_read_text_names_the_file_and_the_problem(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match=r"nowhere\.yaml: no such group file"):
        read_text(tmp_path / "nowhere.yaml", "group file")
    with pytest.raises(PlannerError, match="is a folder, not a group file"):
        read_text(tmp_path, "group file")
    (tmp_path / "latin1.yaml").write_bytes(b"caf\xe9")
    with pytest.raises(PlannerError, match="not UTF-8 text"):
        read_text(tmp_path / "latin1.yaml", "group file")


def test_read_source_gives_programme_errors(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="a character device"):
        read_source(Path("/dev/null"))


def test_depth_is_counted_without_recursion() -> None:
    assert depth_of([]) == 1 and depth_of({"a": [1, {"b": 2}]}) == 3 and depth_of(7) == 0
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert depth_of(deep) == MAX_DEPTH + 1  # counted only as far as it matters
    with pytest.raises(PlannerError, match=r"x\.json: refused: values nested more than 64"):
        check_depth(deep, "x.json")
    check_depth({"a": [[1]]}, "x.json")
