"""Planning from the UI: re-planning after changes, on demand, what changed, what was left out
and why, impossible wishes, export, and busy times imported from a calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from planner.interests import InterestProfile
from planner.model import Programme
from planner.tui.app import PlannerApp
from planner.tui.dialogs.confirm import ConfirmDialog
from planner.tui.dialogs.export import ExportDialog
from planner.tui.dialogs.import_busy import ImportBusyDialog
from planner.tui.messages import PlanReady
from planner.tui.screens.main import MainScreen
from planner.tui.widgets.plan_pane import PlanPane, plan_renderable
from planner.views.itinerary_view import status_line
from programme_factory import programme_data

from .conftest import FIXED_NOW, Seen, running, settle
from .test_browse import details_text

pytestmark = pytest.mark.asyncio

Make = Callable[..., PlannerApp]
SMALL = (100, 30)
ROME = ZoneInfo("Europe/Rome")


def plan_text(app: PlannerApp) -> str:
    """The plan pane as it reads: the app's plan on the pane's day."""
    pane = app.main.query_one(PlanPane)
    assert pane.day is not None
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(
        plan_renderable(
            app.programme, app.itinerary, pane.day, busy=app.planning, problem=app.plan_problem
        )
    )
    return console.export_text()


def profile(**data: object) -> InterestProfile:
    return InterestProfile.model_validate(data)


async def test_a_star_makes_a_plan_in_the_background(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.pause()
        assert app.itinerary is None, "an empty profile is not planned at start"
        await pilot.press("2")
        await settle(pilot)
        assert app.itinerary is not None and app.itinerary.status == "optimal"
        assert [i.id for i in app.itinerary.items if i.kind != "lunch"] == ["28"]
        table = app.main.active_table()
        assert table.get_cell("28", "mark").plain == "✓★★"
        text = plan_text(app)
        assert status_line(app.itinerary) in text.replace("\n", " ")
        assert "30" in status_line(app.itinerary)
        assert "09:00* From Supervised to Unsupervised" in text  # reconstructed, as in the table
        assert "In the plan: starred: weight 30" in details_text(app)


async def test_a_saved_profile_is_planned_at_start_and_p_plans_again(make: Make) -> None:
    app = make(profile(star={"28": 30.0}))
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await settle(pilot)
        assert app.itinerary is not None
        assert seen.count(PlanReady) == 1
        await pilot.press("p")
        await settle(pilot)
        assert seen.count(PlanReady) == 2
        assert app.itinerary.changes == []
        assert not app.planning
        assert "planning…" not in plan_text(app)


async def test_changes_since_the_previous_plan_are_marked(make: Make) -> None:
    app = make(profile(star={"28": 30.0}))
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("down", "1")
        await settle(pilot)
        assert app.itinerary is not None
        assert [(c.id, c.change) for c in app.itinerary.changes] == [("1", "added")]
        assert "+ 09:40* Stellar populations" in plan_text(app)
        await pilot.press("1")  # unstar: it leaves the plan
        await settle(pilot)
        assert [(c.id, c.change) for c in app.itinerary.changes] == [("1", "removed")]
        lines = plan_text(app).splitlines()
        dropped = lines.index("Dropped since the previous plan (1)")
        assert lines[dropped + 1].startswith("- Stellar populations")
        assert any(line.startswith("  09:00* From Supervised") for line in lines[:dropped])


async def test_items_dropped_by_a_later_arrival_are_under_their_own_heading(make: Make) -> None:
    """Arriving on Tuesday empties Monday: what was planned there is listed as dropped, under a
    heading, never as if it were still planned."""
    app = make(profile(star={"28": 30.0, "1": 15.0}))
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        arrive = app.screen.query_one("#field-arrive", Input)
        arrive.value = "2022-05-31 10:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.active_day().isoformat() == "2022-05-30"
        lines = [line.rstrip() for line in plan_text(app).splitlines()]
        nothing = lines.index("Nothing planned this day.")
        assert lines[nothing + 1] == "Dropped since the previous plan (3)"
        dropped = lines[nothing + 2 : nothing + 5]
        assert [line[:2] for line in dropped] == ["- "] * 3
        assert any("From Supervised" in line for line in dropped)
        assert any("lunch" in line for line in dropped)


def parallel_programme() -> Programme:
    """Two talks at once in two rooms: only one can be in a plan."""
    data = programme_data()
    data["sessions"].append(
        {
            "id": "s3",
            "title": "Parallel",
            "kind": "contributed",
            "room": "B",
            "start": "2022-10-29T09:00:00+02:00",
            "end": "2022-10-29T10:00:00+02:00",
        }
    )
    data["contributions"].append(
        {
            "id": "b1",
            "title": "Across the corridor",
            "kind": "talk",
            "session": "s3",
            "start": "2022-10-29T09:00:00+02:00",
            "end": "2022-10-29T09:30:00+02:00",
        }
    )
    return Programme.model_validate(data)


async def test_see_why_an_item_is_left_out_and_go_to_what_keeps_it_out() -> None:
    programme = parallel_programme()
    app = PlannerApp(programme, profile(star={"t1": 60.0, "b1": 15.0}), clock=lambda: FIXED_NOW)
    async with running(app) as pilot:
        await settle(pilot)
        assert app.itinerary is not None
        left = {x.id: x for x in app.itinerary.left_out}
        assert left["b1"].blocking == ["t1"]
        assert app.main.select_contribution("b1")
        await pilot.pause()
        assert f"Left out: {left['b1'].reason}" in details_text(app)
        await pilot.press("w")
        assert app.main.active_table().highlighted_key == "t1"
        assert "In the plan" in details_text(app)
        assert "Across the corridor" in plan_text(app).split("Left out (1)")[1]


async def test_impossible_wishes_are_a_message_and_the_last_plan_stays(make: Make) -> None:
    app = make(profile(star={"28": 30.0}))
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await pilot.press("m")  # must-see 28 ...
        await settle(pilot)
        good = app.itinerary
        await pilot.press("o")  # ... but arrive after it starts
        app.screen.query_one("#field-arrive", Input).value = "2022-05-30 09:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        messages = seen.notifications
        assert any("must-see '28'" in m and "outside your availability" in m for m in messages)
        assert app.itinerary is not None and app.itinerary.items == good.items
        assert "must-see '28'" in plan_text(app)


async def export_to(pilot: Pilot[None], path: Path, fmt: str = "ics") -> None:
    await pilot.press("e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    if fmt != "ics":
        button = next(b for b in dialog.query(RadioButton) if b.name == fmt)
        button.value = True
        await pilot.pause()
    dialog.query_one("#export-path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_export_writes_the_plan_and_asks_before_overwriting(
    make: Make, tmp_path: Path
) -> None:
    app = make(profile(star={"28": 30.0, "1": 15.0}))
    target = tmp_path / "plan.ics"
    async with running(app) as pilot:
        await settle(pilot)
        await export_to(pilot, target)
        assert isinstance(app.screen, MainScreen)
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
        assert any(s.startswith("From Supervised to Unsupervised") for s in summaries)
        assert any(s.startswith("Stellar populations") for s in summaries)

        target.write_text("my own notes\n", encoding="utf-8")
        await export_to(pilot, target)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#no")
        assert target.read_text(encoding="utf-8") == "my own notes\n", "kept when told to"
        await export_to(pilot, target)
        await pilot.press("y")
        await pilot.pause()
        assert b"BEGIN:VCALENDAR" in target.read_bytes()

        agenda = tmp_path / "plan.md"
        await export_to(pilot, agenda, "markdown")
        text = agenda.read_text(encoding="utf-8")
        assert "From Supervised to Unsupervised" in text and "Stellar populations" in text


async def test_export_without_a_plan_says_so(make: Make) -> None:
    app = make()
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, MainScreen)
        assert seen.notifications == ["No plan to export yet: press p to plan."]


async def test_export_to_an_unwritable_place_is_a_notification(make: Make, tmp_path: Path) -> None:
    app = make(profile(star={"28": 30.0}))
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await settle(pilot)
        await export_to(pilot, blocker / "plan.ics")
        assert isinstance(app.screen, MainScreen)
        assert any(str(blocker) in n for n in seen.notifications)


async def test_export_to_a_folder_that_does_not_exist_makes_no_folder(
    make: Make, tmp_path: Path
) -> None:
    app = make(profile(star={"28": 30.0}))
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await settle(pilot)
        await export_to(pilot, tmp_path / "typo" / "plan.ics")
        assert isinstance(app.screen, MainScreen)
        assert not (tmp_path / "typo").exists()
        assert any("does not exist" in n for n in seen.notifications)


def busy_calendar(path: Path) -> Path:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//test//busy//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "call@test")
    event.add("summary", "Call with the PI")
    event.add("dtstart", datetime(2022, 5, 30, 9, 15, tzinfo=ROME))
    event.add("dtend", datetime(2022, 5, 30, 9, 45, tzinfo=ROME))
    calendar.add_component(event)
    path.write_bytes(calendar.to_ical())
    return path


async def test_import_busy_times_from_a_calendar_then_plan_around_them(
    make: Make, tmp_path: Path
) -> None:
    app = make(profile(star={"28": 30.0, "1": 15.0}))
    ics = busy_calendar(tmp_path / "work.ics")
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("b")
        assert isinstance(app.screen, ImportBusyDialog)
        app.screen.query_one("#import-path", Input).value = str(ics)
        await pilot.click("#import")
        await settle(pilot)
        assert [
            (b.label, b.start.astimezone(ROME).strftime("%H:%M")) for b in app.profile.busy
        ] == [("Call with the PI", "09:15")]
        assert app.itinerary is not None
        planned = {i.id for i in app.itinerary.items}
        assert "28" not in planned and "1" not in planned
        reasons = {x.id: x.reason for x in app.itinerary.left_out}
        assert reasons["28"] == "during your busy time (Call with the PI)"


async def test_a_missing_calendar_is_refused_in_the_dialog(make: Make, tmp_path: Path) -> None:
    app = make()
    async with running(app) as pilot:
        await pilot.press("b")
        dialog = app.screen
        dialog.query_one("#import-path", Input).value = str(tmp_path / "nope.ics")
        await pilot.press("enter")
        assert app.screen is dialog
        assert "no such file or folder" in str(dialog.query_one("#import-error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_plan_pane_names_a_removed_lunch_on_its_day_only(programme) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from rich.console import Console

    from planner.itinerary import Change, Itinerary
    from planner.tui.widgets.plan_pane import plan_renderable

    itinerary = Itinerary(
        status="optimal",
        changes=[Change(id="lunch-2022-05-30", change="removed", detail="Lunch")],
    )

    def text(day: date) -> str:
        console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(plan_renderable(programme, itinerary, day))
        return console.export_text()

    monday = text(date(2022, 5, 30))
    assert "Dropped since the previous plan (1)\n- lunch" in monday
    assert "lunch-2022-05-30" not in monday
    assert "lunch" not in text(date(2022, 5, 31))


async def test_a_plan_arriving_while_the_app_closes_is_dropped(make: Make) -> None:
    """The planning thread cannot know the app is closing: a plan that arrives after the
    screen's widgets have gone is dropped, not a traceback at exit."""
    app = make(profile(star={"28": 30.0}))
    async with running(app) as pilot:
        await settle(pilot)
        itinerary = app.itinerary
        assert itinerary is not None
        await app.main.query_one(PlanPane).remove()
        app.planning = True  # as plan_now and on_plan_ready do: nothing watches any more
        app.plan_problem = "late"
        app.itinerary = itinerary
        await pilot.pause()
        assert app.main.itinerary is itinerary


async def test_a_departure_before_the_conference_is_a_warning(make: Make) -> None:
    app = make(profile(star={"28": 30.0}))
    seen = Seen()
    async with running(app, message_hook=seen) as pilot:
        await settle(pilot)
        await pilot.press("o")
        app.screen.query_one("#field-leave", Input).value = "2022-05-29 18:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = seen.notifications
        assert (
            "Departure 2022-05-29 18:00 is before the conference starts (Monday 30 May 2022)"
            in messages
        )
