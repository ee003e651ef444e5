from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from planner.storage import STALE_AFTER, atomic_write_text


def test_new_file_gets_the_umask_mode_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "a.txt"
        atomic_write_text(path, "one")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o600)
        atomic_write_text(path, "two")
        assert path.read_text() == "two"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_failed_write_leaves_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_staging_files_of_killed_writes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    old = tmp_path / ".me.toml.abc123.tmp"  # left by a write killed long ago
    recent = tmp_path / ".me.toml.def456.tmp"  # a write going on now
    other = tmp_path / ".you.toml.ghi789.tmp"  # another file's
    for stale in (old, recent, other):
        stale.write_text("half")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    atomic_write_text(path, "new")
    assert path.read_text() == "new"
    assert not old.exists()
    assert recent.exists() and other.exists()
