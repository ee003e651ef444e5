"""One person is in one place at a time, per day:

- a ``NoOverlap`` over the flexible items (poster visits, presenter duty, lunch) and the talks
  whose slots meet their windows (talks among themselves are kept apart by :mod:`.clash`);
- a second ``NoOverlap`` keeps poster visits and duty out of busy times. Lunch may fall in a
  busy time (a lunch meeting is still lunch), so busy times are not in the first one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.solver.items import Day
from planner.solver.variables import Variables

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model


def add_no_overlap(variables: Variables, days: list[Day]) -> int:
    """Returns the number of intervals in the days' ``NoOverlap`` constraints."""
    model = variables.model
    flexible = [f for day in days for f in variables.flex.get(day.day, [])]
    windows = [(f.start, f.end) for f in flexible]
    intervals: list[cp_model.IntervalVar] = [f.interval for f in flexible]
    for day in days:
        discrete = day.day in variables.lunch_discrete
        if day.day in variables.lunch_interval and day.lunch is not None and not discrete:
            windows.append((day.lunch.window_start, day.lunch.window_end))
            intervals.append(variables.lunch_interval[day.day])

    def meets(start: int, end: int) -> bool:
        return any(start < hi and lo < end for lo, hi in windows)

    count = 0
    talks = [variables.interval[t.id] for day in days for t in day.talks if meets(t.start, t.end)]
    if len(intervals) + len(talks) >= 2:
        model.add_no_overlap(intervals + talks)
        count += len(intervals) + len(talks)

    spans: list[tuple[int, int]] = []  # busy times merged: they may overlap each other
    for start, end in sorted({(b.start, b.end) for day in days for b in day.busy}):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    busy = [
        model.new_fixed_size_interval_var(start, end - start, f"busy_{start}")
        for start, end in spans
        if any(start < f.end and f.start < end for f in flexible)
    ]
    if busy:
        model.add_no_overlap([f.interval for f in flexible] + busy)
        count += len(flexible) + len(busy)
    return count
