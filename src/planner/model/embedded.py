"""The embedded programme, read from a copy of its data kept as JSON in the cache folder
(:func:`planner.dirs.cache_dir`), so that a run reads JSON rather than loading the YAML library
and parsing the file (about 40 ms of ``planner plan``'s start).

The YAML file stays the programme: a copy is named by a hash of the file's bytes, so an edited
or upgraded file never meets an old copy, and it holds the data exactly as read from the YAML
(it is made only when that data reads back from JSON equal, so a date or a number never turns
into text). The data is then checked as a programme as the file's own would be. A copy that
cannot be read, or whose data is not a programme, is ignored and made again; one that cannot be
written costs only the next run's YAML. Only the last :data:`KEEP_FILES` copies are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from planner.dirs import cache_dir
from planner.errors import PlannerError, ProgrammeError
from planner.model.io import programme_data, programme_from_data
from planner.model.programme import Programme
from planner.storage import atomic_write_text
from planner.userfiles import read_source

FOLDER = "programme-data"
KEEP_FILES = 4
"""Copies kept (for as many versions of the embedded file, such as two installed planners)."""


def read_embedded(path: Path) -> Programme:
    """The programme in the embedded YAML file ``path``, read from its copy when one is kept
    for these bytes (and the copy made when not)."""
    data = read_source(path)
    key = hashlib.blake2b(data, digest_size=20).hexdigest()
    copy = cache_dir() / FOLDER / f"{path.stem}-{key}.json"
    kept = _read_copy(copy, key)
    if kept is not None:
        with contextlib.suppress(ProgrammeError):
            return programme_from_data(kept, str(path))
    parsed = programme_data(data, str(path), path.suffix)
    programme = programme_from_data(parsed, str(path))
    _keep(copy, key, parsed)
    return programme


def _read_copy(copy: Path, key: str) -> Any:
    """The data kept in ``copy`` for ``key``, or None (no copy, unreadable, another key's)."""
    try:
        held = json.loads(copy.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(held, dict) or held.get("key") != key:
        return None
    return held.get("data")


def _keep(copy: Path, key: str, data: Any) -> None:
    """Write the copy of ``data`` when JSON holds it exactly, then remove all but the last
    :data:`KEEP_FILES` copies; a folder that cannot be written is left as it is."""
    try:
        text = json.dumps({"key": key, "data": data}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # a date, a set, a NaN: JSON does not hold it as it is
        return
    if json.loads(text)["data"] != data:  # keys that are not text, tuples
        return
    try:
        atomic_write_text(copy, text)
    except PlannerError:
        return
    dated: list[tuple[int, Path]] = []
    for other in copy.parent.glob("*.json"):
        with contextlib.suppress(OSError):
            dated.append((other.stat().st_mtime_ns, other))
    for _, other in sorted(dated, reverse=True)[KEEP_FILES:]:
        with contextlib.suppress(OSError):
            other.unlink()
