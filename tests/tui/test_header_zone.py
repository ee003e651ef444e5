"""The header names the zone the times are in; a zone made from a file's offsets is shown as
the offset it stands for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from planner.sources import load_programme
from planner.tui.app import PlannerApp

from .conftest import FIXED_NOW, Seen, running

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


async def test_an_inferred_zone_says_where_it_came_from(tmp_path: Path) -> None:
    from tests.test_zone_inference import event, frab, write

    programme = load_programme(write(tmp_path, frab(event("1", "09:30"))))
    app = PlannerApp(programme, clock=lambda: FIXED_NOW)
    async with running(app):
        assert app.main.sub_title == (
            "Brussels · times in Europe/Brussels, inferred from the city 'Brussels'; "
            "--zone ZONE to change it"
        )


async def test_an_unknown_zone_is_said_loudly_and_no_calendar_is_exported(tmp_path: Path) -> None:
    from planner.interests import InterestProfile
    from tests.test_zone_inference import event, frab, write

    from .conftest import settle
    from .test_plan import export_to

    programme = load_programme(write(tmp_path, frab(event("1", "09:30"), city=None)))
    profile = InterestProfile.model_validate({"star": {"1": 10.0}})
    app = PlannerApp(programme, profile, clock=lambda: FIXED_NOW)
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        assert "UNKNOWN zone" in app.main.sub_title
        note = str(app.main.query_one("#zone-note", Static).render())
        assert "local clock times of an unknown zone" in note and "--zone ZONE" in note
        await settle(pilot)
        await export_to(pilot, tmp_path / "plan.ics")
        assert not (tmp_path / "plan.ics").exists()
        messages = seen.notifications
        assert any("no calendar written" in m and "--zone ZONE" in m for m in messages)
        await export_to(pilot, tmp_path / "plan.md", "markdown")
        assert "their zone is unknown" in (tmp_path / "plan.md").read_text(encoding="utf-8")
