"""Walking as a time-space network (:mod:`planner.solver.rules.flow`): a feasible and an
infeasible pair of talks, and the network under every side rule against brute force."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.interests.profile import InterestProfile
from planner.solver import planner
from planner.solver.items import SCALE, build_problem
from solver_factory import PS, T, build
from test_solver_properties import Tiny, _hm, _scores, brute_force, tiny


def _flow_objective(talks: list[T], profile: InterestProfile, scores: dict[str, float]) -> float:
    problem = build_problem(build(talks), profile, scores)
    total = 0
    for group in problem.independent_days():
        solved = planner.solve(planner.build(problem, group, relax=False, walking="flow"), 5.0)
        assert solved.status == "optimal"
        total += solved.objective
    return total / SCALE


def test_a_walk_longer_than_the_gap_keeps_two_rooms_apart() -> None:
    talks = [T("a", "10:00", 20, "A"), T("b", "10:25", 20, "B")]
    scores = {"a": 1.0, "b": 2.0}
    assert _flow_objective(talks, InterestProfile(walk=10, lunch=0), scores) == 2.0
    assert _flow_objective(talks, InterestProfile(walk=5, lunch=0), scores) == 3.0


def test_no_walk_within_a_room_and_no_overlap() -> None:
    talks = [T("a", "10:00", 20, "A"), T("b", "10:20", 20, "A"), T("c", "10:10", 20, "B")]
    scores = {"a": 1.0, "b": 1.0, "c": 1.5}
    assert _flow_objective(talks, InterestProfile(walk=30, lunch=0), scores) == 2.0


def test_the_planner_chooses_the_network_for_walks_as_long_as_talks() -> None:
    programme = build([T("a", "10:00", 20, "A"), T("b", "10:00", 30, "B")])
    for walk, model in ((25, "flow"), (24, "cliques"), (0, "cliques")):
        problem = build_problem(programme, InterestProfile(walk=walk), {"a": 1.0, "b": 1.0})
        talks = [c for d in problem.days for c in d.candidates]
        assert planner.walking_model(problem, talks) == model
    between = InterestProfile(walk=30, walk_between={"A | B": 40})
    problem = build_problem(programme, between, {"a": 1.0, "b": 1.0})
    talks = [c for d in problem.days for c in d.candidates]
    assert planner.walking_model(problem, talks) == "cliques"


@given(data=st.data(), case=tiny())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_network_with_side_rules_equals_brute_force(data: st.DataObject, case: Tiny) -> None:
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
    problem = build_problem(programme, profile, scores)
    total = 0
    for group in problem.independent_days():
        solved = planner.solve(planner.build(problem, group, relax=False, walking="flow"), 5.0)
        assert solved.status == "optimal"
        total += solved.objective
    assert total == round(brute_force(case, scores) * SCALE)
