"""``planner group --dask ADDRESS``: members planned on a Dask cluster started by the test give
the plans and files of ``--workers 1``; a broken member is named and the others planned; a
worker killed mid-run (on a scheduler and workers in their own processes, as a user runs them)
has its members planned again, each member's files written once."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.group.groupfile import read_group_file
from planner.group.outdir import staged_folder
from planner.group.profiles import resolve_members
from planner.sources import load_programme

distributed = pytest.importorskip("distributed", reason="needs planner[distributed]")

WORDS = ["galaxy", "radio", "anomaly detection", "time series", "cosmology", "deep learning"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["group", *args], catch_exceptions=False)


def _group(tmp_path: Path, n: int, broken: bool = False) -> Path:
    rows = ["name,keyword,must"]
    for k in range(n):
        rows.append(f"M{k},{WORDS[k % len(WORDS)]};{WORDS[(k * 5 + 1) % len(WORDS)]},")
    if broken:
        rows.insert(3, "Broken,galaxy,nope")
    path = tmp_path / "g.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def threads() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    yield cluster.scheduler_address
    cluster.close()


def _agendas(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}


def test_cluster_plans_equal_one_worker(tmp_path: Path, threads: str) -> None:
    group = _group(tmp_path, 12, broken=True)
    common = ["--json", "--policy", "independent", "--room-capacity", "5", "--time-limit", "5"]
    serial = invoke(str(group), "--out", str(tmp_path / "a"), "--workers", "1", *common)
    dask = invoke(str(group), "--out", str(tmp_path / "b"), "--dask", threads, *common)
    assert serial.exit_code == dask.exit_code == 1  # the broken member
    for result in (serial, dask):
        assert f"{group}:4: member 'Broken': " in result.stderr and "'nope'" in result.stderr
    one, two = json.loads(serial.stdout), json.loads(dask.stdout)
    assert len(two["members"]) == 12
    assert one["members"] == two["members"] and one["room_load"] == two["room_load"]
    assert one["coverage"] == two["coverage"]
    assert _agendas(tmp_path / "a") == _agendas(tmp_path / "b")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        p.name for p in (tmp_path / "a").iterdir()
    )


def test_an_unreachable_scheduler_is_one_message(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = invoke(str(_group(tmp_path, 2)), "--out", str(out), "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code != 0 and "cannot reach a Dask scheduler" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_without_the_extra_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    out = tmp_path / "o"
    result = invoke(str(_group(tmp_path, 2)), "--out", str(out), "--dask", "tcp://x:8786")
    assert result.exit_code != 0
    assert "planner[distributed]" in result.stderr and "not installed" in result.stderr
    assert not out.exists()


@pytest.fixture
def separate_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded workers (under a nanny that restarts a dead one),
    each its own process started with the `dask` command, as a user starts them."""
    import subprocess
    import time

    dask = str(Path(sys.executable).with_name("dask"))
    info = tmp_path / "scheduler.json"
    common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(info)], **common,
    )  # fmt: skip
    workers = None
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        workers = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            **common,
        )
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in (workers, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_a_killed_worker_loses_and_duplicates_nothing(
    tmp_path: Path, separate_cluster: str
) -> None:
    from planner.group.cluster import plan_on_cluster
    from planner.group.naming import distinct_stems
    from planner.group.personal import plan_members

    programme = load_programme(None)
    group = read_group_file(_group(tmp_path, 48))
    members, errors = resolve_members(group, programme)
    assert not errors
    profiles = [m.profile for m in members]
    stems = distinct_stems([m.name for m in members])
    with distributed.Client(separate_cluster) as client:
        pids: dict[str, int] = client.run(os.getpid)
    victim = next(iter(pids.values()))
    killed: list[int] = []

    def kill_once() -> None:  # after the first chunk comes back, the rest still running
        if not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    writes: list[str] = []
    with staged_folder(tmp_path / "cluster") as stage:
        original = Path.write_bytes

        def counting(path: Path, data: bytes) -> int:
            writes.append(path.name)
            return original(path, data)

        mp = pytest.MonkeyPatch()
        mp.setattr(Path, "write_bytes", counting)
        try:
            outcomes = plan_on_cluster(
                separate_cluster, programme, profiles, time_limit=5,
                stems=stems, folder=stage, advance=kill_once,
            )  # fmt: skip
        finally:
            mp.undo()
    with distributed.Client(separate_cluster) as client:
        after = client.run(os.getpid)
    assert killed and victim not in after.values()  # the worker did die
    assert len(outcomes) == 48 and all(done for _, done in outcomes)
    assert sorted(writes) == sorted(f"{s}.{e}" for s in stems for e in ("ics", "md"))
    serial = plan_members(programme, profiles, workers=1, time_limit=5)
    for (mine, _), (theirs, _) in zip(outcomes, serial, strict=True):
        assert not isinstance(mine, str) and not isinstance(theirs, str)
        assert mine.itinerary.items == theirs.itinerary.items
    assert len(list((tmp_path / "cluster").glob("*.md"))) == 48


def _fail(programme: Any, chunk: list[Any]) -> list[Any]:
    raise RuntimeError("worker out of memory")


def test_a_chunk_the_cluster_cannot_run_is_one_message(
    tmp_path: Path, threads: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.group import cluster

    monkeypatch.setattr(cluster, "plan_chunk", _fail)
    out = tmp_path / "o"
    result = invoke(str(_group(tmp_path, 3)), "--out", str(out), "--dask", threads)
    assert result.exit_code != 0
    assert re.search(r"the cluster could not plan members? [1-3]", result.stderr)
    assert "worker out of memory" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
