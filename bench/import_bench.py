"""Import time of each real schedule against merely parsing it, measured in one run.

    .venv/bin/python bench/import_bench.py [--repeat 7] [--realdata DIR]

For each file, in each of --processes fresh processes (each has its own memory layout, which
moves the times by up to a tenth): the best of N runs (more for small files, as many as fit in
half a second) of the bare parse (defusedxml for XML, the json module for
JSON: the parsers the importers use) and of the whole import (read, parse, map, validate the
Programme). Target: import within 3x of the parse. Also: loading the imported programme back
from YAML (the ``--programme`` path for a converted file), and validation with and without the
room-overlap check.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring

from planner.model import Programme
from planner.model.io import write_programme
from planner.sources import import_programme, load_programme

FILES = [
    "fosdem-2026.schedule.xml",
    "31c3.schedule.xml",
    "36c3-everything.schedule.json",
    "lswt2021.schedule.xml",
]
TARGET = 3.0
MIN_SECONDS = 0.5  # at least this long in all, for each file


def best(repeat: int, func: Callable[[], Any]) -> float:
    return min(best_of_each(repeat, func))


def best_of_each(repeat: int, *funcs: Callable[[], Any]) -> list[float]:
    """The best time of each function, run in turns so both see the same machine load."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, record in zip(funcs, times, strict=True):
            start = time.perf_counter()
            func()
            record.append(time.perf_counter() - start)
    return [min(record) for record in times]


def default_realdata() -> Path:
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "shared" / "realdata", Path("/work/shared/realdata")):
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "realdata"


def measure(path: Path, repeat: int) -> dict[str, float]:
    """The best parse and import times of ``path`` in this process."""
    data = path.read_bytes()
    parser: Callable[[bytes], Any] = json.loads if path.suffix == ".json" else fromstring
    parse = partial(parser, data)
    events = import_programme(path).events
    # Small files run more times (as timeit's autorange does): their best time is then
    # as settled as a large file's best of --repeat.
    start = time.perf_counter()
    parse()
    import_programme(path)
    once = time.perf_counter() - start
    repeat = max(repeat, min(1000, int(MIN_SECONDS / once)))
    parse_s, import_s = best_of_each(repeat, parse, partial(import_programme, path))
    return {"events": events, "parse": parse_s, "import": import_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--processes",
        type=int,
        default=5,
        help="fresh processes per file (each has its own memory layout); the median ratio counts",
    )
    parser.add_argument("--realdata", type=Path, default=default_realdata())
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one file, in this process
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.realdata / args.child, args.repeat)))
        return 0
    if not args.realdata.is_dir():
        print(f"no real schedules at {args.realdata}", file=sys.stderr)
        return 1

    print(f"({args.processes} processes per file: the run of median ratio, and the range)")
    print(f"{'file':32} {'events':>6} {'parse ms':>9} {'import ms':>10} {'ratio':>6}  range")
    worst = 0.0
    for name in FILES:
        path = args.realdata / name
        if not path.is_file():
            print(f"{name:32} absent")
            continue
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--child", name, "--repeat", str(args.repeat),
                     "--realdata", str(args.realdata)],
                    capture_output=True, text=True, check=True,
                ).stdout
            )
            for _ in range(max(1, args.processes))
        ]  # fmt: skip
        runs.sort(key=lambda run: run["import"] / run["parse"])
        ratios = [run["import"] / run["parse"] for run in runs]
        run = runs[len(runs) // 2]
        ratio = ratios[len(runs) // 2]
        worst = max(worst, ratio)
        print(
            f"{name:32} {int(run['events']):6d} {run['parse'] * 1e3:9.1f} "
            f"{run['import'] * 1e3:10.1f} {ratio:5.2f}x  {ratios[0]:.2f}-{ratios[-1]:.2f}x"
        )
    print(
        f"worst median ratio {worst:.2f}x (target <= {TARGET:g}x): "
        f"{'met' if worst <= TARGET else 'NOT met'}"
    )

    # Loading a converted programme (YAML) and the cost of the room-overlap rule.
    source = args.realdata / "fosdem-2026.schedule.xml"
    if source.is_file():
        programme = import_programme(source).programme
        with tempfile.TemporaryDirectory() as folder:
            yaml_path = Path(folder) / "fosdem.yaml"
            write_programme(programme, yaml_path)
            load_s = best(args.repeat, lambda: load_programme(yaml_path))
        data = programme.model_dump()
        allowed = {**data, "room_overlaps": "allow"}
        checked_s, allowed_s = best_of_each(
            args.repeat,
            partial(Programme.model_validate, data),
            partial(Programme.model_validate, allowed),
        )
        n = len(programme.contributions)
        print(f"load converted YAML ({n} contributions): {load_s * 1e3:.1f} ms")
        print(
            f"validate {n} contributions: overlap check on {checked_s * 1e3:.1f} ms, "
            f"off {allowed_s * 1e3:.1f} ms (ratio {checked_s / allowed_s:.2f}x)"
        )
    return 0 if worst <= TARGET else 2


if __name__ == "__main__":
    sys.exit(main())
