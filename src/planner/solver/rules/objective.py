"""The objective: the sum of the interest of everything in the plan (integer weights, score x
100). Lexicographic layers are folded into one integer objective:

1. with ``relax``: keep as many hard wishes as possible (each worth more than all scores);
2. the interest of the plan;
3. with a previous plan: keep its items (each worth less than one unit of interest in total),
   so a re-plan changes nothing it need not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.solver.items import Candidate
from planner.solver.variables import Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Objective:
    keep_factor: int
    """Interest is multiplied by this, so the keep bonus never outweighs one unit."""
    wish_value: int
    """Value of one kept hard wish (in interest units), 0 when not relaxing."""

    def interest(self, raw: float, kept_wishes: int = 0) -> int:
        """Weight units (score x 100) of interest in a raw CP-SAT objective value or bound."""
        return int(raw + 1e-6) // self.keep_factor - kept_wishes * self.wish_value


def coefficients(
    candidates: Iterable[Candidate], kept: set[str], previous_ids: set[str]
) -> tuple[dict[str, int], Objective]:
    """Each candidate's worth in the one integer objective (ids to coefficients; ``kept``: the
    ids of hard wishes rewarded rather than forced), and how to read interest back from it."""
    items = list(candidates)
    total = sum(c.weight for c in items)
    wish_value = total + 1 if kept else 0
    keep = {c.id for c in items} & previous_ids
    factor = len(keep) + 1
    worth = {
        c.id: c.weight * factor
        + (wish_value * factor if c.id in kept else 0)
        + (1 if c.id in keep else 0)
        for c in items
    }
    return worth, Objective(factor, wish_value)


def add_objective(
    variables: Variables,
    kept: list[tuple[Candidate, cp_model.IntVar]],
    previous_ids: set[str],
) -> Objective:
    worth, objective = coefficients(
        variables.candidates.values(), {c.id for c, _ in kept}, previous_ids
    )
    variables.model.maximize(sum(w * variables.attend[cid] for cid, w in worth.items() if w > 0))
    return objective
