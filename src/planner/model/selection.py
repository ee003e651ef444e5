"""Parts of a programme picked by a user's words, as ``planner show --day/--track`` picks them: a
track is chosen by any text its name contains, in any case."""

from __future__ import annotations

from planner.model.programme import Contribution, Programme, Session


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
