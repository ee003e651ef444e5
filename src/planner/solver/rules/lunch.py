"""Lunch: at least ``lunch`` minutes each conference day inside the lunch window.

The lunch interval is created with the variables (a mandatory interval with a flexible start).
When no poster visit or presenter duty can fall in the lunch window, lunch only has to dodge
talks, and a lunch can always slide earlier until it starts at the window's start or as a talk
ends. Then lunch picks one of those starts (one literal each, exactly one true) and each moment
gets one clique over the talks and lunch starts that cover it - a much tighter model than a
``NoOverlap``. Otherwise :mod:`.timeline` keeps lunch clear of everything with a ``NoOverlap``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.solver.items import Candidate, Day, Problem
from planner.solver.rules.clash import interval_cliques
from planner.solver.variables import Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model


def lunch_problems(problem: Problem) -> list[str]:
    """Lunch rules that no plan can meet, checked before any solving."""
    found = []
    for day in problem.days:
        slot = day.lunch
        if slot is not None and slot.window_end - slot.window_start < slot.length:
            found.append(
                f"lunch on {day.day}: {slot.length} minutes do not fit in the lunch window "
                f"({slot.window_end - slot.window_start} minutes)"
            )
    return found


def add_lunch(variables: Variables, day: Day, talks: list[Candidate]) -> int:
    """The discrete lunch model when it applies; returns the number of cliques (0 if not)."""
    slot = day.lunch
    if slot is None or day.day not in variables.lunch_start:
        return 0
    lo, hi, length = slot.window_start, slot.window_end, slot.length
    if any(f.start < hi and lo < f.end for f in variables.flex.get(day.day, [])):
        return 0
    near = [t for t in talks if t.start < hi and lo < t.end]
    starts = sorted({lo} | {t.end for t in near if lo <= t.end <= hi - length})
    model = variables.model
    choices = [model.new_bool_var(f"lunch_at_{day.day}_{s}") for s in starts]
    model.add_exactly_one(choices)
    model.add(
        variables.lunch_start[day.day] == sum(s * c for s, c in zip(starts, choices, strict=True))
    )
    spans: list[tuple[int, int, cp_model.IntVar]] = [
        (t.start, t.end, variables.attends(t)) for t in near
    ]
    spans += [(s, s + length, c) for s, c in zip(starts, choices, strict=True)]
    lunch_literals = set(map(id, choices))
    count = 0
    for clique in interval_cliques(spans):
        if any(id(lit) in lunch_literals for lit in clique):
            model.add_at_most_one(clique)
            count += 1
    variables.lunch_discrete.add(day.day)
    return count
