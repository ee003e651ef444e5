"""Ctrl-C during a solve stops it and reaches the caller, rather than passing off the best
plan found so far as the answer (CP-SAT's own handler would stop the search and report a
feasible solution)."""

from __future__ import annotations

import os
import random
import signal
import threading

import pytest
from ortools.sat.python import cp_model

from planner.solver.interrupt import solve_interruptibly


def slow_model() -> cp_model.CpModel:
    """A multi-constraint knapsack that one worker cannot prove optimal for a long while."""
    rng = random.Random(1)
    model = cp_model.CpModel()
    xs = [model.new_bool_var(f"x{i}") for i in range(400)]
    for _ in range(30):
        chosen = rng.sample(range(len(xs)), 60)
        model.add(sum(rng.randint(1, 50) * xs[i] for i in chosen) <= 700)
    model.maximize(sum(rng.randint(100, 1000) * x for x in xs))
    return model


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to this process")
def test_ctrl_c_during_a_solve_raises_keyboard_interrupt() -> None:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 120  # far beyond the interruption
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            solve_interruptibly(solver, slow_model())
    finally:
        timer.cancel()


def test_an_uninterrupted_solve_returns_its_status() -> None:
    model = cp_model.CpModel()
    x = model.new_int_var(0, 10, "x")
    model.maximize(x)
    solver = cp_model.CpSolver()
    assert solve_interruptibly(solver, model) == cp_model.OPTIMAL
    assert solver.value(x) == 10


def test_off_the_main_thread_it_is_a_plain_solve() -> None:
    model = cp_model.CpModel()
    x = model.new_int_var(0, 10, "x")
    model.maximize(x)
    solver = cp_model.CpSolver()
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(solve_interruptibly(solver, model)))
    worker.start()
    worker.join()
    assert results == [cp_model.OPTIMAL]
    assert solver.parameters.catch_sigint_signal is False
