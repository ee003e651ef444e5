"""Walking time between talks as a time-space network: one unit of flow (the attendee) runs
from the day's first minute to its last.

Nodes are the minutes at which talks start or end in each room, plus a corridor with a node at
every talk's start and every talk's end plus the walk. Arcs are a talk (its start to its end in
its room: the talk's own literal), waiting in a room (one minute to the next in that room),
entering a room from the corridor as a talk starts, leaving a room as a talk ends to reach the
corridor a walk later, and waiting in the corridor. Each node keeps what flows in and out
equal. Every path is a plan that leaves time to walk between rooms and none within one, and
the network's linear relaxation is integral, so with long walks or many rooms it bounds far
better than the walking cliques of :mod:`.walking`, which fall back to pairs when a walk is
longer than the talks. One usual walk between any two rooms (no ``walk_between``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from planner.solver.items import Candidate
from planner.solver.variables import Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model

CORRIDOR = ""
Node = tuple[str, int]


def add_walking_flow(variables: Variables, talks: list[Candidate], walk: int) -> int:
    """Add the network over ``talks`` (the rooms' own talks, all a ``walk`` apart); returns
    the number of flow-conservation constraints."""
    if not talks:
        return 0
    model = variables.model
    out: dict[Node, list[cp_model.IntVar]] = defaultdict(list)
    into: dict[Node, list[cp_model.IntVar]] = defaultdict(list)

    def arc(a: Node, b: Node, lit: cp_model.IntVar | None = None) -> None:
        if lit is None:
            lit = model.new_bool_var(f"go_{a[0]}_{a[1]}_{b[0]}_{b[1]}")
        out[a].append(lit)
        into[b].append(lit)

    points: dict[str, set[int]] = defaultdict(set)
    for t in talks:
        arc((t.room, t.start), (t.room, t.end), variables.attends(t))
        points[t.room] |= {t.start, t.end}
    for room in sorted(points):
        for a, b in itertools.pairwise(sorted(points[room])):
            arc((room, a), (room, b))
    for start in sorted({(t.room, t.start) for t in talks}):
        arc((CORRIDOR, start[1]), start)
    for end in sorted({(t.room, t.end) for t in talks}):
        arc(end, (CORRIDOR, end[1] + walk))
    corridor = sorted({t.start for t in talks} | {t.end + walk for t in talks})
    for a, b in itertools.pairwise(corridor):
        arc((CORRIDOR, a), (CORRIDOR, b))
    source, sink = (CORRIDOR, corridor[0]), (CORRIDOR, corridor[-1])
    nodes = sorted(set(out) | set(into))
    for node in nodes:
        supply = 1 if node == source else -1 if node == sink else 0
        model.add(sum(out[node]) - sum(into[node]) == supply)
    return len(nodes)
