"""How much an attendee wants each contribution: one score per contribution, with reasons.

The scale (interest points; the solver maximises their sum over the plan):

- **0** means no interest: the item is never put in a plan (unless it is a must-see).
- **Sessions and tracks**: ``profile.session[key] = w`` adds ``w`` to every contribution whose
  session title, session id or track is ``key`` (case and accents ignored). When several keys
  match one contribution the largest weight counts, once. Weights are the user's own; about 10
  is "as much as a best keyword match". A negative weight lowers interest (never below 0).
- **Keywords**: each keyword adds up to ``KEYWORD_TOP`` (10) points: its best-matching
  contribution in the programme gets 10 and the others their relevance relative to it
  (:mod:`planner.interests.relevance`), rounded to 0.1. Matches below ``NOISE`` (5%) of the
  best are dropped as noise. Several keywords add up.
- **Liked documents and items**: ``profile.like[path] = w`` ranks the programme by its likeness
  to the document (:mod:`planner.interests.similarity`): its best match gets ``w`` (default
  10) and the others their likeness relative to it. When the best match holds nearly all of
  the document's terms (the document is that contribution's own abstract:
  :data:`planner.interests.likes.OWN_TEXT`), the next one sets the scale and the best is
  capped at ``w``. ``like_item`` does
  the same for a contribution of the programme (the contribution itself is not ranked).
- **Minimum relevance**: a match of a keyword, document or item below ``min_relevance``
  (default :data:`MIN_RELEVANCE`, 20%) of that interest's best match counts nothing, and an
  item whose interest is below ``min_score`` is not planned either: such items score 0 and keep
  what they matched in ``Interest.weak`` ("only weakly related: ...").
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from planner.errors import PlannerError
from planner.interests.folding import fold
from planner.interests.profile import MIN_RELEVANCE, STAR_LEVELS, InterestProfile
from planner.interests.words import words
from planner.model import Contribution, Programme

KEYWORD_TOP = 10.0
"""Points of a keyword's best-matching contribution."""
NOISE = 0.05
"""Matches below this share of their interest's best match are dropped, not even weak."""
KEYWORD_FLOOR = NOISE * KEYWORD_TOP
"""Keyword matches worth fewer points than this are dropped."""
__all__ = ["MIN_RELEVANCE", "STAR_LEVELS"]
SPEAKER_WEIGHT = 10.0
"""Points for a contribution by a listed speaker."""
"""Weight of one, two and three stars in the UI (``--star ID`` alone is one star)."""


@dataclass(frozen=True)
class Interest:
    score: float
    reasons: list[str] = field(default_factory=list)
    """Why, in words: "session 'Anomaly Detection' (8)", "keyword 'SKA' (10): ..."."""
    weak: list[str] = field(default_factory=list)
    """Matches that count nothing (below the minimum relevance or score), in words."""
    weak_score: float = 0.0
    """What those matches would have been worth."""
    exact: float = 0.0
    """The score unrounded and uncapped: of two items of equal score, the one more alike."""


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


Part = tuple[float, str, bool, float]
"""Points, the reason in words, whether the match is too weak to count, and the points unrounded
and uncapped (to order items of equal points)."""


def _scaled(
    ranked: Sequence[tuple[str, float, Callable[[], str]]],
    label: str,
    top: float,
    min_relevance: float,
    own_text: bool = False,
    explain_weak: bool = True,
) -> dict[str, Part]:
    """Points of the ranked matches of one interest (best first): ``top`` for the best, the
    others relative to it; ``own_text``: the best is the query's own text, and the next one
    sets the scale; ``explain_weak`` False: a weak match's reason gives its points only (a
    long document weakly matches most of a programme, and telling what each shares costs)."""
    if not ranked:
        return {}
    scale = ranked[1][1] if own_text and len(ranked) > 1 else ranked[0][1]
    parts: dict[str, Part] = {}
    for cid, score, explain in ranked:
        share = min(1.0, score / scale)
        points = round(top * share, 1)
        if share < NOISE or points <= 0:
            break  # best first: the rest are weaker still
        weak = share < min_relevance
        exact = top * score / scale
        reason = f"{label} ({_num(points)})"
        if explain_weak or not weak:
            reason += f": {explain()}"
        parts[cid] = (points, reason, weak, exact)
    return parts


def _interest_parts(programme: Programme, profile: InterestProfile) -> dict[str, list[Part]]:
    """The points of every keyword, liked document and liked item, by contribution."""
    found: list[dict[str, Part]] = []
    cut = profile.min_relevance
    if profile.keyword:
        from planner.interests.relevance import relevance_index

        index = relevance_index(programme)
        for keyword in dict.fromkeys(profile.keyword):
            ranked = [(m.id, m.score, m.explain) for m in index.search(keyword)]
            found.append(_scaled(ranked, f"keyword '{keyword}'", KEYWORD_TOP, cut))
    if profile.like or profile.like_item:
        from planner.interests.likes import like_rankings

        for r in like_rankings(programme, profile):
            scaled = _scaled(r.ranked, r.label, r.top, cut, own_text=r.own_text, explain_weak=False)
            found.append(scaled)
    parts: dict[str, list[Part]] = {}
    for interest in found:
        for cid, part in interest.items():
            parts.setdefault(cid, []).append(part)
    return parts


def score_programme(programme: Programme, profile: InterestProfile) -> dict[str, Interest]:
    """The interest of every contribution of ``programme`` for ``profile``."""
    session_weights = {fold(k).strip(): (k, w) for k, w in profile.session.items()}
    ranked_parts = _interest_parts(programme, profile)
    skip = set(profile.skip)
    live = profile.prefer_live
    result: dict[str, Interest] = {}
    for c in programme.contributions:
        parts: list[Part] = []
        session = _session_part(programme, c, session_weights) if session_weights else None
        if session is not None:
            parts.append((*session, False, session[0]))
        parts += ranked_parts.get(c.id, [])
        for speaker in c.speakers:
            if any(speaker_matches(wanted, speaker.name) for wanted in profile.speaker):
                parts.append((SPEAKER_WEIGHT, f"speaker {speaker.name}", False, SPEAKER_WEIGHT))
                break
        strong = [(points, reason) for points, reason, weak, _ in parts if not weak]
        weak = [(points, reason) for points, reason, weak, _ in parts if weak]
        exact = sum(e for _, _, weak, e in parts if not weak)
        combined = max(0.0, round(sum(points for points, _ in strong), 6))
        if profile.min_score is not None and 0 < combined < profile.min_score:
            strong, weak, combined = [], strong + weak, 0.0
        reasons = [reason for _, reason in strong]
        weak_score = round(sum(points for points, _ in weak), 6)
        if live and combined > 0 and c.recorded is False:
            combined, exact = round(combined * live, 6), exact * live
            reasons.append(f"not recorded: worth more in person (x{_num(live)})")
        if c.id in skip:
            result[c.id] = Interest(0.0, ["skipped"])
        elif c.id in profile.star:
            weight = profile.star[c.id]
            reason = f"starred: weight {_num(weight)}"
            if combined:
                reason += f" (instead of {_num(combined)} from other interests)"
            result[c.id] = Interest(weight, [reason])
        elif combined > 0:
            result[c.id] = Interest(combined, reasons, exact=exact)
        else:
            result[c.id] = Interest(0.0, reasons, [r for _, r in weak], max(0.0, weak_score))
    return result


def weakly_related(interest: Interest) -> str:
    """Why an item whose matches are all weak is not planned, in words."""
    return "only weakly related: " + "; ".join(interest.weak)
