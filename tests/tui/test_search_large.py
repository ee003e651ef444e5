"""Search on a large real programme (FOSDEM 2026, 883 events): the keys typed before a pause
make one pass over the tables, and Enter searches at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from planner.sources import load_programme
from planner.tui.app import PlannerApp
from planner.tui.rows import Filters, day_rows
from planner.tui.screens.main import SEARCH_PAUSE_FROM, MainScreen

from .conftest import FIXED_NOW, running

pytestmark = pytest.mark.asyncio


async def test_a_burst_of_keys_filters_once_with_the_whole_query(
    real_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    programme = load_programme(real_file("fosdem-2026.schedule.xml"))
    assert len(programme.contributions) > SEARCH_PAUSE_FROM
    passes: list[str] = []
    apply = MainScreen.apply_filters

    def counted(screen: MainScreen) -> None:
        passes.append(screen.filters.query)
        apply(screen)

    monkeypatch.setattr(MainScreen, "apply_filters", counted)
    app = PlannerApp(programme, clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        main = app.main
        assert main.search_delay > 0
        main.search_delay = 60.0  # a pause no test machine reaches between two keys
        passes.clear()
        await pilot.press("slash", *"postgres")
        assert main.search_pending
        assert passes == []
        await pilot.press("enter")  # Enter does not wait for the pause
        assert not main.search_pending
        assert passes == ["postgres"]
        day = main.active_day()
        expected = [r.key for r in day_rows(programme, day, Filters("postgres"))]
        assert expected
        assert [r.key for r in main.active_table().rows_shown] == expected

        # After the pause, the search runs by itself.
        main.search_delay = 0.05
        await pilot.press("slash", "end", "backspace")
        while main.search_pending:
            await pilot.pause(0.02)
        await pilot.pause()
        assert passes[1:] == ["postgre"]
        assert main.query_one("#search", Input).value == "postgre"
