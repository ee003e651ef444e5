"""Messages that travel across the whole app. Messages owned by one widget live with it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ProfileChanged(Message):
    """The attendee's profile was edited; ``what`` says how, in words (for the status line)."""

    what: str
