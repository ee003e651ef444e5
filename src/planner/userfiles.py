"""Reading the files a user names (programmes, templates, profiles, group files, calendars,
earlier plans): only regular files, and only up to a size.

A named pipe, a device or a socket given as a file would block a read for ever (or never end):
it is refused, with one message for every reader (:func:`not_regular`). The file is opened
without waiting (``O_NONBLOCK``) and checked on the open file, so that a pipe swapped in after
a check cannot block either. Parsed data is refused when it nests deeper than
:data:`MAX_DEPTH` (:func:`check_depth`), before anything recursive walks it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from planner.errors import PlannerError, ProgrammeError

MB = 1024 * 1024

MAX_IMPORT_ENV = "PLANNER_MAX_IMPORT_MB"
DEFAULT_MAX_IMPORT_MB = 50.0
"""Programmes and schedules: ``PLANNER_MAX_IMPORT_MB`` changes it."""

MAX_SMALL_FILE = 10 * MB
"""Earlier plans (and any other small file): far beyond any real one."""

MAX_TEMPLATE = MB // 4
"""A timetable template (a real one is 2 KB: a few lines a day). Templates and group files
are YAML, which reads at about a megabyte a second: these bounds keep every one a read within
a second."""

MAX_GROUP_FILE = MB // 2
"""A group file: 2,000 members with inline profiles take about 200 KB, a CSV of 20,000
members 270 KB (more members: a folder of profile files, which has no such bound)."""

MAX_PROFILE = 1 * MB
"""A profile (a profile that stars every event of a 10,000-event programme is 200 KB)."""

MAX_DEPTH = 64
"""How deep values may nest in a file the planner reads (a schedule needs about ten)."""

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def not_regular(path: Path | str, mode: int) -> PlannerError:
    """The refusal of something that is not a regular file (a named pipe, a device)."""
    return PlannerError(f"{path}: not a regular file ({_kind(mode)}); give a file")


def check_regular(path: Path) -> None:
    """Refuse ``path`` when it exists and is neither a regular file nor a folder (a folder, or a
    missing file, is for the caller to word)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise not_regular(path, mode)


def too_big(path: Path | str, size: int, limit: int, hint: str = "") -> PlannerError:
    return PlannerError(
        f"{path}: {size / MB:.1f} MB is over the {hint or f'limit of {limit / MB:.3g} MB'}"
    )


def read_bytes(path: Path, limit: int = MAX_SMALL_FILE, hint: str = "") -> bytes:
    """The bytes of the regular file ``path``, refused over ``limit`` bytes (``hint`` words the
    limit: ``import limit of 50 MB (set ... to raise it)``). A missing file or a folder raises the usual
    ``FileNotFoundError`` / ``IsADirectoryError``, for the caller to word."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode, size = (info := os.fstat(fd)).st_mode, info.st_size
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise not_regular(path, mode)
        if size > limit:
            raise too_big(path, size, limit, hint)
        os.set_blocking(fd, True)
        with open(fd, "rb", buffering=0, closefd=False) as handle:
            # the size the file reports, and one byte more to notice one that grew; never a
            # buffer of the whole limit up front
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_big(path, len(data), limit, hint)
    return data


def read_text(path: Path, what: str, encoding: str = "utf-8", limit: int = MAX_SMALL_FILE) -> str:
    """The text of the small file ``path`` (a profile, a template, a group file), every
    problem a :class:`PlannerError` naming it: ``no such {what}``, ``cannot read it (...)``."""
    try:
        return read_bytes(path, limit).decode(encoding)
    except FileNotFoundError:
        raise PlannerError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise PlannerError(f"{path}: is a folder, not a {what}") from None
    except UnicodeDecodeError as error:
        raise PlannerError(f"{path}: cannot read it (not UTF-8 text: {error.reason})") from None
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error.strerror or error})") from None


def depth_of(data: Any, limit: int = MAX_DEPTH) -> int:
    """How deep lists and mappings nest in ``data`` (1 for a flat list), counted without
    recursion and only up to ``limit + 1``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            break
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def check_depth(data: Any, source: str, error: type[PlannerError] = PlannerError) -> None:
    """Refuse ``data`` (parsed JSON or TOML) that nests deeper than :data:`MAX_DEPTH`."""
    if depth_of(data) > MAX_DEPTH:
        raise error(f"{source}: refused: values nested more than {MAX_DEPTH} levels deep")


def max_import_bytes() -> int:
    """The size limit for a programme file, from ``PLANNER_MAX_IMPORT_MB``."""
    raw = os.environ.get(MAX_IMPORT_ENV, "").strip()
    if not raw:
        return int(DEFAULT_MAX_IMPORT_MB * MB)
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:
        raise PlannerError(f"{MAX_IMPORT_ENV}={raw!r}: expected a positive number of megabytes")
    return int(megabytes * MB)


def read_source(path: Path) -> bytes:
    """The bytes of ``path``, refused when over the import size limit or not a regular file."""
    limit = max_import_bytes()
    hint = f"import limit of {limit / MB:.3g} MB (set {MAX_IMPORT_ENV} to raise it)"
    try:
        return read_bytes(path, limit, hint)
    except ProgrammeError:
        raise
    except PlannerError as error:
        raise ProgrammeError(str(error)) from None
    except FileNotFoundError:
        raise ProgrammeError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ProgrammeError(f"{path}: is a folder, not a programme file") from None
    except OSError as error:
        raise ProgrammeError(f"{path}: cannot read it ({error.strerror or error})") from None
