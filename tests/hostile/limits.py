"""Run a planner command as a user would, in a subprocess with limits on memory and time, and
check that a hostile input is refused with one clear message.

The limits are the process's own (``resource``): address space (``RLIMIT_AS``, every mapping
counted), or only the data segment (``RLIMIT_DATA``) for commands that load the solver, whose
libraries map more address space than they use; CPU seconds; and a wall-clock bound after which
the command's whole process group is killed (a command that blocks for ever fails its test
instead of hanging the suite).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

MEMORY_MB = 200
CPU_SECONDS = 2.0
WALL_SECONDS = 20.0


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    cpu: float
    """CPU seconds (user and system) the command used."""
    peak_mb: float
    """Its peak resident memory."""
    seconds: float

    def __str__(self) -> str:
        return (
            f"exit {self.code}, {self.cpu:.2f} s CPU, {self.peak_mb:.0f} MB, "
            f"{self.seconds:.2f} s\nstdout: {self.out[-2000:]}\nstderr: {self.err[-2000:]}"
        )


def run_planner(
    *args: str | Path,
    cwd: Path,
    memory_mb: int = MEMORY_MB,
    memory: Literal["address", "data"] = "address",
    cpu_seconds: float = CPU_SECONDS,
    wall_seconds: float = WALL_SECONDS,
    env: dict[str, str] | None = None,
    file_size: int | None = None,
) -> Outcome:
    """``planner ARGS`` in ``cwd`` under the limits; its exit code, output and what it used.
    The CPU limit kills at ``cpu_seconds`` plus one, so that a test can say by how much it
    was over. ``file_size`` bounds the size of any file it writes (``RLIMIT_FSIZE``): a write
    beyond fails as on a full disk."""
    rlimit = resource.RLIMIT_AS if memory == "address" else resource.RLIMIT_DATA
    hard_cpu = int(cpu_seconds) + 2

    def limit() -> None:
        resource.setrlimit(rlimit, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (hard_cpu - 1, hard_cpu))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    command = [sys.executable, "-m", "planner", *map(str, args)]
    environment = {**os.environ, "COLUMNS": "120", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=environment,
            preexec_fn=limit,
            start_new_session=True,
        )
        timer = threading.Timer(wall_seconds, _kill_group, (process.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Outcome(
            code=process.returncode,
            out=out.read().decode("utf-8", "replace"),
            err=err.read().decode("utf-8", "replace"),
            cpu=usage.ru_utime + usage.ru_stime,
            peak_mb=usage.ru_maxrss / 1024,
            seconds=seconds,
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def assert_refused(outcome: Outcome, *fragments: str, cpu_seconds: float = CPU_SECONDS) -> None:
    """Exit 1 (not a signal), one message starting ``planner:`` that holds every fragment, no
    traceback, and within the CPU bound."""
    assert outcome.code == 1, str(outcome)
    assert "Traceback" not in outcome.out + outcome.err, str(outcome)
    assert outcome.err.startswith("planner: "), str(outcome)
    assert outcome.err.count("planner: ") == 1, str(outcome)
    for fragment in fragments:
        assert fragment in outcome.err, f"{fragment!r} not in the message\n{outcome}"
    assert outcome.cpu < cpu_seconds, str(outcome)
