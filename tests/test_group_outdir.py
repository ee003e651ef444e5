"""The output folder is replaced whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.group.outdir import MARKER, staged_folder


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
