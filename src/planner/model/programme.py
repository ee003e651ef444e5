"""Pydantic models of a conference programme.

Every datetime is timezone-aware (pydantic's ``AwareDatetime`` refuses naive ones). The rules
that tie fields together (an end after its start, a talk's times, a poster's none) and the
cross-item rules (unique ids, known sessions and rooms, talks inside their session, no overlaps
in a room) are checked by :func:`planner.model.validation.problems` when a programme is
validated, which reports every problem at once, naming each item by its id.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.model.text import Text, Title

ContributionId = str
SessionId = str
RoomName = Text

ContributionKind = Literal["invited", "talk", "poster"]
SessionKind = Literal["plenary", "contributed", "poster"]
RoomKind = Literal["hall", "poster-area"]
BreakKind = Literal["coffee", "lunch", "other"]
RoomOverlaps = Literal["error", "allow"]


def known_zone(name: str) -> str | None:
    """``name`` when it is a time zone the planner knows (an IANA name such as Europe/Rome, or
    UTC), else None: the one check of a zone's name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


#: Where the conference's zone came from: ``file`` (it names it), ``offsets`` (made from its
#: times' UTC offsets), ``inferred from city 'NAME'`` (or venue, title, country: the place the
#: file names), ``--zone`` (given by the user) or ``unknown`` (local clock times, zone unknown).
TIMEZONE_SOURCES = ("file", "offsets", "--zone", "unknown")
_INFERRED = re.compile(r"inferred from (city|venue|title|country) '.+'", re.DOTALL)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Timed(_Model):
    """Something with a start and an end."""

    start: AwareDatetime
    end: AwareDatetime
    times_reconstructed: bool = Field(
        default=False,
        description="True when the times were reconstructed rather than published.",
    )

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


class Speaker(_Model):
    name: Text
    affiliation: Text | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class Link(_Model):
    """A link the source gives with an item: its page, slides, a video, a stream, feedback."""

    url: str
    title: Text | None = None


class Room(_Model):
    name: RoomName
    capacity: int | None = Field(default=None, ge=0)
    kind: RoomKind = "hall"


class Session(_Timed):
    id: SessionId
    title: Title
    kind: SessionKind
    room: RoomName
    track: Text | None = Field(
        default=None, description="A track this session belongs to, when it differs from its title."
    )

    @property
    def track_name(self) -> str:
        return self.track or self.title


class Contribution(_Model):
    id: ContributionId
    title: Title
    kind: ContributionKind
    session: SessionId
    speakers: list[Speaker] = Field(default_factory=list)
    abstract: Text = ""
    start: AwareDatetime | None = Field(default=None, description="Talks only.")
    end: AwareDatetime | None = Field(default=None, description="Talks only.")
    room: RoomName | None = Field(default=None, description="Defaults to the session's room.")
    board: Text | None = Field(default=None, description="Posters only: the poster board.")
    url: str | None = None
    track: Text | None = None
    event_type: str | None = Field(
        default=None,
        description="The source's own event type (lecture, workshop, ...), as published.",
    )
    language: str | None = Field(
        default=None, description="The language it is given in, as the source writes it."
    )
    recorded: bool | None = Field(
        default=None,
        description="Whether it will be recorded: False when the source says it will not "
        "(frab <recording><optout>, c3voc do_not_record), None when the source does not say.",
    )
    links: list[Link] = Field(
        default_factory=list, description="Links the source gives (slides, video, feedback...)."
    )
    cancelled: bool = Field(
        default=False,
        description="Cancelled by the organisers (its title is given without the marker): "
        "shown as cancelled, never planned.",
    )
    day: date | None = Field(
        default=None,
        description="Talks only: the conference day this talk belongs to, when the source puts "
        "it on another day than its start's date (e.g. after midnight).",
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Editorial decisions about this item, shown with it (e.g. an inferred session).",
    )

    @property
    def is_poster(self) -> bool:
        return self.kind == "poster"


class Break(_Timed):
    id: str
    kind: BreakKind
    title: Title
    room: RoomName | None = None


