"""The exact programme as the planner's proof, and as its fallback.

- A day of talks with walking and lunch (no side rule) is planned by the exact programme
  alone: optimal, bound = objective, without CP-SAT.
- The CP-SAT model still equals the exact programme on such days (it plans the days with side
  rules, so it must stay exact without them).
- Stopped with nothing better, CP-SAT's answer is the exact plan of talks when that meets
  every rule (caps trimmed), never "no plan found".
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.solver import exact, planner
from planner.solver.items import build_problem
from solver_factory import PS, T, build, ids, planned
from test_solver_properties import talk_grids


def _no_cp_sat(*_: object, **__: object) -> object:
    raise AssertionError("CP-SAT was asked")


TALKS = [
    T("a", "10:00", 30, "A"),
    T("b", "10:35", 30, "B"),  # 5 minutes after a: too close with a 10-minute walk
    T("c", "10:45", 30, "A"),
    T("d", "12:00", 60, "B"),  # in the lunch window
    T("e", "13:10", 30, "A"),
]


def test_a_day_of_talks_walking_and_lunch_is_proven_without_cp_sat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner, "solve", _no_cp_sat)
    scores = {"a": 2.0, "b": 5.0, "c": 2.0, "d": 3.0, "e": 1.0}
    profile = InterestProfile(walk=10, lunch=60, lunch_window=("11:30", "14:00"))
    itinerary = planned(build(TALKS), profile, scores)
    assert itinerary.status == "optimal"
    assert itinerary.bound == itinerary.objective
    # b (5) beats a + c (4); lunch needs an hour clear of talks between 11:30 and 14:00, so
    # d (3) costs e (1) and lunch: d + lunch do not fit with e, d alone leaves 13:00-14:00.
    assert itinerary.objective == 5 + 3


def test_side_rules_are_named() -> None:
    programme = build(TALKS, [PS("ps", "15:00", 60, ("p1",))])
    scores = {t.id: 1.0 for t in TALKS} | {"p1": 1.0}
    capped = InterestProfile(max_talks_per_day=2, max_hours_per_day=1, lunch=0)
    problem = build_problem(programme, capped, scores)
    assert exact.side_rules(problem, problem.days) == [
        "poster visits or presenter duty",
        "a cap on hours a day",
    ]
    loose = InterestProfile(max_talks_per_day=2, max_hours_per_day=9, lunch=0)
    problem = build_problem(build(TALKS), loose, scores)
    assert exact.side_rules(problem, problem.days) == []  # the cap on talks is a layer


def test_a_cap_on_talks_is_proven_without_cp_sat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planner, "solve", _no_cp_sat)
    scores = {"a": 2.0, "b": 5.0, "c": 2.0, "d": 3.0, "e": 1.0}
    profile = InterestProfile(walk=10, lunch=0, max_talks_per_day=2)
    itinerary = planned(build(TALKS), profile, scores)
    assert itinerary.status == "optimal"
    assert itinerary.objective == itinerary.bound == 5 + 3


@given(
    data=st.data(),
    talks=talk_grids(),
    walk=st.sampled_from([0, 5, 12, 30]),
    lunch=st.sampled_from([0, 30, 60]),
    walking=st.sampled_from(["cliques", "flow"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_cp_sat_model_equals_the_exact_programme(
    data: st.DataObject, talks: list[T], walk: int, lunch: int, walking: planner.WalkingModel
) -> None:
    """Both models of walking between talks, whichever the planner would choose."""
    scores = {t.id: data.draw(st.integers(0, 20)) / 2 for t in talks}
    problem = build_problem(build(talks), InterestProfile(walk=walk, lunch=lunch), scores)
    for day in problem.days:
        worth = {c.id: c.weight for c in day.candidates}
        plan = exact.talks_plan(problem, [day], worth)
        expected = sum(c.candidate.weight for c in plan if c.candidate is not None)
        built = planner.build(problem, [day], relax=False, walking=walking)
        solved = planner.solve(built, 5.0)
        assert solved.status == "optimal"
        assert solved.objective == expected


CAPPED = [
    T(f"{room}{k}", f"{9 + k}:{m}", 45, room)
    for k in range(6)
    for room, m in (("A", "00"), ("B", "10"))
]


def _unknown(solver: cp_model.CpSolver, model: cp_model.CpModel) -> int:
    """A solve stopped by the clock before it found anything."""
    solver.parameters.max_time_in_seconds = 0.0
    solver.parameters.catch_sigint_signal = False  # leave Ctrl-C to Python, as the planner does
    code = solver.solve(model)
    assert code == cp_model.UNKNOWN
    return code


def test_stopped_before_any_plan_the_exact_plan_within_the_caps_is_the_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner, "solve_interruptibly", _unknown)
    scores = {t.id: float(k % 5 + 1) for k, t in enumerate(CAPPED)} | {"p1": 1.0}
    profile = InterestProfile(walk=5, lunch=45, max_hours_per_day=2)  # two 45-minute talks
    # A poster session beside the cap: without it the cap on talks of one length is a cap on
    # talks, proven by the exact programme, and CP-SAT is not asked.
    sessions = [PS("ps", "16:00", 60, ("p1",))]
    itinerary = planned(build(CAPPED, sessions), profile, scores)
    assert itinerary.status == "feasible"
    assert len(ids(itinerary)) == 2
    assert itinerary.bound >= itinerary.objective > 0


def test_stopped_before_any_plan_without_a_valid_start_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner, "solve_interruptibly", _unknown)
    sessions = [PS("ps", "11:00", 60, ("mine",))]
    profile = InterestProfile(walk=5, lunch=0, own=["mine"])
    with pytest.raises(PlannerError, match="no plan found within the time limit"):
        planner.plan(build(CAPPED, sessions), profile, {"A0": 1.0})
