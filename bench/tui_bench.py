"""The terminal UI's speed, measured against a minimal Textual app in the same run.

1. Launch: from starting a process to the first full screen (composed, filled and rendered),
   the planner's UI on the embedded programme against a minimal Textual app (a label and a
   footer). Each is a fresh interpreter, run headless, alternated, median of several runs.
   Target: within 1.5x the minimal app and under 1 s.

Run: .venv/bin/python -m bench.tui_bench
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

READY = "READY"
RUNS = 7

CHILD = {
    "minimal": """
from textual.app import App
from textual.widgets import Footer, Label

class Minimal(App[None]):
    def compose(self):
        yield Label("Hello")
        yield Footer()

app = Minimal()
""",
    "planner": """
from planner.tui.app import make_app

app = make_app()
""",
}

READY_PILOT = """
async def ready(pilot):
    await pilot.pause()
    pilot.app.export_screenshot()
    print("READY", flush=True)
    pilot.app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=ready)
"""


def launch_seconds(name: str) -> float:
    """Seconds from starting the process to its first full screen."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", CHILD[name] + READY_PILOT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == READY:
                elapsed = time.perf_counter() - start
                break
        else:
            raise SystemExit(f"{name}: never reached its first screen\n{child.stderr}")
        child.wait(timeout=30)
    return elapsed


def bench_launch() -> None:
    times: dict[str, list[float]] = {"minimal": [], "planner": []}
    launch_seconds("minimal")  # warm the file cache
    launch_seconds("planner")
    for _ in range(RUNS):
        for name in times:
            times[name].append(launch_seconds(name))
    minimal = statistics.median(times["minimal"])
    planner = statistics.median(times["planner"])
    ratio = planner / minimal
    print(f"launch to first full screen (100x30, headless, median of {RUNS}):")
    print(f"  minimal Textual app : {minimal * 1000:7.0f} ms")
    print(f"  planner UI          : {planner * 1000:7.0f} ms")
    verdict = "ok" if ratio <= 1.5 and planner < 1.0 else "MISSES the target"
    print(f"  ratio               : {ratio:7.2f}x  (target <= 1.5x and < 1 s: {verdict})")


def main() -> None:
    bench_launch()


if __name__ == "__main__":
    main()
