"""The now view (n): the clock, the plan's item now and next, the walk, the time left and the
talks starting soon, at fixed clocks (before the first item, during one, after the last), and
updated as the clock moves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from textual.widgets import Static

from planner.interests import InterestProfile
from planner.tui.app import PlannerApp
from planner.tui.screens import now as now_screen
from planner.tui.screens.main import MainScreen
from planner.tui.screens.now import NowScreen

from .conftest import FIXED_NOW, running, settle

pytestmark = pytest.mark.asyncio

Make = Callable[..., PlannerApp]
ROME = ZoneInfo("Europe/Rome")
#: Two talks planned on the first morning (28 at 09:00-09:40, 1 at 09:40-10:00, reconstructed
#: times); a third starred (2, at 10:00) is left out by the cap: an alternative.
STARS = {"star": {"28": 30.0, "1": 15.0, "2": 5.0}, "max_talks_per_day": 2}


def now_text(app: PlannerApp) -> str:
    body = app.screen.query_one("#now-body", Static)
    console = Console(width=140, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(body.content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


class Clock:
    """A clock the test moves."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


async def open_now(make: Make, at: datetime) -> tuple[PlannerApp, str]:
    app = make(InterestProfile.model_validate(STARS))
    app.clock = Clock(at)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NowScreen)
        text = now_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    return app, text


async def test_before_the_first_item_the_next_is_the_first_talk(make: Make) -> None:
    _, text = await open_now(make, FIXED_NOW)  # Sunday evening, the day before
    lines = text.splitlines()
    assert lines[0] == "Sunday 29 May 2022, 18:00 (CEST, UTC+02:00)"
    assert "Now:   nothing in your plan" in lines
    nxt = next(line for line in lines if line.startswith("Next:"))
    assert "28 From Supervised to Unsupervised" in nxt
    assert "(in 15 h)" in nxt, "no walk: nothing before it that day"
    assert "No other talk starts in the next 30 minutes." in lines
    assert lines[-1] == "The conference runs from Monday 30 May to Wednesday 1 June 2022."


async def test_during_a_talk_the_time_left_the_walk_and_the_alternatives(make: Make) -> None:
    at = datetime(2022, 5, 30, 9, 15, tzinfo=ROME)
    app, text = await open_now(make, at)
    lines = text.splitlines()
    assert lines[0] == "Monday 30 May 2022, 09:15 (CEST, UTC+02:00)"
    now = next(line for line in lines if line.startswith("Now:"))
    assert "28 From Supervised to Unsupervised" in now and "(25 min left)" in now
    nxt = next(line for line in lines if line.startswith("Next:"))
    assert "1 Stellar populations" in nxt and "(in 25 min; same room)" in nxt
    # the same lines as planner now prints for this clock
    from planner.now import now_and_next
    from planner.views.now_view import print_now

    assert app.itinerary is not None
    state = now_and_next(app.programme, app.itinerary, app.scores, app.usable_profile, at)
    console = Console(width=140, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    print_now(state, app.programme, console)
    assert text.strip() == console.export_text().strip()
    assert "No other talk starts in the next 30 minutes." in lines


async def test_the_best_alternative_starting_soon(make: Make) -> None:
    _, text = await open_now(make, datetime(2022, 5, 30, 9, 45, tzinfo=ROME))
    lines = text.splitlines()
    assert "Next:  nothing more in your plan" in lines
    heading = lines.index("Not in your plan, starting in the next 30 minutes:")
    assert lines[heading + 1].startswith("  10:00")
    assert " 2 " in lines[heading + 1] and "(score 5)" in lines[heading + 1]


async def test_after_the_last_item_nothing_is_left(make: Make) -> None:
    _, text = await open_now(make, datetime(2022, 6, 1, 23, 0, tzinfo=ROME))
    lines = text.splitlines()
    assert lines[0] == "Wednesday 1 June 2022, 23:00 (CEST, UTC+02:00)"
    assert "Now:   nothing in your plan" in lines
    assert "Next:  nothing more in your plan" in lines
    assert "The conference runs from" not in text, "still its last day"


async def test_after_the_conference_it_says_when_it_was(make: Make) -> None:
    _, text = await open_now(make, datetime(2022, 6, 2, 9, 0, tzinfo=ROME))
    assert "Next:  nothing more in your plan" in text
    assert (
        text.splitlines()[-1] == "The conference runs from Monday 30 May to Wednesday 1 June 2022."
    )


async def test_without_a_plan_it_says_how_to_make_one(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "No plan yet." in now_text(app)


async def test_it_follows_the_clock_and_the_plan(
    make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(now_screen, "EVERY", 0.05)  # a minute, made short
    clock = Clock(datetime(2022, 5, 30, 9, 15, tzinfo=ROME))
    app = make(InterestProfile.model_validate(STARS))
    app.clock = clock
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "(25 min left)" in now_text(app)
        clock.at = datetime(2022, 5, 30, 9, 45, tzinfo=ROME)
        await pilot.pause(0.2)
        now = next(line for line in now_text(app).splitlines() if line.startswith("Now:"))
        assert "1 Stellar populations" in now and "(15 min left)" in now
        await pilot.press("p")  # a new plan is shown as it arrives
        await settle(pilot)
        assert "Stellar populations" in now_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, MainScreen)
