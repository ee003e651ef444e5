"""The output folder is replaced whole or not at all."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.group.outdir import MARKER, staged_folder, stale_stages


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


def old_folder(tmp_path: Path) -> Path:
    out = tmp_path / "plans"
    with staged_folder(out) as stage:
        (stage / "ana.ics").write_text("old calendar")
        (stage / "bo.ics").write_text("old calendar of bo")
    return out


def test_new_folder_is_written_with_its_marker(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    assert contents(out) == {
        MARKER: "written by planner group\n",
        "ana.ics": "old calendar",
        "bo.ics": "old calendar of bo",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_our_folder_is_replaced_whole(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    with staged_folder(out) as stage:
        (stage / "ana.ics").write_text("new calendar")
    assert contents(out) == {MARKER: "written by planner group\n", "ana.ics": "new calendar"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


@pytest.mark.parametrize("interruption", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_old_folder_intact(
    tmp_path: Path, interruption: BaseException
) -> None:
    out = old_folder(tmp_path)
    before = contents(out)
    with pytest.raises(type(interruption)), staged_folder(out) as stage:
        (stage / "ana.ics").write_text("half of a new cal")
        (stage / "new.md").write_text("partial")
        raise interruption
    assert contents(out) == before
    # no staged or half-written folder left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_interrupted_first_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), staged_folder(tmp_path / "plans") as stage:
        (stage / "ana.ics").write_text("partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_ours_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.tex").write_text("precious")
    with pytest.raises(PlannerError, match="other files in it"), staged_folder(out):
        raise AssertionError("never reached: refused before staging")
    assert contents(out) == {"chapter1.tex": "precious"}
    with staged_folder(out, force=True) as stage:
        (stage / "ana.ics").write_text("calendar")
    assert sorted(contents(out)) == [MARKER, "ana.ics"]


def test_an_empty_folder_is_fine_and_a_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with staged_folder(empty) as stage:
        (stage / "x.md").write_text("x")
    assert sorted(contents(empty)) == [MARKER, "x.md"]
    afile = tmp_path / "file"
    afile.write_text("data")
    with pytest.raises(PlannerError, match="not a folder"), staged_folder(afile):
        pass
    assert afile.read_text() == "data"


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_symbolic_link_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(out)
    before = contents(out)
    with pytest.raises(PlannerError, match="is a symbolic link"), staged_folder(link):
        raise AssertionError("never reached: refused before staging")
    assert link.is_symlink() and contents(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "plans"]


def test_stages_of_killed_runs_are_removed_by_the_next_run(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    dead = dead_pid()
    stale = [tmp_path / f".plans.{dead}.abc_123.tmp", tmp_path / f".plans.{dead}.x9.old"]
    alive = tmp_path / f".plans.{os.getpid()}.live.tmp"  # a run still going: kept
    other = tmp_path / f".plans2.{dead}.abc.tmp"  # another folder's: kept
    for folder in [*stale, alive, other]:
        folder.mkdir()
        (folder / "ana.ics").write_text("half")
    assert stale_stages(out) == sorted(stale)
    with staged_folder(out) as stage:
        (stage / "ana.ics").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "plans"])


def test_an_old_folder_set_aside_is_kept_while_the_target_is_missing(tmp_path: Path) -> None:
    kept = tmp_path / f".plans.{dead_pid()}.abc.old"
    kept.mkdir()
    assert stale_stages(tmp_path / "plans") == []


def test_a_folder_that_cannot_be_written_is_one_message(tmp_path: Path) -> None:
    for target in (Path("/proc/plans"), Path("/sys/kernel/plans")):
        with pytest.raises(PlannerError, match=f"{target}: cannot "), staged_folder(target):
            raise AssertionError("never reached: refused before staging")


def test_a_failed_write_inside_is_one_message_and_the_old_folder_stays(tmp_path: Path) -> None:
    out = old_folder(tmp_path)
    before = contents(out)
    full = r"ana\.ics: cannot write it \(No space left"
    with pytest.raises(PlannerError, match=full), staged_folder(out) as stage:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(stage / "ana.ics"))
    assert contents(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]
