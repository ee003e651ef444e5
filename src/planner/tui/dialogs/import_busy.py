"""Import busy times from a calendar file (.ics): the dialog picks the file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ImportBusyDialog(ModalScreen[Path | None]):
    """Dismisses with an existing calendar file or folder, or None."""

    AUTO_FOCUS = "#import-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box") as box:
            box.border_title = "Import busy times"
            box.border_subtitle = "Enter import · Esc cancel"
            yield Static(
                "The events of a calendar (.ics file, or a folder of them) on the conference's "
                "days become busy times: nothing is planned then."
            )
            yield Label("Calendar file")
            yield Input(placeholder="~/calendar.ics", id="import-path", compact=True)
            yield Static("", id="import-error", classes="field-error")
            with Horizontal(id="export-buttons"):
                yield Button("Import", variant="primary", id="import")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import")
    def chosen(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        error = self.query_one("#import-error", Static)
        path = Path(text).expanduser()
        if not text:
            error.update("give a calendar file")
        elif not path.exists():
            error.update(f"{path}: no such file or folder")
        else:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
