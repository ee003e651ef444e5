"""The solver's growth table: the issue's cases (1,000 talks in 30 rooms, 4,680 in 60, 7,992 in
222, walks of 5-30 minutes, with and without lunch, a cap on talks), a size series at one
walk, side-rule days
that CP-SAT plans (a cap on hours: the exact programme alone cannot), and the same plan on a
loaded machine (two busy-loop processes beside it).

For each: status, gap, ``plan s`` (the whole ``plan()`` call), ``solve s`` (CP-SAT, or the
exact programme on days it proves alone), ``build s`` (the exact programme and the model before
CP-SAT), CP-SAT's deterministic time, the walking model of the CP-SAT days, and the objective
against the exact oracle where there is one (no side rule). The growth exponent between two
sizes is log(time ratio) / log(size ratio), measured in this run.

Run: ``python -m bench.solver_growth`` (``--quick`` skips 7,992 talks; ``--side-rules`` runs
only the side-rule days).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import conference, grid
from planner.interests.profile import InterestProfile
from planner.model import Programme
from planner.solver import planner, validate
from planner.solver.items import build_problem
from planner.solver.oracle import Lunch, Slot, Walks, best_plan

Maker = Callable[[], tuple[Programme, dict[str, float]]]


@dataclass
class Case:
    name: str
    make: Maker
    profile: InterestProfile
    exact: bool = True
    """No side rule: compare with the exact oracle."""


class Recorder:
    """Keeps the planner's last :class:`planner.Solved` (plan() returns an Itinerary)."""

    def __init__(self) -> None:
        self.last: planner.Solved | None = None
        self.models: list[str] = []
        self._solve = planner.solve_problem
        self._model = planner.walking_model

    def __enter__(self) -> Recorder:
        def solve_problem(*args: Any, **kwargs: Any) -> planner.Solved:
            self.last = self._solve(*args, **kwargs)
            return self.last

        def walking_model(*args: Any) -> planner.WalkingModel:
            chosen = self._model(*args)
            self.models.append(chosen)
            return chosen

        planner.solve_problem = solve_problem  # type: ignore[assignment]
        planner.walking_model = walking_model  # type: ignore[assignment]
        return self

    def __exit__(self, *_: object) -> None:
        planner.solve_problem = self._solve  # type: ignore[assignment]
        planner.walking_model = self._model  # type: ignore[assignment]


def oracle(programme: Programme, profile: InterestProfile, scores: dict[str, float]) -> float:
    """The exact optimum, day by day, with the day's lunch and cap on talks (weight units)."""
    problem = build_problem(programme, profile, scores)
    total = 0.0
    for day in problem.days:
        slots = [Slot(t.id, t.start, t.end, t.room, t.weight) for t in day.talks]
        slot = day.lunch
        lunch = None if slot is None else Lunch(slot.window_start, slot.window_end, slot.length)
        total += best_plan(slots, Walks.of(profile), lunch, profile.max_talks_per_day)[0]
    return total


def run(
    case: Case, time_limit: float, programme: Programme, scores: dict[str, float]
) -> tuple[str, int, float, float]:
    """The table row, and the talks, plan seconds and solve seconds."""
    with Recorder() as recorder:
        started = time.perf_counter()
        itinerary = planner.plan(programme, case.profile, scores, time_limit=time_limit)
        plan_s = time.perf_counter() - started
    solved = recorder.last
    assert solved is not None
    valid = not validate(itinerary, programme, case.profile)
    versus = "-"
    if case.exact:
        versus = f"{solved.objective / oracle(programme, case.profile, scores):.4f}"
    talks = sum(1 for c in programme.contributions if not c.is_poster)
    rooms = len({programme.room_of(c) for c in programme.contributions})
    models = ", ".join(sorted(set(recorder.models))) or "exact"
    line = (
        f"| {case.name} | {talks} | {rooms} | {itinerary.status} | {itinerary.gap:.2%} "
        f"| {plan_s:.2f} | {solved.seconds:.2f} | {solved.building:.2f} | {solved.work:.2f} "
        f"| {models} | {versus} | {'yes' if valid else 'NO'} | {os.getloadavg()[0]:.1f} |"
    )
    return line, talks, plan_s, solved.seconds


