"""The export dialog: which document, and where. The app writes it (and asks before
overwriting); the dialog only chooses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

ExportFormat = Literal["ics", "markdown", "html"]
SUFFIX: dict[ExportFormat, str] = {"ics": ".ics", "markdown": ".md", "html": ".html"}
LABEL: dict[ExportFormat, str] = {
    "ics": "Calendar (.ics)",
    "markdown": "Agenda (Markdown)",
    "html": "Agenda (HTML)",
}


@dataclass(frozen=True)
class ExportChoice:
    format: ExportFormat
    path: Path
    utc: bool = False
    """A calendar with every time in UTC, for programs that ignore time zones."""


def default_path(stem: str, fmt: ExportFormat, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{stem}{SUFFIX[fmt]}"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Dismisses with the chosen format and path, or None."""

    AUTO_FOCUS = "#export-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, stem: str, folder: Path | None = None, *, utc: bool = False) -> None:
        super().__init__()
        self.stem = stem
        self.folder = folder
        self.utc = utc
        self.format: ExportFormat = "ics"

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the plan"
            box.border_subtitle = "Enter export · Esc cancel"
            with RadioSet(id="export-format"):
                for fmt, label in LABEL.items():
                    yield RadioButton(label, value=fmt == "ics", name=fmt)
            yield Label("Write to")
            yield Input(
                str(default_path(self.stem, "ics", self.folder)), id="export-path", compact=True
            )
            yield Checkbox(
                "Calendar times in UTC (for calendar programs that ignore time zones)",
                self.utc,
                id="export-utc",
                compact=True,
            )
            yield Static("", id="export-error", classes="field-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    @on(RadioSet.Changed, "#export-format")
    def format_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.name
        if fmt not in SUFFIX:
            return
        new: ExportFormat = fmt
        self.query_one("#export-utc", Checkbox).display = new == "ics"
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value)
        if current.suffix in SUFFIX.values():
            path_input.value = str(current.with_suffix(SUFFIX[new]))
        self.format = new

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        error = self.query_one("#export-error", Static)
        if not text:
            error.update("give a file to write")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            error.update(f"{path}: is a folder; give a file name")
            return
        utc = self.format == "ics" and self.query_one("#export-utc", Checkbox).value
        self.dismiss(ExportChoice(self.format, path, utc))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
