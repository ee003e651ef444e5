"""Why a keyword matches a contribution, in words: "'anomaly detection' in the title,
'detection' twice in the abstract, session 'Anomaly Detection'"."""

from __future__ import annotations

from dataclasses import dataclass

from planner.interests.folding import fold


@dataclass(frozen=True)
class Hit:
    """What a keyword found in one field of one contribution."""

    field: str
    """A field name of FIELDS, or "track" (a session's track, indexed with its title)."""
    counts: tuple[tuple[str, int, tuple[str, ...], bool], ...]
    """(keyword word, occurrences, the words as written there, whether some are longer words
    it begins) for each keyword word found."""
    phrase: int
    """Occurrences of the whole multi-word keyword, in order (0 for a one-word keyword)."""
    text: str
    """The field's text when it is short (session title, speaker name, affiliation)."""


def _times(n: int) -> str:
    return {1: "", 2: " twice"}.get(n, f" {n} times")


def _more(n: int) -> str:
    return {1: " once more", 2: " twice more"}.get(n, f" {n} more times")


def _word_part(word: str, count: int, forms: tuple[str, ...], begun: bool, extra: bool) -> str:
    part = f"'{word}'" + (_more(count) if extra else _times(count))
    if begun or fold(word) not in forms:
        own = fold(word)
        others = [f"'{f}'" for f in forms if f != own]
        if len(others) < len(forms):  # the word itself is among them: name the others only
            part += " (also as " + ", ".join(others) + ")"
        else:
            part += " (as " + ", ".join(others) + ")"
    return part


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe(hit: Hit, keyword: str, where: str) -> str:
    """One hit in words; ``where`` names its field ("the title")."""
    if hit.field == "session":
        return f"session '{hit.text}'"
    if hit.field == "track":
        return f"track '{hit.text}'"
    if hit.field == "speakers":
        return f"speaker '{hit.text}'"
    if hit.field == "affiliations":
        return f"affiliation '{hit.text}'"
    parts: list[str] = []
    if hit.phrase:
        parts.append(f"'{keyword}'{_times(hit.phrase)}")
    for word, count, forms, begun in hit.counts:
        rest = count - hit.phrase
        if rest > 0:
            parts.append(_word_part(word, rest, forms, begun, extra=bool(hit.phrase)))
    return _and(parts) + f" in {where}"
