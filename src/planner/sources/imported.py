"""What an import gives back: the programme, and what was noticed on the way.

Also the guard every importer reads its file through (:func:`planner.userfiles.read_source`):
a size limit (``PLANNER_MAX_IMPORT_MB``, 50 MB by default) and regular files only, so that a
huge or endless file, or a named pipe, is refused before it is parsed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from planner.model import Programme
from planner.userfiles import read_source

__all__ = ["Imported", "paused_gc", "read_source"]


@dataclass(frozen=True)
class Imported:
    """A programme read from a file, with the reader's warnings (untidy data it kept)."""

    programme: Programme
    format: str
    source: str
    events: int
    breaks: int = 0
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    """About where the programme came from, for the user's stderr (not warnings about its
    data): ``using the copy of URL fetched 3 h ago: ...`` when a server could not be reached."""

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
