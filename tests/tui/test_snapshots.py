"""Screenshots of the main screens on the embedded programme, compared with the stored SVGs.

Update them with ``pytest tests/tui/test_snapshots.py --snapshot-update`` only after reading
the diff in ``snapshot_report.html``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from planner.interests import InterestProfile
from planner.tui.app import PlannerApp

from .conftest import settle

Make = Callable[..., PlannerApp]
SMALL = (100, 30)
LARGE = (160, 45)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["100x30", "160x45"])


@SIZES
def test_browse_first_day(
    snap_compare: Callable[..., bool], make: Make, size: tuple[int, int]
) -> None:
    assert snap_compare(make(), terminal_size=size)


@SIZES
def test_search_results_and_details_of_contribution_99(
    snap_compare: Callable[..., bool], make: Make, size: tuple[int, int]
) -> None:
    assert snap_compare(make(), terminal_size=size, press=["slash", *"zammit", "enter"])


def test_poster_session_of_the_second_day(snap_compare: Callable[..., bool], make: Make) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("right_square_bracket")
        app = pilot.app
        assert isinstance(app, PlannerApp)
        app.main.active_table().select_key("session:poster-session-day-2")
        await pilot.pause()

    assert snap_compare(make(), terminal_size=LARGE, run_before=run_before)


def test_light_theme(snap_compare: Callable[..., bool], make: Make) -> None:
    assert snap_compare(make(), terminal_size=SMALL, press=["t"])


def test_help_screen(snap_compare: Callable[..., bool], make: Make) -> None:
    assert snap_compare(make(), terminal_size=SMALL, press=["question_mark"])


def test_a_plan_beside_the_programme(snap_compare: Callable[..., bool], make: Make) -> None:
    """Stars on the first morning; the plan, the marks and the details of a left-out item."""
    profile = InterestProfile.model_validate(
        {"star": {"28": 30.0, "1": 15.0, "2": 60.0}, "max_talks_per_day": 2}
    )

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, PlannerApp)
        await settle(pilot)
        app.main.select_contribution("1")
        await pilot.pause()
        assert app.itinerary is not None
        # a fixed solve time on screen: the screen follows the app's plan
        app.itinerary = app.itinerary.model_copy(update={"solve_seconds": 0.004})
        await pilot.pause()

    assert snap_compare(make(profile), terminal_size=SMALL, run_before=run_before)
    assert snap_compare(make(profile), terminal_size=LARGE, run_before=run_before)


def test_interests_with_a_saved_keyword(snap_compare: Callable[..., bool], make: Make) -> None:
    """The ranked matches of a saved keyword, their titles as wide as the pane allows."""
    profile = InterestProfile.model_validate({"keyword": ["anomaly detection"]})

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()

    assert snap_compare(make(profile), terminal_size=SMALL, run_before=run_before)
