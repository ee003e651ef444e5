"""What the group cares about, and how much of it the members' plans cover.

An item *of group interest* is a contribution that some member scores above 0 (a skipped item
scores 0 for that member). Its *group weight* is the largest score any member gives it: the
group values an item as much as its keenest member does. An item is *covered* when at least one
member attends it (a talk or a poster visit; presenting one's own poster is not a visit), and
counts once however many attend. The coverage of a set of plans is the sum of the group
weights of the items they cover, in the scores' units.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.itinerary import Itinerary

ATTENDING = ("talk", "invited", "poster-visit")
SCALE = 100
"""Score units per point in the CP-SAT models (as :data:`planner.solver.items.SCALE`)."""


@dataclass(frozen=True)
class GroupItem:
    id: str
    weight: float
    """The largest score a member gives it."""
    interested: tuple[int, ...]
    """Indices of the members who score it above 0."""


def group_items(scores: Sequence[Mapping[str, float]]) -> dict[str, GroupItem]:
    """The items of group interest from each member's scores (in member order)."""
    best: dict[str, float] = {}
    who: dict[str, list[int]] = {}
    for index, member in enumerate(scores):
        for cid, score in member.items():
            if score > 0:
                best[cid] = max(best.get(cid, 0.0), score)
                who.setdefault(cid, []).append(index)
    return {cid: GroupItem(cid, best[cid], tuple(who[cid])) for cid in sorted(best)}


def attendance(itineraries: Sequence[Itinerary | None]) -> dict[str, list[int]]:
    """Item id -> indices of the members whose plan attends it."""
    found: dict[str, list[int]] = {}
    for index, itinerary in enumerate(itineraries):
        if itinerary is None:
            continue
        for item in itinerary.items:
            if item.kind in ATTENDING:
                found.setdefault(item.id, []).append(index)
    return found


def coverage(itineraries: Sequence[Itinerary | None], items: Mapping[str, GroupItem]) -> float:
    """The total group weight of the items the plans cover."""
    seen = attendance(itineraries)
    return round(sum(item.weight for cid, item in items.items() if cid in seen), 6)


def covered_count(itineraries: Sequence[Itinerary | None], items: Mapping[str, GroupItem]) -> int:
    seen = attendance(itineraries)
    return sum(1 for cid in items if cid in seen)


def gap(covered: float, bound: float) -> float:
    """The share of the bound that the coverage leaves uncovered (0 when the bound is 0)."""
    if bound <= 0:
        return 0.0
    return max(0.0, (bound - covered) / bound)


def units(score: float) -> int:
    """A score in the models' integer units: anything above 0 counts at least 1."""
    return 0 if score <= 0 else max(1, round(score * SCALE))


def share_floor(share: float, personal_units: int) -> int:
    """The least interest (in units) a plan may keep of a personal optimum of that many."""
    return math.ceil(share * personal_units - 1e-9)


def plan_units(itinerary: Itinerary, scores: Mapping[str, float]) -> int:
    """A member's own interest in a plan in the models' units (what the share is checked on)."""
    return sum(units(scores.get(i.id, 0.0)) for i in itinerary.items if i.kind != "lunch")


def utility(itinerary: Itinerary | None, scores: Mapping[str, float]) -> float:
    """A member's own interest in a plan: the sum of their scores of what it attends."""
    if itinerary is None:
        return 0.0
    return round(
        sum(scores.get(i.id, 0.0) for i in itinerary.items if i.kind != "lunch"),
        6,
    )
