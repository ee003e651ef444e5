"""Solver benchmark: synthetic conferences (1, 5, 20, 60 tracks over three days, with and
without poster sessions), 1,000 talks in 30 rooms, 600 posters, and the embedded ML4Astro 2022
programme. For each: CP-SAT solve time, status and gap, and two ratios measured in this run:
the objective against the exact oracle (talks only) and the greedy baseline against it.

Then the growth table of :mod:`bench.solver_growth` (``--growth``: only that).

Run: ``python -m bench.solver_bench`` (or ``python bench/solver_bench.py``); ``--quick`` skips
the largest cases.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import ortools

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import solver_growth
from bench.realdata import ccc36, fosdem
from bench.synthetic import conference
from planner.interests.profile import InterestProfile
from planner.model import Programme
from planner.solver import plan, validate
from planner.solver.items import build_problem
from planner.solver.oracle import Slot, Walks, best_by_day
from planner.solver.planner import solve_problem
from planner.sources import load_programme


@dataclass
class Row:
    case: str
    talks: int
    posters: int
    rooms: int
    status: str
    solve_ms: float
    plan_ms: float
    objective: float
    gap: float
    vs_oracle: str
    greedy_vs_oracle: str
    valid: bool


def _talk_days(programme: Programme, scores: dict[str, float]) -> list[list[Slot]]:
    """All scored talks with a duration, as one group: the oracle's dynamic programme is exact
    over several days too, and so sees talks that run past midnight."""
    slots: list[Slot] = []
    for c in programme.contributions:
        start, end = programme.window(c)
        if c.is_poster or scores.get(c.id, 0) <= 0 or end <= start:
            continue
        slots.append(
            Slot(
                c.id,
                int(start.timestamp()) // 60,
                int(end.timestamp()) // 60,
                programme.room_of(c),
                scores[c.id],
            )
        )
    return [slots]


def greedy(days: list[list[Slot]], walk: int) -> float:
    """Highest interest first; drop what clashes or is too close to walk; repeat."""
    total = 0.0
    for slots in days:
        chosen: list[Slot] = []
        for s in sorted(slots, key=lambda s: (-s.weight, s.start, s.id)):
            gap = 0 if walk == 0 else walk
            if all(
                (s.end + (0 if c.room == s.room else gap) <= c.start)
                or (c.end + (0 if c.room == s.room else gap) <= s.start)
                for c in chosen
            ):
                chosen.append(s)
                total += s.weight
    return total


def run_case(
    name: str,
    programme: Programme,
    scores: dict[str, float],
    profile: InterestProfile,
    *,
    time_limit: float,
    talks_only: bool,
) -> Row:
    started = time.perf_counter()
    itinerary = plan(programme, profile, scores, time_limit=time_limit)
    plan_ms = (time.perf_counter() - started) * 1000
    problems = validate(itinerary, programme, profile)
    posters = sum(1 for c in programme.contributions if c.is_poster)
    talks = len(programme.contributions) - posters
    vs_oracle = greedy_ratio = "-"
    if talks_only:
        days = _talk_days(programme, scores)
        exact, _ = best_by_day(days, Walks.of(profile))
        vs_oracle = f"{itinerary.objective / exact:.4f}"
        greedy_ratio = f"{greedy(days, profile.walk) / exact:.4f}"
    rooms = len({programme.room_of(c) for c in programme.contributions})
    return Row(
        name,
        talks,
        posters,
        rooms,
        itinerary.status,
        itinerary.solve_seconds * 1000,
        plan_ms,
        itinerary.objective,
        itinerary.gap,
        vs_oracle,
        greedy_ratio,
        not problems,
    )


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _per_day_vs_joint(tracks: int, time_limit: float, workers: int) -> str:
    programme, scores = conference(tracks, posters=300)
    profile = InterestProfile(walk=5)
    problem = build_problem(programme, profile, scores)
    lines = []
    for decompose in (True, False):
        started = time.perf_counter()
        solved = solve_problem(
            problem,
            relax=False,
            previous=None,
            time_limit=time_limit,
            decompose=decompose,
            workers=workers,
        )
        wall = (time.perf_counter() - started) * 1000
        gap = 0.0 if solved.bound <= 0 else (solved.bound - solved.objective) / solved.bound
        lines.append(
            f"| {tracks} tracks + 300 posters, {'per day' if decompose else 'joint'} "
            f"| {solved.status} | {solved.seconds * 1000:.0f} | {wall:.0f} | {gap:.4%} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="skip the 60-track cases")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--growth", action="store_true", help="only the growth table (bench/solver_growth.py)"
    )
    args = parser.parse_args(argv)
    if args.growth:
        return solver_growth.main(["--time-limit", str(args.time_limit)] + ["--quick"] * args.quick)

    walk = InterestProfile(walk=5, lunch=0)
    full = InterestProfile(walk=5)  # lunch 45 min, posters 8 min
    cases: list[tuple[str, Programme, dict[str, float], InterestProfile, bool]] = []
    ml4astro = load_programme(None)
    rng = random.Random(7)
    ml_scores = {c.id: round(rng.uniform(0, 10), 1) for c in ml4astro.contributions}
    cases.append(("ML4Astro 2022, default profile", ml4astro, ml_scores, full, False))
    talk_scores = {
        k: v for k, v in ml_scores.items() if not ml4astro.contribution_by_id[k].is_poster
    }
    cases.append(("ML4Astro 2022, talks only", ml4astro, talk_scores, walk, True))
    for tracks in (1, 5, 20, 60):
        if args.quick and tracks == 60:
            continue
        programme, scores = conference(tracks)
        cases.append((f"{tracks} tracks x 3 days, talks", programme, scores, walk, True))
        programme, scores = conference(tracks, posters=60 * max(1, tracks // 5))
        cases.append(
            (f"{tracks} tracks x 3 days, talks + posters + lunch", programme, scores, full, False)
        )
    programme, scores = conference(30, talks_per_room_day=11)
    cases.append(("1,000 talks in 30 rooms, walk 5", programme, scores, walk, True))
    walk12 = InterestProfile(walk=12, lunch=0)
    cases.append(("1,000 talks in 30 rooms, walk 12", programme, scores, walk12, True))
    programme, scores = conference(5, posters=600)
    cases.append(("600 posters (8-min visits) + 5 tracks + lunch", programme, scores, full, False))
    programme, scores = conference(1, talks_per_room_day=0, posters=600)
    cases.append(
        ("600 posters only (3 sessions of 90 min)", programme, scores, InterestProfile(), False)
    )

    real = fosdem()
    if real is None:
        print("# FOSDEM 2026 skipped: /work/shared/realdata/fosdem-2026.schedule.xml is absent")
    else:
        programme, scores, _ = real
        cases.append(("FOSDEM 2026 (real), talks", programme, scores, walk, True))
        cases.append(("FOSDEM 2026 (real), talks + lunch", programme, scores, full, False))
    real = ccc36()
    if real is None:
        print("# 36C3 skipped: /work/shared/realdata/36c3-everything.schedule.json is absent")
    else:
        programme, scores, _ = real
        cases.append(
            ("36C3 all stages (real, past midnight), talks", programme, scores, walk, True)
        )
        cases.append(("36C3 all stages (real), talks + lunch", programme, scores, full, False))

    print(f"# Solver benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {_commit()}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"OR-Tools {ortools.__version__}, load average {load}"
    )
    print()
    print(
        "| case | talks | posters | rooms | status | solve ms | plan ms | gap "
        "| objective / oracle | greedy / oracle | valid |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for name, programme, scores, profile, talks_only in cases:
        row = run_case(
            name, programme, scores, profile, time_limit=args.time_limit, talks_only=talks_only
        )
        print(
            f"| {row.case} | {row.talks} | {row.posters} | {row.rooms} | {row.status} "
            f"| {row.solve_ms:.0f} | {row.plan_ms:.0f} | {row.gap:.4%} | {row.vs_oracle} "
            f"| {row.greedy_vs_oracle} | {'yes' if row.valid else 'NO'} |",
            flush=True,
        )
    print()
    print("| model | status | solve ms | wall ms | gap |")
    print("|---|---|---:|---:|---:|")
    print(_per_day_vs_joint(20, args.time_limit, 1), flush=True)
    print()
    return solver_growth.main(["--time-limit", str(args.time_limit)] + ["--quick"] * args.quick)


if __name__ == "__main__":
    raise SystemExit(main())
