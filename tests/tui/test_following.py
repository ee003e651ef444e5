"""A programme file the TUI follows: the changes since it was last seen are a banner over the
day tables, on start and after ``R`` reads the file again; the plan made last is the hint."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from textual.widgets import Static

from planner.cli import main
from planner.tui.app import PlannerApp, make_app
from programme_factory import programme_data
from tui.conftest import FIXED_NOW, LARGE, Seen, running, settle

pytestmark = pytest.mark.asyncio

PROFILE = 'star = ["t1", "t2"]\n'


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _cancel_t1(data: dict[str, Any]) -> dict[str, Any]:
    new = copy.deepcopy(data)
    next(c for c in new["contributions"] if c["id"] == "t1")["cancelled"] = True
    return new


def _app(source: Path, profile: Path) -> PlannerApp:
    return make_app(source, profile, clock=lambda: FIXED_NOW)


def _banner(app: PlannerApp) -> Static:
    return app.screen_stack[0].query_one("#news", Static)


async def test_r_reads_the_programme_again_and_shows_what_touches_the_plan(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    profile = tmp_path / "me.toml"
    profile.write_text(PROFILE)
    app = _app(source, profile)
    seen = Seen()
    async with running(app, LARGE, message_hook=seen) as pilot:
        await settle(pilot)
        assert app.itinerary is not None
        assert {i.id for i in app.itinerary.items} >= {"t1", "t2"}
        assert not _banner(app).display and app.news == ()
        await pilot.press("R")  # nothing changed yet
        for _ in range(200):
            await pilot.pause(0.02)
            if any("No change" in n for n in seen.notifications):
                break
        assert any("No change to the programme" in n for n in seen.notifications)
        _write(source, _cancel_t1(data))
        await pilot.press("R")
        for _ in range(500):
            await pilot.pause(0.02)
            if app.news:
                break
        await settle(pilot)
        assert app.news and "'First' (Sat 09:00) was cancelled" in app.news[0]
        assert app.programme.contribution_by_id["t1"].cancelled
        assert app.itinerary is not None and "t1" not in {i.id for i in app.itinerary.items}
        assert _banner(app).display


async def test_changes_made_while_the_app_was_closed_are_shown_at_start(tmp_path: Path) -> None:
    data = programme_data()
    source = _write(tmp_path / "conf.yaml", data)
    profile = tmp_path / "me.toml"
    profile.write_text(PROFILE)
    planned = CliRunner().invoke(
        main, ["plan", "--programme", str(source), "--profile", str(profile)]
    )
    assert planned.exit_code == 0, planned.output
    _write(source, _cancel_t1(data))
    app = _app(source, profile)
    async with running(app, LARGE) as pilot:
        await settle(pilot)
        assert len(app.news) == 1 and "was cancelled" in app.news[0]
        assert "its slot is now free" in app.news[0]
    # seen by the app: the command line has no news any more
    after = CliRunner().invoke(
        main, ["update", "--programme", str(source), "--profile", str(profile)]
    )
    assert "No change to the programme" in after.stdout


async def test_the_embedded_programme_has_nothing_to_refresh(make: Any) -> None:
    app = make()
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert any("nothing to refresh" in n for n in seen.notifications)
