"""Instructions of one 10,596-event import, counted by valgrind (callgrind): a figure that does
not move with the machine's load, for comparing two versions of the import on a shared machine.

Two fresh processes run under callgrind: one loads the import's modules, the other loads them
and imports the scaled schedule (FOSDEM 2026, each room copied: ``import_bench.scaled_schedule``)
once; the import's instructions are the difference. ``--src DIR`` counts another checkout's
``src`` (say, a clone of main) in the same run, for a ratio. About 90 s a version.

    .venv/bin/python -m bench.import_instructions [--src ../main-clone/src]

Not part of ``make bench`` (it needs valgrind, and is slow); instructions are not time (a
cache miss costs more than an addition), so the import bench's clock figures stay the target.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.import_bench import SCALED_EVENTS, default_realdata, scaled_schedule

CHILD = """
import sys
from pathlib import Path
from planner.sources import import_programme
import planner.sources.assemble, planner.sources.frab_xml
if len(sys.argv) > 1:
    import_programme(Path(sys.argv[1]))
"""


def instructions(src: Path | None, schedule: Path | None, cache: str) -> int:
    """What callgrind counts for the child (loading only, without ``schedule``)."""
    env = {**os.environ, "PLANNER_CACHE_DIR": cache}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, "-c", CHILD, *([str(schedule)] if schedule else [])],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="another checkout's src folder, counted too")
    parser.add_argument("--realdata", type=Path, default=default_realdata())
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction count", file=sys.stderr)
        return 1
    source = args.realdata / "fosdem-2026.schedule.xml"
    if not source.is_file():
        print(f"no FOSDEM 2026 schedule at {source}", file=sys.stderr)
        return 1
    versions: list[tuple[str, Path | None]] = [("this checkout", None)]
    if args.src is not None:
        versions.append((str(args.src), args.src.resolve()))
    with tempfile.TemporaryDirectory() as folder:
        schedule = Path(folder) / "scaled.schedule.xml"
        schedule.write_bytes(scaled_schedule(source, SCALED_EVENTS))
        counts: dict[str, int] = {}
        for name, src in versions:
            cache = str(Path(folder) / f"cache-{len(counts)}")
            counts[name] = instructions(src, schedule, cache) - instructions(src, None, cache)
            print(f"{name:40} {counts[name] / 1e6:8,.0f} M instructions", flush=True)
    if len(counts) == 2:
        mine, other = counts.values()
        print(f"ratio this checkout / {args.src}: {mine / other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
