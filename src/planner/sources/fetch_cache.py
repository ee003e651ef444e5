"""The copies of fetched programmes, one folder per URL: ``<cache>/fetched/<sha256 of the URL>/``
(``<cache>`` is :func:`planner.dirs.cache_dir`). The folder is named by the whole URL, secrets
and all, so that URLs differing only in a key never share copies.

The folder holds every version seen, one file each (named by when it was first fetched and its
content's hash), and ``meta.json``: the URL as it is shown (its secrets hidden by
:func:`planner.locations.shown_url`: nothing in the cache holds them), the newest version's ``ETag`` and
``Last-Modified``, when the server last gave or confirmed it (``fetched_at``) and the versions,
oldest first. Every file is written atomically (a version before the ``meta.json`` naming it),
so a reader sees the old state or the new one. The versions of one URL are kept up to
``PLANNER_FETCH_KEEP_MB`` (100 MB) in all: the oldest are removed first, the newest always kept.

Nothing here is the user's own data: a missing or unreadable ``meta.json`` is an empty cache.
Two runs fetching one URL at the same moment are not locked against each other: every file
stays whole, but the version one of them kept may be left out of ``meta.json`` (its file stays
until the folder is removed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.dirs import cache_dir
from planner.errors import PlannerError
from planner.locations import shown_url, url_suffix
from planner.storage import atomic_write_bytes, atomic_write_text
from planner.userfiles import MB, read_bytes

META = "meta.json"
KEEP_ENV = "PLANNER_FETCH_KEEP_MB"
DEFAULT_KEEP_MB = 100.0

_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class Version:
    """One version of the URL's body, as fetched."""

    file: str
    sha256: str
    size: int
    fetched_at: datetime
    """When this version was first fetched."""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Meta:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    """When the server last gave or confirmed (304) the newest version."""
    versions: list[Version] = field(default_factory=list)

    def to_json(self) -> str:
        def plain(value: Any) -> Any:
            return value.isoformat() if isinstance(value, datetime) else value

        data = {key: plain(value) for key, value in asdict(self).items() if key != "versions"}
        data["url"] = shown_url(self.url)  # for people to read; the folder names the URL
        data["versions"] = [
            {key: plain(value) for key, value in asdict(version).items()}
            for version in self.versions
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def keep_bytes() -> int:
    """How many bytes of versions are kept per URL, from ``PLANNER_FETCH_KEEP_MB``."""
    raw = os.environ.get(KEEP_ENV, "").strip()
    if not raw:
        return int(DEFAULT_KEEP_MB * MB)
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:
        raise PlannerError(f"{KEEP_ENV}={raw!r}: expected a positive number of megabytes")
    return int(megabytes * MB)


def url_folder(url: str, root: Path | None = None) -> Path:
    """The folder holding the copies of ``url``."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return (root if root is not None else cache_dir()) / "fetched" / digest


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _version(data: Any) -> Version | None:
    if not isinstance(data, dict):
        return None
    name, digest, size = data.get("file"), data.get("sha256"), data.get("size")
    at = _when(data.get("fetched_at"))
    if not isinstance(name, str) or "/" in name or name.startswith("."):
        return None
    if not isinstance(digest, str) or not isinstance(size, int) or at is None:
        return None
    return Version(
        name, digest, size, at, _text(data.get("etag")), _text(data.get("last_modified"))
    )


class Store:
    """The cached copies of one URL."""

    def __init__(self, url: str, root: Path | None = None) -> None:
        self.url = url
        self.shown = shown_url(url)
        """The URL as messages name it (:func:`planner.locations.shown_url`)."""
        self.folder = url_folder(url, root)

    @property
    def meta_path(self) -> Path:
        return self.folder / META

    def load(self) -> Meta:
        """What is kept for the URL; an empty :class:`Meta` when nothing (readable) is."""
        try:
            data = json.loads(read_bytes(self.meta_path, 1 * MB))
        except (OSError, ValueError, RecursionError, PlannerError):
            return Meta(self.url)
        # the shown URL (or, as kept before, the whole one): the folder's name tells URLs apart
        if not isinstance(data, dict) or data.get("url") not in (self.shown, self.url):
            return Meta(self.url)
        raw_versions = data.get("versions")
        versions = [v for v in map(_version, raw_versions or []) if v is not None]
        return Meta(
            url=self.url,
            etag=_text(data.get("etag")),
            last_modified=_text(data.get("last_modified")),
            fetched_at=_when(data.get("fetched_at")),
            versions=versions if isinstance(raw_versions, list) else [],
        )

    def path_of(self, version: Version) -> Path:
        return self.folder / version.file

    def newest(self, meta: Meta) -> Version | None:
        """The newest version whose file is still there."""
        return next((v for v in reversed(meta.versions) if self.path_of(v).is_file()), None)

    def read(self, version: Version, limit: int) -> bytes | None:
        """The bytes of ``version``, or ``None`` when its file is gone, unreadable, over
        ``limit`` or not what was stored (its hash differs)."""
        try:
            data = read_bytes(self.path_of(version), limit)
        except (OSError, PlannerError):
            return None
        return data if hashlib.sha256(data).hexdigest() == version.sha256 else None

    def confirm(
        self, meta: Meta, at: datetime, etag: str | None, last_modified: str | None
    ) -> Meta:
        """The server says the newest version is still current (``304 Not Modified``, or the
        same body again)."""
        updated = replace(
            meta,
            fetched_at=at,
            etag=etag or meta.etag,
            last_modified=last_modified or meta.last_modified,
        )
        atomic_write_text(self.meta_path, updated.to_json())
        return updated

    def add(
        self, meta: Meta, data: bytes, at: datetime, etag: str | None, last_modified: str | None
    ) -> tuple[Meta, Version]:
        """Keep ``data`` as the newest version (unless it is the newest already), then remove
        the oldest versions beyond :func:`keep_bytes`."""
        digest = hashlib.sha256(data).hexdigest()
        newest = self.newest(meta)
        if newest is not None and newest.sha256 == digest:
            updated = self.confirm(meta, at, etag, last_modified)
            return updated, newest
        suffix = url_suffix(self.url)
        name = (
            f"{at.astimezone(UTC):%Y%m%dT%H%M%S%fZ}-{digest[:16]}"
            f"{suffix if _SAFE_SUFFIX.match(suffix) else '.data'}"
        )
        version = Version(name, digest, len(data), at, etag, last_modified)
        atomic_write_bytes(self.folder / name, data)
        kept, dropped = prune([*meta.versions, version], keep_bytes())
        updated = Meta(self.url, etag, last_modified, at, kept)
        atomic_write_text(self.meta_path, updated.to_json())
        for old in dropped:
            if old.file != version.file:
                with contextlib.suppress(OSError):
                    self.path_of(old).unlink()
        return updated, version


def prune(versions: list[Version], limit: int) -> tuple[list[Version], list[Version]]:
    """``versions`` (oldest first) split into those kept, the newest whose sizes add up to at
    most ``limit`` (the newest always), and those dropped."""
    kept: list[Version] = []
    total = 0
    for index, version in enumerate(reversed(versions)):
        if index and total + version.size > limit:
            return kept[::-1], versions[: len(versions) - index]
        kept.append(version)
        total += version.size
    return kept[::-1], []
