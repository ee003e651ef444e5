"""The browser's search and filters over the rows of each day.

Pure functions over a :class:`Programme` (no Textual here), so they are tested on their own. The
rows themselves are :mod:`planner.views.day_rows`' (``planner show`` lists the same); the search
finds whole words (:mod:`planner.interests.words`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from planner.interests.words import SearchText, WordQuery
from planner.model import Contribution, Programme
from planner.views.day_rows import Row, rows_by_day

__all__ = [
    "KIND_FILTERS",
    "Filters",
    "Row",
    "day_rows",
    "filtered_rows",
    "kind_options",
    "language_options",
    "matches",
    "ranked",
    "search_texts",
    "session_titles",
]

#: Kinds a user can filter on, with their labels.
KIND_FILTERS: dict[str, str] = {
    "invited": "Invited talks",
    "talk": "Contributed talks",
    "poster": "Posters",
}


TYPE_PREFIX = "type:"
"""A kind filter's value for an event type of the schedule: ``type:workshop``."""


@dataclass(frozen=True)
class Filters:
    """What the user has typed and picked: a search text, a session title, a kind (a kind of
    contribution, or ``type:`` and an event type of the schedule), a language."""

    query: str = ""
    session: str | None = None
    kind: str | None = None
    language: str | None = None

    @property
    def active(self) -> bool:
        return bool(WordQuery.parse(self.query)) or any(
            value is not None for value in (self.session, self.kind, self.language)
        )

    def picked(self, name: str, value: str | None) -> Filters:
        """These filters with the ``session``, ``kind`` or ``language`` choice changed."""
        if name not in ("session", "kind", "language"):
            raise ValueError(f"no filter named {name!r}")
        chosen = {"session": self.session, "kind": self.kind, "language": self.language}
        chosen[name] = value
        return Filters(self.query, chosen["session"], chosen["kind"], chosen["language"])


def kind_options(programme: Programme) -> list[tuple[str, str]]:
    """What the kind filter offers: the kinds of contribution when there are several, and the
    schedule's own event types with how many items each has."""
    kinds = {c.kind for c in programme.contributions}
    options: list[tuple[str, str]] = []
    if len(kinds) > 1:
        options += [(label, k) for k, label in KIND_FILTERS.items() if k in kinds]
    types = Counter(c.event_type for c in programme.contributions if c.event_type)
    options += [(f"{t} ({n})", TYPE_PREFIX + t) for t, n in sorted(types.items())]
    return options


def language_options(programme: Programme) -> list[tuple[str, str]]:
    """The languages the schedule gives, with how many items each has (none for one)."""
    languages = Counter(c.language for c in programme.contributions if c.language)
    if len(languages) < 2:
        return []
    return [(f"{lang} ({n})", lang) for lang, n in sorted(languages.items())]


def _of_kind(contribution: Contribution, kind: str) -> bool:
    if kind.startswith(TYPE_PREFIX):
        return contribution.event_type == kind.removeprefix(TYPE_PREFIX)
    return contribution.kind == kind


def session_titles(programme: Programme) -> list[str]:
    """Distinct session titles in programme order (a session split by a break has one title)."""
    seen: dict[str, None] = {}
    for session in sorted(programme.sessions, key=lambda s: s.start):
        seen.setdefault(session.title, None)
    return list(seen)


def searchable_text(contribution: Contribution) -> SearchText:
    speakers = " ".join(f"{s.name} {s.affiliation or ''}" for s in contribution.speakers)
    return SearchText.of(
        f"{contribution.id} {contribution.title} {speakers} {contribution.abstract}"
    )


def search_texts(programme: Programme) -> dict[str, SearchText]:
    """Every contribution's searchable text by id: made once, searched on every key."""
    return {c.id: searchable_text(c) for c in programme.contributions}


def matches(
    programme: Programme,
    contribution: Contribution,
    filters: Filters,
    texts: Mapping[str, SearchText] | None = None,
    query: WordQuery | None = None,
) -> bool:
    """True when every word of the query is a word of the id, title, speakers, affiliations or
    abstract (by the rules of :class:`WordQuery`: whole words, or the parts a ``*`` asks for),
    and the contribution is in the chosen session and of the chosen kind. ``texts`` (from
    :func:`search_texts`) and ``query`` save making them again for each contribution."""
    if filters.kind is not None and not _of_kind(contribution, filters.kind):
        return False
    if filters.language is not None and contribution.language != filters.language:
        return False
    if filters.session is not None and programme.session_of(contribution).title != filters.session:
        return False
    query = query if query is not None else WordQuery.parse(filters.query)
    if not query:
        return True
    text = texts[contribution.id] if texts is not None else searchable_text(contribution)
    return query.matches(text)


def filtered_rows(
    programme: Programme,
    filters: Filters | None = None,
    texts: Mapping[str, SearchText] | None = None,
) -> dict[date, list[Row]]:
    """Every day's rows. With filters active, only the matching contributions (and the heading
    of a poster session that has matching posters); breaks only without."""
    filters = filters or Filters()
    query = WordQuery.parse(filters.query)
    return rows_by_day(
        programme,
        lambda c: matches(programme, c, filters, texts, query),
        breaks=not filters.active,
    )


def day_rows(
    programme: Programme,
    day: date,
    filters: Filters | None = None,
    texts: Mapping[str, SearchText] | None = None,
) -> list[Row]:
    """One day's rows (see :func:`filtered_rows`)."""
    return filtered_rows(programme, filters, texts).get(day, [])


def ranked(rows: list[Row], scores: Mapping[str, float]) -> list[Row]:
    """The contributions of ``rows``, best match first by ``scores`` (relevance by id, as the
    keywords rank; ties in time order), without poster headings or breaks."""
    return sorted((r for r in rows if r.is_contribution), key=lambda r: -scores.get(r.key, 0.0))
