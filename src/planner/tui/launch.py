"""Start the terminal UI from the command line."""

from __future__ import annotations

import gc
from pathlib import Path

from planner.tui.app import PlannerApp, make_app


def load_tui(
    programme_path: Path | str | None = None,
    profile_path: Path | None = None,
    zone: str | None = None,
) -> PlannerApp:
    """The app on the programme and profile, loaded (errors end in one message, before the
    screen opens).

    What is loaded here lives as long as the process: the modules, their classes, the
    programme. It is moved out of the garbage collector's reach (``gc.freeze``), first the
    modules, then the programme, so that no full collection walks it again: on ML4Astro, one
    of about 18 ms fell in the launch, and each later one walked some 47,000 objects more."""
    gc.freeze()
    app = make_app(programme_path, profile_path, zone=zone)
    gc.freeze()
    return app


def run_tui(
    programme_path: Path | str | None = None,
    profile_path: Path | None = None,
    zone: str | None = None,
) -> None:
    """Load everything first (errors end in one message, before the screen opens), then run."""
    load_tui(programme_path, profile_path, zone).run()
