"""Safe, distinct file names for group members: no path separators, no dot files, no clashes
between similar names ("Ana", "ana", "Aña" get three different files), and never the name of
one of the group's own files (a member called "Overview" gets ``member-overview.md``, not the
group's ``overview.md``, and "Room load" gets ``member-room-load``). Stems are lower case, so they stay distinct on file systems that
ignore case."""

from __future__ import annotations

from planner.slugs import slug

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
OVERVIEW = "overview"
"""The group's overview: ``overview.md`` and ``overview.html``."""
GROUP = "group"
"""The group's ``group.json``."""
ROOM_LOAD = "room_load"
"""The room-load forecast, ``room_load.csv`` (``independent``)."""
_GROUP_FILES = {OVERVIEW, GROUP, ROOM_LOAD, "room-load"}
MAX_STEM = 60


def stem_for(name: str) -> str:
    """``"José María / Ñ"`` -> ``"jose-maria-n"``; never empty, never a reserved device name."""
    stem = slug(name)[:MAX_STEM].strip("-")
    if not stem or stem in _RESERVED or stem in _GROUP_FILES:
        stem = f"member-{stem}" if stem else "member"
    return stem


def distinct_stems(names: list[str]) -> list[str]:
    """One stem per name, in order; later clashes get ``-2``, ``-3`` ... (case-insensitively)."""
    taken: set[str] = set()
    stems: list[str] = []
    for name in names:
        base = stem_for(name)
        stem, n = base, 1
        while stem in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem)
        stems.append(stem)
    return stems