def cases(quick: bool) -> list[Case]:
    def thousand() -> tuple[Programme, dict[str, float]]:
        return conference(30, talks_per_room_day=11)

    def sixty() -> tuple[Programme, dict[str, float]]:
        return grid(60, 26)

    def big() -> tuple[Programme, dict[str, float]]:
        return grid(222, 12)

    found = [
        Case(f"1,000 talks / 30 rooms, walk {w}", thousand, InterestProfile(walk=w, lunch=0))
        for w in (5, 12, 30)
    ]
    found += [
        Case(
            f"4,680 talks / 60 rooms, walk {w}{', lunch' if lunch else ''}",
            sixty,
            InterestProfile(walk=w, lunch=lunch),
        )
        for w in (5, 12, 30)
        for lunch in (0, 45)
    ]
    if not quick:
        found += [
            Case(
                f"7,992 talks / 222 rooms, walk 5{', lunch' if lunch else ''}",
                big,
                InterestProfile(walk=5, lunch=lunch),
            )
            for lunch in (0, 45)
        ]
    for rooms in (30, 60, 120) + (() if quick else (222,)):
        found.append(
            Case(
                f"growth: {rooms} rooms x 12 talks x 3 days, walk 12, lunch",
                lambda rooms=rooms: grid(rooms, 12),
                InterestProfile(walk=12),
            )
        )
    capped = InterestProfile(walk=30, max_talks_per_day=20)
    found.append(Case("4,680 talks / 60 rooms, walk 30, lunch, 20 talks a day", sixty, capped))
    for w in (12, 30):
        found.append(
            Case(
                f"side rule: 4,680 talks / 60 rooms, walk {w}, lunch, 6 h a day",
                sixty,
                InterestProfile(walk=w, max_hours_per_day=6),
                exact=False,
            )
        )
    found.append(
        Case(
            "side rule: 4,680 talks / 60 rooms, walk 12, lunch, 3 h a day",
            sixty,
            InterestProfile(walk=12, max_hours_per_day=3),
            exact=False,
        )
    )

    def mixed() -> tuple[Programme, dict[str, float]]:
        return conference(60, talks_per_room_day=11)

    found += [
        Case(
            f"side rule: 1,980 talks / 60 rooms (15-30 min), walk 30, lunch, {h} h a day",
            mixed,
            InterestProfile(walk=30, max_hours_per_day=h),
            exact=False,
        )
        for h in (3, 6)
    ]
    return found


def loaded(time_limit: float) -> list[str]:
    """The same input idle and beside two busy loops: same items?"""
    lines = []
    programme, scores = grid(60, 26)
    for w in (12, 30):
        profile = InterestProfile(walk=w, max_hours_per_day=6)
        plans = []
        for busy in (0, 2):
            loops = [
                subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)
            ]
            try:
                started = time.perf_counter()
                itinerary = planner.plan(programme, profile, scores, time_limit=time_limit)
                seconds = time.perf_counter() - started
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
            items = [(i.id, i.start) for i in itinerary.items]
            plans.append((items, itinerary.status, itinerary.objective, seconds))
        same = plans[0][:3] == plans[1][:3]
        lines.append(
            f"| 4,680 talks / 60 rooms, walk {w}, lunch, 6 h a day | {plans[0][1]} "
            f"| {plans[0][3]:.2f} | {plans[1][1]} | {plans[1][3]:.2f} | {'yes' if same else 'NO'} |"
        )
    return lines


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    return math.log(large[1] / small[1]) / math.log(large[0] / small[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="skip 7,992 talks")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--side-rules", action="store_true", help="only the side-rule days (a cap on hours)"
    )
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"# Solver growth, {os.cpu_count()} cores, load average {load}, one CP-SAT worker")
    print(
        f"# --time-limit {args.time_limit:g}: CP-SAT days share "
        f"{planner.DETERMINISTIC_SHARE * args.time_limit:g} units of deterministic time"
    )
    print()
    print(
        "| case | talks | rooms | status | gap | plan s | solve s | build s | CP-SAT dtime "
        "| walking model | objective / oracle | valid | load |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---|---:|")
    made: dict[Maker, tuple[Programme, dict[str, float]]] = {}
    growth: list[tuple[int, float, float]] = []
    for case in cases(args.quick):
        if args.side_rules and case.exact:
            continue
        if case.make not in made:
            made = {case.make: case.make()}  # one programme in memory at a time
        line, talks, plan_s, solve_s = run(case, args.time_limit, *made[case.make])
        print(line, flush=True)
        if case.name.startswith("growth"):
            growth.append((talks, plan_s, solve_s))
    if len(growth) >= 2:
        (n0, p0, s0), (n1, p1, s1) = growth[0], growth[-1]
        print(
            f"\nGrowth from {n0} to {n1} talks: plan time n^{exponent((n0, p0), (n1, p1)):.2f}, "
            f"solve time n^{exponent((n0, s0), (n1, s1)):.2f}"
        )
    if args.side_rules:
        return 0
    print()
    print(
        "| same input, idle and beside 2 busy loops | status idle | plan s idle "
        "| status loaded | plan s loaded | same plan |"
    )
    print("|---|---|---:|---|---:|---|")
    for line in loaded(args.time_limit):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
