"""Where lunch goes once the plan is solved: in the programme's lunch break when the plan
leaves room there.

Lunch carries no interest, so the solver leaves it at any start that fits (the discrete model
of :mod:`.rules.lunch` puts it as early as it can). After solving, lunch is moved to the free
time in the lunch window that overlaps the programme's own lunch break the most, which is where
an attendee expects it and where colleagues will be. Only the chosen items bound it, as in the
model: lunch may still fall in a busy time of the attendee's (a lunch meeting is still lunch).
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.solver.items import LunchSlot


def free_gaps(slot: LunchSlot, taken: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of the lunch window that no chosen item covers, in time order."""
    gaps: list[tuple[int, int]] = []
    at = slot.window_start
    for start, end in sorted(taken):
        if end <= at:
            continue
        if start >= slot.window_end:
            break
        if start > at:
            gaps.append((at, start))
        at = max(at, end)
    if at < slot.window_end:
        gaps.append((at, slot.window_end))
    return gaps


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def lunch_start(slot: LunchSlot, solved: int, taken: Iterable[tuple[int, int]]) -> int:
    """The start for lunch: the solver's own (``solved``) unless another start in a free gap
    overlaps the programme's lunch break more; the earliest of equal ones."""
    if slot.break_start is None or slot.break_end is None:
        return solved
    bs, be, length = slot.break_start, slot.break_end, slot.length
    best, best_overlap = solved, _overlap(solved, solved + length, bs, be)
    for gap_start, gap_end in free_gaps(slot, taken):
        if gap_end - gap_start < length:
            continue
        # The overlap grows while lunch moves towards the break's start: clamp it there.
        start = min(max(bs, gap_start), gap_end - length)
        overlap = _overlap(start, start + length, bs, be)
        if overlap > best_overlap:
            best, best_overlap = start, overlap
    return best
