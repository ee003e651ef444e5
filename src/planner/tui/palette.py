"""The command palette's entries and the help screen's keys: the app's and the main screen's
actions, in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def palette_commands(app: PlannerApp) -> Iterable[SystemCommand]:
    main = app.main
    yield SystemCommand("Plan now", "Make the best plan for your wishes", app.action_plan)
    yield SystemCommand(
        "Export the plan", "Write the plan as .ics, Markdown or HTML", app.action_export
    )
    yield SystemCommand(
        "Import busy times", "Busy times from a calendar file (.ics)", app.action_import_busy
    )
    yield SystemCommand(
        "Interests",
        "Keywords, speakers, liked papers and session weights, with their ranked matches",
        main.action_interests,
    )
    yield SystemCommand(
        "More like this",
        "Rank items like the highlighted one higher (again: undo)",
        main.action_like,
    )
    yield SystemCommand(
        "Constraints",
        "Arrival, departure, busy times and calendars, lunch, walking, daily caps",
        main.action_constraints,
    )
    yield SystemCommand("Search", "Search titles, speakers and abstracts", main.action_focus_search)
    yield SystemCommand(
        "Next day", "Show the next day of the programme", lambda: main.action_day(1)
    )
    yield SystemCommand(
        "Previous day", "Show the previous day of the programme", lambda: main.action_day(-1)
    )
    yield SystemCommand(
        "Clear filters", "Clear the search, session and kind filters", main.action_clear_filters
    )
    yield SystemCommand(
        "Toggle light/dark", "Switch between the light and dark theme", app.action_toggle_theme
    )
    yield SystemCommand("Now", "Now and next in your plan, and what starts soon", app.action_now)
    yield SystemCommand(
        "Refresh the programme",
        "Read the programme again from its file or URL and show what changed",
        app.action_refresh_programme,
    )
    yield SystemCommand("Help", "Show every key binding", app.action_help)


def key_help(app: PlannerApp) -> list[tuple[str, str]]:
    """Every binding of the main screen and the app, with its description."""
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in [*app.main.BINDINGS, *app.BINDINGS]:
        if not isinstance(binding, Binding) or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = ", ".join(app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
        entries.append((keys, binding.tooltip or binding.description))
    entries.append(("ctrl+p", "Command palette"))
    return entries
