"""The footer of key bindings, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, recomposed once per change of the keys it shows.

    Textual's own footer recomposes after every change of focus or of the screen stack, once
    per change, even when the keys on show stay the same; while the main screen starts, that
    is several full rebuilds of the same row of keys. This one coalesces the changes that come
    in one refresh and rebuilds only when the shown keys differ from the ones on screen."""

    def __init__(self) -> None:
        super().__init__()
        self._pending = False
        self._shown: Hashable = None

    def compose(self) -> ComposeResult:
        # The keys are known once the footer is on its screen: show them in the first layout
        # rather than in a second one after the first change of focus.
        self._bindings_ready = True
        self._shown = self._keys_on_show()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if self._pending or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_on_show()
        if shown != self._shown:
            await self.recompose()

    def _keys_on_show(self) -> Hashable:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
