"""Hard wishes: must-see items and presenter duty (own talk attended, own poster staffed for
``poster_duty_share`` of its session). Skipped items never get a variable (see
:mod:`planner.solver.items`).

Strictly, each wish is forced. With ``relax`` each wish becomes a literal worth more than every
score together, so the solver drops the fewest wishes it must and reports them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.solver.items import Candidate
from planner.solver.variables import Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model


def add_wishes(
    variables: Variables, wishes: list[Candidate], *, relax: bool
) -> list[tuple[Candidate, cp_model.IntVar]]:
    """Strict: force each wish. Relaxed: return (wish, literal) pairs to reward."""
    kept = []
    for wish in wishes:
        if not variables.has(wish):
            continue  # blocked: cannot be kept (reported by the planner)
        if relax:
            kept.append((wish, variables.attends(wish)))
        else:
            variables.model.add(variables.attends(wish) == 1)
    return kept
