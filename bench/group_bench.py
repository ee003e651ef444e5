"""Group planning benchmark.

1. 1,000 members planned independently on ML4Astro 2022 (random keywords, stars, poster
   visits, caps): the whole run (personal plans, files written to a temporary folder) on one
   process and on one per core, in the same run: throughput and speed-up.
2. ``cover`` for a group on FOSDEM 2026 (``--group N`` members, 10 by default;
   ``/work/shared/realdata``; skipped when absent): status, coverage bound and gap, time,
   coverage gained over independent plans and over the greedy baseline (the model's start).

Run: ``python -m bench.group_bench`` (``--members N`` for part 1, ``--time-limit S`` for part 2,
``--skip-independent`` / ``--skip-cover``; ``--search`` plans the cover group by the search
over members whatever its size; ``--stars N`` stars per cover member, 2 by default).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.group.groupfile import GroupFile, MemberEntry
from planner.group.outdir import staged_folder
from planner.group.output import write_files
from planner.group.run import GroupResult, Options, plan_group
from planner.model import Programme
from planner.sources import load_programme

FOSDEM = Path("/work/shared/realdata/fosdem-2026.schedule.xml")

ML4ASTRO_WORDS = [
    "anomaly detection", "galaxy", "radio", "deep learning", "time series", "stars",
    "exoplanets", "cosmology", "dark matter", "neural network", "unsupervised", "SKA",
    "photometric redshift", "transients", "citizen science", "gamma-ray", "spectra",
]  # fmt: skip
FOSDEM_WORDS = [
    "rust", "python", "kernel", "security", "database", "postgresql", "containers",
    "webassembly", "compilers", "embedded", "networking", "observability", "open hardware",
    "javascript", "go", "testing", "packaging", "accessibility", "legal", "community",
]  # fmt: skip


def random_members(
    programme: Programme, words: list[str], n: int, seed: int, *, stars: int = 1
) -> list[MemberEntry]:
    rng = random.Random(seed)
    ids = [c.id for c in programme.contributions]
    members = []
    for k in range(n):
        fields: dict[str, object] = {
            "keyword": rng.sample(words, rng.randint(2, 3)),
            "poster_visit": rng.choice([8, 10, 15]),
        }
        if stars:
            fields["star"] = {cid: rng.choice([15, 30]) for cid in rng.sample(ids, stars)}
        if rng.random() < 0.5:
            fields["max_talks_per_day"] = rng.randint(4, 8)
        members.append(MemberEntry(name=f"Member {k + 1}", line=k + 1, fields=fields))
    return members


def _group(name: str, members: list[MemberEntry]) -> GroupFile:
    return GroupFile(path=Path(f"{name}.yaml"), name=name, members=members)


def independent(n: int, workers: int) -> None:
    programme = load_programme(None)
    group = _group("ml4astro-1000", random_members(programme, ML4ASTRO_WORDS, n, seed=7))
    timings: dict[int, float] = {}
    cpu: dict[int, float] = {}
    results: dict[int, GroupResult] = {}
    for w in (1, workers):
        with tempfile.TemporaryDirectory() as folder:
            before = os.times()
            started = time.perf_counter()
            with staged_folder(Path(folder) / "out") as stage:
                options = Options(policy="independent", workers=w, folder=stage)
                result = plan_group(group, programme, options)
                write_files(result, programme, stage, workers=w)
            timings[w] = time.perf_counter() - started
            after = os.times()
            cpu[w] = sum(after[:4]) - sum(before[:4])  # this process and its children
            results[w] = result
    same = [m.itinerary.items for m in results[1].members] == [
        m.itinerary.items for m in results[workers].members
    ]
    planned = len(results[workers].members)
    print(f"## {n} independent members on ML4Astro 2022 (plan + write .ics/.md/overview)")
    print("| processes | seconds | members/s | CPU seconds | cores used |")
    print("|---:|---:|---:|---:|---:|")
    for w, seconds in timings.items():
        print(
            f"| {w} | {seconds:.1f} | {planned / seconds:.0f} | {cpu[w]:.1f} "
            f"| {cpu[w] / seconds:.2f} |"
        )
    print(
        f"speed-up {timings[1] / timings[workers]:.2f}x on {workers} processes; "
        f"members planned {planned}, errors {len(results[workers].errors)}, "
        f"same plans on 1 and {workers} processes: {same}"
    )


def cover(
    members: int, time_limit: float, workers: int, search: bool = False, stars: int = 2
) -> None:
    if search:
        from planner.group import lns

        lns.LNS_MEMBERS = 0
    if not FOSDEM.is_file():
        print(f"## cover on FOSDEM 2026: skipped ({FOSDEM} absent)")
        return
    programme = load_programme(FOSDEM)
    group = _group(
        f"fosdem-{members}", random_members(programme, FOSDEM_WORDS, members, seed=11, stars=stars)
    )
    started = time.perf_counter()
    options = Options(policy="cover", time_limit=time_limit, workers=workers)
    result = plan_group(group, programme, options)
    wall = time.perf_counter() - started
    c = result.coverage
    assert c.greedy_covered is not None and c.bound is not None and c.gap is not None
    assert c.cover_seconds is not None
    shares = [m.utility / m.personal_optimum for m in result.members if m.personal_optimum]
    how = "search over members" if search else "by size"
    print(
        f"## cover: {members} members on FOSDEM 2026 ({len(programme.contributions)} events; "
        f"method {how})"
    )
    print(
        f"items of group interest {c.group_items} (weight {c.group_weight:g}); "
        f"status {result.status}; coverage in {c.cover_seconds:.1f} s, with the members' "
        f"interest raised at it {result.seconds:.1f} s, whole run {wall:.1f} s "
        f"(time limit {time_limit:g} s; one CP-SAT worker, personal plans on {workers} processes)"
    )
    print(f"coverage {c.covered:g} ({c.covered_items} items), bound {c.bound:g}, gap {c.gap:.3%}")
    print(
        f"independent {c.independent_covered:g} ({c.independent_covered_items} items): "
        f"cover / independent {c.covered / c.independent_covered:.3f}"
    )
    print(
        f"greedy {c.greedy_covered:g} ({c.greedy_covered_items} items): "
        f"cover / greedy {c.covered / c.greedy_covered:.3f}"
    )
    print(f"lowest member share of their optimum: {min(shares):.3f} (floor {result.share})")
    print(
        f"plans from: {c.cover_source} (start: the better baseline); "
        f"cover >= greedy: {c.covered >= c.greedy_covered - 1e-9}, "
        f"cover >= independent: {c.covered >= c.independent_covered - 1e-9}; "
        f"gap (bound - covered) / bound: {(c.bound - c.covered) / c.bound:.3%}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--group", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-independent", action="store_true")
    parser.add_argument("--skip-cover", action="store_true")
    parser.add_argument("--search", action="store_true")
    parser.add_argument("--stars", type=int, default=2, help="stars per cover member")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} before the run")
    if not args.skip_cover:
        cover(args.group, args.time_limit, args.workers, args.search, args.stars)
    if not args.skip_independent:
        independent(args.members, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
