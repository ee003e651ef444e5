"""Solving so that Ctrl-C stops the run rather than ending it with the best plan so far."""

from __future__ import annotations

import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # OR-Tools loads only where a CP-SAT model is built
    from ortools.sat.python import cp_model


_pool: tuple[int, ThreadPoolExecutor] | None = None


def _solver_thread() -> ThreadPoolExecutor:
    """One solving thread per process, kept between solves (a new thread per solve would
    cost more than a small solve)."""
    global _pool
    if _pool is None or _pool[0] != os.getpid():  # none yet, or inherited through a fork
        _pool = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="cp-sat"))
    return _pool[1]


def _ctrl_c_raises_here() -> bool:
    return (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )


def solve_interruptibly(solver: cp_model.CpSolver, model: cp_model.CpModel) -> Any:
    """``solver.solve(model)``, with Ctrl-C raised in the caller as KeyboardInterrupt.

    CP-SAT's own SIGINT handler stops the search and reports the best solution found, which a
    caller cannot tell from a solve that ran out of time. Here, where Ctrl-C would raise
    KeyboardInterrupt (the main thread, Python's own handler), the solve runs in a solving
    thread while this one waits: Ctrl-C stops the search and is raised, so an interrupted run
    writes nothing. Elsewhere (a worker thread, a process that ignores SIGINT) it is a plain
    solve."""
    solver.parameters.catch_sigint_signal = False
    if not _ctrl_c_raises_here():
        return solver.solve(model)
    future = _solver_thread().submit(solver.solve, model)
    try:
        return future.result()
    except KeyboardInterrupt:
        solver.stop_search()
        future.result()
        raise
