"""Start-up: ``planner plan`` and ``planner show`` on the embedded programme (ML4Astro), each a
fresh process, against the floor of planning: a bare ``import ortools.sat.python.cp_model``.
``plan`` three ways: with no interests, with two talks starred (the exact programme plans them
alone, without OR-Tools) and with a talk and a poster (the poster visit needs CP-SAT: the case
held to the floor).
The commands are run in turns (so that all see the same machine load) and the median of each
counts, on the clock and in CPU time; every process reads compiled bytecode, as an installed
planner does (``bench.fresh``). Also which libraries each command loads: ``show`` should load
neither OR-Tools nor the ranking library (bm25s) nor numpy.

``--baseline SRC`` also runs each planner command with the planner's package from ``SRC`` (the
``src`` folder of another checkout, such as main's), in the same turns: before and after a change
in one run.

Run: .venv/bin/python -m bench startup_bench [--repeat 7] [--baseline ../main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from bench.fresh import compiled_env

FLOOR = ["-c", "import ortools.sat.python.cp_model"]
COMMANDS: dict[str, list[str]] = {
    "floor (import cp_model)": FLOOR,
    "python alone": ["-c", "pass"],
    "planner plan": ["-m", "planner", "plan"],
    "plan --star 16 --star 28": ["-m", "planner", "plan", "--star", "16", "--star", "28"],
    "plan --star 16 --star 106": ["-m", "planner", "plan", "--star", "16", "--star", "106"],
    "planner show": ["-m", "planner", "show"],
    "planner rank --keyword SKA": ["-m", "planner", "rank", "--keyword", "SKA"],
}
WATCHED = ("ortools", "bm25s", "numpy", "icalendar", "textual", "pandas")
_LOADED = (
    "import json, sys\n"
    "from planner.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    f"    watched = {WATCHED!r}\n"
    "    print(json.dumps(sorted(w for w in watched if w in sys.modules)), file=sys.stderr)\n"
)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(args: list[str], source: str | None = None) -> tuple[float, float]:
    """Seconds on the clock and of CPU (user + system) of one fresh process; ``source``: the
    folder the planner's package is imported from instead of the installed one."""
    env = compiled_env(PYTHONPATH=source) if source else compiled_env()
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def loaded(command: list[str]) -> list[str]:
    """The watched libraries in ``sys.modules`` after the planner command ``command``."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=compiled_env(),
    )
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline", metavar="SRC", help="also run the planner from SRC")
    options = parser.parse_args(sys.argv[1:])
    repeat, baseline = options.repeat, options.baseline
    runs: dict[str, tuple[list[str], str | None]] = {}
    for name, args in COMMANDS.items():
        runs[name] = (args, None)
        if baseline and "planner" in args:
            runs[f"  baseline: {name.removeprefix('planner ')}"] = (args, baseline)
    for args, source in runs.values():
        run(args, source)  # warm the file cache and the bytecode
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (args, source) in runs.items():
            wall, used = run(args, source)
            times[name].append(wall)
            cpu[name].append(used)
    floor = statistics.median(times["floor (import cp_model)"])
    cpu_floor = statistics.median(cpu["floor (import cp_model)"])
    print(f"start-up on ML4Astro, median of {repeat} fresh processes each, run in turns")
    if baseline:
        print(f"  (baseline: the planner imported from {baseline})")
    print(f"  (load average {os.getloadavg()[0]:.1f}; CPU time moves less with the load)")
    for name, found in times.items():
        median = statistics.median(found)
        used = statistics.median(cpu[name])
        print(
            f"  {name:40s} {median * 1000:7.0f} ms (min {min(found) * 1000:5.0f})"
            f"  {median / floor:5.2f}x the floor;  CPU {used * 1000:5.0f} ms"
            f" {used / cpu_floor:5.2f}x"
        )
    print(
        "  targets: plan at most 1.40x the floor (with CP-SAT: the poster 106 needs it; talks"
        " alone are planned without OR-Tools); show loads neither OR-Tools nor bm25s"
    )
    for command in (
        ["plan"],
        ["plan", "--star", "16", "--star", "28"],
        ["plan", "--star", "16", "--star", "106"],
        ["show"],
        ["rank", "--keyword", "SKA"],
    ):
        names = ", ".join(loaded(command)) or "none of them"
        print(f"  planner {' '.join(command)} loads: {names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
