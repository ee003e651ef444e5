"""Group planning benchmark.

1. 1,000 members planned independently on ML4Astro 2022 (random keywords, stars, poster
   visits, caps): the whole run (personal plans, files and room-load forecast written to a
   temporary folder) on one process, on two, and on a two-worker Dask ``LocalCluster``
   (``planner[distributed]``), each in a fresh process: time, speed-up over one process, the
   peak memory of the parent (``resource.getrusage``), and whether the plans are the same.
   ``--ten-thousand`` adds the same for 10,000 members.
2. ``cover`` for a group on FOSDEM 2026 (``--group N`` members, 10 by default;
   ``/work/shared/realdata``; skipped when absent): status, coverage bound and gap, time,
   coverage gained over independent plans and over the greedy baseline (the model's start).

Run: ``python -m bench.group_bench`` (``--members N`` for part 1, ``--ten-thousand``, ``--time-limit S`` for part 2,
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
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.group.groupfile import GroupFile, MemberEntry
from planner.group.outdir import staged_folder
from planner.group.output import write_files
from planner.group.run import Options, plan_group
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


MODES = ("1 process", "2 processes", "2-worker LocalCluster")


def _run_one(mode: str, n: int) -> dict[str, object]:
    """One configuration, in this (fresh) process: the whole run's wall and CPU seconds, the
    peak memory of this process (the parent of the workers) and a digest of the plans."""
    import hashlib
    import resource

    programme = load_programme(None)
    group = _group(f"ml4astro-{n}", random_members(programme, ML4ASTRO_WORDS, n, seed=7))
    cluster = None
    options = Options(policy="independent", workers=1 if mode == MODES[0] else 2)
    if mode == MODES[2]:
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        options = Options(policy="independent", workers=2, dask=cluster.scheduler_address)
    with tempfile.TemporaryDirectory() as folder:
        before = os.times()
        started = time.perf_counter()
        with staged_folder(Path(folder) / "out") as stage:
            result = plan_group(group, programme, replace(options, folder=stage))
            write_files(result, programme, stage, workers=options.workers)
        seconds = time.perf_counter() - started
        after = os.times()
    if cluster is not None:
        cluster.close()
    digest = hashlib.sha256(
        repr([(m.name, m.itinerary.items) for m in result.members]).encode()
    ).hexdigest()[:12]
    return {
        "seconds": seconds,
        "cpu": sum(after[:4]) - sum(before[:4]),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "planned": len(result.members),
        "errors": len(result.errors),
        "digest": digest,
        "overfull": sum(1 for t in result.room_load or [] if t.over),
    }


def independent(n: int, modes: tuple[str, ...] = MODES) -> None:
    """Each configuration in a fresh process, so that each peak memory is its own."""
    import json
    import subprocess

    runs: dict[str, dict[str, float]] = {}
    for mode in modes:
        out = subprocess.run(
            [sys.executable, "-m", "bench.group_bench", "--one", mode, "--members", str(n)],
            check=True, capture_output=True, text=True,
            cwd=Path(__file__).resolve().parents[1],
        ).stdout  # fmt: skip
        runs[mode] = json.loads(out.strip().splitlines()[-1])
    base = runs[modes[0]]["seconds"]
    print(f"## {n} independent members on ML4Astro 2022 (plan + write .ics/.md/overview/forecast)")
    print("| run | seconds | members/s | speed-up | CPU s (parent + children) | parent peak MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode, r in runs.items():
        print(
            f"| {mode} | {r['seconds']:.1f} | {r['planned'] / r['seconds']:.0f} "
            f"| {base / r['seconds']:.2f}x | {r['cpu']:.1f} | {r['peak_mib']:.0f} |"
        )
    digests = {r["digest"] for r in runs.values()}
    first = runs[modes[0]]
    print(
        f"members planned {first['planned']}, errors {first['errors']}; "
        f"same plans in every run: {len(digests) == 1}"
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
    parser.add_argument("--ten-thousand", action="store_true", help="also 10,000 members")
    parser.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--group", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-independent", action="store_true")
    parser.add_argument("--skip-cover", action="store_true")
    parser.add_argument("--search", action="store_true")
    parser.add_argument("--stars", type=int, default=2, help="stars per cover member")
    args = parser.parse_args(argv)
    if args.one:
        import json

        print(json.dumps(_run_one(args.one, args.members)))
        return 0
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} before the run")
    if not args.skip_cover:
        cover(args.group, args.time_limit, args.workers, args.search, args.stars)
    if not args.skip_independent:
        independent(args.members)
        if args.ten_thousand:
            independent(10_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
