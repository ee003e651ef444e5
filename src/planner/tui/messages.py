"""Messages that travel across the whole app. Messages owned by one widget live with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from planner.interests import InterestProfile
from planner.itinerary import Itinerary

if TYPE_CHECKING:
    from planner.interests.scoring import Interest


@dataclass
class ProfileEdited(Message):
    """A screen or dialog made a new profile; the app keeps it, saves it and re-plans.

    ``what`` says what changed, in words, for the status line."""

    profile: InterestProfile
    what: str


@dataclass
class PlanReady(Message):
    """A planning run finished (posted from the planning thread).

    ``generation`` numbers the runs: only the latest one's result is shown."""

    itinerary: Itinerary
    warnings: list[str]
    generation: int


@dataclass
class PlanFailed(Message):
    """A planning run could not make a plan (clashing must-sees, an unreadable calendar...)."""

    problem: str
    generation: int


@dataclass
class ScoresReady(Message):
    """The starting profile has been scored (posted from the warm-up thread).

    ``usable`` is the profile without its liked documents that cannot be read (what was
    scored), ``unreadable`` what is wrong with each (by path, in words that name the file),
    ``problems`` those and what else kept the profile from being scored."""

    profile: InterestProfile
    scores: dict[str, Interest]
    usable: InterestProfile
    problems: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)
