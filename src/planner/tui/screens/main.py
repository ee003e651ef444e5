"""The main screen: the programme by day, search and filters, and the details pane."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Select, Static, TabbedContent, TabPane

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.words import SearchText
from planner.itinerary import Itinerary
from planner.model import Programme
from planner.tui.marks import STAR, mark
from planner.tui.messages import ProfileEdited
from planner.tui.profile_edits import (
    clear_item,
    revised,
    set_star,
    toggle_like_item,
    toggle_must,
    toggle_skip,
)
from planner.tui.rows import (
    Filters,
    Row,
    filtered_rows,
    kind_options,
    language_options,
    ranked,
    search_texts,
    session_titles,
)
from planner.tui.screens.main_keys import MAIN_BINDINGS
from planner.tui.screens.state_screen import StateScreen
from planner.tui.widgets.day_table import DayTable
from planner.tui.widgets.details import DetailsPane
from planner.tui.widgets.footer import KeysFooter
from planner.tui.widgets.plan_pane import PlanPane
from planner.tui.wish_lines import wish_lines

if TYPE_CHECKING:
    pass
from planner.views.timefmt import RECONSTRUCTED_MARK, UNKNOWN_ZONE, zone_subtitle

#: From this width on, the details pane sits beside the table rather than below it.
WIDE = 140
#: Programmes with more contributions than this search after a pause in typing (a burst of
#: keys makes one pass over the tables); smaller ones search on every key.
SEARCH_PAUSE_FROM = 250
#: Seconds of that pause.
SEARCH_PAUSE = 0.15


def day_id(day: date) -> str:
    return f"day-{day.isoformat()}"


def tab_label(day: date, count: int | None = None) -> str:
    label = f"{day:%a} {day.day} {day:%b}"
    return label if count is None else f"{label} ({count})"


class MainScreen(StateScreen):
    """Holds the filters; tells each day's table what to show; shows the highlighted item.

    The profile, the scores and the plan are the app's: the screen watches them."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    AUTO_FOCUS = None  # the active day's table takes the focus on mount

    def __init__(self, programme: Programme, today: date | None = None) -> None:
        super().__init__()
        self.planned: set[str] = set()  # the plan's ids, for the tables' marks
        self.filters = Filters()
        self.ranking = False  # the search's matches by relevance rather than by time
        self._search_timer: Timer | None = None
        self._use(programme, today)

    def _use(self, programme: Programme, today: date | None) -> None:
        self.programme = programme
        self.days = programme.conference.days
        self.today = today if today in self.days else None
        self._texts: dict[str, SearchText] | None = None  # made on the first search
        self._tables = {day: DayTable(day, id=f"table-{day.isoformat()}") for day in self.days}
        self.search_delay = SEARCH_PAUSE if len(programme.contributions) > SEARCH_PAUSE_FROM else 0

    async def show_programme(self, programme: Programme, today: date | None) -> None:
        """Show another version of the programme (read again from its source): the widgets
        are made again for it, the filters kept."""
        self._use(programme, today)
        await self.recompose()
        self._shown()
        self.plan_changed(self.itinerary)

    # Layout
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="filters"):
            yield Input(
                placeholder="Search titles, speakers, abstracts  ( / )", id="search", compact=True
            )
            yield Select(
                [(title, title) for title in session_titles(self.programme)],
                prompt="Any session",
                id="session-filter",
                compact=True,
            )
            yield Select(
                kind_options(self.programme), prompt="Any kind", id="kind-filter", compact=True
            )
            languages = language_options(self.programme)
            if languages:
                yield Select(languages, prompt="Any language", id="language-filter", compact=True)
        if self.programme.any_times_reconstructed:
            yield Static(
                Text(
                    f"{RECONSTRUCTED_MARK} Times are reconstructed: the book of abstracts gives "
                    "the order of the talks, not their times.",
                ),
                id="note",
            )
        if not self.programme.conference.zone_known:
            yield Static(Text(UNKNOWN_ZONE[0].upper() + UNKNOWN_ZONE[1:] + "."), id="zone-note")
        yield Static(id="news")
        with Container(id="body", classes="-wide" if self.app.size.width >= WIDE else ""):
            first = self.today or self.days[0]
            with TabbedContent(id="days", initial=day_id(first)):
                for day in self.days:
                    with TabPane(tab_label(day), id=day_id(day)):
                        if day == first:
                            yield self._tables[day]
            with Container(id="side"):
                yield DetailsPane(self.programme, id="details")
                yield PlanPane(self.programme, id="plan")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._shown()
        app = self.state
        self.watch(app, "profile", self.profile_changed, init=False)
        self.watch(app, "scores", self.show_details, init=False)
        self.watch(app, "itinerary", self.plan_changed)
        self.watch(app, "news", self.news_changed)

    def _shown(self) -> None:
        """The title, the filters applied, and the focus: once the widgets are there."""
        conference = self.programme.conference
        self.title = conference.name
        sessions = self.programme.sessions
        first = self.programme.local(sessions[0].start) if sessions else None
        zone = zone_subtitle(conference, first)
        self.sub_title = f"{conference.city or ''} · {zone}".strip(" ·")
        self.apply_filters()
        self.query_one(PlanPane).day = self.active_day()
        self.news_changed(self.state.news)
        self.active_table().focus()

    # The app's state (profile, scores: StateScreen)

    @property
    def itinerary(self) -> Itinerary | None:
        return self.state.itinerary

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#body").set_class(event.size.width >= WIDE, "-wide")

    # Queries
    def tables(self) -> list[DayTable]:
        """Every day's table, whether or not it has been shown (and so mounted) yet."""
        return list(self._tables.values())

    def active_table(self) -> DayTable:
        """The table of the day shown. A day's table goes into its tab the first time the day
        is shown: the first screen makes the table of one day only, and a day never looked at
        costs no widget. Until then the table holds its rows and marks, and fills on mount."""
        tabs = self.query_one("#days", TabbedContent)
        active = tabs.active or day_id(self.today or self.days[0])
        table = self._tables[date.fromisoformat(active.removeprefix("day-"))]
        if table.parent is None:
            tabs.get_pane(active).mount(table)
        return table

    def active_day(self) -> date:
        return self.active_table().day

    def highlighted_row(self) -> Row | None:
        return self.active_table().highlighted_row

    # Filtering
    def apply_filters(self) -> None:
        """Filter every day; when the day shown has no match, show the first day that has."""
        tabs = self.query_one("#days", TabbedContent)
        texts = self.search_texts() if self.filters.query.strip() else None
        counts: dict[date, int] = {}
        by_day = filtered_rows(self.programme, self.filters, texts)
        scores = self.relevance() if self.ranking and texts is not None else None
        for table in self.tables():
            rows = by_day.get(table.day, [])
            if scores is not None:
                rows = ranked(rows, scores)
            table.show(rows, self.marker)
            counts[table.day] = sum(1 for r in rows if r.is_contribution)
            tabs.get_tab(day_id(table.day)).label = tab_label(
                table.day, counts[table.day] if self.filters.active else None
            )
        if self.filters.active and not counts.get(self.active_day()):
            first = next((d for d in sorted(counts) if counts[d]), None)
            if first is not None:
                tabs.active = day_id(first)
        self.show_details()

    def relevance(self) -> dict[str, float]:
        """The relevance of each contribution to the search, as a keyword ranks it."""
        from planner.interests.relevance import relevance_index

        return relevance_index(self.programme).scores(self.filters.query)

    def action_rank(self) -> None:
        if not self.filters.query.strip():
            self.notify("Search first (/): r then ranks the matches by relevance.")
            return
        self.ranking = not self.ranking
        self.apply_filters()
        self.notify("Matches by relevance, best first." if self.ranking else "Matches by time.")

    def search_texts(self) -> dict[str, SearchText]:
        """Every contribution's searchable text, made once (on the first search)."""
        if self._texts is None:
            self._texts = search_texts(self.programme)
        return self._texts

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.filters = replace(self.filters, query=event.value)
        if not self.search_delay:
            self.apply_filters()
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(self.search_delay, self.search_now, name="search")

    @property
    def search_pending(self) -> bool:
        """True from a key in the search box until its results are in the tables."""
        return self._search_timer is not None

    def search_now(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
            self.apply_filters()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.search_now()
        self.active_table().focus()

    @on(Select.Changed, "#filters Select")
    def filter_changed(self, event: Select.Changed) -> None:
        """A session, kind or language picked (the select's id names the filter)."""
        value = event.value if isinstance(event.value, str) else None
        field = (event.select.id or "").removesuffix("-filter")
        self.filters = self.filters.picked(field, value)
        self.apply_filters()

    # Marks and details
    def marker(self, item: str) -> Text:
        return mark(item, self.profile, item in self.planned)

    def profile_changed(self) -> None:
        """The app has a new profile: update the marks and the details."""
        for table in self.tables():
            table.refresh_marks()
        self.show_details()

    def plan_changed(self, itinerary: Itinerary | None) -> None:
        """The app has a new plan: update the marks and the details."""
        planned = {item.id for item in itinerary.items} if itinerary is not None else set()
        if planned != self.planned:
            self.planned = planned
            for table in self.tables():
                table.refresh_marks()
        self.show_details()

    def news_changed(self, news: tuple[str, ...]) -> None:
        """The banner of changes to a followed programme: shown while there are some."""
        banner = self.query_one("#news", Static)
        banner.update(Text("\n".join(("The programme changed:", *news))) if news else "")
        banner.display = bool(news)

    def show_details(self) -> None:
        row = self.highlighted_row()
        lines = None
        if row is not None:
            lines = wish_lines(self.programme, row.key, self.profile, self.scores, self.itinerary)
        self.query_one(DetailsPane).show(row, lines)

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.active_table():
            self.show_details()

    @on(TabbedContent.TabActivated, "#days")
    def day_changed(self) -> None:
        self.show_details()
        self.query_one(PlanPane).day = self.active_day()

    # Actions
    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        """Escape: from the search box, clear it and go back to the table (where the keys
        act again); elsewhere, go back to the table."""
        search = self.query_one("#search", Input)
        if search.has_focus and search.value:
            search.value = ""
        self.active_table().focus()

    def action_day(self, step: int) -> None:
        index = self.days.index(self.active_day())
        new = self.days[(index + step) % len(self.days)]
        self.query_one("#days", TabbedContent).active = day_id(new)
        self.active_table().focus()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        for select in self.query("#filters Select").results(Select):
            select.clear()
        self.filters = Filters()
        self.apply_filters()

    def action_focus_details(self) -> None:
        self.query_one(DetailsPane).focus()

    def _highlighted_contribution(self) -> str | None:
        row = self.highlighted_row()
        if row is None or row.contribution is None:
            self.notify("Highlight a talk or a poster first.", severity="warning")
            return None
        return row.key

    def _edit(self, edit: Callable[[InterestProfile, str], InterestProfile], what: str) -> None:
        item = self._highlighted_contribution()
        if item is None:
            return
        try:
            profile = edit(self.profile, item)
        except PlannerError as error:
            self.notify(str(error), title="Error", severity="error")
            return
        self.post_message(ProfileEdited(profile, f"{what} {item}"))

    def action_why(self) -> None:
        """Go to the item that keeps the highlighted one out of the plan."""
        item = self._highlighted_contribution()
        if item is None:
            return
        if self.itinerary is None:
            self.notify("No plan yet: press p to plan.", severity="warning")
            return
        out = next((x for x in self.itinerary.left_out if x.id == item), None)
        if out is None:
            where = "in the plan" if item in self.planned else "of no interest to you yet"
            self.notify(f"{item} is {where}.")
            return
        if not out.blocking:
            self.notify(f"Left out: {out.reason}")
            return
        self.select_contribution(out.blocking[0])
        self.notify(f"{item} is left out: {out.reason}", title="Why")

    def action_star(self, level: int) -> None:
        from planner.interests.scoring import star_weight

        weight = star_weight(level)

        def star(profile: InterestProfile, item: str) -> InterestProfile:
            if profile.star.get(item) == weight:
                return revised(profile, star={k: v for k, v in profile.star.items() if k != item})
            return set_star(profile, item, weight)

        self._edit(star, STAR * level)

    def action_must(self) -> None:
        self._edit(toggle_must, "must-see")

    def action_skip(self) -> None:
        self._edit(toggle_skip, "skip")

    def action_clear(self) -> None:
        self._edit(clear_item, "cleared")

    def action_like(self) -> None:
        self._edit(toggle_like_item, "more like")

    def action_interests(self) -> None:
        from planner.tui.screens.interests import InterestsScreen

        self.app.push_screen(InterestsScreen(self.programme))

    def action_constraints(self) -> None:
        from planner.tui.dialogs.constraints import ConstraintsDialog

        def done(profile: InterestProfile | None) -> None:
            if profile is not None and profile != self.profile:
                self.post_message(ProfileEdited(profile, "constraints"))

        self.app.push_screen(ConstraintsDialog(self.profile, self.programme), done)

    def select_contribution(self, contribution_id: str) -> bool:
        """Show the day of a contribution and put the cursor on it (clearing filters if needed)."""
        c = self.programme.contribution_by_id.get(contribution_id)
        if c is None:
            return False
        day = self.programme.day_of(c)
        self.query_one("#days", TabbedContent).active = day_id(day)
        table = self.active_table()
        if not table.select_key(contribution_id):
            self.action_clear_filters()
            table.select_key(contribution_id)
        table.focus()
        self.show_details()
        return True
