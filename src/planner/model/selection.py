"""Parts of a programme picked by a user's words, as ``planner show --day/--track`` picks them: a
day of the conference (the day the schedule lists an item under), and the tracks whose name holds
every word of a text (whole words as the search finds them, :mod:`planner.interests.words`:
"rust" is the Rust track, not "Trusted Computing"; "*rust*" asks for parts of words too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.interests.words import name_matches
from planner.model.programme import Break, Contribution, Programme, Session


def in_track(programme: Programme, contribution: Contribution, text: str | None) -> bool:
    """Whether ``contribution``'s track holds the words of ``text`` (always, for no text)."""
    return text is None or name_matches(text, programme.track_of(contribution))


def session_in_track(session: Session, text: str | None) -> bool:
    return text is None or name_matches(text, session.track_name)


def any_track(programme: Programme, text: str) -> bool:
    """Whether a session or contribution of ``programme`` is in a track ``text`` names."""
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
    on ``day`` in a track ``track`` names, the sessions of that day in such a track or holding
    such a contribution, and the breaks of that day (breaks belong to no track)."""

    def on_day(item: Contribution | Session | Break) -> bool:
        return day is None or programme.day_of(item) == day

    contributions = [
        c for c in programme.contributions if on_day(c) and in_track(programme, c, track)
    ]
    holding = {c.session for c in contributions}
    sessions = [
        s
        for s in programme.sessions
        if on_day(s) and (s.id in holding or session_in_track(s, track))
    ]
    breaks = [b for b in programme.breaks if on_day(b)]
    return Selection(contributions, sessions, breaks)
