"""The attendee's profile on disk, as TOML whose keys are the flags of ``planner plan``.

A profile file reads like a command line (``keyword = ["anomaly detection"]`` is
``--keyword "anomaly detection"``) and round-trips exactly: :func:`load_profile` of what
:func:`save_profile` wrote equals the profile saved. Datetimes are TOML offset date-times: the
instant and its UTC offset are kept, the zone's name is not (an offset that is not whole minutes,
as in some 19th-century local mean times, is written in UTC). Values equal to the defaults are
left out. Writes are atomic: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import difflib
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w
from pydantic import ValidationError

from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.model.io import describe_validation_error
from planner.storage import atomic_write_text

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


def _suggest(line: str) -> str:
    """An unknown top-level key, worded for the user, with the nearest setting."""
    key, sep, message = line.partition(": ")
    if not sep or message != "Extra inputs are not permitted" or "." in key or "[" in key:
        return line
    close = difflib.get_close_matches(key, InterestProfile.model_fields, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{key}: not a profile setting{hint}"


def profile_from_toml(text: str, source: str) -> InterestProfile:
    """Read a profile; ``source`` (the file name) starts every error message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlannerError(f"{source}: not valid TOML: {error}") from None
    try:
        return InterestProfile.model_validate(data)
    except ValidationError as error:
        lines = [_suggest(line) for line in describe_validation_error(error, data)]
        raise PlannerError(
            f"{source}: {len(lines)} problem{'s' if len(lines) != 1 else ''}:\n"
            + "\n".join(f"  - {line}" for line in lines)
        ) from None


def save_profile(profile: InterestProfile, path: Path | None = None) -> Path:
    """Write ``profile`` atomically to ``path`` (default: :func:`default_profile_path`)."""
    target = Path(path) if path is not None else default_profile_path()
    text = profile_to_toml(profile)
    try:
        atomic_write_text(target, text)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlannerError(f"{target}: cannot write it ({reason})") from None
    return target


def load_profile(path: Path | None = None, *, missing_ok: bool = False) -> InterestProfile:
    """Read the profile at ``path`` (default: :func:`default_profile_path`). A missing file is
    an error, or an empty profile with ``missing_ok``."""
    source = Path(path) if path is not None else default_profile_path()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return InterestProfile.model_validate({})
        raise PlannerError(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlannerError(f"{source}: cannot read it ({error})") from None
    return profile_from_toml(text, str(source))
