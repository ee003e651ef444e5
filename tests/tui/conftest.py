"""Fixtures for the terminal UI tests: nothing depends on the machine, the user or the time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widgets import Input, TabbedContent

from planner.interests import InterestProfile
from planner.model import Programme
from planner.sources import load_programme
from planner.tui.app import PlannerApp

#: The clock the app sees in tests: a day before the conference.
FIXED_NOW = datetime(2022, 5, 29, 18, 0, tzinfo=ZoneInfo("Europe/Rome"))

SMALL = (100, 30)
LARGE = (160, 45)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from one run to the next."""
    blink: reactive[bool] = reactive(False, init=False)
    blink.__set_name__(Input, "cursor_blink")
    monkeypatch.setattr(Input, "cursor_blink", blink)


@pytest.fixture(autouse=True)
def user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Keep the user's real data and config folders out of the tests."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def programme() -> Programme:
    return load_programme(None)


@pytest.fixture
def make(programme: Programme, tmp_path: Path) -> Callable[..., PlannerApp]:
    """Build the app as the CLI does, on the embedded programme, with the fixed clock."""

    def build(profile: InterestProfile | None = None, **kwargs: object) -> PlannerApp:
        return PlannerApp(programme, profile, clock=lambda: FIXED_NOW, **kwargs)  # type: ignore[arg-type]

    return build


async def settle(pilot: Pilot[None], timeout: float = 30.0) -> None:
    """Wait until the plan for the latest edit is on screen (the debounce timer, the planning
    thread, and the message it posts), however slow the machine is."""
    app = pilot.app
    assert isinstance(app, PlannerApp)
    waited = 0.0
    while app.plan_pending:
        if waited > timeout:
            raise AssertionError(f"no plan after {timeout} s")
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()


class Seen:
    """A ``message_hook`` that keeps every message the app's widgets receive: the tests read
    the notifications and the plans made from it, not from the app's private state."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    @property
    def notifications(self) -> list[str]:
        return [m.notification.message for m in self.messages if isinstance(m, Notify)]

    def count(self, kind: type[Message]) -> int:
        return sum(1 for m in self.messages if isinstance(m, kind))


@asynccontextmanager
async def running(
    app: PlannerApp,
    size: tuple[int, int] = SMALL,
    message_hook: Callable[[Message], None] | None = None,
) -> AsyncIterator[Pilot[None]]:
    """``app.run_test`` that starts driving only once the main screen is fully up (its day tabs
    chosen and a table focused): on a loaded machine the first key could come earlier.
    ``message_hook`` sees every message the app's widgets receive."""
    async with app.run_test(size=size, message_hook=message_hook) as pilot:
        for _ in range(500):
            await pilot.pause()
            screen = app.screen_stack[0] if app.screen_stack else None
            tabs = screen.query(TabbedContent) if screen is not None else None
            if tabs and tabs.first().active and app.focused is not None:
                break
        yield pilot
