"""The ``cover`` policy: one CP-SAT model for the whole group.

Each member's rules are added to one model by the solver's own :func:`add_rules` (clashes,
walking, lunch, caps, posters, busy times, must-sees), so every member's plan is a valid plan
for them. On top:

- *coverage*: one literal per item of group interest (:mod:`planner.group.coverage`), true
  exactly when some member attends it (so what the model counts is what the plans cover);
- *share*: each member's interest in their plan is at least ``share`` of their personal optimum
  (the objective of their own plan, solved first);
- *capacity*: at most ``max_per_poster`` members at one poster at a time
  (:mod:`planner.group.poster_cap`); at a talk, at most the room's capacity of members; in a
  poster area with a capacity, at most that many members at one time (a cumulative constraint
  over their visits);
- *objective*: the group weight covered, solved first (:data:`COVER_SHARE` of the time); then,
  in the time left, the members' total interest at that coverage (a second solve hinted with
  the first solution). The status, bound and gap are those of the coverage.

*Never worse than a baseline.* The caller's starting plans (the better of the greedy baseline
and the members' personal plans) are completed into a full solution of the model (every
attendance fixed, the rest found by a short solve) and given as a complete hint; the plans
returned cover at least as much as it, and when the solver finds nothing in time the start
itself is returned. The coverage and its bound are both counted from the plans' items in the
scores' own units: the bound adds what rounding the weights to the model's integer units can
hide, so it holds for the scores themselves.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from planner.group.coverage import SCALE, GroupItem, coverage, gap, share_floor, units
from planner.group.poster_cap import PosterCap, add_poster_cap, retime_posters
from planner.interests.profile import InterestProfile
from planner.interests.scoring import Interest
from planner.itinerary import Itinerary, Status
from planner.model import Programme
from planner.planning import with_reasons
from planner.solver import explain
from planner.solver.interrupt import solve_interruptibly
from planner.solver.items import Problem, build_problem
from planner.solver.planner import SEED, add_rules
from planner.solver.variables import Variables


@dataclass(frozen=True)
class JointMember:
    """What the joint model needs of one member: the profile they are planned with (calendar
    busy times included), their interests and their personal plan."""

    profile: InterestProfile
    interests: Mapping[str, Interest]
    personal: Itinerary


COVER_SHARE = 2 / 3
"""The share of the time (after the model is built and the start completed) given to the
coverage step; the members' interest step gets the rest (and all of it when coverage is proven
sooner)."""
BUILD_SHARE = 0.5
"""With starting plans, building the model may take at most this share of the time."""
START_SHARE = 0.25
"""At most this share of the time left completes one starting plan into a solution."""


@dataclass
class JointResult:
    status: Status
    itineraries: list[Itinerary]
    covered: float
    """Group weight the returned plans cover (:func:`planner.group.coverage.coverage`)."""
    bound: float
    """A bound on the group weight any plans can cover (at least ``covered``)."""
    seconds: float
    cover_seconds: float = 0.0
    """The first step's time: coverage found (and proven, when optimal)."""
    source: str = "model"
    """Where the returned coverage comes from: ``model``, or ``start`` when the solver found
    nothing better than the starting plans."""

    @property
    def gap(self) -> float:
        return gap(self.covered, self.bound)


def _hint(model: cp_model.CpModel, variables: Variables, problem: Problem, plan: Itinerary) -> None:
    """A member's plan as a hint: attendance, and the start of each used visit slot."""
    chosen = {i.id: problem.clock.minutes(i.start) for i in plan.items if i.kind != "lunch"}
    for cid, lit in variables.attend.items():
        model.add_hint(lit, cid in chosen)
    for key, members in variables.poster_groups.items():
        starts = sorted(chosen[c.id] for c in members if c.id in chosen)
        for k, unit in enumerate(variables.visit_slots[key]):
            model.add_hint(unit.lit, k < len(starts))
            if k < len(starts):
                model.add_hint(unit.start_var, starts[k])
    for cid, unit in variables.duty.items():
        if cid in chosen:
            model.add_hint(unit.start_var, chosen[cid])
    lunches = {
        i.start.date(): problem.clock.minutes(i.start) for i in plan.items if i.kind == "lunch"
    }
    for day, var in variables.lunch_start.items():
        if day in lunches and day not in variables.lunch_discrete:
            model.add_hint(var, lunches[day])


