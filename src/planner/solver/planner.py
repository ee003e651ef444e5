"""The planner: plans each day (days linked past midnight together) by the exact programme
where no side rule breaks it (:mod:`.exact`: optimal, bound = objective), or where a cap on
hours is the only one and the Lagrangian bound of :mod:`.capped` proves the plan, else composes the
rules into a CP-SAT model started from the exact plan of talks, solves it within a fixed
deterministic budget, and hands the solution to :mod:`.explain` for the words. OR-Tools is
loaded by the first day that needs CP-SAT: a plan the exact programme makes alone (days of
talks, as at FOSDEM) never loads it."""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary, Status
from planner.model import Programme
from planner.solver import exact, explain
from planner.solver.capped import hours_capped
from planner.solver.errors import InfeasibleError
from planner.solver.interrupt import solve_interruptibly
from planner.solver.items import SCALE, Candidate, Day, Problem, build_problem
from planner.solver.rules.caps import add_daily_caps
from planner.solver.rules.clash import add_no_clash
from planner.solver.rules.flow import add_walking_flow
from planner.solver.rules.lunch import add_lunch, lunch_problems
from planner.solver.rules.objective import Objective, add_objective, coefficients
from planner.solver.rules.posters import add_poster_visits
from planner.solver.rules.timeline import add_no_overlap
from planner.solver.rules.walking import add_flexible_walking, add_talk_walking
from planner.solver.rules.wishes import add_wishes
from planner.solver.variables import Chosen, Variables

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

SEED = 20220530


@dataclass
class Built:
    """A model for some days, ready to solve."""

    model: cp_model.CpModel
    variables: Variables
    objective: Objective
    wishes: list[tuple[Candidate, cp_model.IntVar]]
    constraints: dict[str, int] = field(default_factory=dict)


@dataclass
class Solved:
    status: Status
    chosen: list[Chosen]
    objective: int
    """Weight units (score x 100)."""
    bound: int
    dropped: list[Candidate]
    seconds: float
    work: float = 0.0
    """CP-SAT's deterministic time (0 where the exact programme planned alone)."""
    building: float = 0.0
    """Seconds spent before solving: the exact programme and building the model."""


@dataclass
class Rules:
    """One attendee's rules added to a model: the variables and the hard wishes kept as
    literals (with ``relax``; empty otherwise)."""

    variables: Variables
    kept: list[tuple[Candidate, cp_model.IntVar]]
    constraints: dict[str, int]


WalkingModel = Literal["cliques", "flow"]


def walking_model(problem: Problem, talks: list[Candidate]) -> WalkingModel:
    """The time-space network when the walk is as long as the usual talk (the walking cliques
    then fall back to pairs: 520-1,560 talks a day with 30-minute walks and 20-minute talks,
    5-15x less deterministic time), the cliques when it is shorter (faster by up to 5x, see
    bench/README.md) and wherever two rooms have a walk of their own."""
    walk = problem.profile.walk
    if problem.profile.walk_between or walk == 0 or not talks:
        return "cliques"
    return "flow" if walk >= statistics.median(t.length for t in talks) else "cliques"


def add_rules(
    model: cp_model.CpModel,
    problem: Problem,
    days: list[Day],
    *,
    relax: bool,
    walking: WalkingModel | None = None,
) -> Rules:
    """Every rule of ``problem`` for ``days`` in ``model``, without an objective. Several
    attendees' rules can share one model (group planning). ``walking`` chooses the model of
    walking between talks (by default :func:`walking_model`)."""
    variables = Variables.create(model, days)
    counts: dict[str, int] = {}

    def tally(name: str, n: int) -> None:
        counts[name] = counts.get(name, 0) + n

    # Clashes and walking over all the group's talks: a talk that runs past midnight meets the
    # next day's talks. Caps and lunch are per day.
    walk = problem.walk
    talks = [t for day in days for t in day.talks if variables.has(t)]
    flexible = [f for day in days for f in variables.flex.get(day.day, [])]
    tally("clash cliques", add_no_clash(variables, talks))
    if (walking or walking_model(problem, talks)) == "flow":
        tally("walking network nodes", add_walking_flow(variables, talks, problem.profile.walk))
    else:
        tally("walking", add_talk_walking(variables, talks, walk))
    tally("walking to posters", add_flexible_walking(variables, talks, flexible, walk))
    for day in days:
        tally("lunch cliques", add_lunch(variables, day, talks))
    tally("no-overlap intervals", add_no_overlap(variables, days))
    for day in days:
        tally("daily caps", add_daily_caps(variables, day, problem.profile))
    tally("poster visits", add_poster_visits(variables))
    wishes = [c for day in days for c in day.candidates if c.wish is not None]
    kept = add_wishes(variables, wishes, relax=relax)
    return Rules(variables, kept, counts)


