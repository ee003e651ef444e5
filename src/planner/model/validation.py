"""Cross-item rules of a programme, each problem reported once in words that name the item."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING

from planner.model.overlaps import room_overlaps

if TYPE_CHECKING:
    from planner.model.programme import Contribution, Programme


def _duplicates(kind: str, keys: Iterable[str]) -> list[str]:
    listed = list(keys)
    if len(set(listed)) == len(listed):  # the usual case, without counting
        return []
    counts = Counter(listed)
    return [f"duplicate {kind} {key!r} ({n} times)" for key, n in counts.items() if n > 1]


def _iso(moment: object) -> str:
    return moment.isoformat() if hasattr(moment, "isoformat") else str(moment)


_id = attrgetter("id")
_name = attrgetter("name")


def _reversed(start: datetime, end: datetime) -> str:
    return f"end {end.isoformat()} is before start {start.isoformat()}"


def _label(contribution: Contribution) -> str:
    return f"contribution {contribution.id!r}"


def problems(programme: Programme) -> list[str]:
    """Every cross-item problem of ``programme``; an empty list means it is consistent."""
    found: list[str] = []
    found += _duplicates("room name", map(_name, programme.rooms))
    found += _duplicates("session id", map(_id, programme.sessions))
    found += _duplicates("contribution id", map(_id, programme.contributions))
    found += _duplicates("break id", map(_id, programme.breaks))

    rooms = {r.name for r in programme.rooms}
    days = set(programme.conference.days)
    sessions = {s.id: s for s in programme.sessions}
    for each in programme.sessions:
        if each.end < each.start:
            found.append(f"session {each.id!r}: {_reversed(each.start, each.end)}")
        if each.room not in rooms:
            found.append(f"session {each.id!r}: unknown room {each.room!r}")
    for item in programme.breaks:
        if item.end < item.start:
            found.append(f"break {item.id!r}: {_reversed(item.start, item.end)}")
        if item.room is not None and item.room not in rooms:
            found.append(f"break {item.id!r}: unknown room {item.room!r}")

    in_rooms: list[tuple[str, datetime, datetime, Contribution]] = []
    overlaps_checked = programme.room_overlaps != "allow"
    add = found.append
    for contribution in programme.contributions:
        start, end, kind = contribution.start, contribution.end, contribution.kind
        if kind == "poster":
            if start is not None or end is not None:
                add(
                    f"{_label(contribution)}: a poster takes its times from its poster "
                    "session; give no start or end"
                )
        elif start is None or end is None:
            add(f"{_label(contribution)}: a {kind} needs a start and an end")
            continue
        elif end < start:
            add(f"{_label(contribution)}: {_reversed(start, end)}")
            continue
        session = sessions.get(contribution.session)
        if session is None:
            add(f"{_label(contribution)}: unknown session {contribution.session!r}")
            continue
        room = contribution.room or session.room
        if room not in rooms:
            add(f"{_label(contribution)}: unknown room {room!r}")
        day = contribution.day
        if day is not None and day not in days:
            add(f"{_label(contribution)}: day {day.isoformat()} is not a day of the conference")
        if kind == "poster":
            if session.kind != "poster":
                add(
                    f"{_label(contribution)}: a poster must be in a poster session, "
                    f"but {session.id!r} is a {session.kind} session"
                )
            continue
        if session.kind == "poster":
            add(f"{_label(contribution)}: a {kind} cannot be in poster session {session.id!r}")
        assert start is not None and end is not None
        if start < session.start or end > session.end:
            add(
                f"{_label(contribution)}: {_iso(start)} to {_iso(end)} is outside its session "
                f"{session.id!r} ({_iso(session.start)} to {_iso(session.end)})"
            )
        if overlaps_checked and not contribution.cancelled:  # its slot is free
            in_rooms.append((room, start, end, contribution))

    in_rooms.sort(key=lambda span: span[3].id)  # ties in the order of ids
    for latest, talk in room_overlaps(in_rooms):
        assert talk.start is not None and latest.end is not None
        found.append(
            f"contributions {latest.id!r} and {talk.id!r} overlap in room "
            f"{talk.room or sessions[talk.session].room!r} "
            f"({_iso(talk.start)} is before {_iso(latest.end)})"
        )
    return found
