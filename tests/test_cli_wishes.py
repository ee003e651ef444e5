"""``planner plan`` on wishes that contradict each other, or that match nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from planner.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["plan", *args], env={"COLUMNS": "120"})


def test_must_and_skip_of_one_item_is_a_usage_error() -> None:
    result = run("--must", "16", "--skip", "16")
    assert result.exit_code == 2
    assert result.stderr == "planner: --must and --skip both name contribution 16: choose one\n"


def test_own_and_skip_of_one_item_is_a_usage_error() -> None:
    result = run("--own", "95", "--skip", "95")
    assert result.exit_code == 2
    assert "--own and --skip both name contribution 95" in result.stderr


def test_a_profile_that_skips_its_own_talk_is_refused_naming_it(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('own = ["95"]\nskip = ["95"]\n')
    result = run("--profile", str(profile))
    assert result.exit_code == 1
    assert f"{profile}: own and skip both name contribution 95" in result.stderr
    profile.write_text('must = ["16"]\nskip = ["16"]\n')
    result = run("--profile", str(profile))
    assert result.exit_code == 1
    assert str(profile) in result.stderr and "16" in result.stderr


def test_a_flag_overrides_the_profile_file(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('keyword = ["SKA"]\nskip = ["16"]\n')
    result = run("--profile", str(profile), "--must", "16", "--json")
    assert result.exit_code == 0, result.output
    assert '"id": "16"' in result.stdout
