"""The Textual app: a thin shell that holds the programme, the profile and the plan, and hosts
the screens. Screens post messages up (:mod:`planner.tui.messages`); the app keeps the state
once, in reactive attributes (``profile``, ``scores``, ``itinerary``, ``planning``,
``plan_problem``), saves the profile and re-plans in a worker thread. Screens and widgets watch
those attributes: they show what is there when they mount and update when it changes.

:func:`make_app` builds it (the CLI and the tests use the same factory)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from planner import history
from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.storage import default_profile_path, load_profile, save_profile
from planner.itinerary import Itinerary, build_models
from planner.model import Programme
from planner.tui.following import Following
from planner.tui.messages import PlanFailed, PlanReady, ProfileEdited, ScoresReady
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from planner.interests.scoring import Interest

Clock = Callable[[], datetime]

DARK, LIGHT = "textual-dark", "textual-light"
#: Seconds to wait after an edit before re-planning (a burst of keys makes one plan).
PLAN_DELAY = 0.1
#: Seconds after the first screen before scoring and the solver are loaded in the background,
#: when the profile has nothing to score yet.
WARM_UP_AFTER = 0.5
#: Seconds the solver may take (it stops earlier when it proves the plan optimal).
PLAN_TIME_LIMIT = 10.0


class PlannerApp(App[None]):
    """The planner's terminal UI on one programme and one attendee's profile."""

    CSS_PATH = "app.tcss"

    # The state, held once; screens and widgets watch it.
    profile: var[InterestProfile] = var(lambda: InterestProfile.model_validate({}), init=False)
    """The attendee's profile, as edited and saved."""
    scores: var[dict[str, Interest]] = var(dict, init=False, always_update=True)
    """Each contribution's interest for ``profile`` (empty until scored in the background)."""
    itinerary: var[Itinerary | None] = var(None, init=False, always_update=True)
    """The latest plan (kept when a later attempt fails)."""
    planning: var[bool] = var(False, init=False)
    """True while a plan is being made."""
    plan_problem: var[str | None] = var(None, init=False)
    """Why the last attempt made no plan, until a plan is made."""
    news: var[tuple[str, ...]] = var(tuple, init=False)
    """The latest changes to a followed programme, in lines for the banner (empty: none)."""
    unreadable: var[dict[str, str]] = var(dict, init=False)
    """The liked documents of ``profile`` that cannot be read, by path: what is wrong with
    each (a message naming the file). Set before ``profile`` changes."""
    TITLE = "planner"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "plan", "Plan", id="plan", tooltip="Plan now"),
        Binding(
            "e", "export", "Export", id="export", tooltip="Export the plan (.ics, Markdown, HTML)"
        ),
        Binding(
            "b",
            "import_busy",
            "Import busy",
            show=False,
            id="import-busy",
            tooltip="Import busy times from a calendar file (.ics)",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding(
            "n", "now", "Now", id="now", tooltip="Now and next in your plan, and what starts soon"
        ),
        Binding(
            "R",
            "refresh_programme",
            "Refresh",
            show=False,
            id="refresh-programme",
            tooltip="Read the programme again from its file or URL and show what changed",
        ),
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
        plan_delay: float = PLAN_DELAY,
        following: Following | None = None,
    ) -> None:
        super().__init__()
        self.programme = programme
        #: The programme's source when it is a file the app follows (None: the embedded one).
        self.following = following
        self._hint: Itinerary | None = None  # the previous plan given to the running plan
        if profile is not None:
            self.set_reactive(PlannerApp.profile, profile)
        self.profile_path = profile_path
        #: What the app takes for the time (the now view, today's tab, export stamps); tests
        #: and snapshots set a fixed instant.
        self.clock: Clock = clock or (lambda: datetime.now(programme.conference.zone))
        self.plan_delay = plan_delay
        self._generation = 0
        self._plan_timer: Timer | None = None
        self._warming = True  # until the starting profile is scored
        # The profile without the liked documents that cannot be read: what is scored and
        # planned. The profile itself keeps them (the attendee may fix the file).
        self.usable_profile = self.profile
        self._told: set[str] = set()  # the unreadable documents already notified

    def today(self) -> date:
        return self.clock().astimezone(self.programme.conference.zone).date()

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.programme, today=self.today())

    def on_mount(self) -> None:
        for note in self.following.notes if self.following else []:
            self.notify(note, severity="warning", timeout=10)
        # After the first screen: the imports in the warm-up would otherwise slow it down.
        p = self.profile
        wishes = p.keyword or p.session or p.speaker or p.star or p.must or p.own
        wishes = wishes or p.like or p.like_item
        if wishes:
            self.call_after_refresh(lambda: self.warm_up(self.profile))
        else:
            self.call_after_refresh(
                lambda: self.set_timer(
                    WARM_UP_AFTER, lambda: self.warm_up(self.profile), name="warm-up"
                )
            )

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_up(self, profile: InterestProfile) -> None:
        """Load scoring and the solver off the UI thread, and score the starting profile."""
        from planner.interests.scoring import score_programme
        from planner.tui.readable_likes import without_unreadable

        build_models()  # before any plan or saved plan is read, so that no two threads do

        if self.following is not None:  # the changes since last seen, and the last plan
            for warning in self.following.start(self.programme):
                self.call_from_thread(self.notify, warning, severity="warning")
        usable, unreadable = without_unreadable(profile)  # reads the liked documents
        problems = list(unreadable.values())
        try:
            scores = score_programme(self.programme, usable)
        except PlannerError as error:  # the user's to fix: say it, and carry on unscored
            problems.append(str(error))
            self.post_message(ScoresReady(profile, {}, usable, problems, unreadable))
            return
        except Exception as error:  # never a traceback: say it, and carry on unscored
            self.post_message(ScoresReady(profile, {}, usable, problems, unreadable))
            self.call_from_thread(self.notify, f"scoring failed: {error!r}", severity="error")
            return
        self.post_message(ScoresReady(profile, scores, usable, problems, unreadable))
        # the solver before the first plan (OR-Tools loads when a day first needs CP-SAT)
        import planner.planning
        import planner.solver.planner  # noqa: F401

    def on_scores_ready(self, message: ScoresReady) -> None:
        self._warming = False
        if message.profile is not self.profile:
            return  # edited since: set_profile scored the new one
        self.usable_profile = message.usable
        self.unreadable = message.unreadable
        self.scores = message.scores
        self.tell(message.problems)
        if self.has_wishes():
            self.schedule_plan()

    @property
    def main_screen(self) -> MainScreen | None:
        """The main screen (the bottom of Textual's public ``screen_stack``), or None while
        the app starts or closes."""
        stack = self.screen_stack
        return stack[0] if stack and isinstance(stack[0], MainScreen) else None

    @property
    def main(self) -> MainScreen:
        screen = self.main_screen
        if screen is None:
            raise RuntimeError("the main screen is not running")
        return screen

    # The profile
    def has_wishes(self) -> bool:
        p = self.profile
        return bool(p.must or p.own or any(i.score > 0 for i in self.scores.values()))

    def on_profile_edited(self, message: ProfileEdited) -> None:
        self.set_profile(message.profile, message.what)

    def set_profile(self, profile: InterestProfile, what: str) -> None:
        """Keep the new profile and its scores (the screens watch both), save it, and re-plan
        shortly."""
        if profile == self.profile:
            return
        from planner.interests.scoring import score_programme
        from planner.tui.readable_likes import without_unreadable

        build_models()  # before any plan or saved plan is read, so that no two threads do

        self.usable_profile, unreadable = without_unreadable(profile)
        problems = list(unreadable.values())
        try:
            scores = score_programme(self.programme, self.usable_profile)
        except PlannerError as error:
            scores = {}
            problems.append(str(error))
        # The scores first: what watches the profile shows it with its scores.
        self.scores = scores
        self.unreadable = unreadable
        self.profile = profile
        self.tell(problems)
        self.save_profile()
        self.schedule_plan()
        if what == "constraints":
            from planner.interests.checks import availability_warnings

            for warning in availability_warnings(self.programme, profile):
                words = warning.replace("--leave", "Departure").replace("--arrive", "Arrival")
                self.notify(words, title="Nothing to attend then", severity="warning")

    def tell(self, problems: list[str]) -> None:
        """Notify each liked document that cannot be read, once while it stays unreadable."""
        for problem in problems:
            if problem not in self._told:
                self.notify(
                    f"{problem}. The rest of your interests still count.",
                    title="A liked document is left out",
                    severity="error",
                    timeout=10,
                )
        self._told = set(problems)

    def save_profile(self) -> None:
        """Write the profile (atomically) where it was read from; a failure is a notification."""
        if self.profile_path is None:
            return
        try:
            save_profile(self.profile, self.profile_path)
        except PlannerError as error:
            self.report(error)

    # The plan
    @property
    def plan_pending(self) -> bool:
        """True from an edit until its plan (or its failure) is on screen."""
        return self._plan_timer is not None or self.planning or self._warming

    def schedule_plan(self) -> None:
        """Plan after a short pause; each further edit in the pause restarts it."""
        if self._plan_timer is not None:
            self._plan_timer.stop()
        self._plan_timer = self.set_timer(self.plan_delay, self.plan_now, name="plan")

    def plan_now(self) -> None:
        """Start a planning run in a thread; a newer run supersedes it."""
        if self._plan_timer is not None:
            self._plan_timer.stop()
            self._plan_timer = None
        if self.main_screen is None:
            return
        self._generation += 1
        self.planning = True
        self._hint = self.itinerary or (self.following.hint if self.following else None)
        self.run_plan(self.usable_profile, self._hint, self._generation)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def run_plan(
        self, profile: InterestProfile, previous: Itinerary | None, generation: int
    ) -> None:
        from planner.planning import make_plan

        try:
            result = make_plan(
                self.programme, profile, previous=previous, time_limit=PLAN_TIME_LIMIT
            )
        except PlannerError as error:
            self.post_message(PlanFailed(str(error), generation))
            return
        except Exception as error:  # a bug: still a message, never a traceback on screen
            self.post_message(PlanFailed(f"planning failed: {error!r}", generation))
            return
        warnings = result.warnings
        if self.following is not None:
            warnings = [*warnings, *self.following.keep_plan(result.itinerary, self.programme)]
        if not get_current_worker().is_cancelled:
            self.post_message(PlanReady(result.itinerary, warnings, generation))

    def on_plan_ready(self, message: PlanReady) -> None:
        if message.generation != self._generation or self.main_screen is None:
            return  # a newer run is on its way, or the app is closing
        self.plan_problem = None
        if self.following is not None and self.following.pending:
            self.news = tuple(self.following.news(self._hint, message.itinerary, self.programme))
            self.following.hint = None
        self.itinerary = message.itinerary
        self.planning = False
        for warning in message.warnings:
            self.notify(warning, severity="warning")

    def on_plan_failed(self, message: PlanFailed) -> None:
        if message.generation != self._generation or self.main_screen is None:
            return
        self.plan_problem = message.problem
        self.planning = False
        self.notify(message.problem, title="No plan", severity="error", timeout=10)

    # Commands
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from planner.tui.palette import palette_commands

        yield from palette_commands(self)
        yield from super().get_system_commands(screen)

    # Actions
    def action_plan(self) -> None:
        self.plan_now()

    def action_refresh_programme(self) -> None:
        if self.following is None:
            self.notify("The embedded programme does not change: there is nothing to refresh.")
        else:
            self.notify(f"Reading {self.following.shown} again…", timeout=3)
            self.refresh_programme()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_programme(self) -> None:
        """Read the followed programme again (in a thread) and hand it to the UI thread."""
        assert self.following is not None
        try:
            read = self.following.read_again(self.usable_profile)
        except PlannerError as error:
            self.call_from_thread(self.report, error)
            return
        self.call_from_thread(self.programme_read, *read)

    def programme_read(
        self, programme: Programme, seen: history.Seen, scores: dict[str, Interest]
    ) -> None:
        """A programme read again: unchanged, a notification; changed, the screens show the new
        one and the plan is made again with the current one as the hint."""
        assert self.following is not None
        for warning in [*self.following.notes, *history.keep(seen)]:
            self.notify(warning, severity="warning")
        if not seen.changes:
            self.notify("No change to the programme since it was last read.")
            return
        self.following.pending = seen.changes
        self.following.hint = self.itinerary
        self.programme = programme
        self.scores = scores
        self.set_reactive(PlannerApp.itinerary, None)  # its items may be gone: a plan follows
        while len(self.screen_stack) > 1:
            self.pop_screen()
        main = self.main_screen
        if main is not None:
            self.call_later(main.show_programme, programme, self.today())
        self.schedule_plan()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_now(self) -> None:
        from planner.tui.screens.now import NowScreen

        if not isinstance(self.screen, NowScreen):
            self.push_screen(NowScreen(self.programme))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.binding_help()))

    def action_export(self) -> None:
        if self.itinerary is None:
            self.notify("No plan to export yet: press p to plan.", severity="warning")
            return
        stem = f"{self.programme.conference.name.split('(')[-1].rstrip(')')} plan"
        stem = "-".join(stem.lower().split())
        from planner.tui.dialogs.export import ExportDialog
        from planner.tui.exporting import export_chosen

        self.push_screen(
            ExportDialog(stem, utc=self.profile.ics_utc), lambda c: export_chosen(self, c)
        )

    def action_import_busy(self) -> None:
        from planner.tui.dialogs.import_busy import ImportBusyDialog

        self.push_screen(ImportBusyDialog(), self._import_busy)

    def _import_busy(self, path: Path | None) -> None:
        from planner.interests.busy_calendar import busy_from_ics
        from planner.tui.profile_edits import revised

        if path is None:
            return
        try:
            found = busy_from_ics([path], self.programme)
        except PlannerError as error:
            self.report(error)
            return
        new = [b for b in found.intervals if b not in self.profile.busy]
        message = f"{len(new)} busy time(s) from {path.name} on the conference's days"
        if found.skipped:
            message += f"; skipped {len(found.skipped)}: {'; '.join(found.skipped[:3])}"
        self.notify(message, title="Imported")
        if new:
            self.set_profile(
                revised(self.profile, busy=[*self.profile.busy, *new]), f"busy times from {path}"
            )

    def binding_help(self) -> list[tuple[str, str]]:
        from planner.tui.palette import key_help

        return key_help(self)

    def report(self, error: PlannerError) -> None:
        """Show a user's error as a notification (never a traceback)."""
        self.notify(str(error), title="Error", severity="error", timeout=8)


def make_app(
    programme_path: Path | str | None = None,
    profile_path: Path | None = None,
    *,
    clock: Clock | None = None,
    zone: str | None = None,
) -> PlannerApp:
    """Load the programme (the embedded one by default) and the profile (the one in the user's
    data folder by default; none yet is an empty one), and build the app on them. Edits are
    saved back to that profile file.

    Raises :class:`PlannerError` when either cannot be read, before any screen opens.
    ``zone``: a schedule's real time zone (``planner tui --zone``). ``programme_path`` may be an
    http(s) URL: a note about its fetch (its cached copy used offline) is shown on start."""
    from planner.sources import import_programme

    imported = import_programme(programme_path, zone=zone)
    programme = imported.programme
    path = profile_path if profile_path is not None else default_profile_path()
    profile = load_profile(path, programme, missing_ok=True)
    following = None
    if programme_path is not None:
        following = Following(programme_path, zone, path, list(imported.notes))
    return PlannerApp(programme, profile, profile_path=path, clock=clock, following=following)
