"""Write a whole output folder at once: built beside the target under a temporary name, then
swapped in. An interruption (Ctrl-C included) leaves the old folder as it was and no half-written
files; a folder that is not ours is never replaced without ``force``."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.errors import PlannerError

MARKER = ".planner-group"


@contextmanager
def staged_folder(target: Path, force: bool = False) -> Iterator[Path]:
    """Yield a fresh temporary folder; on success it replaces ``target``."""
    target = Path(target)
    if target.exists():
        if not target.is_dir():
            raise PlannerError(f"{target}: exists and is not a folder")
        ours = (target / MARKER).is_file()
        if not ours and any(target.iterdir()) and not force:
            raise PlannerError(
                f"{target}: a folder with other files in it; choose another --out or use --force"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield stage
        (stage / MARKER).write_text("written by planner group\n", encoding="utf-8")
        if target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            )
            old.rmdir()
            target.rename(old)
            stage.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            stage.rename(target)
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
