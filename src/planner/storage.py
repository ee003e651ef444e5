"""Files on disk, written atomically: a reader sees the old file or the new one, never half of one.

A write that fails (a folder the user cannot write, a full disk) is one :class:`PlannerError`
naming the file and the reason, and leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from planner.errors import PlannerError


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or the usual mode from the umask for a new file (not the private
    mode of the temporary file)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_problem(path: Path | str, error: OSError) -> PlannerError:
    """``out.ics: cannot write it (Permission denied)``."""
    return PlannerError(f"{path}: cannot write it ({error.strerror or error})")


def unwritable_folder(folder: Path) -> str | None:
    """Why no file can be made in the existing ``folder`` (``Permission denied``, ``Read-only
    file system``), or ``None`` when one can: a probe file is made there and removed."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".planner-probe.", suffix=".tmp", dir=folder)
    except OSError as error:
        return error.strerror or str(error)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    try:
        _write(Path(path), data)
    except OSError as error:
        raise write_problem(path, error) from None


STALE_AFTER = 600.0
"""Seconds after which a temporary file beside a target is taken for one of a killed write."""


def _remove_stale(path: Path) -> None:
    """Temporary files of earlier writes of ``path`` that never finished (the process was
    killed): older than :data:`STALE_AFTER`, so that a write going on now is left alone."""
    now = time.time()
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.lstat().st_mtime > STALE_AFTER and stale.is_file():
                stale.unlink()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
