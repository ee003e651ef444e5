"""The help screen (``?``): every key binding with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Browse the programme by day, search as you type, filter by session and kind. "
    "The details of the highlighted item appear beside (or below) the table. "
    "Times marked * were reconstructed, not published. "
    "Ctrl+P opens the command palette."
)


def bindings_table(bindings: list[tuple[str, str]]) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, description in bindings:
        table.add_row(key, description)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings it is given; any of Escape, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", "Close", id="help.close"),
    ]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc to close"
            yield Static(Text(INTRO), id="help-intro")
            yield Static(bindings_table(self.entries), id="help-keys")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
