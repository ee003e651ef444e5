"""Parts of a programme picked by a user's words, as ``planner show --day/--track`` picks them: a
day of the conference, and the tracks whose name contains a text (in any case)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.model.programme import Break, Contribution, Programme, Session


def _contains(name: str, text: str) -> bool:
    return text.casefold() in name.casefold()


def in_track(programme: Programme, contribution: Contribution, text: str | None) -> bool:
    """Whether ``contribution``'s track contains ``text`` (always, for no text)."""
    return text is None or _contains(programme.track_of(contribution), text)


def session_in_track(session: Session, text: str | None) -> bool:
    return text is None or _contains(session.track_name, text)


def any_track(programme: Programme, text: str) -> bool:
    """Whether a session or contribution of ``programme`` is in a track containing ``text``."""
    return any(session_in_track(s, text) for s in programme.sessions) or any(
        in_track(programme, c, text) for c in programme.contributions
    )


@dataclass(frozen=True)
class Selection:
    contributions: list[Contribution]
    sessions: list[Session]
    breaks: list[Break]


def selected(programme: Programme, day: date | None = None, track: str | None = None) -> Selection:
    """What ``planner show --day DAY --track TEXT`` lists, in programme order: the contributions
    on ``day`` in a track containing ``track``, the sessions of that day in such a track or
    holding such a contribution, and the breaks of that day (breaks belong to no track)."""

    def on_day(moment: datetime) -> bool:
        return day is None or programme.local(moment).date() == day

    contributions = [
        c
        for c in programme.contributions
        if (day is None or programme.day_of(c) == day) and in_track(programme, c, track)
    ]
    holding = {c.session for c in contributions}
    sessions = [
        s
        for s in programme.sessions
        if on_day(s.start) and (s.id in holding or session_in_track(s, track))
    ]
    breaks = [b for b in programme.breaks if on_day(b.start)]
    return Selection(contributions, sessions, breaks)
