"""The now view: the clock, the plan's item now and next, the walk to it, the time left, and the
best talks starting in the next 30 minutes (what ``planner now`` prints). It goes by the app's
clock, updates each minute, and follows the app's plan and scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from planner.model import Programme
from planner.tui.screens.state_screen import StateScreen
from planner.tui.widgets.footer import KeysFooter
from planner.views.timefmt import clock, zone_label

if TYPE_CHECKING:
    pass

#: Seconds between two updates of the view.
EVERY = 60.0


class NowScreen(StateScreen):
    """Where to be now and next; Escape or n goes back to the programme."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "close", "Back", id="now.close"),
    ]

    def __init__(self, programme: Programme) -> None:
        super().__init__()
        self.programme = programme

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with VerticalScroll(id="now-pane"):
            yield Static(id="now-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Now"
        self.sub_title = self.programme.conference.name
        app = self.state
        self.watch(app, "itinerary", self.update_view, init=False)
        self.watch(app, "scores", self.update_view, init=False)
        self.set_interval(EVERY, self.update_view, name="now-clock")
        self.update_view()

    def update_view(self) -> None:
        """Work out now and next at the app's clock, and show it."""
        from planner.now import now_and_next
        from planner.views.now_view import now_lines

        app = self.state
        at = app.clock()
        if app.itinerary is None:
            local = self.programme.local(at)
            lines = [
                Text(
                    f"{local:%A} {local.day} {local:%B %Y}, {clock(local)} ({zone_label(local)})",
                    "bold cyan",
                ),
                Text(
                    "No plan yet. Star (1-3), must-see (m) or add interests (i); p plans now.",
                    style="dim",
                ),
            ]
        else:
            state = now_and_next(self.programme, app.itinerary, app.scores, app.usable_profile, at)
            lines = now_lines(state, self.programme)
        days = self.programme.conference.days
        if self.programme.local(at).date() not in days:
            first, last = days[0], days[-1]
            lines.append(Text())
            lines.append(
                Text(
                    f"The conference runs from {first:%A} {first.day} {first:%B} to "
                    f"{last:%A} {last.day} {last:%B %Y}.",
                    style="italic",
                )
            )
        self.query_one("#now-body", Static).update(Group(*lines))

    def action_close(self) -> None:
        self.dismiss()
