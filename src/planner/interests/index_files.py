"""Indexes kept on disk between runs: a built index's arrays in one numpy ``.npz`` file under
the cache folder (:func:`planner.dirs.cache_dir`), named by a key that hashes everything the
index is built from, so that the next run reads it instead of building it again.

A file is written atomically (:func:`planner.storage.atomic_write_bytes`) and read without
pickles; a file that cannot be read, or holds other arrays than asked for, is ignored (the
caller builds the index again and writes it anew): a cache is never an error. Only the last
:data:`KEEP_FILES` of each kind are kept, the least recently used going first.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from planner.dirs import cache_dir
from planner.errors import PlannerError
from planner.storage import atomic_write_bytes

Array = np.ndarray[Any, Any]
FOLDER = "indexes"
KEEP_FILES = 4
"""Files of one kind kept (programmes whose index is read rather than built)."""
_KEY = "key"
"""The array that holds the file's own key, to tell a file renamed or half-replaced."""


def text_key(version: str, texts: Iterable[str]) -> str:
    """A hex digest of ``version`` and the texts, in order (each length-prefixed, so no two
    different lists of texts give the same bytes)."""
    digest = hashlib.blake2b(version.encode("utf-8"), digest_size=20)
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _path(kind: str, key: str) -> Path:
    return cache_dir() / FOLDER / f"{kind}-{key}.npz"


def _key_array(key: str) -> Array:
    return np.frombuffer(key.encode("ascii"), dtype=np.uint8)


def load(kind: str, key: str, names: Iterable[str]) -> dict[str, Array] | None:
    """The arrays named ``names`` kept for ``key``, or None when there is no such file or it
    cannot be read, is not this key's or lacks one of them."""
    path = _path(kind, key)
    try:
        with np.load(path, allow_pickle=False) as held:
            if bytes(held[_KEY]).decode("ascii") != key:
                return None
            found = {name: held[name] for name in names}
    except Exception:  # whatever is wrong with a cache file (absent, cut short, not a zip), it
        return None  # is built again
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longer
    return found


def save(kind: str, key: str, arrays: Mapping[str, Array]) -> None:
    """Keep ``arrays`` for ``key``, then remove all but the last :data:`KEEP_FILES` files of
    ``kind``; a cache folder that cannot be written is left as it is (the index is built again
    next time)."""
    buffer = io.BytesIO()
    kept: dict[str, Any] = {_KEY: _key_array(key), **arrays}
    np.savez(buffer, allow_pickle=False, **kept)
    path = _path(kind, key)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except PlannerError:
        return
    _prune(path.parent, kind)


def _prune(folder: Path, kind: str) -> None:
    dated: list[tuple[int, Path]] = []
    for path in folder.glob(f"{kind}-*.npz"):
        with contextlib.suppress(OSError):
            dated.append((path.stat().st_mtime_ns, path))
    dated.sort(reverse=True)
    for _, path in dated[KEEP_FILES:]:
        with contextlib.suppress(OSError):
            path.unlink()
