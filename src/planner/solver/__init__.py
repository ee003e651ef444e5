"""The CP-SAT planner: picks the best clash-free plan for one attendee and explains it.

- :func:`plan` - the plan (an :class:`~planner.itinerary.Itinerary`), optimal or with its gap;
- :func:`validate` - an independent check of any itinerary against the rules, never calling
  the solver;
- :class:`InfeasibleError` - hard wishes that cannot be met together, named with the reason.

Rules (one module each in :mod:`planner.solver.rules`): no clash between talks (cliques),
walking time between rooms, availability and busy times, must-see / skip / own items, lunch,
daily caps, poster visits, presenter duty, and the objective (total interest; with a previous
plan, ties keep its items).

The solver loads when :func:`plan` is first used, so that a command refuses bad input before
it pays for it; OR-Tools (a third of a second of start-up) only when a day needs CP-SAT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.solver.errors import InfeasibleError
from planner.solver.validate import validate

if TYPE_CHECKING:
    from planner.solver.planner import plan

__all__ = ["InfeasibleError", "plan", "validate"]


def __getattr__(name: str) -> Any:
    if name == "plan":
        from planner.solver.planner import plan

        return plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
