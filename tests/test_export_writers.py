"""Writing exports: atomic, and never over a file the planner did not write without --force."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from export_support import FROZEN, both_views, embedded, plan
from planner import storage
from planner.cli import main
from planner.errors import PlannerError
from planner.export.writers import (
    PlanFormat,
    write_plan,
    write_plan_ics,
    write_programme_ics,
)

FOREIGN = {
    "plan.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone else//EN\r\nEND:VCALENDAR\r\n",
    "plan.md": "# My own notes, Ramón\n".encode(),
    "plan.html": b"<!DOCTYPE html><p>my page</p>",
}


FORMAT: dict[str, PlanFormat] = {".ics": "ics", ".md": "markdown", ".html": "html"}


def _write(name: str, path: Path, force: bool = False) -> None:
    programme = embedded()
    itinerary = plan(programme, ["1", "2"])
    write_plan(path, FORMAT[Path(name).suffix], itinerary, programme, force=force, now=FROZEN)


def test_the_plan_as_a_calendar_is_the_calendar_writer_s(tmp_path: Path) -> None:
    programme = embedded()
    itinerary = plan(programme, ["1", "2"])
    write_plan(tmp_path / "a.ics", "ics", itinerary, programme, alarm=10, now=FROZEN, utc=True)
    write_plan_ics(tmp_path / "b.ics", itinerary, programme, alarm=10, now=FROZEN, utc=True)
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert b"VALARM" in (tmp_path / "a.ics").read_bytes()


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_a_file_that_is_not_ours_is_kept_unless_forced(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(FOREIGN[name])
    with pytest.raises(PlannerError) as caught:
        _write(name, path)
    assert str(path) in str(caught.value) and "--force" in str(caught.value)
    assert path.read_bytes() == FOREIGN[name]
    _write(name, path, force=True)
    assert path.read_bytes() != FOREIGN[name]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_our_own_file_is_rewritten_without_force(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write(name, path)
    first = path.read_bytes()
    _write(name, path)
    assert path.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_garbage_where_the_calendar_goes_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    path.write_bytes(b"\x00\x01 not text at all")
    with pytest.raises(PlannerError, match="--force"):
        _write("plan.ics", path)
    assert path.read_bytes() == b"\x00\x01 not text at all"


def test_a_folder_is_not_a_file_to_write(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="is a folder"):
        _write("plan.md", tmp_path)


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.ics"
    _write("plan.ics", path)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(PlannerError, match=r"plan\.ics: cannot write it \(disk full\)"):
        write_plan_ics(path, plan(embedded(), ["28"]), embedded(), now=FROZEN)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


def test_cli_exports_the_programme(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "ml4astro.ics"
    result = runner.invoke(main, ["export", "--programme-ics", str(path)])
    assert result.exit_code == 0, result.output
    assert "82 events" in result.output
    assert len(both_views(path.read_bytes())) == 82
    again = runner.invoke(main, ["export", "--programme-ics", str(path)])
    assert again.exit_code == 0, again.output


def test_cli_keeps_a_foreign_file_and_says_how_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "mine.ics"
    path.write_bytes(FOREIGN["plan.ics"])
    result = runner.invoke(main, ["export", "--programme-ics", str(path)])
    assert result.exit_code == 1
    assert "--force" in result.output and str(path) in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == FOREIGN["plan.ics"]
    forced = runner.invoke(main, ["export", "--programme-ics", str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(both_views(path.read_bytes())) == 82


def test_writer_for_the_whole_programme(tmp_path: Path) -> None:
    path = tmp_path / "p.ics"
    write_programme_ics(path, embedded(), now=FROZEN)
    write_programme_ics(path, embedded(), now=FROZEN)
    assert {e["sequence"] for e in both_views(path.read_bytes()).values()} == {0}


def test_new_files_get_the_usual_mode_and_rewrites_keep_theirs(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "plan.html"
        _write("plan.html", fresh)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        fresh.chmod(0o600)
        _write("plan.html", fresh)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    finally:
        os.umask(umask)
