"""The footer of keys: shown at once, rebuilt only when the keys on show change."""

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
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Keyed(id="keyed")
        yield KeysFooter()


def shown_keys(app: App[None]) -> list[str]:
    return [key.key for key in app.query("FooterKey")]


async def count_rebuilds(app: FooterApp) -> list[int]:
    footer = app.query_one(KeysFooter)
    rebuilds = [0]
    recompose = footer.recompose

    async def counted() -> None:
        rebuilds[0] += 1
        await recompose()

    footer.recompose = counted  # type: ignore[method-assign]
    return rebuilds


async def test_keys_are_shown_in_the_first_screen() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "q" in shown_keys(app)


async def test_focus_changes_that_keep_the_keys_do_not_rebuild_the_footer() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        rebuilds = await count_rebuilds(app)
        for target in ("#two", "#one", "#two"):
            app.query_one(target).focus()
            await pilot.pause()
        assert rebuilds[0] == 0
        assert "q" in shown_keys(app)


async def test_a_new_key_on_show_rebuilds_the_footer_once() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        rebuilds = await count_rebuilds(app)
        app.query_one("#keyed").focus()
        app.query_one("#keyed").blur()
        app.query_one("#keyed").focus()  # three changes in one refresh
        await pilot.pause()
        await pilot.pause()
        assert rebuilds[0] == 1
        assert "f5" in shown_keys(app)
        app.query_one("#one").focus()
        await pilot.pause()
        await pilot.pause()
        assert rebuilds[0] == 2
        assert "f5" not in shown_keys(app)
