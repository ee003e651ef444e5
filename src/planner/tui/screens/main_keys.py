"""The main screen's keys, with ids and tooltips (the help screen lists them)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "focus_search",
        "Search",
        id="search",
        tooltip="Search titles, speakers and abstracts",
    ),
    Binding(
        "escape",
        "leave_search",
        "Back",
        show=False,
        id="leave-search",
        tooltip="Back to the table (from the search box: clear the search)",
    ),
    Binding(
        "r",
        "rank",
        "Rank",
        show=False,
        id="rank",
        tooltip="Search's matches by relevance, best first (again: by time)",
    ),
    Binding("left_square_bracket", "day(-1)", "Prev day", show=False, id="prev-day"),
    Binding("right_square_bracket", "day(1)", "Next day", show=False, id="next-day"),
    Binding("ctrl+r", "clear_filters", "Clear filters", show=False, id="clear-filters"),
    Binding("d", "focus_details", "Details", show=False, id="focus-details"),
    Binding("1", "star(1)", "Star", id="star-1", tooltip="One star (again: none)"),
    Binding("2", "star(2)", "★★", show=False, id="star-2", tooltip="Two stars (again: none)"),
    Binding("3", "star(3)", "★★★", show=False, id="star-3", tooltip="Three stars (again: none)"),
    Binding(
        "m",
        "must",
        "Must-see",
        id="must",
        tooltip="Must-see the highlighted item (again: undo)",
    ),
    Binding(
        "s", "skip", "Skip", id="skip", tooltip="Never plan the highlighted item (again: undo)"
    ),
    Binding(
        "c",
        "clear",
        "Clear",
        show=False,
        id="clear",
        tooltip="Forget stars, must-see and skip for the highlighted item",
    ),
    Binding(
        "l",
        "like",
        "More like",
        show=False,
        id="like",
        tooltip="More like this: rank items like it higher (again: undo)",
    ),
    Binding(
        "i",
        "interests",
        "Interests",
        id="interests",
        tooltip="Keywords, speakers, papers, session weights and their matches",
    ),
    Binding(
        "w",
        "why",
        "Why",
        show=False,
        id="why",
        tooltip="Why is the highlighted item left out? Go to what keeps it out",
    ),
    Binding(
        "o",
        "constraints",
        "Constraints",
        id="constraints",
        tooltip="Arrival, departure, busy times, lunch, walking, caps",
    ),
]
