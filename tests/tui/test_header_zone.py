"""The header names the zone the times are in; a zone made from a file's offsets is shown as
the offset it stands for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planner.sources import load_programme
from planner.tui.app import PlannerApp

from .conftest import FIXED_NOW, running

pytestmark = pytest.mark.asyncio


async def test_offsets_only_schedule_shows_its_offset(real_file: Callable[[str], Path]) -> None:
    programme = load_programme(real_file("31c3.schedule.xml"))
    assert programme.conference.timezone == "Etc/GMT-1"
    app = PlannerApp(programme, clock=lambda: FIXED_NOW)
    async with running(app):
        assert app.main.sub_title.endswith("times at UTC+01:00")


async def test_named_zone_is_named() -> None:
    app = PlannerApp(load_programme(None), clock=lambda: FIXED_NOW)
    async with running(app):
        assert app.main.sub_title == "Catania · times in Europe/Rome"
