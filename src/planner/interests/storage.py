"""The attendee's profile on disk, as TOML whose keys are the flags of ``planner plan``.

A profile file reads like a command line (``keyword = ["anomaly detection"]`` is
``--keyword "anomaly detection"``), and is read as the flags are, against the programme
(:mod:`planner.interests.settings`: ``arrive = "31 May 2pm"``, ``star.41 = "***"``, a local
date-time in the conference's zone). It round-trips exactly: :func:`load_profile` of what
:func:`save_profile` wrote equals the profile saved. Datetimes are TOML offset date-times: the
instant and its UTC offset are kept, the zone's name is not (an offset that is not whole minutes,
as in some 19th-century local mean times, is written in UTC). Values equal to the defaults are
left out. Writes are atomic: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import tomli_w

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.interests.settings import SettingsError, read_settings
from planner.storage import atomic_write_text
from planner.userfiles import MAX_PROFILE, check_depth, read_text

if TYPE_CHECKING:
    from planner.model import Programme

MARKER = "# planner profile:"
"""How every profile file the planner writes begins: the planner may overwrite such a file."""

HEADER = (
    f"{MARKER} each key is a flag of `planner plan` "
    "(keyword = [...] is --keyword ..., star = {...} is --star ID=WEIGHT).\n"
)


def default_profile_path() -> Path:
    """Where the TUI keeps the profile when no path is given."""
    return Path(platformdirs.user_data_dir("planner")) / "profile.toml"


def _tomlable(value: Any) -> Any:
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and offset % timedelta(minutes=1):
            return value.astimezone(UTC)
        return value
    if isinstance(value, dict):
        return {key: _tomlable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_tomlable(item) for item in value]
    return value


def profile_to_toml(profile: InterestProfile) -> str:
    data = profile.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    return HEADER + tomli_w.dumps(_tomlable(data))


def profile_from_toml(
    text: str, source: str, programme: Programme | None = None
) -> InterestProfile:
    """Read a profile against ``programme`` (its zone and days read local times); ``source``
    (the file name) starts every error message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlannerError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise PlannerError(f"{source}: refused: values nested too deeply") from None
    check_depth(data, source)
    try:
        return InterestProfile.model_validate(read_settings(data, programme))
    except SettingsError as error:
        lines = error.problems
        if len(lines) == 1:
            raise PlannerError(f"{source}: {lines[0]}") from None
        raise PlannerError(
            f"{source}: {len(lines)} problems:\n" + "\n".join(f"  - {line}" for line in lines)
        ) from None


def save_profile(profile: InterestProfile, path: Path | None = None) -> Path:
    """Write ``profile`` atomically to ``path`` (default: :func:`default_profile_path`)."""
    target = Path(path) if path is not None else default_profile_path()
    text = profile_to_toml(profile)
    atomic_write_text(target, text)  # a failure is a PlannerError naming the file
    return target


def load_profile(
    path: Path | None = None, programme: Programme | None = None, *, missing_ok: bool = False
) -> InterestProfile:
    """Read the profile at ``path`` (default: :func:`default_profile_path`) against
    ``programme`` (see :func:`profile_from_toml`). A missing file is an error, or an empty
    profile with ``missing_ok``."""
    source = Path(path) if path is not None else default_profile_path()
    if missing_ok and not source.exists() and not source.is_symlink():
        return InterestProfile.model_validate({})
    text = read_text(source, "file", limit=MAX_PROFILE)
    return profile_from_toml(text, str(source), programme)
