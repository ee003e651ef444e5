"""Instructions of the TUI's launch, counted by valgrind (callgrind): the planner's UI on
ML4Astro and the minimal Textual app of ``tui_bench``, each from a fresh process to its first
full screen and its exit, in figures that do not move with the machine's load.

The clock ratio of ``tui_bench --launch`` is the target; on a shared machine it moves by a tenth
between two runs, which hides a change of a few per cent. This counts the same two processes
(bytecode compiled first, as ``tui_bench`` has it) for comparing two versions: ``--src DIR``
counts another checkout's ``src`` (say, a clone of main) in the same run. About 15 s a count.

    .venv/bin/python -m bench.tui_instructions [--src ../main-clone/src]

Not part of ``make bench`` (it needs valgrind); instructions are not time (a cache miss costs
more than an addition, and a process's start-up more than its count says).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.fresh import compiled_env
from bench.tui_bench import CHILD, READY_PILOT


def instructions(child: str, src: Path | None, data_home: str) -> int:
    """What callgrind counts for one launch of ``child`` (after one run that compiles it)."""
    extra = {"XDG_DATA_HOME": data_home} | ({"PYTHONPATH": str(src)} if src else {})
    env = compiled_env(**extra)
    code = child + READY_PILOT
    subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, "-c", code],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="another checkout's src folder, counted too")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction count", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as data_home:  # no saved profile
        minimal = instructions(CHILD["minimal"], None, data_home)
        print(f"{'minimal Textual app':40} {minimal / 1e6:8,.0f} M instructions", flush=True)
        versions: list[tuple[str, Path | None]] = [("planner UI, this checkout", None)]
        if args.src is not None:
            versions.append((f"planner UI, {args.src}", args.src.resolve()))
        counts = []
        for name, src in versions:
            counts.append(instructions(CHILD["planner"], src, data_home))
            print(
                f"{name:40} {counts[-1] / 1e6:8,.0f} M instructions"
                f" ({counts[-1] / minimal:.2f}x the minimal app)",
                flush=True,
            )
    if len(counts) == 2:
        print(f"ratio this checkout / {args.src}: {counts[0] / counts[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
