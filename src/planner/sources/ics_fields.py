"""The ``X-PLANNER-`` properties of this planner's programme calendar (``planner export
--programme-ics``): what a programme read back from it needs beyond what calendars show, so
that a poster stays a poster and a talk stays in its session. Calendar programs keep such
properties and ignore them; :mod:`planner.sources.ics_programme` reads them.

Each contribution's and break's event carries its id as it is (a UID holds it only when it
is plain: ``A 1`` becomes ``a-1-HASH``). A contribution's also carries its kind (``talk``,
``invited``, ``poster``); its session's id, kind (``plenary``, ``contributed``, ``poster``)
and times (ISO 8601 instants in UTC); its own and its session's track when they have one; and
its speakers and links (JSON: a name may hold brackets, which the description's
``Speakers:`` line would read as an affiliation); and whether it is recorded, when the
programme says. A poster's event spans its poster session, as every calendar
shows it; read back, the poster takes its times from the session again. The calendar itself
carries the conference's city, venue and page (and, as ``X-WR-TIMEZONE``, its zone)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal

PREFIX = "X-PLANNER-"
ID = "X-PLANNER-ID"
"""The item's id as the programme gives it (the UID holds it only when it is plain)."""
KIND = "X-PLANNER-KIND"
SESSION = "X-PLANNER-SESSION"
SESSION_KIND = "X-PLANNER-SESSION-KIND"
SESSION_START = "X-PLANNER-SESSION-START"
SESSION_END = "X-PLANNER-SESSION-END"
TRACK = "X-PLANNER-TRACK"
SPEAKERS = "X-PLANNER-SPEAKERS"
"""JSON: ``[{"name": ..., "affiliation": ...}]`` (a name may hold brackets)."""
SESSION_TRACK = "X-PLANNER-SESSION-TRACK"
LINKS = "X-PLANNER-LINKS"
"""JSON: ``[{"url": ..., "title": ...}]`` (every link, its page's too)."""
RECORDED = "X-PLANNER-RECORDED"
"""``yes`` or ``no``, when the programme says."""

CITY = "X-PLANNER-CITY"
VENUE = "X-PLANNER-VENUE"
URL = "X-PLANNER-URL"
"""The conference's city, venue and page, on the calendar itself."""


def pairs(text: str, first: str, second: str) -> list[tuple[str, str | None]] | None:
    """:data:`SPEAKERS` or :data:`LINKS`: a JSON list of objects, each with a text ``first``
    and a text or null ``second``; None when ``text`` is empty or not such a list (the
    description is read instead)."""
    if not text:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, list):
        return None
    read: list[tuple[str, str | None]] = []
    for each in found:
        if not isinstance(each, dict):
            return None
        a, b = each.get(first), each.get(second)
        if not isinstance(a, str) or not isinstance(b, str | None):
            return None
        read.append((a, b))
    return read


def recorded(text: str, said: bool | None) -> bool | None:
    """:data:`RECORDED` (``yes``, ``no``), else what the description says."""
    text = text.lower()
    return True if text == "yes" else False if text == "no" else said


def kind(text: str) -> Literal["talk", "invited", "poster"]:
    """:data:`KIND`; a talk when it is anything else."""
    return "invited" if text == "invited" else "poster" if text == "poster" else "talk"


def session_kind(text: str) -> Literal["plenary", "contributed", "poster"]:
    """:data:`SESSION_KIND`; contributed when it is anything else."""
    return "plenary" if text == "plenary" else "poster" if text == "poster" else "contributed"


def instant(text: str, near: datetime) -> datetime:
    """:data:`SESSION_START` or :data:`SESSION_END` (ISO 8601 with an offset) in the zone of
    ``near`` (a time of the event), or ``near`` itself when it is absent or unreadable."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return near
    return moment.astimezone(near.tzinfo) if moment.tzinfo is not None else near