@dataclass
class _Joint:
    """The group model and what reads its solutions."""

    model: cp_model.CpModel
    members: Sequence[JointMember]
    items: Mapping[str, GroupItem]
    problems: list[Problem] = field(default_factory=list)
    variables: list[Variables] = field(default_factory=list)
    utilities: list[cp_model.LinearExpr] = field(default_factory=list)
    attends: dict[str, list[cp_model.IntVar]] = field(default_factory=dict)
    cover_terms: list[tuple[int, cp_model.IntVar]] = field(default_factory=list)
    cover: cp_model.LinearExpr | None = None
    posters: PosterCap | None = None

    def covered(self, solver: cp_model.CpSolver) -> float:
        """The group weight a solution covers, read from its attendance (the scores' units)."""
        return round(
            sum(
                self.items[cid].weight
                for cid, lits in self.attends.items()
                if cid in self.items and any(solver.boolean_value(lit) for lit in lits)
            ),
            6,
        )

    def bound(self, units_bound: float) -> float:
        """A model bound (integer units) as a bound on the group weight: plus what rounding
        each weight to units can hide, and never above what the members can reach."""
        reach = [self.items[cid] for cid in self.attends if cid in self.items]
        slack = sum(max(0.0, i.weight - units(i.weight) / SCALE) for i in reach)
        return min(units_bound / SCALE + slack, sum(i.weight for i in reach))

    def itineraries(
        self, solver: cp_model.CpSolver, status: Status, seconds: float
    ) -> list[Itinerary]:
        assert self.posters is not None
        plans = []
        for index, (member, problem, v) in enumerate(
            zip(self.members, self.problems, self.variables, strict=True)
        ):
            chosen = retime_posters(self.posters, index, v, solver, v.extract(solver))
            objective = sum(c.candidate.score for c in chosen if c.candidate is not None)
            itinerary = explain.itinerary(
                problem,
                chosen,
                status=status,
                objective=objective,
                bound=max(objective, member.personal.bound),
                dropped=[],
                previous=None,
                seconds=seconds,
            )
            plans.append(with_reasons(itinerary, dict(member.interests)))
        return plans


def _build(
    programme: Programme,
    members: Sequence[JointMember],
    items: Mapping[str, GroupItem],
    share: float,
    max_per_poster: int | None,
    taken: Mapping[str, int] | None = None,
    deadline: float | None = None,
) -> _Joint | None:
    """The model, or None when building it would pass ``deadline``."""
    joint = _Joint(cp_model.CpModel(), members, items)
    model = joint.model
    for member in members:
        if deadline is not None and time.perf_counter() > deadline:
            return None
        scores = {cid: i.score for cid, i in member.interests.items()}
        problem = build_problem(programme, member.profile, scores)
        rules = add_rules(model, problem, problem.days, relax=False)
        v = rules.variables
        weighted = [(c.weight, v.attend[c.id]) for c in v.candidates.values() if c.weight > 0]
        own = cp_model.LinearExpr.weighted_sum(
            [lit for _, lit in weighted], [w for w, _ in weighted]
        )
        personal = sum(
            units(scores.get(i.id, 0.0)) for i in member.personal.items if i.kind != "lunch"
        )
        floor = share_floor(share, personal)
        if floor > 0:
            model.add(own >= floor)
        _hint(model, v, problem, member.personal)
        joint.problems.append(problem)
        joint.variables.append(v)
        joint.utilities.append(own)

    attends: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for v in joint.variables:
        for cid, lit in v.attend.items():
            if v.candidates[cid].kind != "poster-duty":
                attends[cid].append(lit)
    joint.attends = dict(attends)
    for cid, item in items.items():
        lits = attends.get(cid, [])
        if not lits:
            continue
        if len(lits) == 1:
            covered = lits[0]
        else:
            # covered exactly when someone attends: what is counted is what the plans cover
            covered = model.new_bool_var(f"covered_{cid}")
            model.add_bool_or(lits).only_enforce_if(covered)
            for lit in lits:
                model.add_implication(lit, covered)
        joint.cover_terms.append((units(item.weight), covered))
    _capacities(model, programme, joint.variables, taken or {})
    joint.posters = add_poster_cap(model, joint.variables, max_per_poster or len(joint.variables))
    joint.cover = cp_model.LinearExpr.weighted_sum(
        [lit for _, lit in joint.cover_terms], [w for w, _ in joint.cover_terms]
    )
    return joint


