"""End to end, as `planner plan --programme FOSDEM --keyword rust --keyword postgres` does it:
import the real schedule, rank keywords, solve, validate; each stage timed in one run.

Run: .venv/bin/python -m bench.plan_e2e_bench
"""

from __future__ import annotations

import time

from bench.realdata import FOSDEM
from planner.interests.profile import InterestProfile
from planner.interests.scoring import score_programme
from planner.solver import plan, validate
from planner.sources import load_programme


def main() -> int:
    if not FOSDEM.is_file():
        print(f"# skipped: {FOSDEM} is absent")
        return 0
    t0 = time.perf_counter()
    programme = load_programme(FOSDEM)
    t1 = time.perf_counter()
    profile = InterestProfile(keyword=["rust", "postgres"], walk=5)
    interests = score_programme(programme, profile)
    t2 = time.perf_counter()
    scores = {k: v.score for k, v in interests.items()}
    itinerary = plan(programme, profile, scores)
    t3 = time.perf_counter()
    problems = validate(itinerary, programme, profile)
    talks = [i for i in itinerary.items if i.kind in {"talk", "invited"}]
    rooms = {i.room for i in talks}
    print("# FOSDEM 2026, keywords rust + postgres, walk 5 min, lunch 45 min")
    print(
        f"contributions {len(programme.contributions)}, rooms {len(programme.rooms)}, "
        f"of interest {sum(1 for s in scores.values() if s > 0)}"
    )
    print(
        f"import {1000 * (t1 - t0):.0f} ms | relevance {1000 * (t2 - t1):.0f} ms | "
        f"solve+explain {1000 * (t3 - t2):.0f} ms (solver {1000 * itinerary.solve_seconds:.0f} ms)"
    )
    print(
        f"status {itinerary.status}, objective {itinerary.objective:g}, bound {itinerary.bound:g}, "
        f"gap {itinerary.gap:.4%}; {len(talks)} talks in {len(rooms)} rooms; "
        f"valid: {problems or 'yes'}"
    )
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