def build(
    problem: Problem,
    days: list[Day],
    *,
    relax: bool,
    previous: Mapping[str, int | None] | None = None,
    start: list[Chosen] | None = None,
    walking: WalkingModel | None = None,
) -> Built:
    """The CP-SAT model of ``days``. ``previous`` maps ids of a previous plan to their start
    minute (for hints and the keep-previous tie-break); without it, ``start`` (a plan of
    talks and lunches) is the hint."""
    from ortools.sat.python import cp_model  # loaded by the first day that needs CP-SAT

    model = cp_model.CpModel()
    rules = add_rules(model, problem, days, relax=relax, walking=walking)
    variables, kept = rules.variables, rules.kept
    objective = add_objective(variables, kept, set(previous or {}))
    if previous is not None:
        _hint_previous(variables, previous)
    elif start is not None:
        _hint(variables, start)
    return Built(model, variables, objective, kept, rules.constraints)


def _hint_previous(variables: Variables, previous: Mapping[str, int | None]) -> None:
    model = variables.model
    for cid, lit in variables.attend.items():
        model.add_hint(lit, cid in previous)
        start = previous.get(cid)
        if cid in variables.duty and start is not None:
            unit = variables.duty[cid]
            if unit.start <= start <= unit.end - unit.length:
                model.add_hint(unit.start_var, start)


def _hint(variables: Variables, start: list[Chosen]) -> None:
    model = variables.model
    chosen = {c.candidate.id for c in start if c.candidate is not None}
    for cid, lit in variables.attend.items():
        model.add_hint(lit, cid in chosen)
    for c in start:
        var = variables.lunch_start.get(c.day)
        if c.candidate is None and var is not None:
            model.add_hint(var, c.start)


@dataclass(frozen=True)
class Fallback:
    """A valid plan known before solving (the exact plan of talks), and its objective in the
    model's units: the answer whenever CP-SAT stops with nothing better."""

    chosen: list[Chosen]
    worth: int
    bound: Callable[[], int]
    """An upper bound on the interest of any plan (weight units), known without CP-SAT (found
    only when asked for: a run that CP-SAT finishes does without it)."""

    @property
    def ids(self) -> set[str]:
        return {c.candidate.id for c in self.chosen if c.candidate is not None}


