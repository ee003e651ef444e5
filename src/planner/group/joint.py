"""The ``cover`` policy: one CP-SAT model for the whole group.

Each member's rules are added to one model by the solver's own :func:`add_rules` (clashes,
walking, lunch, caps, posters, busy times, must-sees), so every member's plan is a valid plan
for them. On top:

- *coverage*: one literal per item of group interest (:mod:`planner.group.coverage`), true only
  if some member attends it;
- *share*: each member's interest in their plan is at least ``share`` of their personal optimum
  (the objective of their own plan, solved first);
- *capacity*: at most ``max_per_poster`` members at one poster at a time
  (:mod:`planner.group.poster_cap`); at a talk, at most the room's capacity of members; in a
  poster area with a capacity, at most that many members at one time (a cumulative constraint
  over their visits);
- *objective*: the group weight covered, solved first; then, in the time left, the members'
  total interest at that coverage (a second solve hinted with the first solution). The status,
  bound and gap are those of the coverage.

Members' personal plans are the solver's hint, so a first solution is at hand at once.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.group.coverage import GroupItem
from planner.group.poster_cap import add_poster_cap, retime_posters
from planner.interests.profile import InterestProfile
from planner.interests.scoring import Interest
from planner.itinerary import Itinerary, Status
from planner.model import Programme
from planner.planning import with_reasons
from planner.solver import explain
from planner.solver.interrupt import solve_interruptibly
from planner.solver.items import SCALE, Problem, build_problem
from planner.solver.planner import SEED, add_rules
from planner.solver.variables import Variables


@dataclass(frozen=True)
class JointMember:
    """What the joint model needs of one member: the profile they are planned with (calendar
    busy times included), their interests and their personal plan."""

    profile: InterestProfile
    interests: Mapping[str, Interest]
    personal: Itinerary


@dataclass
class JointResult:
    status: Status
    itineraries: list[Itinerary]
    covered: float
    """Group weight covered, in score units (as the model counts it)."""
    bound: float
    """Best bound on the group weight that can be covered."""
    seconds: float
    cover_seconds: float = 0.0
    """The first step's time: coverage found (and proven, when optimal)."""

    @property
    def gap(self) -> float:
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.covered) / self.bound)


def _weight(score: float) -> int:
    return 0 if score <= 0 else max(1, round(score * SCALE))


def _hint(model: cp_model.CpModel, variables: Variables, problem: Problem, plan: Itinerary) -> None:
    """The member's personal plan as a hint: attendance, and the start of each used visit slot."""
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


def plan_cover(
    programme: Programme,
    members: Sequence[JointMember],
    items: Mapping[str, GroupItem],
    *,
    share: float,
    max_per_poster: int | None = None,
    time_limit: float = 10.0,
) -> JointResult:
    """Plans that cover as much of the group's interest as possible; see the module."""
    model = cp_model.CpModel()
    problems: list[Problem] = []
    variables: list[Variables] = []
    utilities: list[cp_model.LinearExpr] = []
    for member in members:
        scores = {cid: i.score for cid, i in member.interests.items()}
        problem = build_problem(programme, member.profile, scores)
        rules = add_rules(model, problem, problem.days, relax=False)
        v = rules.variables
        weighted = [(c.weight, v.attend[c.id]) for c in v.candidates.values() if c.weight > 0]
        own = cp_model.LinearExpr.weighted_sum(
            [lit for _, lit in weighted], [w for w, _ in weighted]
        )
        personal = sum(
            _weight(scores.get(i.id, 0.0)) for i in member.personal.items if i.kind != "lunch"
        )
        floor = math.ceil(share * personal - 1e-9)
        if floor > 0:
            model.add(own >= floor)
        _hint(model, v, problem, member.personal)
        problems.append(problem)
        variables.append(v)
        utilities.append(own)

    attends: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for v in variables:
        for cid, lit in v.attend.items():
            if v.candidates[cid].kind != "poster-duty":
                attends[cid].append(lit)
    cover_terms = []
    for cid, item in items.items():
        lits = attends.get(cid, [])
        if not lits:
            continue
        if len(lits) == 1:
            covered = lits[0]
        else:
            covered = model.new_bool_var(f"covered_{cid}")
            model.add_bool_or(lits).only_enforce_if(covered)
        cover_terms.append((_weight(item.weight), covered))
    _capacities(model, programme, variables)
    posters = add_poster_cap(model, variables, max_per_poster or len(variables))

    cover = cp_model.LinearExpr.weighted_sum(
        [lit for _, lit in cover_terms], [w for w, _ in cover_terms]
    )
    model.maximize(cover)
    started = time.perf_counter()
    solver = _solver(time_limit)
    code = solve_interruptibly(solver, model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        from planner.solver.errors import InfeasibleError

        if code == cp_model.INFEASIBLE:
            raise InfeasibleError(
                "the group's capacities leave no plan that keeps every member's must-sees "
                "and share; lower --share or raise --max-per-poster"
            )
        from planner.errors import PlannerError

        raise PlannerError(
            f"no group plan found within the time limit ({time_limit:g} s); give it more time"
        )
    covered_units = round(solver.objective_value)
    bound_units = covered_units if code == cp_model.OPTIMAL else int(solver.best_objective_bound)
    cover_seconds = time.perf_counter() - started
    # Second step: the same coverage, and the most interest for the members; as much
    # (deterministic) time as the first step took, at least a second, within the time left.
    left = time_limit - (time.perf_counter() - started)
    if left > 0.05:
        _hint_all(model, solver)
        model.add(cover >= covered_units)
        model.maximize(cp_model.LinearExpr.sum(utilities))
        spent = solver.response_proto.deterministic_time
        second = _solver(min(left, max(1.0, spent)), wall=left)
        if solve_interruptibly(second, model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver = second
    seconds = time.perf_counter() - started
    status: Status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    itineraries = []
    for index, (member, problem, v) in enumerate(zip(members, problems, variables, strict=True)):
        chosen = retime_posters(posters, index, v, solver, v.extract(solver))
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
        itineraries.append(with_reasons(itinerary, dict(member.interests)))
    covered_units = sum(w for w, lit in cover_terms if solver.boolean_value(lit))
    return JointResult(
        status,
        itineraries,
        covered=covered_units / SCALE,
        bound=max(covered_units, bound_units) / SCALE,
        seconds=seconds,
        cover_seconds=cover_seconds,
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
) -> None:
    """Room capacities: at a talk, at most the room's capacity of members; in a room with
    flexible visits (a poster area), at most that many at one time."""
    crowd = len(variables)
    by_talk: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for v in variables:
        for cid, lit in v.attend.items():
            if v.candidates[cid].fixed:
                by_talk[cid].append(lit)
    for cid, lits in by_talk.items():
        room = programme.room_by_name.get(programme.room_of(programme.contribution_by_id[cid]))
        if room is not None and room.capacity is not None and len(lits) > room.capacity:
            model.add(sum(lits) <= room.capacity)
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
