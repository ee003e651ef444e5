"""Property tests: on random programmes the solver's objective equals an exact answer - the
weighted-interval-scheduling oracle for talks, and brute force on tiny instances with walking,
caps, lunch and posters. Objective values are compared, never one particular plan."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.interests.profile import InterestProfile
from planner.solver.oracle import Slot, Walks, best_plan
from solver_factory import PS, T, build, planned

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOMS = ("X", "Y", "Z", "W")


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def talk_grids(draw: st.DrawFn, max_rooms: int = 4, max_per_room: int = 8) -> list[T]:
    """Talks in up to four rooms; in a room they follow each other with random gaps."""
    rooms = ROOMS[: draw(st.integers(1, max_rooms))]
    talks: list[T] = []
    for room in rooms:
        clock = 9 * 60 + 5 * draw(st.integers(0, 6))
        for _ in range(draw(st.integers(0, max_per_room))):
            minutes = draw(st.sampled_from([5, 10, 15, 20, 30, 45]))
            talks.append(T(f"{room}{len(talks)}", _hm(clock), minutes, room))
            clock += minutes + draw(st.sampled_from([0, 0, 5, 10, 20]))
    return talks


def _scores(draw: st.DrawFn, keys: list[str]) -> dict[str, float]:
    return {k: draw(st.integers(0, 20)) / 2 for k in keys}


@given(data=st.data(), talks=talk_grids(), walk=st.sampled_from([0, 3, 5, 12]))
@SETTINGS
def test_talks_only_objective_equals_oracle(data: st.DataObject, talks: list[T], walk: int) -> None:
    programme = build(talks)
    scores = _scores(data.draw, [t.id for t in talks])
    profile = InterestProfile(walk=walk, lunch=0)
    itinerary = planned(programme, profile, scores)
    slots = [
        Slot(
            c.id,
            *(int(x.timestamp()) // 60 for x in programme.window(c)),
            programme.room_of(c),
            scores[c.id],
        )
        for c in programme.contributions
    ]
    expected, chosen = best_plan(slots, Walks.of(profile))
    assert itinerary.status == "optimal"
    assert itinerary.objective == expected
    assert sum(scores[c] for c in chosen) == expected


# --- brute force -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tiny:
    talks: list[T]
    posters: list[str]
    session_start: int
    session_minutes: int
    walk: int
    lunch: int
    max_talks: int | None
    max_hours: float | None
    visit: int


@st.composite
def tiny(draw: st.DrawFn) -> Tiny:
    talks = [
        T(t.id, _hm(int(t.hm[:2]) * 60 + int(t.hm[3:]) + 120), t.minutes, t.room)
        for t in draw(talk_grids(max_rooms=3, max_per_room=3))
    ]
    return Tiny(
        talks=talks[:9],
        posters=[f"P{k}" for k in range(draw(st.integers(0, 3)))],
        session_start=11 * 60 + 5 * draw(st.integers(0, 18)),
        session_minutes=draw(st.sampled_from([10, 20, 30, 45])),
        walk=draw(st.sampled_from([0, 5, 10])),
        lunch=draw(st.sampled_from([0, 30, 60, 90])),
        max_talks=draw(st.sampled_from([None, 1, 2, 3])),
        max_hours=draw(st.sampled_from([None, 0.5, 1.0])),
        visit=draw(st.sampled_from([5, 8, 15])),
    )


def _minutes(hm: str) -> int:
    return int(hm[:2]) * 60 + int(hm[3:])


def brute_force(case: Tiny, scores: dict[str, float]) -> float:
    """Best total over every subset, with flexible items placed earliest-first in every order."""
    talks = [(t.id, _minutes(t.hm), _minutes(t.hm) + t.minutes, t.room) for t in case.talks]
    lo, hi = case.session_start, case.session_start + case.session_minutes

    def gap(a: str, b: str) -> int:
        return 0 if a == b or "" in (a, b) else case.walk

    def compatible(chosen: tuple[tuple[str, int, int, str], ...]) -> bool:
        for (_, s1, e1, r1), (_, s2, e2, r2) in itertools.combinations(chosen, 2):
            first, second = (
                ((s1, e1, r1), (s2, e2, r2)) if s1 <= s2 else ((s2, e2, r2), (s1, e1, r1))
            )
            if second[0] < first[1] + gap(first[2], second[2]):
                return False
        return True

    def place(
        order: tuple[tuple[int, int, int, str], ...], fixed: tuple[tuple[str, int, int, str], ...]
    ) -> bool:
        previous_end, previous_room = -(10**6), ""
        for window_lo, window_hi, length, room in order:
            t = max(window_lo, previous_end + gap(previous_room, room))
            moved = True
            while moved:
                moved = False
                for _, s, e, r in fixed:
                    w = gap(r, room)
                    if t < e + w and s < t + length + w:
                        t, moved = e + w, True
            if t + length > window_hi:
                return False
            previous_end, previous_room = t + length, room
        return True

    best = 0.0
    for n in range(len(talks) + 1):
        for chosen in itertools.combinations(talks, n):
            if not compatible(chosen):
                continue
            if case.max_talks is not None and n > case.max_talks:
                continue
            talk_minutes = sum(e - s for _, s, e, _ in chosen)
            talk_score = sum(scores[c[0]] for c in chosen)
            for m in range(len(case.posters) + 1):
                for visited in itertools.combinations(case.posters, m):
                    if (
                        case.max_hours is not None
                        and talk_minutes + m * case.visit > case.max_hours * 60
                    ):
                        continue
                    total = talk_score + sum(scores[p] for p in visited)
                    if total <= best:
                        continue
                    flexible = [(lo, hi, case.visit, "Posters")] * m
                    if case.lunch:
                        flexible.append((11 * 60 + 30, 14 * 60 + 30, case.lunch, ""))
                    if any(place(order, chosen) for order in set(itertools.permutations(flexible))):
                        best = total
    return best


@given(data=st.data(), case=tiny())
@SETTINGS
def test_objective_equals_brute_force(data: st.DataObject, case: Tiny) -> None:
    sessions = [PS("ps", _hm(case.session_start), case.session_minutes, tuple(case.posters))]
    programme = build(case.talks, sessions)
    scores = _scores(data.draw, [t.id for t in case.talks] + case.posters)
    profile = InterestProfile(
        walk=case.walk,
        lunch=case.lunch,
        max_talks_per_day=case.max_talks,
        max_hours_per_day=case.max_hours,
        poster_visit=case.visit,
    )
    itinerary = planned(programme, profile, scores)
    assert itinerary.status == "optimal"
    assert itinerary.objective == brute_force(case, scores)


@given(
    data=st.data(), talks=talk_grids(max_rooms=3, max_per_room=4), walk=st.sampled_from([0, 5, 10])
)
@SETTINGS
def test_oracle_equals_brute_force(data: st.DataObject, talks: list[T], walk: int) -> None:
    scores = _scores(data.draw, [t.id for t in talks])
    case = Tiny(talks, [], 12 * 60, 10, walk, 0, None, None, 5)
    slots = [
        Slot(t.id, _minutes(t.hm), _minutes(t.hm) + t.minutes, t.room, scores[t.id]) for t in talks
    ]
    assert best_plan(slots, Walks(walk))[0] == brute_force(case, scores)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # room
            st.integers(0, 20),  # start, in 10-minute steps
            st.integers(1, 6),  # length, in 10-minute steps
            st.integers(1, 9),  # weight
        ),
        max_size=9,
    ),
    st.integers(0, 15),
)
def test_oracle_equals_brute_force_with_overlaps_in_one_room(
    raw: list[tuple[int, int, int, int]], walk: int
) -> None:
    """Real schedules hold overlapping talks in one room; the oracle stays exact."""
    slots = [
        Slot(str(k), 10 * s, 10 * (s + n), f"R{r}", float(w)) for k, (r, s, n, w) in enumerate(raw)
    ]

    def gap(a: Slot, b: Slot) -> int:
        return 0 if a.room == b.room else walk

    best = 0.0
    for size in range(len(slots) + 1):
        for combo in itertools.combinations(sorted(slots, key=lambda x: x.start), size):
            if all(
                x.end + gap(x, y) <= y.start or y.end + gap(y, x) <= x.start
                for x, y in itertools.combinations(combo, 2)
            ):
                best = max(best, sum(x.weight for x in combo))
    assert best_plan(slots, Walks(walk))[0] == best
