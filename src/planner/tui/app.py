"""The Textual app: a thin shell that holds the programme and the profile and hosts the screens.

:func:`make_app` builds it (the CLI and the tests use the same factory)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.scoring import score_programme
from planner.interests.storage import default_profile_path, load_profile, save_profile
from planner.model import Programme
from planner.tui.messages import ProfileEdited
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.main import MainScreen

Clock = Callable[[], datetime]

DARK, LIGHT = "textual-dark", "textual-light"


class PlannerApp(App[None]):
    """The planner's terminal UI on one programme and one attendee's profile."""

    CSS_PATH = "app.tcss"
    TITLE = "planner"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("t", "toggle_theme", "Light/dark", show=False, id="toggle-theme"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        programme: Programme,
        profile: InterestProfile | None = None,
        *,
        profile_path: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.programme = programme
        self.profile = profile or InterestProfile.model_validate({})
        self.profile_path = profile_path
        self.scores = score_programme(programme, self.profile)
        self.clock: Clock = clock or (lambda: datetime.now(programme.conference.zone))

    def today(self) -> date:
        return self.clock().astimezone(self.programme.conference.zone).date()

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.programme, self.profile, self.scores, today=self.today())

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(screen, MainScreen):
            raise RuntimeError("the main screen is not running")
        return screen

    # State
    def on_profile_edited(self, message: ProfileEdited) -> None:
        self.set_profile(message.profile, message.what)

    def set_profile(self, profile: InterestProfile, what: str) -> None:
        """Keep the new profile, save it, and pass it down to the screens."""
        if profile == self.profile:
            return
        self.profile = profile
        self.scores = score_programme(self.programme, profile)
        self.save_profile()
        for screen in self.screen_stack:
            show = getattr(screen, "show_profile", None)
            if show is not None:
                show(profile, self.scores)

    def save_profile(self) -> None:
        """Write the profile (atomically) where it was read from; a failure is a notification."""
        if self.profile_path is None:
            return
        try:
            save_profile(self.profile, self.profile_path)
        except PlannerError as error:
            self.report(error)

    # Commands
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        main = self.main
        yield SystemCommand(
            "Search", "Search titles, speakers and abstracts", main.action_focus_search
        )
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
            "Toggle light/dark", "Switch between the light and dark theme", self.action_toggle_theme
        )
        yield SystemCommand("Help", "Show every key binding", self.action_help)
        yield from super().get_system_commands(screen)

    # Actions
    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.binding_help()))

    def binding_help(self) -> list[tuple[str, str]]:
        """Every binding of the main screen and the app, with its description."""
        entries: list[tuple[str, str]] = []
        seen: set[str] = set()
        for binding in [*self.main.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = ", ".join(self.get_key_display(Binding(k, "")) for k in binding.key.split(","))
            entries.append((keys, binding.tooltip or binding.description))
        entries.append(("ctrl+p", "Command palette"))
        return entries

    def report(self, error: PlannerError) -> None:
        """Show a user's error as a notification (never a traceback)."""
        self.notify(str(error), title="Error", severity="error", timeout=8)


def make_app(
    programme_path: Path | None = None,
    profile_path: Path | None = None,
    *,
    clock: Clock | None = None,
) -> PlannerApp:
    """Load the programme (the embedded one by default) and the profile (the one in the user's
    data folder by default; none yet is an empty one), and build the app on them. Edits are
    saved back to that profile file.

    Raises :class:`PlannerError` when either cannot be read, before any screen opens."""
    from planner.sources import load_programme

    programme = load_programme(programme_path)
    path = profile_path if profile_path is not None else default_profile_path()
    profile = load_profile(path, missing_ok=True)
    return PlannerApp(programme, profile, profile_path=path, clock=clock)
