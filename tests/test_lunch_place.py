"""Moving lunch towards the programme's lunch break after solving: never onto a chosen item,
never out of the window, never less in the break than the solver's own start."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from planner.solver.items import LunchSlot
from planner.solver.lunch_place import free_gaps, lunch_start

DAY = date(2022, 5, 30)


def overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def test_free_gaps_between_chosen_items() -> None:
    slot = LunchSlot(DAY, 100, 300, 45)
    assert free_gaps(slot, [(50, 120), (150, 200), (280, 400)]) == [(120, 150), (200, 280)]
    assert free_gaps(slot, []) == [(100, 300)]
    assert free_gaps(slot, [(0, 400)]) == []


def test_without_a_lunch_break_the_solvers_start_stays() -> None:
    assert lunch_start(LunchSlot(DAY, 100, 300, 45), 100, []) == 100


@given(
    taken=st.lists(
        st.tuples(st.integers(0, 400), st.integers(5, 90)).map(lambda p: (p[0], p[0] + p[1])),
        max_size=6,
    ),
    break_start=st.integers(60, 320),
    break_length=st.integers(10, 90),
    length=st.integers(15, 60),
)
def test_lunch_moves_only_to_better_free_places(
    taken: list[tuple[int, int]], break_start: int, break_length: int, length: int
) -> None:
    lo, hi = 100, 300
    # The chosen items never overlap one another or the solver's lunch.
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(taken):
        if all(end <= s or e <= start for s, e in chosen):
            chosen.append((start, end))
    free = [
        s for s in range(lo, hi - length + 1) if all(s + length <= a or b <= s for a, b in chosen)
    ]
    if not free:
        return
    bs, be = max(break_start, lo), min(break_start + break_length, hi)
    slot = LunchSlot(DAY, lo, hi, length, bs, be) if bs < be else LunchSlot(DAY, lo, hi, length)
    for solved in (free[0], free[-1]):
        start = lunch_start(slot, solved, chosen)
        assert start in free  # in the window, clear of every chosen item
        if slot.break_start is not None:
            best = max(overlap(s, s + length, bs, be) for s in free)
            assert overlap(start, start + length, bs, be) == best
        else:
            assert start == solved
