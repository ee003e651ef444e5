"""The solver's user-facing error."""

from __future__ import annotations

from planner.errors import PlannerError


class InfeasibleError(PlannerError):
    """The hard wishes (must-see, presenter duty) or rules (lunch) cannot all be met. The
    message names the items and why; ``planner plan --relax`` drops the fewest of them."""

    exit_code = 2
