"""The footer of keys: one line, each key a link that presses it."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

PINNED = ("help", "command_palette")  # on the right, on show however narrow the terminal


class Key(NamedTuple):
    """One key on show: what it presses, how it is written, what it does and whether it can."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget, can_focus=False):
    """The keys the screen's bindings show, in one line at the bottom of the screen.

    Textual's own footer is a widget per key (twelve on the main screen), restyled and
    recomposed as the focus moves. This is one widget that writes the keys as text, each a
    link that presses its key, and updates when the keys on show change. The help key and the
    command palette's stay on the right; the other keys follow the order of the bindings, as
    many whole ones as fit (help lists every key). A key that cannot act now is dimmed."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keys-footer--key", "keys-footer--description"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        link-color: $footer-foreground;
        link-background: $footer-background;
        link-style: none;
        link-color-hover: $footer-key-foreground;
        link-background-hover: $block-hover-background;
        link-style-hover: none;
        .keys-footer--key {
            color: $footer-key-foreground;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._placed: list[tuple[int, int, Key]] = []  # (first cell, end cell, key) on show

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> list[Key]:
        """Every key the screen's bindings show now, in their order (the palette's included)."""
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        return [
            Key(
                key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip or binding.tooltip,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ]

    def shown(self) -> list[Key]:
        """The keys on the line as last drawn, left to right."""
        return [key for _start, _end, key in self._placed]

    def _label(self, key: Key) -> Content:
        label = Content.assemble(
            (f" {key.display} ", self.get_visual_style("keys-footer--key")),
            (f"{key.description} ", self.get_visual_style("keys-footer--description")),
        )
        if not key.enabled:
            label = label.stylize(Style(dim=True))
        return label.stylize(Style.from_meta({"@click": f"press({key.key!r})"}))

    def render(self) -> Content:
        keys = self.keys()
        left = [(key, self._label(key)) for key in keys if key.action not in PINNED]
        right = [(key, self._label(key)) for key in keys if key.action in PINNED]
        width = self.size.width
        used = sum(label.cell_length for _key, label in right)
        shown: list[tuple[Key | None, Content]] = []
        for key, label in left:
            if used + label.cell_length > width:
                break
            shown.append((key, label))
            used += label.cell_length
        line = [*shown, (None, Content(" " * max(width - used, 0))), *right]
        self._placed = []
        cell = 0
        for placed, label in line:
            if placed is not None:
                self._placed.append((cell, cell + label.cell_length, placed))
            cell += label.cell_length
        return Content.assemble(*(label for _key, label in line))

    def key_at(self, x: int) -> Key | None:
        """The key drawn at cell ``x`` of the line, if any."""
        return next((key for start, end, key in self._placed if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.tooltip = key.tooltip if key is not None and key.tooltip else None

    def action_press(self, key: str) -> None:
        """A click on a key: press it (a key that cannot act now only rings the bell)."""
        on_show = {shown.key: shown for shown in self.keys()}
        if key in on_show and on_show[key].enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
