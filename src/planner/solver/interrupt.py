"""Solving so that Ctrl-C stops the run rather than ending it with the best plan so far."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ortools.sat.python import cp_model


def solve_interruptibly(solver: cp_model.CpSolver, model: cp_model.CpModel) -> Any:
    """``solver.solve(model)`` in a thread while this one waits.

    CP-SAT's own SIGINT handler stops the search and reports the best solution found, which a
    caller cannot tell from a solve that ran out of time. Here Ctrl-C stops the search and is
    raised in the caller, so an interrupted run writes nothing. (Off the main thread, where no
    signal arrives, this is a plain solve.)"""
    solver.parameters.catch_sigint_signal = False
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(solver.solve, model)
        try:
            return future.result()
        except KeyboardInterrupt:
            solver.stop_search()
            future.result()
            raise
