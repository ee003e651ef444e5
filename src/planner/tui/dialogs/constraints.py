"""The constraints form: arrival, departure, busy times and calendars, lunch, walking, daily
caps, own presentations. Each field shows its own message; Save only with none."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from planner.interests import InterestProfile
from planner.model import Programme
from planner.tui.constraints import FIELDS, MULTILINE, apply_form, form_values, parse_form


class ConstraintsDialog(ModalScreen[InterestProfile | None]):
    """Dismisses with the revised profile, or None when cancelled."""

    AUTO_FOCUS = "#field-arrive"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="constraints.cancel"),
        Binding("ctrl+s", "save", "Save", id="constraints.save"),
    ]

    def __init__(self, profile: InterestProfile, programme: Programme) -> None:
        super().__init__()
        self.profile = profile
        self.programme = programme
        self.touched: set[str] = set()
        self.tried = False

    def compose(self) -> ComposeResult:
        values = form_values(self.profile, self.programme)
        with Vertical(id="constraints-box") as box:
            box.border_title = "Constraints"
            box.border_subtitle = "Ctrl+S save · Esc cancel"
            with VerticalScroll(id="constraints-fields"):
                for name, (label, hint) in FIELDS.items():
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-label")
                        if name in MULTILINE:
                            area = TextArea(
                                values[name], id=f"field-{name}", soft_wrap=False, compact=True
                            )
                            area.placeholder = hint
                            yield area
                        else:
                            yield Input(
                                values[name], placeholder=hint, id=f"field-{name}", compact=True
                            )
                    yield Static("", id=f"error-{name}", classes="field-error")
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(id="constraints-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def values(self) -> dict[str, str]:
        out = {}
        for name in FIELDS:
            widget = self.query_one(f"#field-{name}")
            out[name] = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in [*FIELDS, "form"]:
            shown = name in errors and (self.tried or name in self.touched or name == "form")
            error = self.query_one(f"#error-{name}", Static)
            error.update(errors.get(name, "") if shown else "")
            error.display = shown

    def on_mount(self) -> None:
        self.show_errors({})

    @on(Input.Changed)
    @on(TextArea.Changed)
    def field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        if widget.id and widget.id.startswith("field-"):
            self.touched.add(widget.id.removeprefix("field-"))
        self.show_errors(parse_form(self.values(), self.programme).errors)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.tried = True
        profile, errors = apply_form(self.profile, self.values(), self.programme)
        self.show_errors(errors)
        if profile is not None:
            self.dismiss(profile)
        else:
            self.notify("Some fields need a look: see the messages under them.", severity="warning")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