def _complete(
    joint: _Joint, plans: Sequence[Itinerary], time_limit: float
) -> cp_model.CpSolver | None:
    """The starting plans as a solution of the whole model (every member's attendance fixed,
    visit times, lunches and the rest found by the solver), or None if they are not one (a
    capacity they break) or none is found in time."""
    model = joint.model.clone()
    model.clear_objective()  # type: ignore[no-untyped-call]
    model.clear_hints()  # type: ignore[no-untyped-call]
    for v, problem, plan in zip(joint.variables, joint.problems, plans, strict=True):
        chosen = {i.id for i in plan.items if i.kind != "lunch"}
        for cid, lit in v.attend.items():
            model.add(lit == int(cid in chosen))
        _hint(model, v, problem, plan)
    solver = _solver(time_limit)
    solver.parameters.linearization_level = 0
    if solve_interruptibly(solver, model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver
    return None


def plan_cover(
    programme: Programme,
    members: Sequence[JointMember],
    items: Mapping[str, GroupItem],
    *,
    share: float,
    max_per_poster: int | None = None,
    time_limit: float = 10.0,
    starts: Sequence[Sequence[Itinerary]] = (),
    taken: Mapping[str, int] | None = None,
) -> JointResult:
    """Plans that cover as much of the group's interest as possible; see the module.

    ``starts`` are starting plans (one per member each), best first: the first that is a
    solution of the model is the solver's first solution, and what is returned covers at least
    as much. ``taken``: seats at talks already taken by members planned outside this model.
    With starting plans, a model that takes more than :data:`BUILD_SHARE` of the time to
    build is given up and the first start returned as it is."""
    started = time.perf_counter()
    deadline = started + time_limit
    joint = _build(
        programme,
        members,
        items,
        share,
        max_per_poster,
        taken,
        started + BUILD_SHARE * time_limit if starts else None,
    )
    if joint is None:
        plans = list(starts[0])
        covered = coverage(plans, items)
        seconds = time.perf_counter() - started
        weight = sum(i.weight for i in items.values())
        return JointResult(
            "feasible", plans, covered, max(covered, weight), seconds, seconds, "start"
        )
    model = joint.model
    assert joint.cover is not None
    model.maximize(joint.cover)

    start: tuple[cp_model.CpSolver, float] | None = None
    for start_plans in starts:
        left = deadline - time.perf_counter()
        found = _complete(joint, start_plans, max(0.05, START_SHARE * left))
        if found is not None:
            start = (found, joint.covered(found))
            _hint_all(model, found)
            break

    left = deadline - time.perf_counter()
    solver = _solver(max(0.05, COVER_SHARE * left))
    code = solve_interruptibly(solver, model)
    cover_seconds = time.perf_counter() - started
    solved = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    # the model's bound when it found a solution; otherwise only the whole reach is sure
    bound_units = float(sum(w for w, _ in joint.cover_terms))
    if code == cp_model.OPTIMAL:
        bound_units = solver.objective_value
    elif solved and math.isfinite(solver.best_objective_bound):
        bound_units = min(bound_units, solver.best_objective_bound)

    best: tuple[cp_model.CpSolver, float] | None = None
    if solved:
        best = (solver, joint.covered(solver))
    if start is not None and (best is None or start[1] > best[1]):
        best = start
    if best is None:
        return _no_solution(code, time_limit, joint, starts, bound_units, started)
    source = "model" if best[0] is solver else "start"

    # Second step: the same coverage, and the most interest for the members; as much
    # (deterministic) time as the first step took, at least a second, within the time left.
    left = deadline - time.perf_counter()
    if left > 0.05:
        _hint_all(model, best[0])
        model.add(
            joint.cover
            >= round(sum(w for w, lit in joint.cover_terms if best[0].boolean_value(lit)))
        )
        model.maximize(cp_model.LinearExpr.sum(joint.utilities))
        spent = solver.response_proto.deterministic_time
        second = _solver(min(left, max(1.0, spent)), wall=left)
        done = solve_interruptibly(second, model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        if done and joint.covered(second) >= best[1] - 1e-9:
            best = (second, best[1])
    seconds = time.perf_counter() - started
    status: Status = "optimal" if code == cp_model.OPTIMAL and source == "model" else "feasible"
    itineraries = joint.itineraries(best[0], status, seconds)
    covered = coverage(itineraries, items)
    return JointResult(
        status,
        itineraries,
        covered=covered,
        bound=max(covered, joint.bound(bound_units)),
        seconds=seconds,
        cover_seconds=cover_seconds,
        source=source,
    )


def _no_solution(
    code: Any,
    time_limit: float,
    joint: _Joint,
    starts: Sequence[Sequence[Itinerary]],
    bound_units: float,
    started: float,
) -> JointResult:
    """Nothing found: the first starting plans as they are (they may break a capacity the
    model keeps, which the run reports), or an error when there are none."""
    if code == cp_model.INFEASIBLE:
        from planner.solver.errors import InfeasibleError

        raise InfeasibleError(
            "the group's capacities leave no plan that keeps every member's must-sees "
            "and share; lower --share or raise --max-per-poster"
        )
    if not starts:
        from planner.errors import PlannerError

        raise PlannerError(
            f"no group plan found within the time limit ({time_limit:g} s); give it more time"
        )
    plans = list(starts[0])
    covered = coverage(plans, joint.items)
    seconds = time.perf_counter() - started
    return JointResult(
        "feasible",
        plans,
        covered=covered,
        bound=max(covered, joint.bound(bound_units)),
        seconds=seconds,
        cover_seconds=seconds,
        source="start",
    )


def _solver(time_limit: float, wall: float | None = None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = SEED
    # One worker: its LP proves the optimum where two workers' portfolio (without the full LP)
    # left a 32% gap on FOSDEM (bench/README.md). The deterministic limit makes runs
    # reproducible; the wall-clock one is a safety net.
    params.num_workers = 1
    params.linearization_level = 2
    params.max_deterministic_time = max(time_limit, 0.01)
    params.max_time_in_seconds = max(wall if wall is not None else time_limit, 0.05)
    return solver


def _hint_all(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """The solution as a complete hint for the next solve of the same model."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))


def _capacities(
    model: cp_model.CpModel,
    programme: Programme,
    variables: Sequence[Variables],
    taken: Mapping[str, int],
) -> None:
    """Room capacities: at a talk, at most the room's capacity of members (less the ``taken``
    seats of members planned outside this model); in a room with flexible visits (a poster
    area), at most that many at one time."""
    crowd = len(variables)
    by_talk: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for v in variables:
        for cid, lit in v.attend.items():
            if v.candidates[cid].fixed:
                by_talk[cid].append(lit)
    for cid, lits in by_talk.items():
        room = programme.room_by_name.get(programme.room_of(programme.contribution_by_id[cid]))
        seats = None if room is None or room.capacity is None else room.capacity - taken.get(cid, 0)
        if seats is not None and len(lits) > seats:
            model.add(sum(lits) <= max(0, seats))
    # poster areas (and any room with flexible visits) with a capacity: members at one time
    for room in programme.rooms:
        if room.capacity is None or room.capacity >= crowd:
            continue
        intervals = [
            unit.interval
            for v in variables
            for units in v.flex.values()
            for unit in units
            if unit.room == room.name
        ]
        if len(intervals) > room.capacity:
            model.add_cumulative(intervals, [1] * len(intervals), room.capacity)
