"""The footer of keys: shown at once, each key a link that presses it, help always on show."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input

from planner.tui.widgets.footer import KeysFooter

pytestmark = pytest.mark.asyncio


class Keyed(Input):
    """A widget whose own key is on show while it has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "noop", "Refresh")]

    def action_noop(self) -> None:
        pass


class FooterApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "count('a')", "Alpha", tooltip="Count an alpha"),
        Binding("b", "count('b')", "Bravo"),
        Binding("c", "count('c')", "Charlie"),
        Binding("d", "count('d')", "Delta"),
        Binding("x", "never", "Never now"),
        Binding("question_mark", "help", "Help"),
        Binding("z", "count('z')", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counted: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Keyed(id="keyed")
        yield KeysFooter()

    def action_count(self, name: str) -> None:
        self.counted.append(name)

    def action_help(self) -> None:
        self.counted.append("help")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "never" else True  # shown, dimmed and unable to act

    def bell(self) -> None:
        self.bells += 1


def shown_keys(app: App[None]) -> list[str]:
    return [key.key for key in app.query_one(KeysFooter).shown()]


def line(app: App[None]) -> str:
    return app.query_one(KeysFooter).render().plain.rstrip()


def cell_of(footer: KeysFooter, key: str) -> int:
    """The first cell of the footer that shows ``key``."""
    return next(x for x in range(footer.size.width) if getattr(footer.key_at(x), "key", "") == key)


async def test_keys_are_shown_in_the_first_screen_with_help_and_the_palette_on_the_right() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert shown_keys(app) == ["a", "b", "c", "d", "x", "question_mark", "ctrl+p"]
        text = line(app)
        assert text.startswith(" a Alpha  b Bravo  c Charlie  d Delta  x Never now")
        assert text.endswith(" ? Help  ^p palette")
        assert len(app.query_one(KeysFooter).render().plain) == 100  # at the right edge
        assert "Hidden" not in text


async def test_a_narrow_footer_drops_whole_keys_from_the_right_and_keeps_help() -> None:
    app = FooterApp()
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        assert shown_keys(app) == ["a", "b", "c", "question_mark", "ctrl+p"]
        text = line(app)
        assert "Delta" not in text and "Del" not in text  # no key is cut in half
        assert text.endswith("? Help  ^p palette")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert shown_keys(app) == ["a", "question_mark", "ctrl+p"]
        await pilot.resize_terminal(12, 10)
        await pilot.pause()
        assert shown_keys(app) == ["question_mark", "ctrl+p"]  # cropped, never dropped


async def test_a_click_on_a_key_presses_it() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        for key in ("b", "question_mark", "a"):
            start = cell_of(footer, key)
            await pilot.click(KeysFooter, offset=(start + 2, 0))
            await pilot.pause()
        assert app.counted == ["b", "help", "a"]


async def test_a_key_that_cannot_act_now_is_dimmed_and_a_click_only_rings_the_bell() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        rendered = footer.render()
        never = rendered.plain.index("x Never now")
        dimmed = [span for span in rendered.spans if getattr(span.style, "dim", False)]
        assert [(span.start, span.end) for span in dimmed] == [(never - 1, never + 12)]
        start = cell_of(footer, "x")
        await pilot.click(KeysFooter, offset=(start + 2, 0))
        await pilot.pause()
        assert app.counted == []
        assert app.bells == 1


async def test_the_tooltip_is_the_key_under_the_pointer() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        alpha = cell_of(footer, "a")
        bravo = cell_of(footer, "b")
        await pilot.hover(KeysFooter, offset=(alpha + 1, 0))
        await pilot.pause()
        assert footer.tooltip == "Count an alpha"
        await pilot.hover(KeysFooter, offset=(bravo + 1, 0))
        await pilot.pause()
        assert footer.tooltip is None  # Bravo has no tooltip


async def test_the_keys_follow_the_focus() -> None:
    app = FooterApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        app.query_one("#keyed").focus()
        await pilot.pause()
        assert "f5" in shown_keys(app)
        assert "f5 Refresh" in line(app)
        app.query_one("#one").focus()
        await pilot.pause()
        assert "f5" not in shown_keys(app)
        assert "Refresh" not in line(app)
