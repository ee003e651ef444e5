"""``kill -9`` at a random moment (seeded) of ``planner plan --save-profile FILE`` and of
``planner group --out DIR --workers 2``: afterwards the profile, and the folder, is the old
version or the new one, whole (parsed), never a mix or half of one; and no process of the run
is left alive (the group's workers die with their parent).

A run killed outright may leave its staging file or folder beside the target (``.me.toml.*.tmp``,
``.plans.PID.*.tmp``): nothing reads those, and the next group run removes its own
(test_orphans.py). By default a few kills of each; ``--hostile-long`` (or
``PLANNER_HOSTILE_LONG=1``) many more."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from icalendar import Calendar

from hostile.conftest import hostile_runs
from hostile.mutations import seed
from hostile.seeds import SMALL_PROGRAMME
from hostile.test_orphans import alive, children, wait_for
from planner.interests.profile import InterestProfile
from planner.interests.storage import save_profile

PROFILE_WINDOW = 2.5
"""Seconds over which a profile run is killed: it starts, plans and saves in one to two."""
GROUP_WINDOW = 4.0
"""A group run of two workers takes about 3.5 s."""

_PROFILE_STAGE = re.compile(r"\.me\.toml\..+\.tmp")
_GROUP_STAGE = re.compile(r"\.plans\.[0-9]+\..+\.(tmp|old)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "kill" in metafunc.fixturenames:
        runs = hostile_runs(metafunc.config, short=2, long=24)
        metafunc.parametrize("kill", range(runs), ids=[f"kill-{n}" for n in range(runs)])


def _delay(what: str, kill: int, window: float) -> float:
    return random.Random(f"{seed()}/{what}/{kill}").uniform(0.0, window)


def _killed(command: list[str], cwd: Path, delay: float) -> tuple[int, list[int]]:
    """Run ``planner COMMAND``, ``kill -9`` it after ``delay`` seconds (or let it end first);
    its exit status and the children it had at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", *command],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    seen: set[int] = set()
    deadline = time.monotonic() + delay
    try:
        while process.poll() is None and time.monotonic() < deadline:
            seen.update(children(process.pid))
            time.sleep(0.01)
        seen.update(children(process.pid))
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        code = process.wait()
        # the workers must go by themselves, their parent dead
        assert wait_for(lambda: not any(alive(p) for p in seen), 3), [p for p in seen if alive(p)]
    finally:  # whatever happened, nothing of the run is left running
        for pid in [process.pid, *seen]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
    return code, sorted(seen)


def _others(folder: Path, keep: set[str], stage: re.Pattern[str]) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name not in keep and not stage.fullmatch(p.name)
    )


def test_a_profile_killed_while_saved_is_old_or_new(kill: int, tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL_PROGRAMME, encoding="utf-8")
    target = tmp_path / "me.toml"
    save_profile(InterestProfile(keyword=["galaxy"], walk=3), target)
    old = target.read_bytes()
    command = ["plan", "--programme", "small.yaml", "--profile", "me.toml", "--keyword", "radio"]
    command += ["--walk", "7", "--time-limit", "1", "--save-profile", "me.toml"]
    _killed(command, tmp_path, _delay("profile", kill, PROFILE_WINDOW))
    saved = tomllib.loads(target.read_text(encoding="utf-8"))
    if target.read_bytes() != old:
        assert (saved["keyword"], saved["walk"]) == (["galaxy", "radio"], 7), saved
    assert _others(tmp_path, {"small.yaml", "me.toml"}, _PROFILE_STAGE) == []


GROUP_OLD = "members:\n  - {name: Ana, keyword: [galaxy]}\n  - {name: Bo, keyword: [radio]}\n"
GROUP_NEW = (
    "members:\n  - {name: Cy, keyword: [anomaly detection]}\n  - {name: Di, keyword: [galaxy]}\n"
    "  - {name: Ed, keyword: [radio]}\n"
)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _assert_whole(folder: Path, members: list[str]) -> None:
    """A group folder as a finished run writes it: the marker, group.json naming every
    member's calendar and agenda, each there and parsed, and the overviews."""
    summary = json.loads((folder / "group.json").read_text(encoding="utf-8"))
    assert [m["name"] for m in summary["members"]] == members
    names = {".planner-group", "group.json", "overview.md", "overview.html", "room_load.csv"}
    for member in summary["members"]:
        calendar = Calendar.from_ical((folder / member["file"]).read_bytes())
        assert calendar.walk("VEVENT"), member["file"]
        assert (folder / member["agenda"]).read_text(encoding="utf-8").strip()
        names |= {member["file"], member["agenda"]}
    assert {p.name for p in folder.iterdir()} == names
    assert "</html>" in (folder / "overview.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def old_group(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The folder a finished run of the old group file writes."""
    folder = tmp_path_factory.mktemp("old-group")
    (folder / "small.yaml").write_text(SMALL_PROGRAMME, encoding="utf-8")
    (folder / "g.yaml").write_text(GROUP_OLD, encoding="utf-8")
    command = ["group", "g.yaml", "--programme", "small.yaml", "--out", "plans"]
    subprocess.run(
        [sys.executable, "-m", "planner", *command], cwd=folder, check=True, capture_output=True
    )
    _assert_whole(folder / "plans", ["Ana", "Bo"])
    return _snapshot(folder / "plans")


def test_a_group_folder_killed_while_written_is_old_or_new(
    kill: int, tmp_path: Path, old_group: dict[str, bytes]
) -> None:
    (tmp_path / "small.yaml").write_text(SMALL_PROGRAMME, encoding="utf-8")
    (tmp_path / "g.yaml").write_text(GROUP_NEW, encoding="utf-8")
    plans = tmp_path / "plans"
    plans.mkdir()
    for name, data in old_group.items():
        (plans / name).write_bytes(data)
    command = ["group", "g.yaml", "--programme", "small.yaml", "--out", "plans", "--workers", "2"]
    _killed(command, tmp_path, _delay("group", kill, GROUP_WINDOW))
    if _snapshot(plans) != old_group:
        _assert_whole(plans, ["Cy", "Di", "Ed"])
    assert _others(tmp_path, {"small.yaml", "g.yaml", "plans"}, _GROUP_STAGE) == []
