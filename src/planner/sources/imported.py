"""What an import gives back: the programme, and what was noticed on the way.

Also the guard every importer reads its file through: a size limit (``PLANNER_MAX_IMPORT_MB``,
50 MB by default), so a huge or endless file is refused before it is parsed.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import PlannerError, ProgrammeError
from planner.model import Programme

MAX_IMPORT_ENV = "PLANNER_MAX_IMPORT_MB"
DEFAULT_MAX_IMPORT_MB = 50.0
_MB = 1024 * 1024


@dataclass(frozen=True)
class Imported:
    """A programme read from a file, with the reader's warnings (untidy data it kept)."""

    programme: Programme
    format: str
    source: str
    events: int
    breaks: int = 0
    warnings: tuple[str, ...] = field(default=())

    @property
    def rooms(self) -> int:
        return len(self.programme.rooms)

    @property
    def days(self) -> int:
        return len(self.programme.conference.days)

    def summary(self) -> str:
        """``883 events, 30 rooms, 2 days, 0 warnings``."""
        parts = [
            f"{self.events} event{'s' if self.events != 1 else ''}",
            f"{self.rooms} room{'s' if self.rooms != 1 else ''}",
            f"{self.days} day{'s' if self.days != 1 else ''}",
        ]
        if self.breaks:
            parts.append(f"{self.breaks} break{'s' if self.breaks != 1 else ''}")
        parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")
        return ", ".join(parts)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a schedule is read: parsing makes a hundred
    thousand objects and no cycles worth collecting, and each collection would walk them all
    again (a third of the import time on a 3 MB schedule).

    What the import made is then moved to the collector's oldest generation (``gc.freeze``
    and ``gc.unfreeze``): a programme lives as long as the planner runs, and would otherwise
    be walked by the young generations' collections right after the import, only to be moved
    there anyway. Objects are still collected as usual; only when is changed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # every tracked object to the permanent generation...
            gc.unfreeze()  # ...and from there to the oldest one, without walking them
            gc.enable()


def max_import_bytes() -> int:
    """The size limit for a programme file, from ``PLANNER_MAX_IMPORT_MB``."""
    raw = os.environ.get(MAX_IMPORT_ENV, "").strip()
    if not raw:
        return int(DEFAULT_MAX_IMPORT_MB * _MB)
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:
        raise PlannerError(f"{MAX_IMPORT_ENV}={raw!r}: expected a positive number of megabytes")
    return int(megabytes * _MB)


def read_source(path: Path) -> bytes:
    """The bytes of ``path``, refused when over the import size limit."""
    limit = max_import_bytes()
    try:
        with open(path, "rb", buffering=0) as handle:  # unbuffered: one read, no copy
            size = os.fstat(handle.fileno()).st_size
            data = b""
            if size <= limit:
                # The size the file reports, and one byte more to notice one that grew (or a
                # pipe, which reports none); never a buffer of the whole limit up front.
                data = handle.read(size + 1)
                if len(data) > size:
                    data += handle.read(limit + 1 - len(data))
            size = max(size, len(data))
    except FileNotFoundError:
        raise ProgrammeError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ProgrammeError(f"{path}: is a folder, not a programme file") from None
    except OSError as error:
        raise ProgrammeError(f"{path}: cannot read it ({error.strerror or error})") from None
    if size > limit:
        raise ProgrammeError(
            f"{path}: {size / _MB:.1f} MB is over the import limit of {limit / _MB:.3g} MB "
            f"(set {MAX_IMPORT_ENV} to raise it)"
        )
    return data
