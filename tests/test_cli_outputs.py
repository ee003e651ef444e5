"""Files that ``planner plan`` writes: never over a file it did not write, never two outputs in
one file, never into a folder that does not exist; each one it writes is named on stderr."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner, Result

from planner.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["plan", *args], env={"COLUMNS": "120"})


# --save-profile


def test_save_profile_says_it_wrote_the_file(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    result = run("--keyword", "SKA", "--save-profile", str(profile))
    assert result.exit_code == 0, result.output
    assert f"wrote {profile}" in result.stderr
    assert tomllib.loads(profile.read_text())["keyword"] == ["SKA"]


def test_save_profile_refuses_a_file_the_planner_did_not_write(tmp_path: Path) -> None:
    notes = tmp_path / "notes.toml"
    notes.write_text('title = "my own settings"\n')
    result = run("--keyword", "SKA", "--save-profile", str(notes))
    assert result.exit_code == 1
    assert str(notes) in result.stderr and "--force" in result.stderr
    assert "not written by the planner" in result.stderr
    assert notes.read_text() == 'title = "my own settings"\n'
    forced = run("--keyword", "SKA", "--save-profile", str(notes), "--force")
    assert forced.exit_code == 0, forced.output
    assert tomllib.loads(notes.read_text())["keyword"] == ["SKA"]


def test_save_profile_refusal_comes_before_other_outputs_are_written(tmp_path: Path) -> None:
    notes, ics = tmp_path / "notes.toml", tmp_path / "plan.ics"
    notes.write_text("# hand-written\n")
    result = run("--keyword", "SKA", "--ics", str(ics), "--save-profile", str(notes))
    assert result.exit_code == 1
    assert not ics.exists()


def test_save_profile_updates_a_profile_the_planner_wrote(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    assert run("--keyword", "SKA", "--save-profile", str(profile)).exit_code == 0
    again = run("--profile", str(profile), "--skip", "32", "--save-profile", str(profile))
    assert again.exit_code == 0, again.output
    saved = tomllib.loads(profile.read_text())
    assert saved["keyword"] == ["SKA"] and saved["skip"] == ["32"]


def test_save_profile_to_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("--keyword", "SKA", "--save-profile", str(tmp_path))
    assert result.exit_code == 1
    assert "is a folder" in result.stderr and "Traceback" not in result.output
