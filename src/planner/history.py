"""What the planner remembers between runs about a programme it follows: the last version seen
of each source (a file or a URL) and the last plan made from it for each profile.

Kept in the cache folder (:mod:`planner.dirs`), written atomically. A version is stored only
when its fingerprint (the fields the change list compares) differs from the one seen, so that an
unchanged programme costs one small read. What is kept there is never the user's own data: a
record that cannot be read is ignored (the run reports no changes and keeps nothing as its
hint), and a record that cannot be written is one warning, never a failed plan.

A source is told apart by its whole name (a URL with its secrets: the folders are named by a
digest of it), but what is written for people to read names it as it is shown
(:func:`planner.locations.shown_url`): no record holds a URL's secrets.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.dirs import cache_dir
from planner.errors import PlannerError
from planner.itinerary import Itinerary
from planner.locations import is_url, shown_url
from planner.model import Programme
from planner.model.changes import ProgrammeChange, programme_changes
from planner.storage import atomic_write_text


def source_key(source: Path | str | None) -> str | None:
    """What names a followed source: a URL as given, a file by its absolute path; ``None`` (the
    embedded programme, which does not change under the user) is not followed."""
    if source is None:
        return None
    if is_url(source):
        return str(source)
    return str(Path(source).expanduser().resolve())


def shown_source(key: str) -> str:
    """A source's key as messages and records name it: a URL without its secrets."""
    return shown_url(key) if is_url(key) else key


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:24]


def fingerprint(programme: Programme) -> str:
    """A digest of what :func:`programme_changes` compares, cheap beside the full programme."""
    rows = [
        (
            c.id,
            c.cancelled,
            [t.isoformat() for t in map(programme.local, programme.window(c))],
            programme.room_of(c),
            c.title,
            [(s.name, s.affiliation) for s in c.speakers],
            hashlib.sha256(c.abstract.encode()).hexdigest(),
        )
        for c in programme.contributions
    ]
    return _digest(programme.conference.timezone, json.dumps(rows))


@dataclass
class Seen:
    """The outcome of :func:`see`: the changes since the version seen before (empty the first
    time), when that version was seen, and warnings about the record. :func:`keep` then makes
    the new version the last seen (once the run has shown its changes)."""

    changes: list[ProgrammeChange] = field(default_factory=list)
    first: bool = True
    seen_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    key: str = ""
    programme: Programme | None = None
    stamp: str = ""


def _folder(key: str) -> Path:
    return cache_dir() / "seen" / _digest(key)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def _write(path: Path, text: str, warnings: list[str], what: str) -> None:
    try:
        atomic_write_text(path, text)
    except PlannerError as error:
        warnings.append(f"{what} not kept: {error}")


def see(key: str, programme: Programme) -> Seen:
    """Compare ``programme`` with the version of ``key`` seen last."""
    folder = _folder(key)
    meta = _read_json(folder / "meta.json")
    seen = Seen(key=key, programme=programme, stamp=fingerprint(programme))
    shown = shown_source(key)
    # the source as shown (or, in a record kept before, as given): the folder tells keys apart
    if isinstance(meta, dict) and meta.get("source") in (shown, key):
        seen.first = False
        seen.seen_at = _instant(meta.get("seen_at"))
        if meta.get("fingerprint") == seen.stamp and meta.get("source") == shown:
            seen.programme = None  # nothing new to keep (a record naming secrets is rewritten)
            return seen
        earlier = _earlier(folder / "programme.json")
        if earlier is None:
            seen.first = True  # the stored version is unreadable: nothing to compare with
        else:
            seen.changes = programme_changes(earlier, programme)
    return seen


def keep(seen: Seen) -> list[str]:
    """Make the version compared by :func:`see` the last seen; warnings."""
    warnings: list[str] = []
    if seen.programme is None:
        return warnings
    folder = _folder(seen.key)
    what = f"the version of {shown_source(seen.key)} seen now (for the next change list)"
    _write(folder / "programme.json", seen.programme.model_dump_json(), warnings, what)
    record = {
        "source": shown_source(seen.key),
        "fingerprint": seen.stamp,
        "seen_at": datetime.now(UTC).isoformat(),
    }
    _write(folder / "meta.json", json.dumps(record), warnings, what)
    return warnings


def _instant(text: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _earlier(path: Path) -> Programme | None:
    try:
        return Programme.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError, RecursionError):
        return None


def _plan_path(key: str, profile: Path | None) -> Path:
    who = str(profile.expanduser().resolve()) if profile else "the command line"
    return cache_dir() / "plans" / f"{_digest(key, who)}.json"


def last_plan(key: str, profile: Path | None) -> Itinerary | None:
    """The plan made last from source ``key`` for the profile file (or the command line)."""
    from planner.planning import read_previous

    path = _plan_path(key, profile)
    if not path.is_file():
        return None
    try:
        return read_previous(path)
    except PlannerError:
        return None


def keep_plan(key: str, profile: Path | None, plan_json: dict[str, Any]) -> list[str]:
    """Keep a plan (``planner plan --json``'s data) as the hint for the next run; warnings."""
    warnings: list[str] = []
    _write(_plan_path(key, profile), json.dumps(plan_json), warnings, "this plan")
    return warnings
