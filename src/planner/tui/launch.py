"""Start the terminal UI from the command line."""

from __future__ import annotations

from pathlib import Path

from planner.tui.app import make_app


def run_tui(
    programme_path: Path | str | None = None,
    profile_path: Path | None = None,
    zone: str | None = None,
) -> None:
    """Load everything first (errors end in one message, before the screen opens), then run."""
    app = make_app(programme_path, profile_path, zone=zone)
    app.run()
