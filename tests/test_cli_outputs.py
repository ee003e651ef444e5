"""Files that ``planner plan`` writes: never over a file it did not write, never two outputs in
one file, never into a folder that does not exist; each one it writes is named on stderr."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
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


# one file for two outputs


def test_two_outputs_in_one_file_are_refused_before_planning(tmp_path: Path) -> None:
    same = tmp_path / "same.out"
    result = run("--keyword", "SKA", "--ics", str(same), "--markdown", str(same))
    assert result.exit_code == 2
    assert f"planner: --ics and --markdown name the same file {same}" in result.stderr
    assert not same.exists()
    assert "Optimal plan" not in result.stdout  # refused before planning


def test_the_same_file_is_found_through_other_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = run("--keyword", "SKA", "--markdown", "s.md", "--html", "sub/../s.md")
    assert result.exit_code == 2
    assert "--markdown and --html name the same file" in result.stderr
    (tmp_path / "link.toml").symlink_to(tmp_path / "p.toml")
    result = run("--keyword", "SKA", "--save-profile", "p.toml", "--ics", "link.toml")
    assert result.exit_code == 2
    assert "--ics and --save-profile name the same file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "sub"]


def test_distinct_outputs_are_all_written(tmp_path: Path) -> None:
    files = [tmp_path / name for name in ("p.ics", "p.md", "p.html", "p.toml")]
    flags = ("--ics", "--markdown", "--html", "--save-profile")
    args = [x for flag, path in zip(flags, files, strict=True) for x in (flag, str(path))]
    result = run("--keyword", "SKA", *args)
    assert result.exit_code == 0, result.output
    for path in files:
        assert path.is_file() and f"wrote {path}" in result.stderr


# folders that do not exist are not made


@pytest.mark.parametrize("flag", ["--ics", "--markdown", "--html", "--save-profile"])
def test_plan_refuses_a_file_in_a_folder_that_does_not_exist(tmp_path: Path, flag: str) -> None:
    target = tmp_path / "no" / "such" / "plan.out"
    result = run("--keyword", "SKA", flag, str(target))
    assert result.exit_code == 1
    assert result.stderr == f"planner: {target}: the folder {target.parent} does not exist\n"
    assert not (tmp_path / "no").exists()


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("")
    target = tmp_path / "notes" / "plan.ics"
    result = run("--keyword", "SKA", "--ics", str(target))
    assert result.exit_code == 1
    assert f"{tmp_path / 'notes'} is not a folder" in result.stderr


def test_import_and_export_refuse_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    from tests.conftest import EMBEDDED

    target = tmp_path / "new" / "programme.yaml"
    result = CliRunner().invoke(main, ["import", str(EMBEDDED), "-o", str(target)])
    assert result.exit_code == 1
    assert f"the folder {target.parent} does not exist" in result.stderr
    calendar = tmp_path / "new" / "programme.ics"
    result = CliRunner().invoke(main, ["export", "--programme-ics", str(calendar)])
    assert result.exit_code == 1
    assert f"the folder {calendar.parent} does not exist" in result.stderr
    assert not (tmp_path / "new").exists()


# a file the planner wrote as something else


def test_a_planner_agenda_is_not_called_foreign_when_a_calendar_is_asked_for(
    tmp_path: Path,
) -> None:
    agenda, page, calendar, profile = (tmp_path / n for n in ("a.md", "a.html", "a.ics", "a.toml"))
    written = run(
        "--keyword", "SKA", "--markdown", str(agenda), "--html", str(page),
        "--ics", str(calendar), "--save-profile", str(profile),
    )  # fmt: skip
    assert written.exit_code == 0, written.output
    result = CliRunner().invoke(main, ["export", "--programme-ics", str(agenda)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"planner: {agenda}: was written by the planner as a Markdown agenda, not a calendar; "
        "use --force to overwrite it, or choose another file\n"
    )
    cases = [
        ("--ics", page, "an HTML agenda, not a calendar"),
        ("--markdown", calendar, "a calendar, not an agenda"),
        ("--save-profile", agenda, "a Markdown agenda, not a profile"),
        ("--ics", profile, "a profile, not a calendar"),
    ]
    for flag, path, words in cases:
        result = run("--keyword", "SKA", flag, str(path))
        assert result.exit_code == 1
        assert f"{path}: was written by the planner as {words}; " in result.stderr
    before = agenda.read_text()
    assert run("--keyword", "SKA", "--html", str(agenda)).exit_code == 0  # one agenda for another
    assert agenda.read_text() != before and "<html" in agenda.read_text()
