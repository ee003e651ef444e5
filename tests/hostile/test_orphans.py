"""``planner group --workers 2`` killed outright (``kill -9``) leaves no worker alive, and the
staging folder it leaves is removed by the next run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile.inputs import write
from planner.group.outdir import staged_folder, stale_stages

MEMBERS = ["galaxy", "anomaly detection", "time series", "radio", "transients", "spectra"]


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_workers_die_with_a_killed_parent_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    lines = ["members:"]
    lines += [f"  - {{name: M{i}, keyword: [{k}]}}" for i, k in enumerate(MEMBERS * 4)]
    write(tmp_path / "g.yaml", "\n".join(lines) + "\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "group", "g.yaml", "--out", "plans", "--workers", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(children(process.pid)) >= 2, 60), "no workers started"
        workers = children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert wait_for(lambda: not any(alive(w) for w in workers), 2), [
            w for w in workers if alive(w)
        ]
    finally:  # whatever happened, nothing of the run is left running
        for pid in [process.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
    left = stale_stages(tmp_path / "plans")
    assert [p.name.startswith(f".plans.{process.pid}.") for p in left] == [True]
    with staged_folder(tmp_path / "plans") as stage:
        (stage / "x.md").write_text("x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml", "plans"]
