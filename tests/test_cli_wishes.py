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


# nothing to plan, and why


def test_no_interest_given_says_how_to_give_one() -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert "Nothing to plan: you have given no interests yet" in result.stdout
    assert "--keyword" in result.stdout
    assert "Lunch" not in result.stdout  # three lunches alone are not a plan to show


def test_interests_that_score_nothing_say_so() -> None:
    result = run("--keyword", "xqzw")
    assert result.exit_code == 0, result.output
    assert "Nothing to plan: no contribution matches your interests" in result.stdout


def test_leaving_before_the_conference_is_a_warning_not_the_no_interest_hint() -> None:
    result = run("--keyword", "anomaly detection", "--leave", "2022-05-29")
    assert result.exit_code == 0, result.output
    assert (
        "planner: --leave 2022-05-29 00:00 is before the conference starts (Monday 30 May 2022)"
        in result.stderr
    )
    assert "Nothing to plan" not in result.stdout
    assert "outside your availability" in result.stdout


def test_arriving_after_the_conference_is_a_warning() -> None:
    result = run("--keyword", "SKA", "--arrive", "2022-06-02 09:00")
    assert result.exit_code == 0, result.output
    assert (
        "planner: --arrive 2022-06-02 09:00 is after the conference ends (Wednesday 1 June 2022)"
        in result.stderr
    )


def test_arriving_early_and_leaving_late_is_no_warning() -> None:
    result = run("--keyword", "SKA", "--arrive", "2022-05-29 18:00", "--leave", "2022-06-02 10:00")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Nothing to plan" not in result.stdout


def test_a_must_see_alone_is_something_to_plan() -> None:
    result = run("--must", "16")
    assert result.exit_code == 0, result.output
    assert "Nothing to plan" not in result.stdout


# wishes that match nothing: one warning each, and the plan is still made


def test_wishes_matching_nothing_are_each_a_warning() -> None:
    result = run("--keyword", "xqzw", "--session", "Nonexistent=4", "--speaker", "Nobody Atall")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "planner: --keyword 'xqzw' matches no contribution",
        "planner: --session 'Nonexistent' matches no session, track or id",
        "planner: --speaker 'Nobody Atall' matches no speaker",
    ]
    assert "Optimal plan" in result.stdout


def test_wishes_that_match_are_no_warning() -> None:
    result = run("--keyword", "SKA", "--session", "anomaly detection", "--speaker", "M. Lochner")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_show_warns_of_a_track_that_matches_nothing() -> None:
    result = CliRunner().invoke(main, ["show", "--track", "nothing"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert result.stderr == "planner: --track 'nothing' matches no session or track\n"
    matched = CliRunner().invoke(main, ["show", "--track", "anomaly"], env={"COLUMNS": "120"})
    assert matched.exit_code == 0 and matched.stderr == ""
