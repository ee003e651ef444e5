"""Reading JSON schedules: parsing with clear errors, and typed access that names the place."""

from __future__ import annotations

import json
from typing import Any

from planner.errors import ProgrammeError
from planner.sources.raw import Parsed, localized
from planner.userfiles import check_depth


def parse_json(data: bytes, source: str) -> Any:
    try:
        parsed = json.loads(data)
    except UnicodeDecodeError as error:
        raise ProgrammeError(f"{source}: not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise ProgrammeError(
            f"{source}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ProgrammeError(f"{source}: refused: values nested too deeply") from None
    except ValueError as error:
        raise ProgrammeError(f"{source}: unreadable JSON ({error})") from None
    check_depth(parsed, source, ProgrammeError)
    return parsed


class Where:
    """Typed look-ups in parsed JSON whose errors name the file and the path inside it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parsed = Parsed()  # date-times and durations, once per distinct text

    def fail(self, path: str, message: str, key: str = "") -> ProgrammeError:
        where = f"{path}.{key}" if key else path
        return ProgrammeError(f"{self.source}: {where}: {message}")

    # The place is given as ``path`` and ``key`` and joined only for a message: building
    # it for every value read would cost more than the reading.
    def obj(self, value: Any, path: str, key: str = "") -> dict[str, Any]:
        if type(value) is dict:
            return value
        raise self.fail(path, f"expected an object, found {_kind(value)}", key)

    def arr(self, value: Any, path: str, key: str = "") -> list[Any]:
        if type(value) is list:
            return value
        if value is None:
            return []
        raise self.fail(path, f"expected a list, found {_kind(value)}", key)

    def text(self, value: Any, path: str, key: str = "") -> str:
        """A string (numbers are accepted as their text; null is empty)."""
        kind = type(value)
        if kind is str:
            return value.strip()  # type: ignore[no-any-return]
        if value is None:
            return ""
        if kind is int or kind is float:  # an id as a number (not true/false)
            return str(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise self.fail(path, f"expected text, found {_kind(value)}", key)

    def loc(self, value: Any, path: str, key: str = "") -> str:
        """Text, or a translation map ``{"en": ..., "de": ...}``."""
        if type(value) is str:
            return value.strip()
        try:
            return localized(value).strip()
        except ValueError as error:
            raise self.fail(path, str(error), key) from None


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), "null" if value is None else type(value).__name__)
