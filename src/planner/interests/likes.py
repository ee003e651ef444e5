"""The attendee's liked documents (``like``) and liked contributions (``like_item``) as ranked
interests: each ranks the whole programme by its likeness (:mod:`planner.interests.similarity`),
explained by the distinctive terms shared ("like your paper 'mypaper.txt' (7.3): shares 'light
curves', 'anomaly'"). A document is read once while its file is unchanged."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError
from planner.interests.documents import LikeDocument, read_document
from planner.interests.profile import LIKE_WEIGHT, InterestProfile
from planner.interests.similarity import Similar
from planner.interests.similarity_store import similarity_index
from planner.model import Programme

OWN_TEXT = 0.8
"""A contribution that holds this share of a liked document's terms (weighed as the query
weighs them) is the document's own text: the author's abstract in the programme."""

_READ: dict[tuple[str, int, int], LikeDocument] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Ranking:
    """One interest's matches, best first: (id, score, its reason in words when asked)."""

    label: str
    top: float
    ranked: list[tuple[str, float, Callable[[], str]]]
    own_text: bool


def document(path: str) -> LikeDocument:
    """The document at ``path``, read again only when the file changed."""
    try:
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return read_document(Path(path))  # says what is wrong with it
    with _LOCK:
        held = _READ.get(key)
    if held is None:
        held = read_document(Path(path))
        with _LOCK:
            _READ[key] = held
    return held


def _quoted(terms: tuple[str, ...]) -> str:
    return ", ".join(f"'{t}'" for t in terms)


def _shares(match: Similar) -> Callable[[], str]:
    return lambda: f"shares {_quoted(match.shared())}"


def like_rankings(programme: Programme, profile: InterestProfile) -> list[Ranking]:
    """A ranking for each liked document, then each liked contribution of ``profile``."""
    index = similarity_index(programme)
    rankings: list[Ranking] = []
    for path, weight in profile.like.items():
        doc = document(path)
        query = index.text_query(doc.text)
        matches = index.rank(query)
        ranked = [(m.id, m.score, _shares(m)) for m in matches]
        own = bool(matches) and index.held(query, matches[0].position) >= OWN_TEXT
        rankings.append(Ranking(f"like your paper '{doc.name}'", weight, ranked, own_text=own))
    for cid in dict.fromkeys(profile.like_item):
        if cid not in index.position:
            raise PlannerError(
                f"like_item: no contribution with id {cid!r} in {programme.conference.name}"
            )
        matches = index.rank(index.item_query(cid), leave_out=cid)
        ranked = [(m.id, m.score, _shares(m)) for m in matches]
        rankings.append(Ranking(f"more like {cid}", LIKE_WEIGHT, ranked, own_text=False))
    return rankings