def solve(
    built: Built,
    budget: float,
    *,
    wall: float | None = None,
    workers: int = 1,
    linearization: int = 2,
    fallback: Fallback | None = None,
    known: int | None = None,
) -> Solved:
    """Solve within ``budget`` units of CP-SAT's deterministic time (the same work, so the same
    plan, on an idle and on a loaded machine); ``wall`` seconds of the clock are only a safety
    stop. Stopped without a plan better than ``fallback``, the fallback is the answer. ``known``
    is an upper bound on interest found without CP-SAT (weight units), used where lower."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = SEED
    params.num_workers = workers
    params.linearization_level = linearization
    if workers > 1:
        params.interleave_search = True  # deterministic with several workers
    params.max_deterministic_time = max(budget, 0.01)
    params.max_time_in_seconds = max(wall if wall is not None else 4 * budget, 0.05)
    started = time.perf_counter()
    code = solve_interruptibly(solver, built.model)
    seconds = time.perf_counter() - started
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if code == cp_model.INFEASIBLE or code == cp_model.MODEL_INVALID:
        return Solved("infeasible", [], 0, 0, [], seconds, solver.deterministic_time)
    kept_ids = {c.id for c, _ in built.wishes}
    if fallback is not None and (not found or solver.objective_value < fallback.worth):
        kept = len(kept_ids) - sum(1 for c, _ in built.wishes if c.id not in fallback.ids)
        # Both bounds hold, the lower counts; stopped before any plan, CP-SAT's means nothing.
        bound = fallback.bound()
        if found:
            bound = min(bound, built.objective.interest(solver.best_objective_bound, kept))
        solved = _from_fallback(built, fallback, bound, seconds)
        solved.work = solver.deterministic_time
        return solved
    if not found:
        raise PlannerError("no plan found within the time limit; give it more time (--time-limit)")
    chosen = built.variables.extract(solver)
    dropped = [c for c, lit in built.wishes if not solver.boolean_value(lit)]
    kept = len(built.wishes) - len(dropped)
    weight = sum(c.candidate.weight for c in chosen if c.candidate is not None)
    bound = built.objective.interest(solver.best_objective_bound, kept)
    status: Status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    if status == "feasible" and known is not None:
        # A bound found without CP-SAT (the Lagrangian one on a capped day) may be lower.
        bound = min(bound, known)
        if bound <= weight and not dropped:
            status = "optimal"
    return Solved(
        status, chosen, weight, max(bound, weight), dropped, seconds, solver.deterministic_time
    )


def _from_fallback(built: Built, fallback: Fallback, bound: int, seconds: float) -> Solved:
    dropped = [c for c, _ in built.wishes if c.id not in fallback.ids]
    weight = sum(c.candidate.weight for c in fallback.chosen if c.candidate is not None)
    status: Status = "optimal" if bound <= weight else "feasible"
    return Solved(status, fallback.chosen, weight, max(bound, weight), dropped, seconds)


def _previous_starts(previous: Itinerary | None, problem: Problem) -> dict[str, int | None] | None:
    if previous is None:
        return None
    return {
        item.id: problem.clock.minutes(item.start)
        for item in previous.items
        if item.kind != "lunch"
    }


DETERMINISTIC_SHARE = 1 / 4
"""The share of the time limit given to CP-SAT as deterministic time. On the project machine
one unit took about a second (0.9-1.1 s at load 2); the rest of the limit is room for a machine
four times as loaded (and for building the models) before the clock's safety stop."""


def _size(days: list[Day]) -> int:
    return sum(1 for d in days for c in d.candidates if c.blocked is None)


def budgets(problem: Problem, groups: list[list[Day]], time_limit: float) -> list[float]:
    """Each group's deterministic time: its share by size of the time limit among the groups
    the exact programme cannot plan alone. A function of the problem and the limit only."""
    sizes = [_size(g) for g in groups]
    total = sum(n for n, g in zip(sizes, groups, strict=True) if exact.side_rules(problem, g))
    limit = DETERMINISTIC_SHARE * time_limit
    return [max(0.01, limit * n / max(total, n, 1)) for n in sizes]


def solve_group(
    problem: Problem,
    days: list[Day],
    *,
    relax: bool,
    previous: Mapping[str, int | None] | None,
    budget: float,
    deadline: float,
    workers: int = 1,
) -> Solved:
    """One group of days: by the exact programme when no side rule breaks it (optimal, bound =
    objective), else by CP-SAT started from the exact plan of talks, which is also the answer
    if the solver stops with nothing better and it meets every rule."""
    started = time.perf_counter()
    candidates = [c for d in days for c in d.candidates if c.blocked is None]
    wishes = {c.id for c in candidates if c.wish is not None}
    steer, _ = coefficients(candidates, wishes, set(previous or {}))
    start = exact.trim_to_caps(problem, exact.talks_plan(problem, days, steer), steer)
    valid = exact.meets_every_rule(problem, days, start, relax=relax)
    capped = hours_capped(problem, days, candidates, steer, start, relax=relax)
    if capped is not None:
        start, valid = capped.start, capped.valid
    picked = {c.candidate.id for c in start if c.candidate is not None}
    if capped is not None and capped.proven:
        weight = sum(c.weight for c in candidates if c.id in picked)
        seconds = time.perf_counter() - started  # the Lagrangian bound is this day's proof
        return Solved("optimal", start, weight, weight, [], seconds)
    if valid and not exact.side_rules(problem, days):
        weight = sum(c.weight for c in candidates if c.id in picked)
        dropped = [c for c in candidates if c.id in wishes and c.id not in picked]
        seconds = time.perf_counter() - started  # the exact programme is this day's solver
        return Solved("optimal", start, weight, weight, dropped, seconds)
    built = build(problem, days, relax=relax, previous=previous, start=start)
    fallback = None
    if valid:
        kept = {c.id for c, _ in built.wishes}
        worth, _ = coefficients(built.variables.candidates.values(), kept, set(previous or {}))
        bound: Callable[[], int] = functools.partial(exact.upper_bound, problem, days)
        if capped is not None:
            bound = functools.partial(int, capped.bound)
        fallback = Fallback(start, sum(worth.get(cid, 0) for cid in picked), bound)
    wall = max(0.05, deadline - time.perf_counter())
    building = time.perf_counter() - started
    known = None if capped is None else capped.bound
    solved = solve(built, budget, wall=wall, workers=workers, fallback=fallback, known=known)
    solved.building = building
    return solved


