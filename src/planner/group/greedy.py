"""The greedy baseline for ``cover``: members planned one by one, in the group file's order,
each preferring what no one before them covers.

A member's interest in an item nobody attends yet is raised by the item's group weight (so an
uncovered item is worth its own score plus what the keenest member gives it); items already
full are left out unless they are a must-see: a talk once its room's capacity of members attend
it, a poster once ``max_per_poster`` members visit it (the baseline does not stagger visits, so
it counts a poster full sooner than the joint model, which allows that many at one time). If
the result keeps less than ``share`` of the member's personal optimum (counted in the models'
units, as the joint model counts it), the member keeps their personal plan. This is what the
joint model is measured against, and its first solution.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.errors import PlannerError
from planner.group.coverage import ATTENDING, GroupItem, plan_units, share_floor
from planner.group.joint import JointMember
from planner.itinerary import Itinerary
from planner.model import Programme
from planner.solver import plan


def _capacity(programme: Programme, cid: str, max_per_poster: int | None) -> int | None:
    contribution = programme.contribution_by_id[cid]
    if contribution.kind == "poster":
        return max_per_poster
    room = programme.room_by_name.get(programme.room_of(contribution))
    return room.capacity if room is not None else None


def plan_greedy(
    programme: Programme,
    members: Sequence[JointMember],
    items: Mapping[str, GroupItem],
    *,
    share: float,
    max_per_poster: int | None = None,
    time_limit: float = 10.0,
) -> list[Itinerary]:
    taken: dict[str, int] = {}
    plans: list[Itinerary] = []
    for member in members:
        scores = {cid: i.score for cid, i in member.interests.items()}
        wishes = set(member.profile.must) | set(member.profile.own)
        boosted: dict[str, float] = {}
        for cid, score in scores.items():
            if score <= 0:
                continue
            cap = _capacity(programme, cid, max_per_poster)
            if cap is not None and taken.get(cid, 0) >= cap and cid not in wishes:
                continue
            bonus = items[cid].weight if cid in items and cid not in taken else 0.0
            boosted[cid] = score + bonus
        try:
            chosen = plan(programme, member.profile, boosted, time_limit=time_limit)
        except PlannerError:
            chosen = member.personal
        if plan_units(chosen, scores) < share_floor(share, plan_units(member.personal, scores)):
            chosen = member.personal
        for item in chosen.items:
            if item.kind in ATTENDING:
                taken[item.id] = taken.get(item.id, 0) + 1
        plans.append(chosen)
    return plans
