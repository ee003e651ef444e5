"""The rows the browser shows for a day, and the search and filters over them.

Pure functions over a :class:`Programme` (no Textual here), so they are tested on their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from planner.model import Contribution, Programme

RowKind = Literal["invited", "talk", "poster", "posters", "coffee", "lunch", "other"]

#: Kinds a user can filter on, with their labels.
KIND_FILTERS: dict[str, str] = {
    "invited": "Invited talks",
    "talk": "Contributed talks",
    "poster": "Posters",
}


@dataclass(frozen=True)
class Row:
    """One line of a day's table: a talk, a poster, a poster session's heading, or a break."""

    key: str
    kind: RowKind
    start: datetime
    end: datetime
    room: str
    title: str
    speaker: str
    reconstructed: bool
    contribution: Contribution | None = None

    @property
    def is_contribution(self) -> bool:
        return self.contribution is not None


@dataclass(frozen=True)
class Filters:
    """What the user has typed and picked: a search text, a session title, a kind."""

    query: str = ""
    session: str | None = None
    kind: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.query.strip()) or self.session is not None or self.kind is not None


def session_titles(programme: Programme) -> list[str]:
    """Distinct session titles in programme order (a session split by a break has one title)."""
    seen: dict[str, None] = {}
    for session in sorted(programme.sessions, key=lambda s: s.start):
        seen.setdefault(session.title, None)
    return list(seen)


def searchable_text(contribution: Contribution) -> str:
    speakers = " ".join(f"{s.name} {s.affiliation or ''}" for s in contribution.speakers)
    return f"{contribution.id} {contribution.title} {speakers} {contribution.abstract}".casefold()


def search_texts(programme: Programme) -> dict[str, str]:
    """Every contribution's searchable text by id: made once, searched on every key."""
    return {c.id: searchable_text(c) for c in programme.contributions}


def matches(
    programme: Programme,
    contribution: Contribution,
    filters: Filters,
    texts: Mapping[str, str] | None = None,
) -> bool:
    """True when every word of the query occurs in the title, speakers or abstract, and the
    contribution is in the chosen session and of the chosen kind. ``texts`` (from
    :func:`search_texts`) saves making each contribution's text again."""
    if filters.kind is not None and contribution.kind != filters.kind:
        return False
    if filters.session is not None and programme.session_of(contribution).title != filters.session:
        return False
    words = filters.query.casefold().split()
    if not words:
        return True
    text = texts[contribution.id] if texts is not None else searchable_text(contribution)
    return all(word in text for word in words)


def day_rows(
    programme: Programme,
    day: date,
    filters: Filters | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Row]:
    """The rows of one day in time order. With filters active, only the matching contributions
    (and the heading of a poster session that has matching posters); breaks only without."""
    filters = filters or Filters()
    local = programme.local
    entries: list[tuple[datetime, int, str, Row]] = []
    posters: dict[str, list[Contribution]] = defaultdict(list)
    for c in programme.contributions:
        if programme.day_of(c) != day or not matches(programme, c, filters, texts):
            continue
        if c.is_poster:
            posters[c.session].append(c)
            continue
        start, end = programme.window(c)
        entries.append(
            (
                start,
                1,
                c.id,
                Row(
                    key=c.id,
                    kind=c.kind,
                    start=local(start),
                    end=local(end),
                    room=programme.room_of(c),
                    title=c.title,
                    speaker=", ".join(s.name for s in c.speakers),
                    reconstructed=programme.times_reconstructed(c),
                    contribution=c,
                ),
            )
        )
    for session_id, items in posters.items():
        session = programme.session_by_id[session_id]
        heading = Row(
            key=f"session:{session.id}",
            kind="posters",
            start=local(session.start),
            end=local(session.end),
            room=session.room,
            title=f"{session.title} ({len(items)} posters)",
            speaker="",
            reconstructed=session.times_reconstructed,
        )
        entries.append((session.start, 0, heading.key, heading))
        for order, c in enumerate(items, start=1):
            entries.append(
                (
                    session.start,
                    0,
                    f"{heading.key}:{order:04d}",
                    Row(
                        key=c.id,
                        kind="poster",
                        start=local(session.start),
                        end=local(session.end),
                        room=programme.room_of(c),
                        title=c.title,
                        speaker=", ".join(s.name for s in c.speakers),
                        reconstructed=session.times_reconstructed,
                        contribution=c,
                    ),
                )
            )
    if not filters.active:
        for b in programme.breaks:
            if local(b.start).date() != day:
                continue
            row = Row(
                key=f"break:{b.id}",
                kind=b.kind,
                start=local(b.start),
                end=local(b.end),
                room=b.room or "",
                title=b.title,
                speaker="",
                reconstructed=b.times_reconstructed,
            )
            entries.append((b.start, 2, row.key, row))
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    return [row for *_, row in entries]