def solve_problem(
    problem: Problem,
    *,
    relax: bool,
    previous: Mapping[str, int | None] | None,
    time_limit: float,
    decompose: bool = True,
    workers: int = 1,
) -> Solved:
    """Solve day by day (``decompose``; days linked by items near midnight together) or all
    days in one model. Each group has a deterministic budget fixed in advance; the time limit
    on the clock, counted from now, is a safety stop."""
    groups = problem.independent_days() if decompose else [problem.days]
    groups = [g for g in groups if any(d.candidates or d.lunch for d in g)]
    parts: list[Solved] = []
    deadline = time.perf_counter() + time_limit
    for group, budget in zip(groups, budgets(problem, groups, time_limit), strict=True):
        part = solve_group(
            problem,
            group,
            relax=relax,
            previous=previous,
            budget=budget,
            deadline=deadline,
            workers=workers,
        )
        if part.status == "infeasible":
            return part
        parts.append(part)
    status: Status = "optimal" if all(p.status == "optimal" for p in parts) else "feasible"
    return Solved(
        status,
        [c for p in parts for c in p.chosen],
        sum(p.objective for p in parts),
        sum(p.bound for p in parts),
        [c for p in parts for c in p.dropped],
        sum(p.seconds for p in parts),
        sum(p.work for p in parts),
        sum(p.building for p in parts),
    )


def plan(
    programme: Programme,
    profile: InterestProfile,
    scores: Mapping[str, float],
    *,
    previous: Itinerary | None = None,
    relax: bool = False,
    time_limit: float = 10.0,
    restrict: Callable[[Problem], Problem] | None = None,
) -> Itinerary:
    """The best plan for ``profile`` under its rules; see :mod:`planner.solver`.

    ``scores`` maps contribution ids to interest (>= 0; items at 0 are planned only when they
    are must-see or the attendee's own). ``previous`` is an earlier plan: it warm-starts the
    solver, ties are broken in favour of keeping its items, and ``changes`` lists what moved.
    ``relax`` drops the fewest hard wishes (must-see, own) that cannot be met together and lists
    them in ``relaxed``; without it such wishes raise :class:`InfeasibleError` naming them.
    ``time_limit`` fixes the deterministic budget of the days CP-SAT plans (a share of it, by
    size) and is the safety stop on the clock, which returns the best plan found so far. The
    same input gives the same plan on an idle and on a loaded machine (one worker, fixed seed,
    deterministic budget) unless the safety stop is reached. ``restrict`` changes the problem
    before solving (re-planning from a moment: :mod:`planner.replan`)."""
    problem = build_problem(programme, profile, scores)
    if restrict is not None:
        problem = restrict(problem)
    trouble = lunch_problems(problem)
    if trouble:
        raise InfeasibleError("; ".join(trouble))
    blocked = [c for c in problem.candidates if c.wish is not None and c.blocked is not None]
    if blocked and not relax:
        raise InfeasibleError(explain.blocked_wishes(problem, blocked))
    starts = _previous_starts(previous, problem)
    solved = solve_problem(problem, relax=relax, previous=starts, time_limit=time_limit)
    if solved.status == "infeasible":
        if relax:  # pragma: no cover - the relaxed model is always feasible
            raise InfeasibleError("no plan exists even when dropping must-see items")
        relaxed = solve_problem(problem, relax=True, previous=None, time_limit=time_limit)
        raise InfeasibleError(explain.infeasible(problem, relaxed.chosen, relaxed.dropped))
    dropped = blocked + solved.dropped
    # The objective in the scores' own units; the solver's integer weights round them to 1/SCALE.
    objective = sum(c.candidate.score for c in solved.chosen if c.candidate is not None)
    bound = objective if solved.status == "optimal" else max(objective, solved.bound / SCALE)
    return explain.itinerary(
        problem,
        solved.chosen,
        status=solved.status,
        objective=objective,
        bound=bound,
        dropped=dropped,
        previous=previous,
        seconds=solved.seconds,
    )
