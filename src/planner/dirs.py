"""Where the planner keeps what it fetched and what it has seen: the user's cache folder
(platformdirs), or ``$PLANNER_CACHE_DIR`` when it is set (tests, and users who want it elsewhere).

Nothing kept there is the user's own data: removing the folder only makes the next run fetch
again and report no changes."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_ENV = "PLANNER_CACHE_DIR"


def cache_dir() -> Path:
    """The folder (not necessarily existing yet) for fetched programmes and seen versions."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir("planner", appauthor=False))
