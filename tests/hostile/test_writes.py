"""Every output that cannot be written is one message naming the file and the reason, exit 1,
and nothing else written: a folder where no file can be made (``/proc``, ``/sys``: the tests run
as root, who may write anywhere else), a file where a folder should be, a named pipe as the
target, and a disk that fills up mid-write (``RLIMIT_FSIZE``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile.inputs import PROGRAMME, fifo, write
from hostile.limits import assert_refused, run_planner

PLAN = ["plan", "--keyword", "galaxy", "--time-limit", "2"]
UNWRITABLE = {
    "proc": ("/proc/planner-out", "No such file or directory"),
    "sys": ("/sys/kernel/planner-out", "Permission denied"),
}


def _commands(target: str) -> dict[str, list[str]]:
    return {
        "ics": [*PLAN, "--ics", f"{target}/plan.ics"],
        "markdown": [*PLAN, "--markdown", f"{target}/plan.md"],
        "html": [*PLAN, "--html", f"{target}/plan.html"],
        "save-profile": [*PLAN, "--save-profile", f"{target}/me.toml"],
        "import": ["import", str(PROGRAMME), "-o", f"{target}/p.yaml"],
        "programme-ics": ["export", "--programme-ics", f"{target}/all.ics"],
        "group": ["group", "g.yaml", "--out", f"{target}/plans"],
    }


GROUP = "members:\n  - {name: Ana, keyword: [galaxy]}\n"


@pytest.mark.parametrize("where", sorted(UNWRITABLE))
@pytest.mark.parametrize("output", sorted(_commands("x")))
def test_an_unwritable_folder_is_one_message(where: str, output: str, tmp_path: Path) -> None:
    folder, reason = UNWRITABLE[where]
    folder = folder.rsplit("/", 1)[0]
    write(tmp_path / "g.yaml", GROUP)
    outcome = run_planner(*_commands(folder)[output], cwd=tmp_path)
    assert_refused(outcome, f"{folder}/", "cannot", reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml"]


@pytest.mark.parametrize("output", sorted(_commands("x")))
def test_a_file_where_a_folder_should_be_is_one_message(output: str, tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", GROUP)
    write(tmp_path / "notes", "precious")
    outcome = run_planner(*_commands("notes/sub")[output], cwd=tmp_path)
    assert_refused(outcome, "notes")
    assert (tmp_path / "notes").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml", "notes"]


@pytest.mark.parametrize(
    "command",
    [
        [*PLAN, "--ics", "pipe", "--force"],
        [*PLAN, "--markdown", "pipe", "--force"],
        ["import", str(PROGRAMME), "-o", "pipe", "--force"],
        ["export", "--programme-ics", "pipe", "--force"],
    ],
    ids=["ics", "markdown", "import", "programme-ics"],
)
def test_a_named_pipe_as_the_target_is_never_read_nor_replaced(
    command: list[str], tmp_path: Path
) -> None:
    fifo(tmp_path / "pipe")
    outcome = run_planner(*command, cwd=tmp_path)
    assert_refused(outcome, "pipe: not a regular file (a named pipe)")
    assert (tmp_path / "pipe").is_fifo()


def test_a_disk_that_fills_up_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    old = write(tmp_path / "p.yaml", "# an earlier import\n")
    outcome = run_planner(
        "import", PROGRAMME, "-o", "p.yaml", "--force", cwd=tmp_path, file_size=16 * 1024
    )
    assert_refused(outcome, "p.yaml: cannot write it (File too large)")
    assert old.read_text() == "# an earlier import\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_a_group_folder_that_fills_up_keeps_the_old_folder(tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", GROUP)
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans / ".planner-group", "written by planner group\n")
    write(plans / "ana.md", "the earlier plan")
    outcome = run_planner(
        "group", "g.yaml", "--out", "plans", "--workers", "1",
        cwd=tmp_path, memory="data", cpu_seconds=20, file_size=4 * 1024,
    )  # fmt: skip
    assert_refused(outcome, "cannot write it (File too large)", cpu_seconds=20)
    assert (plans / "ana.md").read_text() == "the earlier plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.yaml", "plans"]


def test_os_reports_the_unwritable_folders_as_the_tests_expect() -> None:
    """The premise: even root cannot make a file in these folders."""
    for folder, reason in UNWRITABLE.values():
        parent = folder.rsplit("/", 1)[0]
        with pytest.raises(OSError, match=reason):
            os.close(os.open(f"{parent}/probe", os.O_CREAT | os.O_WRONLY))
