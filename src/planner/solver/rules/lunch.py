"""Lunch: at least ``lunch`` minutes each conference day inside the lunch window.

The lunch interval itself is created with the variables (a mandatory interval with a flexible
start, see :mod:`planner.solver.variables`) and kept clear of everything else by
:mod:`.timeline`. This module checks the window is long enough, before any solving."""

from __future__ import annotations

from planner.solver.items import Problem


def lunch_problems(problem: Problem) -> list[str]:
    found = []
    for day in problem.days:
        slot = day.lunch
        if slot is not None and slot.window_end - slot.window_start < slot.length:
            found.append(
                f"lunch on {day.day}: {slot.length} minutes do not fit in the lunch window "
                f"({slot.window_end - slot.window_start} minutes)"
            )
    return found
