"""A hand-written profile with local times and star levels opens in the TUI, and each edit saves
it back with offsets that read to the same profile."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.interests.profile import STAR_LEVELS
from planner.interests.storage import load_profile
from planner.tui.app import make_app

from .conftest import FIXED_NOW, running

pytestmark = pytest.mark.asyncio


async def test_a_hand_written_profile_with_local_times_is_read_and_saved_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('keyword = "SKA"\narrive = "31 May 2pm"\nstar.41 = "***"\n')
    app = make_app(None, path, clock=lambda: FIXED_NOW)
    assert app.profile.arrive == datetime(2022, 5, 31, 14, 0, tzinfo=ZoneInfo("Europe/Rome"))
    assert app.profile.keyword == ["SKA"] and app.profile.star == {"41": STAR_LEVELS[3]}
    async with running(app) as pilot:
        await pilot.press("down", "m")
        saved = load_profile(path, app.programme)
        assert saved == app.profile
        assert saved.must == ["1"] and saved.star == {"41": STAR_LEVELS[3]}
    assert "arrive = 2022-05-31 14:00:00+02:00" in path.read_text()
    assert load_profile(path) == saved  # offsets written: readable without the programme too
