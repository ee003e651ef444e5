"""Files a command is asked to write, checked before any work is done, so that a refused target
leaves nothing half done: a profile is overwritten only when the planner wrote it (or with
``force``), two options never name one file, and a folder that does not exist is not made."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from planner.errors import CommandLineError, PlannerError
from planner.storage import unwritable_folder
from planner.userfiles import check_regular


def check_profile_target(path: Path, force: bool = False) -> None:
    """Refuse to save a profile over a file that is not a profile the planner saved."""
    from planner.export.writers import existing_bytes, not_ours, written_as

    data = existing_bytes(Path(path))
    if data is None or force:
        return
    if written_as(data) != "a profile":
        raise not_ours(path, data, "a profile")


def check_folder(path: Path) -> None:
    """Refuse a file in a folder that does not exist (a mistyped folder is not made), or in
    one where no file can be made (a probe file is made there and removed), and a target that
    is a named pipe or a device (never read, nor replaced, even with ``--force``)."""
    check_regular(Path(path))
    folder = Path(path).parent
    if folder.is_dir():
        reason = unwritable_folder(folder)
        if reason is not None:
            raise PlannerError(f"{path}: cannot write in the folder {folder} ({reason})")
        return
    if folder.exists():
        raise PlannerError(f"{path}: {folder} is not a folder")
    raise PlannerError(f"{path}: the folder {folder} does not exist")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (relative parts, ``..`` and symbolic links
    resolved; neither needs to exist)."""
    return Path(a).resolve() == Path(b).resolve()


def check_distinct(targets: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse two options (``(flag, path)``, None when not given) that name the same file."""
    given = [(flag, path) for flag, path in targets if path is not None]
    for index, (flag, path) in enumerate(given):
        for other, other_path in given[index + 1 :]:
            if same_file(path, other_path):
                raise CommandLineError(f"{flag} and {other} name the same file {path}")
