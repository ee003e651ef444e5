"""``cover`` at every size: coverage, bound and gap counted from the plans returned, and never
less coverage than the greedy baseline or the members' independent plans."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from planner.group import joint as joint_module
from planner.group.coverage import SCALE, coverage, gap, group_items
from planner.group.greedy import plan_greedy
from planner.group.joint import JointMember, JointResult, plan_cover
from planner.group.personal import plan_members
from planner.group.profiles import resolve_members
from planner.group.run import GroupResult
from planner.model import Programme
from planner.planning import PlanResult
from planner.solver.items import SCALE as SOLVER_SCALE
from solver_factory import T, build
from tests.test_group_policies import LIKES, TWO_ROOMS, group_of, run


def with_capacities(programme: Programme, capacities: dict[str, int]) -> Programme:
    data = programme.model_dump()
    data["rooms"] = [{"name": name, "capacity": cap} for name, cap in capacities.items()]
    return Programme.model_validate(data)


def random_case(seed: int) -> tuple[Programme, list[dict[str, float]], float, bool]:
    """A small random conference (3 rooms, 3-4 slots, talks of 20 or 30 minutes), 2-5 members
    with random stars and, for some, rooms of one or two seats (and no share), for the others a
    random share."""
    rng = random.Random(seed)
    rooms = ["A", "B", "C"]
    hours = ["09:00", "09:30", "10:00", "10:30"][: rng.randint(3, 4)]
    talks = []
    for h in hours:
        for r in rooms:
            if rng.random() < 0.85:
                talks.append(T(f"{r}{h[:2]}{h[3:]}", h, rng.choice([20, 30]), r))
    stars = [
        {
            t.id: float(rng.randint(1, 9)) + rng.choice([0.0, 0.333])
            for t in talks
            if rng.random() < 0.6
        }
        for _ in range(rng.randint(2, 5))
    ]
    programme = build(talks)
    capped = rng.random() < 0.4
    if capped:
        programme = with_capacities(programme, {r: rng.choice([1, 2, 9]) for r in rooms})
    # with seats for fewer members than like a talk, a share may leave no plan at all
    share = 0.0 if capped else rng.choice([0.0, 0.6, 0.9])
    return programme, [s or {talks[0].id: 1.0} for s in stars], share, capped


def check_numbers(result: GroupResult) -> None:
    """Coverage, bound and gap are the same numbers as the plans returned give."""
    c = result.coverage
    plans = [m.itinerary for m in result.members]
    covered = coverage(plans, result.items)
    assert c.covered == pytest.approx(covered, abs=1e-9)
    assert c.bound is not None and c.gap is not None
    assert c.covered <= c.bound + 1e-9
    assert c.bound <= c.group_weight + 1e-9
    assert c.gap == pytest.approx((c.bound - covered) / c.bound if c.bound else 0.0, abs=1e-9)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_cover_is_at_least_both_baselines_and_its_gap_adds_up(seed: int) -> None:
    programme, stars, share, capped = random_case(seed)
    result = run(programme, group_of(*stars), policy="cover", share=share, time_limit=5)
    check_numbers(result)
    c = result.coverage
    assert c.greedy_covered is not None
    assert c.covered >= c.greedy_covered - 1e-9
    independent = run(programme, group_of(*stars), policy="independent")
    if not independent.warnings:  # independent plans that keep every capacity are a solution
        assert c.covered >= c.independent_covered - 1e-9
    for m in result.members:
        assert m.utility >= share * m.personal_optimum - 1e-6
    if not capped:
        assert result.warnings == []


def test_the_gap_of_an_optimal_cover_is_zero_with_whole_scores() -> None:
    result = run(build(TWO_ROOMS), group_of(LIKES, LIKES), policy="cover", share=0.9)
    check_numbers(result)
    assert result.status == "optimal"
    assert result.coverage.gap == 0 and result.coverage.bound == result.coverage.covered == 36


def test_the_models_units_are_the_solvers() -> None:
    assert SCALE == SOLVER_SCALE


def members_of(programme: Programme, stars: list[dict[str, float]]) -> list[JointMember]:
    group = group_of(*stars)
    members, _ = resolve_members(group, programme)
    outcomes = plan_members(programme, [m.profile for m in members], workers=1, time_limit=5)
    found = []
    for member, (outcome, _) in zip(members, outcomes, strict=True):
        assert isinstance(outcome, PlanResult)
        found.append(JointMember(outcome.profile or member.profile, outcome.interests,
                                 outcome.itinerary))  # fmt: skip
    return found


def scores_of(members: list[JointMember]) -> list[dict[str, float]]:
    return [{cid: i.score for cid, i in m.interests.items()} for m in members]


def test_a_covered_literal_is_true_whenever_a_member_attends() -> None:
    programme = build(TWO_ROOMS)
    members = members_of(programme, [LIKES, LIKES])
    items = group_items(scores_of(members))
    joint = joint_module._build(programme, members, items, 0.0, None)
    term = dict((lit.name, lit) for _, lit in joint.cover_terms)["covered_a1"]
    joint.model.add(joint.variables[0].attend["a1"] == 1)
    joint.model.add(term == 0)
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False  # CP-SAT's handler would outlive the solve
    assert solver.solve(joint.model) == cp_model.INFEASIBLE


def test_when_the_solver_finds_nothing_the_start_is_returned(monkeypatch: Any) -> None:
    programme = build(TWO_ROOMS)
    members = members_of(programme, [LIKES, LIKES, {"b1": 5, "b2": 5}])
    items = group_items(scores_of(members))
    greedy = plan_greedy(programme, members, items, share=0.8)
    monkeypatch.setattr(joint_module, "solve_interruptibly", lambda *_: cp_model.UNKNOWN)
    result = plan_cover(programme, members, items, share=0.8, time_limit=1, starts=[greedy])
    assert result.source == "start" and result.status == "feasible"
    assert result.itineraries == greedy
    assert result.covered == coverage(greedy, items)
    assert result.bound == pytest.approx(sum(i.weight for i in items.values()))
    assert result.gap == gap(result.covered, result.bound)


def test_a_start_that_breaks_a_capacity_is_passed_over() -> None:
    """Room A seats one: the three members' own plans (all in A) are no group plan, so the
    greedy baseline is the start, and cover keeps the seats."""
    programme = with_capacities(build(TWO_ROOMS), {"A": 1, "B": 5})
    a_only = {"a1": 10, "a2": 10, "b1": 1}
    members = members_of(programme, [a_only, a_only, a_only])
    items = group_items(scores_of(members))
    personal = [m.personal for m in members]
    greedy = plan_greedy(programme, members, items, share=0.0)
    assert coverage(personal, items) <= coverage(greedy, items)
    result: JointResult = plan_cover(
        programme, members, items, share=0.0, time_limit=2, starts=[personal, greedy]
    )
    assert result.covered >= coverage(greedy, items)
    for talk in ("a1", "a2"):
        assert sum(talk in {i.id for i in p.items} for p in result.itineraries) <= 1


def test_with_almost_no_time_cover_still_gives_at_least_greedy() -> None:
    rng = random.Random(5)
    rooms, hours = "ABCD", ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    talks = [T(f"{r}{h[:2]}{h[3:]}", h, 30, r) for h in hours for r in rooms]
    stars = [{t.id: float(rng.randint(1, 9)) for t in talks if rng.random() < 0.5}
             for _ in range(12)]  # fmt: skip
    programme = build(talks)
    members = members_of(programme, stars)
    items = group_items(scores_of(members))
    greedy = plan_greedy(programme, members, items, share=0.8)
    result = plan_cover(programme, members, items, share=0.8, time_limit=0.0, starts=[greedy])
    assert result.source == "start"  # no time even to build the model: the start as it is
    assert result.covered >= coverage(greedy, items) - 1e-9
    assert result.covered <= result.bound


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_large_group_search_keeps_every_rule_and_beats_greedy(seed: int) -> None:
    """The search over members (for large groups) on small ones: neighbourhoods of two."""
    from planner.group import lns

    programme, stars, share, _ = random_case(seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lns, "LNS_MEMBERS", 1)
        patch.setattr(lns, "NEIGHBOURHOOD", 2)
        result = run(programme, group_of(*stars), policy="cover", share=share, time_limit=3)
    check_numbers(result)
    c = result.coverage
    assert c.greedy_covered is not None and c.covered >= c.greedy_covered - 1e-9
    assert result.warnings == []  # no member over a room's seats
    for m in result.members:
        assert m.utility >= share * m.personal_optimum - 1e-6


def test_large_groups_are_searched_only_without_shared_visit_limits() -> None:
    from planner.group.lns import LNS_MEMBERS, fits

    programme = build(TWO_ROOMS)
    assert fits(programme, LNS_MEMBERS + 1, None)
    assert not fits(programme, LNS_MEMBERS, None)
    assert not fits(programme, LNS_MEMBERS + 1, 2)
