"""``planner`` with no command, and ``planner tui``, open the terminal UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import cli
from planner.tui import launch


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
