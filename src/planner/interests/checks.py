"""What a profile asks that the programme cannot give. These are warnings, not errors: the plan is
still made, and the warnings say why it may be emptier than the attendee expects. Each names the
profile key, which is also the ``planner plan`` flag (``--keyword``, ``--leave``, ...).

- :func:`interest_state`: no interest given at all, or none that scores anything.
- :func:`availability_warnings`: an arrival after the conference's last day, a departure before
  its first day.
- :func:`unmatched_wishes`: keywords, sessions, speakers, event types and languages that match
  no contribution, and wishes for cancelled items.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from planner.errors import PlannerError
from planner.interests.folding import fold
from planner.interests.profile import InterestProfile
from planner.model import Programme

if TYPE_CHECKING:  # scoring loads the ranking libraries: not needed to check a profile
    from planner.interests.scoring import Interest

InterestState = Literal["none given", "none match", "some"]


def has_interests(profile: InterestProfile) -> bool:
    """Whether the profile says what the attendee wants to see (not only when they are there)."""
    return bool(
        profile.keyword
        or profile.session
        or profile.speaker
        or profile.star
        or profile.must
        or profile.own
    )


def interest_state(profile: InterestProfile, interests: Mapping[str, Interest]) -> InterestState:
    """``none given``: the profile has no interests; ``none match``: it has some but no
    contribution scores above 0 and nothing is a must-see or the attendee's own; else ``some``."""
    if not has_interests(profile):
        return "none given"
    if profile.must or profile.own or any(i.score > 0 for i in interests.values()):
        return "some"
    return "none match"


def _moment(value: datetime, programme: Programme) -> str:
    return f"{programme.local(value):%Y-%m-%d %H:%M}"


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def availability_warnings(programme: Programme, profile: InterestProfile) -> list[str]:
    """A departure before the conference's first day, or an arrival after its last day: nothing
    can be attended then."""
    conference = programme.conference
    warnings: list[str] = []
    if profile.leave is not None and programme.local(profile.leave).date() < conference.start:
        warnings.append(
            f"--leave {_moment(profile.leave, programme)} is before the conference starts "
            f"({_day(conference.start)})"
        )
    if profile.arrive is not None and programme.local(profile.arrive).date() > conference.end:
        warnings.append(
            f"--arrive {_moment(profile.arrive, programme)} is after the conference ends "
            f"({_day(conference.end)})"
        )
    return warnings


def session_keys(programme: Programme) -> set[str]:
    """Every session title, session id and track of ``programme``, folded as a ``session`` key
    of a profile is matched (case and accents ignored)."""
    keys: set[str] = set()
    for s in programme.sessions:
        keys |= {fold(s.title), fold(s.id), fold(s.track_name)}
    for c in programme.contributions:
        keys.add(fold(programme.track_of(c)))
    return keys


def unmatched_wishes(programme: Programme, profile: InterestProfile) -> list[str]:
    """One line for each keyword, session and speaker of ``profile`` that no contribution of
    ``programme`` matches (such a wish adds nothing to any score)."""
    from planner.interests.scoring import speaker_matches

    lines: list[str] = []
    if profile.keyword:
        from planner.interests.relevance import relevance_index

        index = relevance_index(programme)
        lines += [
            f"--keyword {k!r} matches no contribution"
            for k in dict.fromkeys(profile.keyword)
            if not index.search(k)
        ]
    lines += _unmatched_likes(programme, profile)
    keys = session_keys(programme) if profile.session else set()
    lines += [
        f"--session {name!r} matches no session, track or id"
        for name in profile.session
        if fold(name).strip() not in keys
    ]
    lines += cancelled_wishes(programme, profile)
    lines += _unmatched_filters(programme, profile)
    names = {s.name for c in programme.contributions for s in c.speakers}
    lines += [
        f"--speaker {wanted!r} matches no speaker"
        for wanted in dict.fromkeys(profile.speaker)
        if not any(speaker_matches(wanted, name) for name in names)
    ]
    return lines


def _unmatched_likes(programme: Programme, profile: InterestProfile) -> list[str]:
    """A line for each liked document that shares no word with any contribution (it adds
    nothing to any score); a document that cannot be read is reported where it is read."""
    if not profile.like:
        return []
    from planner.interests.likes import document
    from planner.interests.similarity_store import similarity_index

    index = similarity_index(programme)
    lines: list[str] = []
    for path in profile.like:
        try:
            doc = document(path)
        except PlannerError:
            continue
        if not index.rank(index.text_query(doc.text)):
            lines.append(f"--like {path!r} shares no word with any contribution")
    return lines


def cancelled_wishes(programme: Programme, profile: InterestProfile) -> list[str]:
    """A line for each starred, must-see or own item that the organisers cancelled: it is never
    planned, and a must-see of it is not an error."""
    by_id = programme.contribution_by_id
    lines: list[str] = []
    for key, ids in (("--must", profile.must), ("--own", profile.own), ("--star", profile.star)):
        for ident in ids:
            item = by_id.get(ident)
            if item is not None and item.cancelled:
                lines.append(f"{key} {ident}: {item.title!r} is cancelled: it is not planned")
    return lines


def _unmatched_filters(programme: Programme, profile: InterestProfile) -> list[str]:
    """``--type``, ``--skip-type`` and ``--language`` values that no contribution has."""
    types = {fold(c.event_type).strip() for c in programme.contributions if c.event_type}
    languages = {fold(c.language).strip() for c in programme.contributions if c.language}
    lines: list[str] = []
    for flag, values, known, noun in (
        ("--type", profile.type, types, "event type"),
        ("--skip-type", profile.skip_type, types, "event type"),
        ("--language", profile.language, languages, "language"),
    ):
        for value in values:
            if fold(value).strip() not in known:
                listed = ", ".join(sorted(known)[:12]) or "none"
                lines.append(f"{flag} {value!r} matches no {noun} of the programme ({listed})")
    return lines
