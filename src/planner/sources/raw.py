"""The common shape every schedule reader fills in, and the small parsers they share.

A reader (frab XML, c3voc/pretalx JSON, Indico JSON) turns its file into a :class:`RawSchedule`:
events with aware start and end times, the file's days and rooms, and warnings about what it had
to tidy. :func:`planner.sources.assemble.assemble` then makes the :class:`Programme`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from planner.errors import ProgrammeError


@dataclass
class RawDay:
    date: date
    start: datetime | None = None
    end: datetime | None = None


@dataclass
class RawRoom:
    name: str
    capacity: int | None = None


@dataclass
class RawSession:
    """A session the source itself defines (Indico session blocks)."""

    key: str
    title: str
    room: str
    start: datetime
    end: datetime
    kind: Literal["plenary", "contributed", "poster"] = "contributed"
    track: str | None = None
    times_reconstructed: bool = False


@dataclass(slots=True)
class RawEvent:
    id: str | None
    title: str
    room: str
    start: datetime | None  # None for a poster
    end: datetime | None
    day: date | None = None  # the day the file lists it under
    guid: str | None = None
    track: str | None = None
    event_type: str | None = None
    abstract: str = ""
    speakers: list[tuple[str, str | None]] = field(default_factory=list)
    url: str | None = None
    kind: Literal["talk", "invited", "poster"] = "talk"
    session: str | None = None  # key of a RawSession
    board: str | None = None
    notes: list[str] = field(default_factory=list)
    position: int = 0  # in the file, from 0
    label: str = "event"
    language: str | None = None
    recorded: bool | None = None  # False: the source says it will not be recorded
    links: list[tuple[str, str | None]] = field(default_factory=list)  # (url, title)
    cancelled: bool = False  # the source's state says so (a title marker is found later)

    @property
    def ref(self) -> str:
        """How messages name it: ``event 7886 'Title'`` (``event #3`` without an id)."""
        return f"{self.label} {self.id or f'#{self.position + 1}'} {self.title!r}"


@dataclass
class RawBreak:
    title: str
    start: datetime
    end: datetime
    room: str | None = None
    times_reconstructed: bool = False
    id: str | None = None  # the source's own (else one is made)


@dataclass
class RawSchedule:
    format: str
    source: str
    name: str
    timezone: str | None
    days: list[RawDay]
    rooms: list[RawRoom]
    events: list[RawEvent]
    sessions: list[RawSession] = field(default_factory=list)
    breaks: list[RawBreak] = field(default_factory=list)
    city: str | None = None
    venue: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


# --- small parsers -------------------------------------------------------------------------

_DURATION = TypeAdapter(timedelta)
_HHMM = re.compile(r"^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$")


def parse_duration(text: str) -> timedelta:
    """``00:30``, ``1:30``, ``0:30:00`` (hours first) or ISO 8601 ``PT30M``."""
    hours, colon, minutes = text.partition(":")
    if colon and len(minutes) == 2 and hours.isdigit() and minutes.isdigit():
        return timedelta(hours=int(hours), minutes=int(minutes))  # the usual HH:MM
    match = _HHMM.match(text)
    if match:
        hours, minutes, seconds = match.groups()
        return timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    try:
        value = _DURATION.validate_python(text.strip())
    except ValidationError:
        raise ValueError(f"duration {text!r} is neither HH:MM nor ISO 8601 (PT30M)") from None
    if value < timedelta(0):
        raise ValueError(f"duration {text!r} is negative")
    return value


def parse_datetime(text: str) -> datetime:
    """An ISO 8601 date and time; naive when the text gives no offset."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date and time") from None


class Parsed:
    """Date-times and durations parsed once per distinct text, for one import: a schedule
    repeats the same few hundred start times and lengths over its events. Made afresh for
    each file read; the values are immutable, so events may share them.

    Times with the same UTC offset also share one ``tzinfo``: Python compares and hashes
    date-times of one ``tzinfo`` by their fields, several times faster than across two (which
    goes through their offsets), with the same result for fixed offsets."""

    __slots__ = ("_datetimes", "_durations", "_offsets")

    def __init__(self) -> None:
        self._datetimes: dict[str, datetime] = {}
        self._durations: dict[str, timedelta] = {}
        self._offsets: dict[tzinfo, tzinfo] = {}

    def datetime(self, text: str) -> datetime:
        """:func:`parse_datetime`, once per text."""
        found = self._datetimes.get(text)
        if found is None:
            found = parse_datetime(text)
            zone = found.tzinfo
            if type(zone) is timezone:  # a fixed offset, as ISO 8601 text gives
                shared = self._offsets.setdefault(zone, zone)
                if shared is not zone:
                    found = found.replace(tzinfo=shared)
            self._datetimes[text] = found
        return found

    def duration(self, text: str) -> timedelta:
        """:func:`parse_duration`, once per text."""
        found = self._durations.get(text)
        if found is None:
            found = self._durations[text] = parse_duration(text)
        return found


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None


_BREAK_TYPES = frozenset({"break", "pause"})
_BREAK_TITLE = re.compile(
    r"(?:(?:morning|afternoon|short|long)\s+)?"
    r"(?:(?:coffee|tea|lunch|kaffee|mittags?)[\s-]*)?(?:break|pause)"
    r"|lunch|coffee|mittagessen",
    re.IGNORECASE,
)


def is_break(title: str, event_type: str | None, speakers: list[tuple[str, str | None]]) -> bool:
    """Whether an event a schedule lists is a break: typed ``break`` or ``pause``, or titled only
    as one (``Coffee Break``, ``Lunch``, ``Kaffeepause``...) with no speakers. Conservative: a
    talk *about* breaks, or a "Coffee Break" someone speaks at, stays a talk."""
    return is_break_type(event_type) or (not speakers and is_break_title(title))


@cache  # a schedule has a few types over many events
def is_break_type(event_type: str | None) -> bool:
    return event_type is not None and event_type.strip().lower() in _BREAK_TYPES


def is_break_title(title: str) -> bool:
    # a break's title is short: a long one needs no pattern tried
    return len(title) <= 40 and _BREAK_TITLE.fullmatch(" ".join(title.split())) is not None


def join_texts(*parts: str) -> str:
    """Non-empty parts, each once, in order, as paragraphs."""
    kept: list[str] = []
    for part in parts:
        if part:
            for other in kept:
                if part in other:
                    break
            else:
                kept.append(part)
    return "\n\n".join(kept)


def localized(value: Any) -> str:
    """A string, or a translation map ``{"en": ..., "de": ...}`` (English first)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("en", *value.keys()):
            chosen = value.get(key)
            if isinstance(chosen, str) and chosen:
                return chosen
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected text, found {type(value).__name__}")


def room_mismatches(pairs: dict[tuple[str, str], None]) -> list[str]:
    """A warning for events that name another room than the one they are listed in."""
    if not pairs:
        return []
    shown = ", ".join(f"{listed!r} lists events in {own!r}" for listed, own in list(pairs)[:3])
    more = f" and {len(pairs) - 3} more" if len(pairs) > 3 else ""
    return [
        f"{len(pairs)} room{'s list' if len(pairs) != 1 else ' lists'} events that name another "
        f"room ({shown}{more}): the listing's room is kept"
    ]


def unusable(source: str, expected: str, found: str) -> ProgrammeError:
    return ProgrammeError(
        f"{source}: not a schedule this planner reads: expected {expected}; {found}"
    )