class Conference(_Model):
    name: Text
    city: Text | None = None
    venue: Text | None = None
    timezone: str
    timezone_source: str = Field(
        default="file",
        description="Where the zone came from: 'file', 'offsets', \"inferred from city 'NAME'\" "
        "(or venue, title, country), '--zone', or 'unknown' (the times are local clock times "
        "of an unknown zone, held as UTC clock faces: no calendar can be written).",
    )
    days: list[date]
    url: str | None = None

    @field_validator("timezone_source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        if value not in TIMEZONE_SOURCES and not _INFERRED.fullmatch(value):
            raise ValueError(
                f"unknown time zone source {value!r} (expected one of "
                f"{', '.join(TIMEZONE_SOURCES)}, or \"inferred from city 'NAME'\")"
            )
        return value

    @property
    def zone_known(self) -> bool:
        """False when the times are local clock times of a zone nobody named."""
        return self.timezone_source != "unknown"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if known_zone(value) is None:
            raise ValueError(
                f"unknown time zone name {value!r} (expected an IANA name such as Europe/Rome)"
            )
        return value

    @field_validator("days")
    @classmethod
    def _days_sorted(cls, value: list[date]) -> list[date]:
        if not value:
            raise ValueError("a conference needs at least one day")
        if sorted(set(value)) != value:
            raise ValueError("days must be distinct and in order")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def start(self) -> date:
        return self.days[0]

    @property
    def end(self) -> date:
        return self.days[-1]


class Programme(_Model):
    """A whole conference programme. Build one with :func:`planner.model.io.load_programme`
    or validate a constructed one with :meth:`check`."""

    conference: Conference
    rooms: list[Room]
    sessions: list[Session]
    contributions: list[Contribution]
    breaks: list[Break] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="Notes about the programme as a whole."
    )
    room_overlaps: RoomOverlaps = Field(
        default="error",
        description="'error' refuses two talks overlapping in one room; 'allow' keeps them "
        "(imported schedules that publish such overlaps).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        from planner.model.validation import problems

        found = problems(self)
        if found:
            raise ValueError("\n".join(found))
        return self

    # Look-ups (cached: the model is frozen).
    @cached_property
    def session_by_id(self) -> dict[SessionId, Session]:
        return {s.id: s for s in self.sessions}

    @cached_property
    def contribution_by_id(self) -> dict[ContributionId, Contribution]:
        return {c.id: c for c in self.contributions}

    @cached_property
    def room_by_name(self) -> dict[RoomName, Room]:
        return {r.name: r for r in self.rooms}

    def session_of(self, contribution: Contribution) -> Session:
        return self.session_by_id[contribution.session]

    def room_of(self, contribution: Contribution) -> RoomName:
        return contribution.room or self.session_of(contribution).room

    def window(self, contribution: Contribution) -> tuple[datetime, datetime]:
        """When the contribution can be seen: a talk's slot, or its poster session's window."""
        if contribution.start is not None and contribution.end is not None:
            return contribution.start, contribution.end
        session = self.session_of(contribution)
        return session.start, session.end

    def times_reconstructed(self, contribution: Contribution) -> bool:
        return self.session_of(contribution).times_reconstructed

    @property
    def any_times_reconstructed(self) -> bool:
        return any(s.times_reconstructed for s in self.sessions) or any(
            b.times_reconstructed for b in self.breaks
        )

    def track_of(self, contribution: Contribution) -> str:
        return contribution.track or self.session_of(contribution).track_name

    def local(self, moment: datetime) -> datetime:
        """A datetime in the conference's zone."""
        return moment.astimezone(self.conference.zone)

    def day_of(self, item: Contribution | Session | Break) -> date:
        """The conference day an item is listed under, in every view: the day the source put
        a talk on (a talk after midnight stays on the evening's day), else the date of its start
        in the conference's zone (a poster: its session's)."""
        if isinstance(item, Contribution):
            if item.day is not None:
                return item.day
            return self.local(self.window(item)[0]).date()
        return self.local(item.start).date()

    def day_of_item(self, item_id: str, start: datetime) -> date:
        """The day a planned item (a contribution's id, or a lunch) is listed under."""
        contribution = self.contribution_by_id.get(item_id)
        if contribution is not None:
            return self.day_of(contribution)
        return self.local(start).date()
