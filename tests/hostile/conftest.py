"""The hostile suite's length: a few mutations per reader by default, many more with
``--hostile-long`` or ``PLANNER_HOSTILE_LONG=1`` (a number above 1 sets how many)."""

from __future__ import annotations

import os

import pytest

SHORT = 1
LONG = 60


def hostile_runs(config: pytest.Config, short: int = SHORT, long: int = LONG) -> int:
    """How many runs a seeded hostile test makes: ``short``, or ``long`` in the long suite."""
    wanted = os.environ.get("PLANNER_HOSTILE_LONG", "")
    if wanted.isdigit() and int(wanted) > 1:
        return int(wanted)
    if config.getoption("hostile_long") or wanted == "1":
        return long
    return short
