"""The interests panel: keywords, speakers and session weights, ranked matches updating live."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Static

from planner.tui.app import PlannerApp
from planner.tui.screens.interests import InterestsScreen, SessionWeights
from planner.tui.screens.main import MainScreen

from .conftest import running, settle

pytestmark = pytest.mark.asyncio

Make = Callable[..., PlannerApp]
SMALL = (100, 30)


def ranked_ids(app: PlannerApp) -> list[str]:
    table = app.screen.query_one("#ranked", DataTable)
    return [str(key.value) for key in table.rows]


async def test_keywords_and_speakers_rank_matches_live_and_can_be_removed(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, InterestsScreen)
        assert ranked_ids(app) == []
        await pilot.press(*"anomaly detection", "enter")
        assert app.profile.keyword == ["anomaly detection"]
        ids = ranked_ids(app)
        assert ids == [c for c, i in app.scores.items() if i.score > 0] or set(ids) == {
            c for c, i in app.scores.items() if i.score > 0
        }
        scores = [app.scores[i].score for i in ids]
        assert scores == sorted(scores, reverse=True)
        assert "16" in ids[:3], "the anomaly-detection talk ranks near the top"
        await pilot.press("tab", "tab", *"Polsterer", "enter")
        assert app.profile.speaker == ["Polsterer"]
        assert "28" in ranked_ids(app)
        # Delete removes the highlighted keyword.
        app.screen.query_one("#keywords").focus()
        await pilot.press("delete")
        assert app.profile.keyword == []
        assert ranked_ids(app) == ["28"]
        await settle(pilot)
        assert app.itinerary is not None and "28" in {i.id for i in app.itinerary.items}


async def test_session_weights_step_and_clear(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("i")
        sessions = app.screen.query_one(SessionWeights)
        sessions.focus()
        row = app.screen.titles.index("Deep Learning")
        sessions.move_cursor(row=row)
        await pilot.press("plus")
        assert app.profile.session == {"Deep Learning": 10.0}
        await pilot.press("plus", "minus", "minus")
        assert app.profile.session == {"Deep Learning": 5.0}
        assert str(sessions.get_cell("Deep Learning", "weight")) == "5"
        await pilot.press("0")
        assert app.profile.session == {}
        await pilot.press("minus")
        assert app.profile.session == {"Deep Learning": -5.0}, "a session can be turned down"


async def test_enter_on_a_match_shows_it_in_the_programme(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("i", *"galaxy zoo", "enter")
        table = app.screen.query_one("#ranked", DataTable)
        table.focus()
        first = ranked_ids(app)[0]
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert app.main.active_table().highlighted_key == first


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
async def test_ranked_titles_use_the_width_of_their_pane_from_the_start(
    make: Make, size: tuple[int, int]
) -> None:
    from planner.interests import InterestProfile

    app = make(InterestProfile.model_validate({"keyword": ["machine learning"]}))
    async with running(app, size) as pilot:
        await pilot.press("i")
        await pilot.pause()
        table = app.screen.query_one("#ranked", DataTable)
        assert ranked_ids(app), "the saved keyword ranks matches at once"
        titles = [table.get_cell(key, "title") for key in ranked_ids(app)]
        widest = max(len(t.plain) for t in titles)
        # the rows fill the pane: no column runs past it, and titles take what is left
        assert table.virtual_size.width <= table.size.width
        assert widest >= table.size.width - 20
        long = [t.plain for t in titles if t.plain.endswith("…")]
        assert long, "some titles are longer than the pane"
        assert all(len(t) == widest for t in long)
        # a new keyword keeps the same width
        await pilot.press(*"anomaly", "enter")
        await pilot.pause()
        again = [table.get_cell(key, "title").plain for key in ranked_ids(app)]
        assert max(len(t) for t in again) == widest


async def test_a_keyword_that_matches_nothing_is_named(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("i")
        why = app.screen.query_one("#ranked-why", Static)
        assert str(why.render()) == "Add keywords, speakers, papers or session weights to rank."
        await pilot.press(*"xqzw", "enter")
        assert app.profile.keyword == ["xqzw"] and ranked_ids(app) == []
        assert str(why.render()) == "Nothing matches yet: keyword 'xqzw' matches no contribution."
