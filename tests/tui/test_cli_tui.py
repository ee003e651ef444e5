"""``planner`` with no command, and ``planner tui``, open the terminal UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import cli
from planner.tui import launch
from planner.tui.app import make_app

from .conftest import FIXED_NOW


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, Path | None]]:
    calls: list[tuple[Path | None, Path | None]] = []
    monkeypatch.setattr(
        launch, "run_tui", lambda programme, profile: calls.append((programme, profile))
    )
    return calls


def test_no_command_opens_the_tui_on_the_embedded_programme(
    launched: list[tuple[Path | None, Path | None]],
) -> None:
    result = CliRunner().invoke(cli.main, [])
    assert result.exit_code == 0, result.output
    assert launched == [(None, None)]


def test_tui_command_passes_its_files(
    launched: list[tuple[Path | None, Path | None]], tmp_path: Path
) -> None:
    programme, profile = tmp_path / "p.yaml", tmp_path / "me.toml"
    result = CliRunner().invoke(
        cli.main, ["tui", "--programme", str(programme), "--profile", str(profile)]
    )
    assert result.exit_code == 0, result.output
    assert launched == [(programme, profile)]


def test_a_missing_programme_is_one_message_before_any_screen(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(cli.main, ["tui", "--programme", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"planner: {missing}: no such file"
    assert "Traceback" not in result.output


def test_a_broken_profile_stops_the_start_with_one_message(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from planner.cli import main

    path = tmp_path / "profile.toml"
    path.write_text("walk = 'far'\n", encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["tui", "--profile", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"planner: {path}")
    assert "walk" in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == before, "the user's file is left alone"


def test_the_default_profile_lives_in_the_user_data_folder(user_dirs: Path) -> None:
    app = make_app(None, None, clock=lambda: FIXED_NOW)
    assert app.profile_path is not None
    assert app.profile_path.is_relative_to(user_dirs)


def test_what_the_tui_loads_is_out_of_the_collectors_reach(tmp_path: Path) -> None:
    """The modules and the programme live as long as the app: no collection walks them."""
    import gc

    try:
        app = launch.load_tui(None, tmp_path / "me.toml")
        tracked = {id(o) for o in gc.get_objects()}  # the frozen are not among them
        assert gc.get_freeze_count() > 0
        assert id(app.programme) not in tracked and id(launch) not in tracked
        assert id(app.programme.contributions[0]) not in tracked
    finally:
        gc.unfreeze()
