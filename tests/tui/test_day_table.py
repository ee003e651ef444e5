"""The day table on a real-world shaped schedule: whole-word search, ranking, times after
midnight, long room names and the title's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from planner.interests.relevance import relevance_index
from planner.model import Programme
from planner.sources import load_programme
from planner.tui.app import PlannerApp

from .conftest import FIXED_NOW, running

pytestmark = pytest.mark.asyncio

NIGHT = Path(__file__).parent.parent / "fixtures" / "schedules" / "after-midnight.schedule.xml"


def night_app() -> PlannerApp:
    return PlannerApp(load_programme(NIGHT), None, clock=lambda: FIXED_NOW)


def cell(app: PlannerApp, key: str, column: str) -> str:
    value = app.main.active_table().get_cell(key, column)
    return value.plain if isinstance(value, Text) else str(value)


async def test_a_talk_after_midnight_is_on_its_evening_with_plus_one_day() -> None:
    app = night_app()
    async with running(app) as pilot:
        await pilot.pause()
        assert app.main.active_day().isoformat() == "2019-12-27"
        assert cell(app, "2", "time") == "00:50–01:30 +1d"
        assert [r.key for r in app.main.active_table().rows_shown] == ["3", "1", "2"]


async def test_long_room_names_are_cut_with_an_ellipsis_and_titles_grow() -> None:
    app = night_app()
    async with running(app, size=(100, 30)) as pilot:
        await pilot.pause()
        room = cell(app, "1", "room")
        assert room.endswith("…") and room.startswith("Saal Y")
        narrow = app.main.active_table().widths()["title"]
        await pilot.resize_terminal(139, 30)
        await pilot.pause()
        assert app.main.active_table().widths()["title"] > narrow + 20


async def test_search_finds_whole_words_and_a_star_finds_parts() -> None:
    app = night_app()
    async with running(app) as pilot:
        await pilot.press("slash", *"rust")
        await pilot.pause()
        assert [r.key for r in app.main.active_table().rows_shown] == ["1"]
        await pilot.press(*["backspace"] * 4, *"*rust*")
        await pilot.pause()
        assert [r.key for r in app.main.active_table().rows_shown] == ["1", "2"]


async def test_r_ranks_the_matches_by_relevance_and_again_by_time(programme: Programme) -> None:
    app = PlannerApp(programme, None, clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        await pilot.press("slash", *"anomaly detection", "enter")
        await pilot.pause()
        table = app.main.active_table()
        by_time = [r.key for r in table.rows_shown if r.is_contribution]
        await pilot.press("r")
        await pilot.pause()
        scores = relevance_index(programme).scores("anomaly detection")
        best = [r.key for r in table.rows_shown]
        assert sorted(best) == sorted(by_time) and best != by_time
        assert [scores.get(k, 0) for k in best] == sorted(
            (scores.get(k, 0) for k in best), reverse=True
        )
        await pilot.press("r")
        await pilot.pause()
        assert [r.key for r in table.rows_shown if r.is_contribution] == by_time


async def test_a_cancelled_item_says_so_in_the_kind_column(tmp_path: Path) -> None:
    text = NIGHT.read_text(encoding="utf-8")
    path = tmp_path / "cancelled.schedule.xml"
    path.write_text(text.replace("<title>Rust before", "<title>CANCELLED Rust before"), "utf-8")
    programme = load_programme(path)
    gone = next(c for c in programme.contributions if c.cancelled)
    app = PlannerApp(programme, None, clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        await pilot.pause()
        table = app.main.active_table()
        assert cell(app, gone.id, "kind") == "cancelled"
        assert not cell(app, gone.id, "title").startswith("CANCELLED")
        assert table.widths()["kind"] == len("cancelled")


async def test_a_day_not_shown_yet_knows_the_row_it_will_highlight() -> None:
    # ML4Astro opens on its first day; the other days' tables are not filled until shown
    app = PlannerApp(load_programme(None), None, clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        await pilot.pause()
        later = app.main.tables()[-1]
        assert later is not app.main.active_table() and later.row_count == 0
        last = later.rows_shown[-1].key
        assert later.select_key(last)
        row = later.highlighted_row
        assert row is not None and row.key == last, "not the first row, before it is filled"
        assert later.highlighted_key == last
