"""How much an attendee wants each contribution: one score per contribution, with reasons.

The scale (interest points; the solver maximises their sum over the plan):

- **0** means no interest: the item is never put in a plan (unless it is a must-see).
- **Sessions and tracks**: ``profile.session[key] = w`` adds ``w`` to every contribution whose
  session title, session id or track is ``key`` (case and accents ignored). When several keys
  match one contribution the largest weight counts, once. Weights are the user's own; about 10
  is "as much as a best keyword match". A negative weight lowers interest (never below 0).
- **Keywords**: each keyword adds up to ``KEYWORD_TOP`` (10) points: its best-matching
  contribution in the programme gets 10 and the others their relevance relative to it
  (:mod:`planner.interests.relevance`), rounded to 0.1. Matches below ``KEYWORD_FLOOR`` (0.5)
  are dropped as noise. Several keywords add up.
- **Speakers**: a contribution presented by a listed speaker gets ``SPEAKER_WEIGHT`` (10). A
  name matches when each of its words is one of the speaker's names (case, accents and order
  ignored; "M." matches a name starting with M).
- The three add up, and the sum is floored at 0.
- **Stars**: ``profile.star[id] = w`` gives that contribution exactly ``w``, whatever the rest
  says, so a script can set exact interests. The UI's star levels are :data:`STAR_LEVELS`: one
  star is worth more than any single automatic match, each further star doubles it.
- **Live only** (``prefer_live``): the score of an item the schedule says will not be
  recorded is multiplied by that factor (stars excepted: they are exact), since it can be seen
  only in person.
- **Skip**: a skipped contribution scores 0, even when starred.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.errors import PlannerError
from planner.interests.folding import fold
from planner.interests.profile import STAR_LEVELS, InterestProfile
from planner.interests.relevance import relevance_index
from planner.interests.words import words
from planner.model import Contribution, Programme

KEYWORD_TOP = 10.0
"""Points of a keyword's best-matching contribution."""
KEYWORD_FLOOR = 0.5
"""Keyword matches worth fewer points than this are dropped."""
SPEAKER_WEIGHT = 10.0
"""Points for a contribution by a listed speaker."""
"""Weight of one, two and three stars in the UI (``--star ID`` alone is one star)."""


@dataclass(frozen=True)
class Interest:
    score: float
    reasons: list[str] = field(default_factory=list)
    """Why, in words: "session 'Anomaly Detection' (8)", "keyword 'SKA' (10): ..."."""


def star_weight(level: int) -> float:
    """The weight of ``level`` stars (1, 2 or 3)."""
    try:
        return STAR_LEVELS[level]
    except KeyError:
        raise PlannerError(
            f"star level {level}: choose one of {', '.join(map(str, STAR_LEVELS))}"
        ) from None


def star_level(weight: float) -> int | None:
    """The star level whose weight is exactly ``weight``, or None (a custom weight)."""
    return next((level for level, w in STAR_LEVELS.items() if w == weight), None)


def _num(value: float) -> str:
    return f"{value:g}"


def speaker_matches(wanted: str, name: str) -> bool:
    """True when every word of ``wanted`` is a different word of ``name`` ("M." an initial)."""
    want = words(wanted)
    have = words(name)
    if not want:
        return False
    for word in sorted(want, key=len, reverse=True):  # full words before initials
        found = next(
            (i for i, h in enumerate(have) if h == word or (len(word) == 1 and h.startswith(word))),
            None,
        )
        if found is None:
            return False
        del have[found]
    return True


def _session_part(
    programme: Programme, c: Contribution, weights: dict[str, tuple[str, float]]
) -> tuple[float, str] | None:
    session = programme.session_of(c)
    track = programme.track_of(c)
    best: tuple[float, str] | None = None
    for key, label in (
        (session.title, f"session '{session.title}'"),
        (session.id, f"session '{session.title}'"),
        (track, f"track '{track}'"),
    ):
        hit = weights.get(fold(key).strip())
        if hit is not None and (best is None or hit[1] > best[0]):
            best = (hit[1], f"{label} ({_num(hit[1])})")
    return best


def _keyword_parts(
    programme: Programme, keywords: Iterable[str]
) -> dict[str, list[tuple[float, str]]]:
    index = relevance_index(programme)
    parts: dict[str, list[tuple[float, str]]] = {}
    for keyword in dict.fromkeys(keywords):
        matches = index.search(keyword)
        if not matches:
            continue
        best = matches[0].score
        for m in matches:
            points = round(KEYWORD_TOP * m.score / best, 1)
            if points < KEYWORD_FLOOR:
                break  # best first: the rest are weaker still
            parts.setdefault(m.id, []).append(
                (points, f"keyword '{keyword}' ({_num(points)}): {m.explain()}")
            )
    return parts


def score_programme(programme: Programme, profile: InterestProfile) -> dict[str, Interest]:
    """The interest of every contribution of ``programme`` for ``profile``."""
    session_weights = {fold(k).strip(): (k, w) for k, w in profile.session.items()}
    keyword_parts = _keyword_parts(programme, profile.keyword)
    skip = set(profile.skip)
    live = profile.prefer_live
    result: dict[str, Interest] = {}
    for c in programme.contributions:
        parts: list[tuple[float, str]] = []
        session = _session_part(programme, c, session_weights) if session_weights else None
        if session is not None:
            parts.append(session)
        parts += keyword_parts.get(c.id, [])
        for speaker in c.speakers:
            if any(speaker_matches(wanted, speaker.name) for wanted in profile.speaker):
                parts.append((SPEAKER_WEIGHT, f"speaker {speaker.name}"))
                break
        combined = max(0.0, round(sum(points for points, _ in parts), 6))
        reasons = [reason for _, reason in parts]
        if live and combined > 0 and c.recorded is False:
            combined = round(combined * live, 6)
            reasons.append(f"not recorded: worth more in person (x{_num(live)})")
        if c.id in skip:
            result[c.id] = Interest(0.0, ["skipped"])
        elif c.id in profile.star:
            weight = profile.star[c.id]
            reason = f"starred: weight {_num(weight)}"
            if combined:
                reason += f" (instead of {_num(combined)} from other interests)"
            result[c.id] = Interest(weight, [reason])
        else:
            result[c.id] = Interest(combined, reasons)
    return result
