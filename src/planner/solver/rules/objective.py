"""The objective: the sum of the interest of everything in the plan (integer weights, score x
100). Lexicographic layers are folded into one integer objective:

1. with ``relax``: keep as many hard wishes as possible (each worth more than all scores);
2. the interest of the plan;
3. with a previous plan: keep its items (each worth less than one unit of interest in total),
   so a re-plan changes nothing it need not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.solver.items import Candidate
from planner.solver.variables import Variables


@dataclass(frozen=True)
class Objective:
    keep_factor: int
    """Interest is multiplied by this, so the keep bonus never outweighs one unit."""
    wish_value: int
    """Value of one kept hard wish (in interest units), 0 when not relaxing."""

    def interest(self, raw: float, kept_wishes: int = 0) -> int:
        """Weight units (score x 100) of interest in a raw CP-SAT objective value or bound."""
        return int(raw + 1e-6) // self.keep_factor - kept_wishes * self.wish_value


def add_objective(
    variables: Variables,
    kept: list[tuple[Candidate, cp_model.IntVar]],
    previous_ids: set[str],
) -> Objective:
    model = variables.model
    items = list(variables.candidates.values())
    interest = [(c.weight, variables.attends(c)) for c in items if c.weight > 0]
    total = sum(w for w, _ in interest)
    wish_value = total + 1 if kept else 0
    keep = [variables.attend[i] for i in sorted(previous_ids) if i in variables.attend]
    factor = len(keep) + 1
    terms = [w * factor * lit for w, lit in interest]
    terms += [wish_value * factor * lit for _, lit in kept]
    terms += keep
    model.maximize(sum(terms))
    return Objective(factor, wish_value)
