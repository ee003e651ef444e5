"""Write a whole output folder at once: built beside the target under a temporary name, then
swapped in. An interruption (Ctrl-C included) leaves the old folder as it was and no half-written
files; a folder that is not ours is never replaced without ``force``.

- A target that is a symbolic link is refused, never followed: the folder is replaced whole, and
  replacing a link's target (or the link) is not what anyone asked for.
- A run killed outright (``kill -9``, a power cut) can leave its staging folder
  (``.NAME.PID.XXXX.tmp``) beside the target: the next run removes those whose process is gone.
- A folder that cannot be written, or a write that fails (a full disk), is one
  :class:`PlannerError` naming the file and the reason; the old folder stays as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from planner.errors import PlannerError
from planner.storage import unwritable_folder, write_problem

MARKER = ".planner-group"
_STAGE = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]+\.(?P<kind>tmp|old)")


def _check_target(target: Path, force: bool) -> None:
    if target.is_symlink():
        raise PlannerError(
            f"{target}: is a symbolic link; give the folder itself (the output folder is "
            "replaced whole, and a link is never followed)"
        )
    if target.exists():
        if not target.is_dir():
            raise PlannerError(f"{target}: exists and is not a folder")
        ours = (target / MARKER).is_file()
        if not ours and any(target.iterdir()) and not force:
            raise PlannerError(
                f"{target}: a folder with other files in it; choose another --out or use --force"
            )


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def stale_stages(target: Path) -> list[Path]:
    """Staging folders beside ``target`` left by runs that were killed: their process is gone.
    An old folder set aside (``.old``) counts only when the target is there again (else it may
    be the only copy of the earlier output, and it is kept)."""
    found = []
    with suppress(OSError):
        for entry in target.parent.iterdir():
            match = _STAGE.fullmatch(entry.name)
            if match is None or match["name"] != target.name or _alive(int(match["pid"])):
                continue
            if entry.is_symlink() or not entry.is_dir():
                continue
            if match["kind"] == "old" and not target.is_dir():
                continue
            found.append(entry)
    return sorted(found)


def _make_stage(target: Path) -> Path:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(
            f"{target}: cannot make the folder {folder} ({error.strerror})"
        ) from None
    reason = unwritable_folder(folder)
    if reason is not None:
        raise PlannerError(f"{target}: cannot write in the folder {folder} ({reason})")
    try:
        return Path(
            tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        )
    except OSError as error:
        raise write_problem(target, error) from None


@contextmanager
def staged_folder(target: Path, force: bool = False) -> Iterator[Path]:
    """Yield a fresh temporary folder; on success it replaces ``target``."""
    target = Path(target)
    _check_target(target, force)
    for stale in stale_stages(target):
        shutil.rmtree(stale, ignore_errors=True)
    stage = _make_stage(target)
    try:
        try:
            yield stage
            (stage / MARKER).write_text("written by planner group\n", encoding="utf-8")
            _swap(stage, target)
        except OSError as error:
            raise write_problem(error.filename or target, error) from None
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


def _swap(stage: Path, target: Path) -> None:
    if not target.exists():
        stage.rename(target)
        return
    old = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".old", dir=target.parent)
    )
    old.rmdir()
    target.rename(old)
    stage.rename(target)
    shutil.rmtree(old, ignore_errors=True)
