"""At most N members at one poster at a time (``max_per_poster``), in the joint model.

A member's visits of one poster session are interchangeable *visit slots* (see
:mod:`planner.solver.variables`): the solver chooses how many posters and which, and the slots'
times; which poster goes in which slot is decided afterwards. That is not enough to count who
stands at a poster when, so for each *contested* poster (one that more than N members could
visit) each member gets one literal per slot, "this slot is spent at this poster": a visited
contested poster takes exactly one of the member's used slots, a slot shows at most one contested
poster, and per poster a cumulative constraint over those optional visits keeps at most N
members there at any moment. Posters that are not contested keep the plain slot model and fill
the remaining used slots, best first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solver.variables import Chosen, Flex, Variables


@dataclass
class PosterCap:
    shown: dict[tuple[int, str], list[tuple[Flex, cp_model.IntVar]]] = field(default_factory=dict)
    """(member index, poster id) -> (visit slot, "the slot is spent at this poster")."""


def add_poster_cap(model: cp_model.CpModel, members: Sequence[Variables], cap: int) -> PosterCap:
    visitors: dict[str, int] = defaultdict(int)
    for v in members:
        for cid, c in v.candidates.items():
            if c.kind == "poster":
                visitors[cid] += 1
    contested = {cid for cid, n in visitors.items() if n > cap}
    result = PosterCap()
    for m, v in enumerate(members):
        for key, posters in v.poster_groups.items():
            mine = [c for c in posters if c.id in contested]
            if not mine:
                continue
            per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for c in mine:
                pairs = []
                for k, unit in enumerate(v.visit_slots[key]):
                    lit = model.new_bool_var(f"show_{m}_{c.id}_{k}")
                    model.add_implication(lit, unit.lit)
                    pairs.append((unit, lit))
                    per_slot[k].append(lit)
                model.add(sum(lit for _, lit in pairs) == v.attend[c.id])
                result.shown[(m, c.id)] = pairs
            for lits in per_slot.values():
                if len(lits) > 1:
                    model.add_at_most_one(lits)
    for cid in sorted(contested):
        intervals = [
            model.new_optional_fixed_size_interval_var(
                unit.start_var, unit.length, lit, f"at_{m}_{cid}_{k}"
            )
            for (m, pid), pairs in result.shown.items()
            if pid == cid
            for k, (unit, lit) in enumerate(pairs)
        ]
        if intervals:
            model.add_cumulative(intervals, [1] * len(intervals), cap)
    return result


def retime_posters(
    cap: PosterCap,
    member: int,
    variables: Variables,
    solver: cp_model.CpSolver,
    chosen: list[Chosen],
) -> list[Chosen]:
    """The member's plan with contested posters at the slot the model gave them and the other
    visited posters in the remaining used slots, best first."""
    kept = [x for x in chosen if x.candidate is None or x.candidate.kind != "poster"]
    visits: list[Chosen] = []
    for key, posters in variables.poster_groups.items():
        starts = sorted(
            solver.value(u.start_var)
            for u in variables.visit_slots[key]
            if solver.boolean_value(u.lit)
        )
        visited = [c for c in posters if solver.boolean_value(variables.attend[c.id])]
        for c in visited:
            for unit, lit in cap.shown.get((member, c.id), []):
                if solver.boolean_value(lit):
                    start = solver.value(unit.start_var)
                    starts.remove(start)
                    visits.append(Chosen(c, c.day, start, start + c.length))
        others = sorted(
            (c for c in visited if (member, c.id) not in cap.shown), key=lambda c: (-c.score, c.id)
        )
        for c, start in zip(others, starts, strict=True):
            visits.append(Chosen(c, c.day, start, start + c.length))
    result = kept + visits
    result.sort(key=lambda x: (x.start, x.end, x.candidate.id if x.candidate else ""))
    return result
