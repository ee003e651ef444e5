"""Messages that travel across the whole app. Messages owned by one widget live with it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from planner.interests import InterestProfile


@dataclass
class ProfileEdited(Message):
    """A screen or dialog made a new profile; the app keeps it, saves it and re-plans.

    ``what`` says what changed, in words, for the status line."""

    profile: InterestProfile
    what: str
