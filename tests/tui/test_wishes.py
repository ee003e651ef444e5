"""Marking items (must-see, skip, clear) and the constraints form, driven by the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from planner.interests.storage import load_profile
from planner.tui.app import PlannerApp, make_app
from planner.tui.dialogs.constraints import ConstraintsDialog
from planner.tui.screens.main import MainScreen

from .conftest import FIXED_NOW, Seen, running, settle
from .test_browse import details_text as details_plain

pytestmark = pytest.mark.asyncio

Make = Callable[..., PlannerApp]
SMALL = (100, 30)


async def test_must_skip_and_clear_the_highlighted_item(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        table = app.main.active_table()
        await pilot.press("down")
        assert table.highlighted_key == "1"
        await pilot.press("m")
        assert app.profile.must == ["1"]
        assert table.get_cell("1", "mark").plain.strip().lstrip("✓") == "!"
        await pilot.press("s")
        assert (app.profile.must, app.profile.skip) == ([], ["1"])
        assert table.get_cell("1", "mark").plain.strip().lstrip("✓") == "✗"
        await pilot.press("c")
        assert app.profile.skip == []
        assert table.get_cell("1", "mark").plain.strip().lstrip("✓") == ""


async def test_marking_a_break_is_refused_with_a_notification(make: Make) -> None:
    app = make()
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        app.main.active_table().select_key("break:2022-05-30-coffee-1")
        await pilot.pause()
        row = app.main.highlighted_row()
        assert row is not None and row.kind == "coffee", row
        await pilot.press("m")
        assert app.profile.must == []
        assert seen.notifications == ["Highlight a talk or a poster first."]


async def test_constraints_form_shows_errors_beside_fields_then_saves(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, ConstraintsDialog)
        assert dialog.query_one("#field-arrive", Input).has_focus
        await pilot.press(*"tomorrow")
        error = dialog.query_one("#error-arrive", Static)
        assert error.display
        assert "'tomorrow': not a date and time I can read" in str(error.render())
        await pilot.press("ctrl+s")
        assert app.screen is dialog, "a bad form is not saved"
        dialog.query_one("#field-arrive", Input).value = "2022-05-31 10:00"
        dialog.query_one("#field-walk", Input).value = "2"
        await pilot.pause()
        assert not dialog.query_one("#error-arrive", Static).display
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert app.profile.walk == 2
        assert app.profile.arrive is not None
        assert app.profile.arrive.utcoffset() == timedelta(hours=2)


async def test_constraints_form_cancel_keeps_the_profile(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        before = app.profile
        await pilot.press("o")
        app.screen.query_one("#field-walk", Input).value = "9"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.profile == before


async def test_star_levels_toggle_and_show_in_marks_and_details(make: Make) -> None:
    from planner.interests.profile import STAR_LEVELS

    app = make()
    async with running(app) as pilot:
        table = app.main.active_table()
        await pilot.press("2")
        assert app.profile.star == {"28": STAR_LEVELS[2]}
        assert table.get_cell("28", "mark").plain.strip().lstrip("✓") == "★★"
        assert app.scores["28"].score == STAR_LEVELS[2]
        assert "Interest 30: starred: weight 30" in details_plain(app)
        await pilot.press("3")
        assert app.profile.star == {"28": STAR_LEVELS[3]}
        await pilot.press("3")
        assert app.profile.star == {}
        await settle(pilot)
        assert table.get_cell("28", "mark").plain == ""


async def test_the_profile_is_saved_at_each_change_and_restored_at_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "me" / "profile.toml"
    app = make_app(None, path, clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        await pilot.press("1", "down", "m", "down", "s")
        assert load_profile(path) == app.profile
        await pilot.press("o")
        app.screen.query_one("#field-walk", Input).value = "7"
        await pilot.press("ctrl+s")
        saved = load_profile(path)
        assert saved.walk == 7
    assert (saved.star, saved.must, saved.skip) == ({"28": 15.0}, ["1"], ["2"])

    again = make_app(None, path, clock=lambda: FIXED_NOW)
    async with running(again) as pilot:
        await pilot.pause()
        assert again.profile == saved
        table = again.main.active_table()
        assert [table.get_cell(i, "mark").plain.strip().lstrip("✓") for i in ("28", "1", "2")] == [
            "★",
            "!",
            "✗",
        ]
