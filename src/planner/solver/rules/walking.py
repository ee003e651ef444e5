"""Walking time between rooms.

Between talks: talks ``i`` in other rooms that end less than a walk before talk ``j`` starts
cannot both be attended with ``j``. When those talks overlap each other (the usual case: talks
last longer than a walk) ``j`` and they form one clique, one ``AddAtMostOne``; otherwise each
pair gets its own clause. Together with the time cliques this forbids exactly the clashing or
too-close pairs.

Between a talk and a flexible item (a poster visit or duty in another room): if the item cannot
fit before the talk it must start a walk after it, and vice versa; these bounds are aggregated
per poster group (one "earliest entry" and one "latest exit" variable), and talks with room on
both sides get a disjunction of their own.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.solver.items import Candidate
from planner.solver.variables import Flex, Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model

Walk = Callable[[str, str], int]


def walking_conflicts(
    talks: list[Candidate], walk: Walk
) -> list[tuple[Candidate, list[Candidate]]]:
    """For each talk j, the talks in other rooms that end less than a walk before j starts."""
    by_end = sorted(talks, key=lambda c: (c.end, c.id))
    ends = [c.end for c in by_end]
    rooms = {c.room for c in talks}
    longest = max((walk(a, b) for a in rooms for b in rooms), default=0)
    if longest <= 0:
        return []
    found = []
    for j in talks:
        lo = bisect.bisect_right(ends, j.start - longest)
        hi = bisect.bisect_right(ends, j.start)
        members = [
            i for i in by_end[lo:hi] if i.room != j.room and j.start - i.end < walk(i.room, j.room)
        ]
        if members:
            found.append((j, members))
    return found


def add_talk_walking(variables: Variables, talks: list[Candidate], walk: Walk) -> int:
    """Add walking cliques (or pairs); returns how many constraints were added."""
    model = variables.model
    count = 0
    for j, members in walking_conflicts(talks, walk):
        common = max(i.start for i in members) < min(i.end for i in members)
        if common:
            model.add_at_most_one([variables.attends(j), *(variables.attends(i) for i in members)])
            count += 1
        else:
            for i in members:
                model.add_bool_or([variables.attends(i).Not(), variables.attends(j).Not()])
                count += 1
    return count


def _apart(
    model: cp_model.CpModel, variables: Variables, fixed: Candidate, f: Flex, gap: int
) -> None:
    """Flexible ``f`` ends ``gap`` before ``fixed`` starts, or starts ``gap`` after it ends."""
    both = [variables.attends(fixed), f.lit]
    before = model.new_bool_var(f"before_{f.id}_{fixed.id}")
    model.add(f.start_var + f.length + gap <= fixed.start).only_enforce_if([before, *both])
    model.add(f.start_var >= fixed.end + gap).only_enforce_if([before.Not(), *both])


def add_flexible_walking(
    variables: Variables, talks: list[Candidate], flexible: list[Flex], walk: Walk
) -> int:
    """Walking between talks and flexible units, and between flexible units in different rooms."""
    model = variables.model
    count = 0
    groups: dict[tuple[str, str, int, int, int], list[Flex]] = defaultdict(list)
    for f in flexible:
        groups[(f.session, f.room, f.start, f.end, f.length)].append(f)
    for (session, room, lo, hi, length), members in sorted(groups.items(), key=lambda g: g[0]):
        entry_after: list[tuple[Candidate, int]] = []
        exit_before: list[tuple[Candidate, int]] = []
        for t in talks:
            gap = walk(t.room, room)
            if t.room == room or gap <= 0:
                continue
            if t.end + gap <= lo or t.start - gap >= hi:
                continue
            fits_before = lo + length + gap <= t.start
            fits_after = t.end + gap + length <= hi
            if not fits_before:
                entry_after.append((t, t.end + gap))
            if not fits_after:
                exit_before.append((t, t.start - gap))
            if fits_before and fits_after:
                for f in members:
                    _apart(model, variables, t, f, gap)
                    count += 1
        tag = f"{session}_{room}_{length}"
        if entry_after:
            entry = model.new_int_var(lo, max(lo, max(v for _, v in entry_after)), f"entry_{tag}")
            for t, earliest in entry_after:
                model.add(entry >= earliest).only_enforce_if(variables.attends(t))
            for f in members:
                model.add(f.start_var >= entry).only_enforce_if(f.lit)
            count += 1
        if exit_before:
            leave = model.new_int_var(min(hi, min(v for _, v in exit_before)), hi, f"exit_{tag}")
            for t, latest in exit_before:
                model.add(leave <= latest).only_enforce_if(variables.attends(t))
            for f in members:
                model.add(f.start_var + f.length <= leave).only_enforce_if(f.lit)
            count += 1
    # Flexible units in different rooms with overlapping windows (rare): pairwise.
    for a_index, a in enumerate(flexible):
        for b in flexible[a_index + 1 :]:
            gap = walk(a.room, b.room)
            if a.room == b.room or gap <= 0 or a.end + gap <= b.start or b.end + gap <= a.start:
                continue
            both = [a.lit, b.lit]
            first = model.new_bool_var(f"first_{a.id}_{b.id}")
            sa, sb = a.start_var, b.start_var
            model.add(sa + a.length + gap <= sb).only_enforce_if([first, *both])
            model.add(sb + b.length + gap <= sa).only_enforce_if([first.Not(), *both])
            count += 1
    return count
