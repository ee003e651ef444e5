"""The programme model: a conference, its rooms, sessions, contributions and breaks."""

from planner.model.programme import (
    Break,
    BreakKind,
    Conference,
    Contribution,
    ContributionId,
    ContributionKind,
    Link,
    Programme,
    Room,
    RoomKind,
    RoomOverlaps,
    Session,
    SessionKind,
    Speaker,
)

__all__ = [
    "Break",
    "BreakKind",
    "Conference",
    "Contribution",
    "ContributionId",
    "ContributionKind",
    "Link",
    "Programme",
    "Room",
    "RoomKind",
    "RoomOverlaps",
    "Session",
    "SessionKind",
    "Speaker",
]
