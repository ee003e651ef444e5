"""The exact oracle's sweep against the plain longest path over "j can follow i" (every pair
looked at), with per-pair walks longer and shorter than the usual one and overlapping talks in
one room; and the plan it returns is one that can be attended, worth what it says."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.interests.profile import InterestProfile
from planner.solver.oracle import Lunch, Slot, Walks, best_plan

ROOMS = ("R0", "R1", "R2", "R3")


def follows(i: Slot, j: Slot, walks: Walks) -> bool:
    return i.end + walks.minutes(i.room, j.room) <= j.start


def longest_path(slots: list[Slot], walks: Walks) -> float:
    """The quadratic dynamic programme: every earlier talk is looked at for every talk."""
    ordered = sorted((s for s in slots if s.weight > 0 and s.end > s.start), key=lambda s: s.start)
    value: list[float] = []
    for j in ordered:
        before = [value[k] for k, i in enumerate(ordered[: len(value)]) if follows(i, j, walks)]
        value.append(j.weight + max(before, default=0.0))
    return max(value, default=0.0)


slots_strategy = st.lists(
    st.tuples(
        st.integers(0, 3),  # room
        st.integers(0, 40),  # start, in 5-minute steps
        st.integers(1, 8),  # length, in 5-minute steps
        st.integers(0, 9),  # weight
    ),
    max_size=40,
)
walks_strategy = st.builds(
    Walks,
    st.sampled_from([0, 5, 12, 30]),
    st.dictionaries(
        st.sampled_from([frozenset(p) for p in itertools.combinations(ROOMS, 2)]),
        st.sampled_from([0, 3, 10, 25, 45]),
        max_size=4,
    ),
)


@settings(max_examples=300, deadline=None)
@given(slots_strategy, walks_strategy)
def test_sweep_equals_the_quadratic_longest_path(
    raw: list[tuple[int, int, int, int]], walks: Walks
) -> None:
    slots = [
        Slot(str(k), 5 * s, 5 * (s + n), ROOMS[r], float(w)) for k, (r, s, n, w) in enumerate(raw)
    ]
    total, ids = best_plan(slots, walks)
    assert total == longest_path(slots, walks)
    by_id = {s.id: s for s in slots}
    chosen = [by_id[i] for i in ids]
    assert sum(s.weight for s in chosen) == total
    assert all(follows(a, b, walks) for a, b in itertools.pairwise(chosen))


def test_walks_read_from_a_profile() -> None:
    profile = InterestProfile(walk=7, walk_between={"A | B": 20, "C | A": 1})
    walks = Walks.of(profile)
    for a, b in itertools.product("ABCD", repeat=2):
        assert walks.minutes(a, b) == profile.walk_minutes(a, b)


def test_a_longer_walk_between_two_rooms_is_kept() -> None:
    walks = Walks(5, {frozenset(("A", "B")): 30})
    first = Slot("a", 0, 20, "A", 1)
    assert best_plan([first, Slot("b", 30, 50, "B", 1)], walks)[0] == 1
    assert best_plan([first, Slot("c", 30, 50, "C", 1)], walks)[0] == 2
    assert best_plan([first, Slot("b", 50, 60, "B", 1)], walks)[0] == 2


def brute_force(slots: list[Slot], walk: int, lunch: Lunch | None, most: int | None) -> float:
    """Every subset of at most ``most`` talks: talks pairwise apart by a walk (none within a
    room), and a free stretch of the lunch window long enough for lunch."""
    best = 0.0
    for size in range(min(len(slots), len(slots) if most is None else most) + 1):
        for combo in itertools.combinations(sorted(slots, key=lambda s: s.start), size):
            walks = Walks(walk)
            if not all(
                follows(a, b, walks) or follows(b, a, walks)
                for a, b in itertools.combinations(combo, 2)
            ):
                continue
            if lunch is not None:
                taken = sorted((s.start, s.end) for s in combo)
                at, fits = lunch.start, False
                for start, end in [*taken, (lunch.end, lunch.end)]:
                    fits = fits or min(start, lunch.end) - at >= lunch.length
                    at = max(at, end)
                if not fits:
                    continue
            best = max(best, sum(s.weight for s in combo))
    return best


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 24), st.integers(1, 6), st.integers(1, 9)),
        max_size=9,
    ),
    st.sampled_from([0, 5, 15]),
    st.sampled_from([None, 1, 2, 3]),
    st.one_of(
        st.none(),
        st.builds(
            lambda start, width, length: Lunch(5 * start, 5 * (start + width), 5 * length),
            st.integers(0, 20),
            st.integers(4, 16),
            st.integers(1, 4),
        ),
    ),
)
def test_the_lunch_and_cap_layers_equal_brute_force(
    raw: list[tuple[int, int, int, int]], walk: int, most: int | None, lunch: Lunch | None
) -> None:
    slots = [
        Slot(str(k), 5 * s, 5 * (s + n), ROOMS[r], float(w)) for k, (r, s, n, w) in enumerate(raw)
    ]
    total, ids = best_plan(slots, Walks(walk), lunch, most)
    assert total == brute_force(slots, walk, lunch, most)
    assert sum(s.weight for s in slots if s.id in ids) == total
    assert most is None or len(ids) <= most


def test_metric_walks() -> None:
    assert Walks(5).metric()
    assert Walks(5, {frozenset(("A", "B")): 8}).metric()
    assert not Walks(5, {frozenset(("A", "B")): 11}).metric()  # A -> C -> B is shorter
    assert not Walks(5, {frozenset(("A", "B")): 1, frozenset(("B", "C")): 1}).metric()
