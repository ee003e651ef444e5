"""The Lagrangian bound on days with a cap on hours (:mod:`planner.solver.lagrange`).

- The bound is never below the true optimum (brute force on small random days with walking,
  lunch and a cap on talks), and its plans keep to the cap.
- Where the best plan reaches the bound the day is proven optimal without CP-SAT; where it
  does not (a duality gap), CP-SAT decides and the answer is still the optimum.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.interests.profile import InterestProfile
from planner.solver import planner
from planner.solver.items import build_problem
from planner.solver.lagrange import relax_hours
from solver_factory import T, build, ids, planned
from test_solver_properties import SETTINGS, Tiny, _scores, brute_force, talk_grids


def _no_cp_sat(*_: object, **__: object) -> object:
    raise AssertionError("CP-SAT was asked")


@st.composite
def capped_days(draw: st.DrawFn) -> Tiny:
    talks = draw(talk_grids(max_rooms=3, max_per_room=4))[:10]
    return Tiny(
        talks=[T(t.id, f"{int(t.hm[:2]) + 2:02d}{t.hm[2:]}", t.minutes, t.room) for t in talks],
        posters=[],
        session_start=12 * 60,
        session_minutes=10,
        walk=draw(st.sampled_from([0, 5, 10])),
        lunch=draw(st.sampled_from([0, 0, 30, 60])),
        max_talks=draw(st.sampled_from([None, None, 2, 3])),
        max_hours=draw(st.sampled_from([0.25, 0.5, 0.75, 1.0, 1.5])),
        visit=5,
    )


def _profile(case: Tiny) -> InterestProfile:
    return InterestProfile(
        walk=case.walk,
        lunch=case.lunch,
        max_talks_per_day=case.max_talks,
        max_hours_per_day=case.max_hours,
    )


@given(data=st.data(), case=capped_days())
@SETTINGS
def test_the_bound_is_never_below_the_optimum(data: st.DataObject, case: Tiny) -> None:
    scores = _scores(data.draw, [t.id for t in case.talks])
    problem = build_problem(build(case.talks), _profile(case), scores)
    best = round(brute_force(case, scores) * 100)  # weight units: score x 100
    cap = round((case.max_hours or 0) * 60)
    for day in problem.days:
        weights = {c.id: c.weight for c in day.candidates}
        relaxed = relax_hours(problem, [day], weights)
        assert relaxed is not None
        assert relaxed.bound >= best
        for plan in relaxed.plans:
            assert sum(c.end - c.start for c in plan if c.candidate is not None) <= cap
            assert sum(weights[c.candidate.id] for c in plan if c.candidate) <= relaxed.bound


@given(data=st.data(), case=capped_days())
@SETTINGS
def test_the_planner_reports_an_honest_bound_and_the_optimum(
    data: st.DataObject, case: Tiny
) -> None:
    scores = _scores(data.draw, [t.id for t in case.talks])
    itinerary = planned(build(case.talks), _profile(case), scores)
    best = brute_force(case, scores)
    assert itinerary.bound >= best - 1e-9
    assert itinerary.status == "optimal"
    assert itinerary.objective == pytest.approx(best)


THREE = [T("a", "09:00", 60, "A"), T("b", "10:00", 60, "B"), T("c", "11:00", 60, "A")]


def test_a_plan_that_reaches_the_bound_is_proven_without_cp_sat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner, "solve", _no_cp_sat)
    profile = InterestProfile(walk=0, lunch=0, max_hours_per_day=2)
    itinerary = planned(build(THREE), profile, {"a": 5.0, "b": 4.0, "c": 3.0})
    assert itinerary.status == "optimal"
    assert itinerary.objective == itinerary.bound == 9
    assert ids(itinerary) == {"a", "b"}


GAP = [T("a", "09:00", 60, "A"), T("b", "10:00", 60, "A"), T("c", "09:00", 90, "B")]


def test_with_a_duality_gap_cp_sat_decides() -> None:
    # Within 90 minutes: c alone (7) beats a or b (6); a + b (12) take 120. The best price
    # (0.1 a minute) bounds at 9, above the optimum: not a proof, so CP-SAT plans the day.
    profile = InterestProfile(walk=0, lunch=0, max_hours_per_day=1.5)
    scores = {"a": 6.0, "b": 6.0, "c": 7.0}
    problem = build_problem(build(GAP), profile, scores)
    relaxed = relax_hours(problem, problem.days, {c.id: c.weight for c in problem.candidates})
    assert relaxed is not None and relaxed.bound == 900
    itinerary = planned(build(GAP), profile, scores)
    assert itinerary.status == "optimal"
    assert itinerary.objective == 7
    assert itinerary.bound == 7


def test_without_a_cap_on_hours_there_is_no_relaxation() -> None:
    problem = build_problem(build(THREE), InterestProfile(lunch=0), {"a": 1.0})
    assert relax_hours(problem, problem.days, {"a": 100}) is None


@given(data=st.data(), case=capped_days(), minutes=st.sampled_from([15, 30]))
@SETTINGS
def test_talks_of_one_length_are_planned_optimally(
    data: st.DataObject, case: Tiny, minutes: int
) -> None:
    talks, free = [], dict[str, int]()
    for t in case.talks:  # one length, still one after another in each room
        start = max(int(t.hm[:2]) * 60 + int(t.hm[3:]), free.get(t.room, 0))
        free[t.room] = start + minutes
        talks.append(T(t.id, f"{start // 60:02d}:{start % 60:02d}", minutes, t.room))
    case = Tiny(talks, [], 12 * 60, 10, case.walk, case.lunch, case.max_talks, case.max_hours, 5)
    scores = _scores(data.draw, [t.id for t in talks])
    itinerary = planned(build(talks), _profile(case), scores)
    assert itinerary.status == "optimal"
    assert itinerary.objective == pytest.approx(brute_force(case, scores))


ONE_LENGTH = [
    T("a", "09:00", 60, "A"),
    T("b", "10:00", 60, "A"),
    T("c", "11:00", 60, "A"),
    T("d", "10:00", 60, "B"),  # 30 minutes' walk: clashes with a, b and c
]


def test_a_cap_on_hours_over_talks_of_one_length_is_a_cap_on_talks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two talks in 2 hours: d alone (10) beats any two of a, b, c (8). The Lagrangian bound is
    # 11 (a duality gap); as a cap of two talks the exact programme proves 10 without CP-SAT.
    profile = InterestProfile(walk=30, lunch=0, max_hours_per_day=2)
    scores = {"a": 4.0, "b": 4.0, "c": 4.0, "d": 10.0}
    problem = build_problem(build(ONE_LENGTH), profile, scores)
    relaxed = relax_hours(problem, problem.days, {c.id: c.weight for c in problem.candidates})
    assert relaxed is not None and relaxed.bound == 1100
    monkeypatch.setattr(planner, "solve", _no_cp_sat)
    itinerary = planned(build(ONE_LENGTH), profile, scores)
    assert itinerary.status == "optimal"
    assert itinerary.objective == itinerary.bound == 10
