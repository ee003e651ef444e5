"""Poster visits: each visited poster takes ``poster_visit`` minutes inside its poster session.

The visits of one session are interchangeable, so the session has ordered visit slots (see
:mod:`planner.solver.variables`): used slots come first and follow each other in time, and the
number of visited posters equals the number of used slots. Which posters are visited is then a
plain choice of the best ones, and the slots' times carry the other rules (walking, lunch,
busy times, talks)."""

from __future__ import annotations

import itertools

from planner.solver.variables import Variables


def add_poster_visits(variables: Variables) -> int:
    model = variables.model
    count = 0
    for key, members in variables.poster_groups.items():
        slots = variables.visit_slots[key]
        for earlier, later in itertools.pairwise(slots):
            model.add_implication(later.lit, earlier.lit)
            model.add(later.start_var >= earlier.start_var + earlier.length).only_enforce_if(
                later.lit
            )
            count += 2
        model.add(sum(variables.attends(c) for c in members) == sum(slot.lit for slot in slots))
        count += 1
    return count
