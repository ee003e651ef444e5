"""Browsing with the keyboard: days, search, filters, details, help, palette, theme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.console import Console
from textual.widgets import Input, Select, TabbedContent

from planner.tui.app import DARK, LIGHT, PlannerApp
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.main import MainScreen
from planner.tui.widgets.day_table import DayTable
from planner.tui.widgets.details import DetailsPane

from .conftest import running

pytestmark = pytest.mark.asyncio

SMALL = (100, 30)

Make = Callable[..., PlannerApp]


def details_text(app: PlannerApp) -> str:
    pane = app.screen.query_one(DetailsPane)
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(pane.content)
    return console.export_text()


async def test_opens_on_the_first_day_with_the_first_item_in_details(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one("#days", TabbedContent).active == "day-2022-05-30"
        table = screen.active_table()
        assert table.has_focus
        assert table.highlighted_key == "28"
        text = details_text(app)
        assert "Kai Polsterer — Heidelberg Institute for Theoretical Studies" in text
        assert "09:00–09:40*" in text and "reconstructed time" in text


async def test_opens_on_today_during_the_conference(programme, make: Make) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    app = PlannerApp(
        programme, clock=lambda: datetime(2022, 5, 31, 10, tzinfo=ZoneInfo("Europe/Rome"))
    )
    async with running(app) as pilot:
        await pilot.pause()
        assert app.main.active_day().isoformat() == "2022-05-31"


async def test_brackets_change_day_and_wrap(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("right_square_bracket")
        assert app.main.active_day().isoformat() == "2022-05-31"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.main.active_day().isoformat() == "2022-06-01"


async def test_a_days_table_is_made_when_the_day_is_first_shown(make: Make) -> None:
    """The first screen has the table of the day shown only; another day's table comes with
    its rows and marks (a star given before it was shown) and the focus, the first time."""
    from planner.interests import InterestProfile

    app = make(InterestProfile.model_validate({"star": {"26": 10.0}}))
    async with running(app) as pilot:
        await pilot.pause()
        assert [t.day.isoformat() for t in app.main.query(DayTable)] == ["2022-05-30"]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        table = app.main.active_table()
        assert [t.day.isoformat() for t in app.main.query(DayTable)] == [
            "2022-05-30",
            "2022-05-31",
        ]
        assert table.has_focus and table.row_count == len(table.rows_shown) > 0
        assert str(table.get_cell("26", "mark")) == "✓☆"  # starred, and planned
        await pilot.press("down", "m")
        assert app.profile.must == ["26"]


async def test_search_as_you_type_then_read_the_match(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("slash")
        assert app.screen.query_one("#search", Input).has_focus
        await pilot.press(*"jupiter-host")
        table = app.main.active_table()
        assert [r.key for r in table.rows_shown] == ["99"]
        tabs = app.screen.query_one("#days", TabbedContent)
        assert str(tabs.get_tab("day-2022-05-31").label) == "Tue 31 May (0)"
        await pilot.press("enter")
        assert table.has_focus
        text = details_text(app)
        assert "Miguel Andrea Zammit — University of Malta" in text
        assert "Note: The book gives no session for contribution 99." in text
        # Escape in the table leaves the search as it is; in the search box it clears it.
        await pilot.press("slash", "escape")
        assert app.screen.query_one("#search", Input).value == ""
        assert any(r.kind == "coffee" for r in table.rows_shown)
        assert table.highlighted_key == "99"


async def test_escape_in_the_search_clears_it_and_goes_back_to_the_table(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("slash", *"lochner")
        search = app.screen.query_one("#search", Input)
        assert search.value == "lochner"
        await pilot.press("escape")
        assert search.value == ""
        assert not search.has_focus
        assert app.main.active_table().has_focus
        assert not app.main.filters.active
        await pilot.press("escape")  # in the table: stays there
        assert app.main.active_table().has_focus
        await pilot.press("slash", "escape")  # an empty search box: back to the table too
        assert app.main.active_table().has_focus
        await pilot.press("q")
        await pilot.pause()
        assert search.value == ""
        assert app.return_code == 0  # q quits: it is not typed into the search


async def test_search_by_speaker_finds_other_days(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("slash", *"spampinato", "enter")
        tabs = app.screen.query_one("#days", TabbedContent)
        counts = [
            str(tabs.get_tab(f"day-{d}").label) for d in ("2022-05-30", "2022-05-31", "2022-06-01")
        ]
        assert counts[0] == "Mon 30 May (1)"


async def test_search_shows_the_first_day_with_matches(make: Make) -> None:
    """Searching on a day without matches moves to the first day that has them."""
    app = make()
    async with running(app) as pilot:
        assert app.main.active_day().isoformat() == "2022-05-30"
        await pilot.press("slash", *"anomaly")
        await pilot.pause()
        assert app.main.active_day().isoformat() == "2022-05-31"
        assert "30" in [r.key for r in app.main.active_table().rows_shown]


async def test_filter_by_session_and_kind(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        screen = app.main
        screen.query_one("#kind-filter", Select).value = "poster"
        await pilot.pause()
        kinds = {r.kind for r in screen.active_table().rows_shown}
        assert kinds == {"posters", "poster"}
        screen.query_one("#kind-filter", Select).clear()
        screen.query_one("#session-filter", Select).value = "Deep Learning"
        await pilot.pause()
        rows = screen.active_table().rows_shown
        assert rows and all(
            r.contribution and app.programme.session_of(r.contribution).title == "Deep Learning"
            for r in rows
        )
        await pilot.press("ctrl+r")
        assert screen.filters.active is False
        assert len(screen.active_table().rows_shown) > len(rows)


async def test_select_contribution_shows_its_day(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        assert app.main.select_contribution("99")
        await pilot.pause()
        assert app.main.active_table().highlighted_key == "99"
        assert not app.main.select_contribution("no-such-id")


async def test_help_lists_the_bindings_and_closes(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = dict(app.screen.entries)
        assert described["/"] == "Search titles, speakers and abstracts"
        assert "ctrl+p" in described
        assert described["esc"] == "Back to the table (from the search box: clear the search)"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_theme_toggles_between_light_and_dark(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        assert app.theme == DARK
        await pilot.press("t")
        assert app.theme == LIGHT
        await pilot.press("t")
        assert app.theme == DARK


async def test_the_palette_offers_the_main_actions(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Search",
            "Next day",
            "Previous day",
            "Clear filters",
            "Toggle light/dark",
            "Help",
        } <= titles
        await pilot.press("ctrl+p", *"next day")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.active_day().isoformat() == "2022-05-31"


async def test_each_day_table_fits_the_terminal(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.pause()
        table = app.main.active_table()
        assert isinstance(table, DayTable)
        assert table.virtual_size.width <= table.size.width
