"""Every reader, given a mutated copy of a valid input (cut short, bytes flipped, invalid UTF-8,
control characters, lines doubled or dropped, a piece repeated to megabytes), either reads it
or refuses it with one clear message: never a traceback, never a signal, within 2 s of CPU and
200 MB. The mutations are seeded (mutations.py): a failure names the reader and the index,
which reproduce it exactly.

By default each reader gets a few mutations; ``--hostile-long`` (or ``PLANNER_HOSTILE_LONG=1``)
runs many more."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.conftest import SHORT, hostile_runs
from hostile.limits import CPU_SECONDS, Outcome, run_planner
from hostile.mutations import MUTATIONS, mutate
from hostile.seeds import SEEDS, Seed


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "mutation" in metafunc.fixturenames:
        runs = hostile_runs(metafunc.config)
        cases = [(reader, index) for reader in sorted(SEEDS) for index in range(runs)]
        metafunc.parametrize("mutation", cases, ids=[f"{r}-{i}" for r, i in cases])


def _lay_out(seed: Seed, folder: Path, data: bytes) -> list[str]:
    for name, make in seed.others.items():
        (folder / name).write_bytes(make())
    (folder / seed.name).write_bytes(data)
    return [part.replace("{}", seed.name) for part in seed.command]


def assert_handled(outcome: Outcome, names: tuple[str, ...], what: str) -> None:
    """Read (exit 0), or refused: exit 1 with a message that starts ``planner:`` (on its first
    line; a list of problems may follow), names the file (or one read with it: ``names``), and is
    the only error; never a traceback or a signal; in bounds.
    (A group file's members are each refused on a line of their own, ``planner: not planned:
    g.csv:3: ...``, and the others planned.)"""
    said = f"{what}: {outcome}"
    assert "Traceback" not in outcome.out + outcome.err, said
    assert outcome.code in (0, 1), said
    assert outcome.cpu < CPU_SECONDS, said
    if outcome.code == 1:
        lines = outcome.err.splitlines()
        assert lines and lines[0].startswith("planner: "), said
        assert any(name in outcome.err for name in names), said
        errors = [line for line in lines if line.startswith("planner: ")]
        members = [e for e in errors if e.startswith(f"planner: not planned: {names[0]}:")]
        assert len(errors) == 1 or members == errors, said


def test_a_mutated_input_is_read_or_refused_cleanly(
    mutation: tuple[str, int], tmp_path: Path
) -> None:
    reader, index = mutation
    seed = SEEDS[reader]
    kind, data = mutate(seed.make(), reader, index, seed.huge)
    command = _lay_out(seed, tmp_path, data)
    outcome = run_planner(*command, cwd=tmp_path, memory=seed.memory)
    assert_handled(
        outcome, (seed.name, *seed.also_named), f"{reader}-{index} ({kind}, {len(data):,} bytes)"
    )
    if outcome.code == 1 and "wrote " not in outcome.err:  # nothing written when refused
        assert not (tmp_path / "out.yaml").exists() and not (tmp_path / "plans").exists()


@pytest.mark.parametrize("reader", sorted(SEEDS))
def test_every_seed_is_read(reader: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The premise: unmutated, each seed is a valid input its command reads (in the long suite
    only: it doubles the short one's time, and the seeds change only with this suite)."""
    if hostile_runs(request.config) == SHORT:
        pytest.skip("the seeds are checked in the long suite (--hostile-long)")
    seed = SEEDS[reader]
    command = _lay_out(seed, tmp_path, seed.make())
    outcome = run_planner(*command, cwd=tmp_path, memory=seed.memory)
    assert outcome.code == 0, str(outcome)
    assert "Traceback" not in outcome.err


def test_mutations_are_seeded_and_change_the_input() -> None:
    data = SEEDS["frab-xml"].make()
    kinds = set()
    for index in range(len(MUTATIONS)):
        kind, once = mutate(data, "frab-xml", index)
        assert mutate(data, "frab-xml", index) == (kind, once)
        assert once != data, kind
        kinds.add(kind)
    assert kinds == set(MUTATIONS)
