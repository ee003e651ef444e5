"""What backups cost: ``make_plan`` on FOSDEM 2026 (the whole of ``planner plan`` after the
import: relevance, solver, explanations, backups) against :func:`planner.backups.with_backups`
alone on the same plan, for a few keyword profiles, and with random interest on every talk
(every talk of the programme then a backup candidate: the worst case). Medians of 5 runs.

Run: .venv/bin/python -m bench.backups_bench
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench import realdata
from planner.backups import with_backups
from planner.interests.profile import InterestProfile
from planner.planning import make_plan, with_calendar_busy
from planner.solver import plan

RUNS = 5
PROFILES = [["rust"], ["rust", "postgres"], ["python", "kernel", "security", "database", "web"]]


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> int:
    if not realdata.FOSDEM.is_file():
        print(f"# skipped: {realdata.FOSDEM} is absent")
        return 0
    from planner.interests.scoring import score_programme
    from planner.sources import load_programme

    programme = load_programme(realdata.FOSDEM)
    print(f"# FOSDEM 2026: {len(programme.contributions)} contributions, walk 5, lunch 45")
    print("profile | of interest | items | make_plan ms | backups ms | share | with backup")
    for keywords in PROFILES:
        profile = InterestProfile(keyword=keywords)
        result = make_plan(programme, profile)  # warm: the ranking index is cached
        total = _median_ms(lambda p=profile: make_plan(programme, p))
        planning, _ = with_calendar_busy(profile, programme)
        scores = {k: v.score for k, v in score_programme(programme, planning).items()}
        bare = result.itinerary.model_copy(
            update={
                "items": [i.model_copy(update={"backup": None}) for i in result.itinerary.items]
            }
        )
        backups = _median_ms(lambda b=bare, s=scores, p=planning: with_backups(b, programme, s, p))
        items = [i for i in result.itinerary.items if i.kind != "lunch"]
        shown = sum(1 for i in items if i.backup is not None)
        print(
            f"{' + '.join(keywords)} | {sum(1 for s in scores.values() if s > 0)} | {len(items)} | "
            f"{total:.0f} | {backups:.1f} | {backups / total:.1%} | {shown}"
        )
    loaded = realdata.fosdem()
    assert loaded is not None
    _, scores, _ = loaded
    profile = InterestProfile()
    itinerary = plan(programme, profile, scores)
    solve = _median_ms(lambda: plan(programme, profile, scores))
    backups = _median_ms(lambda: with_backups(itinerary, programme, scores, profile))
    items = [i for i in itinerary.items if i.kind != "lunch"]
    print(
        f"random interest on every talk | {len(scores)} | {len(items)} | solve {solve:.0f} | "
        f"{backups:.1f} | {backups / (solve + backups):.1%} | -"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
