"""``cover`` for large groups: large-neighbourhood search over members from the better baseline.

The joint model (:mod:`planner.group.joint`) holds every member's rules, so it grows with the
group and, for hundreds of members, takes longer to build than the time there is. Here the
plans start from the better baseline (the greedy one, or the members' own plans when they keep
every capacity) and, while time remains, a few members at a time are planned again by the
joint model *given the others' plans*: the items the others already cover weigh nothing, and
the seats they take at talks are taken. The members chosen are those interested in an item
nobody covers yet (the heaviest first, each tried once). Each step covers at least what it
started from (the joint model's own guarantee), so the coverage only grows from the baseline.

The bound is the group's whole weight (every item of group interest covered): valid, if weak
where items cannot be reached. Shared limits on flexible visits (at most so many members at a
poster, or in a poster area, at one time) are not split between neighbourhoods: such groups are
planned by the whole model.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence

from planner.group.coverage import ATTENDING, GroupItem, attendance, coverage
from planner.group.joint import JointMember, JointResult, plan_cover
from planner.itinerary import Itinerary
from planner.model import Programme

LNS_MEMBERS = 150
"""Groups with more members than this are planned by the search (without shared poster
limits)."""
NEIGHBOURHOOD = 25
"""Members planned again together in one step."""
STEP_SECONDS = 3.0
"""The joint model's time for one step (less when less is left)."""
SEED = 7


def fits(programme: Programme, members: int, max_per_poster: int | None) -> bool:
    """Whether a group is planned by the search: large, and no shared limit on visits."""
    if members <= LNS_MEMBERS or max_per_poster is not None:
        return False
    flexible = {programme.room_of(c) for c in programme.contributions if c.kind == "poster"}
    return not any(r.capacity is not None for r in programme.rooms if r.name in flexible)


def _seats(plans: Sequence[Itinerary], outside: set[int]) -> dict[str, int]:
    """Members of ``outside`` at each talk."""
    seats: dict[str, int] = {}
    for index in outside:
        for item in plans[index].items:
            if item.kind in ATTENDING and item.kind != "poster-visit":
                seats[item.id] = seats.get(item.id, 0) + 1
    return seats


def plan_large(
    programme: Programme,
    members: Sequence[JointMember],
    items: Mapping[str, GroupItem],
    *,
    share: float,
    max_per_poster: int | None = None,
    time_limit: float = 10.0,
    start: Sequence[Itinerary],
) -> JointResult:
    """Plans covering at least what ``start`` covers; see the module."""
    started = time.perf_counter()
    deadline = started + time_limit
    plans = list(start)
    rng = random.Random(SEED)
    tried: set[str] = set()
    steps = 0
    while (left := deadline - time.perf_counter()) > 0.5:
        seen = attendance(plans)
        open_items = [i for cid, i in items.items() if cid not in seen and cid not in tried]
        if not open_items:
            break
        open_items.sort(key=lambda i: (-i.weight, i.id))
        chosen: list[int] = []
        for item in open_items:
            if len(chosen) >= NEIGHBOURHOOD:
                break
            tried.add(item.id)
            keen = [m for m in item.interested if m not in chosen]
            rng.shuffle(keen)
            chosen.extend(keen[: max(1, NEIGHBOURHOOD // 5)])
        chosen = sorted(chosen[:NEIGHBOURHOOD])
        inside = set(chosen)
        outside = set(range(len(plans))) - inside
        covered_outside = attendance([plans[i] for i in outside])
        open_weight = {cid: item for cid, item in items.items() if cid not in covered_outside}
        step = plan_cover(
            programme,
            [members[i] for i in chosen],
            open_weight,
            share=share,
            max_per_poster=max_per_poster,
            time_limit=min(left, STEP_SECONDS),
            starts=[[plans[i] for i in chosen]],
            taken=_seats(plans, outside),
        )
        for index, itinerary in zip(chosen, step.itineraries, strict=True):
            plans[index] = itinerary
        steps += 1
    covered = coverage(plans, items)
    weight = round(sum(i.weight for i in items.values()), 6)
    seconds = time.perf_counter() - started
    done = covered >= weight - 1e-9
    return JointResult(
        "optimal" if done else "feasible",
        plans,
        covered=covered,
        bound=max(covered, weight),
        seconds=seconds,
        cover_seconds=seconds,
        source="model" if steps else "start",
    )
