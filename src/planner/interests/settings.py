"""Profile settings as a file writes them, read as ``planner plan`` reads its flags.

One reader for a TOML profile (:mod:`planner.interests.storage`) and a member of a group file
(:mod:`planner.group.profiles`):

- ``keyword``, ``speaker``, ``must``, ``skip``, ``own``, ``busy_ics``, ``type``, ``skip_type``,
  ``language``: a list, or one value.
- ``star``: ``{ID = WEIGHT}`` with WEIGHT ``"*"``, ``"**"``, ``"***"`` or a number of 0 or more
  (as ``--star ID=WEIGHT``), or a list of ``"ID=WEIGHT"`` / ``"ID"``.
- ``session``: ``{NAME = WEIGHT}``, or a list of ``"NAME=WEIGHT"`` / ``"NAME"``.
- ``like``: ``{FILE = WEIGHT}``, or a list of ``"FILE=WEIGHT"`` / ``"FILE"`` (as ``--like``);
  ``like_item``: a contribution id or a list of them.
- ``arrive``, ``leave``: a date and time with a UTC offset is that instant, as written. Without
  one (``2022-05-30T14:00:00``, ``"31 May 2pm"``, ``14:00:00``) it is read as the flag reads
  it (:mod:`planner.interests.attendee_input`): in the conference's zone, on the conference's first
  day (``leave``: its last) when no date is given.
- ``busy``: a list of ``{start, end, label}``, ``[START, END]`` or ``"START/END"``.
- any other setting as :class:`InterestProfile` holds it (a number may be written as text).

Reading a time without an offset needs the programme; without one such a time is a problem.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from pydantic import ValidationError

from planner.errors import PlannerError
from planner.interests.attendee_input import (
    Prefer,
    like_entry,
    parse_busy_in,
    read_moment,
    session_entry,
    star_entry,
    star_weight,
)
from planner.interests.profile import BusyInterval, InterestProfile, check_texts
from planner.model import Programme
from planner.problems import describe_problems

NOUN = "profile setting"


class SettingsError(PlannerError):
    """Settings with problems, one line each (``star.41: at most 3 stars``)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def as_text(value: Any) -> str:
    """A value as a flag would have it: dates and times from YAML or TOML in ISO form."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _scalar(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    )


def _shown(value: Any) -> str:
    return repr(as_text(value)) if _scalar(value) or isinstance(value, date | time) else repr(value)


def _texts(value: Any, key: str, what: str = "a text") -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not all(_scalar(item) for item in items):
        raise ValueError(f"{key}: {value!r} should be {what} or a list of them")
    return check_texts([as_text(item) for item in items], key)


def _ids(value: Any, key: str, programme: Programme | None) -> list[str]:
    return _texts(value, key, "a contribution id")


def _entries(value: Any, key: str, entry: Callable[[str], tuple[str, float]]) -> dict[str, float]:
    """``{NAME: WEIGHT}``, or a list of ``NAME=WEIGHT`` (a single one too), as the flag."""
    if isinstance(value, dict):
        check_texts([str(name) for name in value], key)
        return {str(name): _weight(weight, f"{key}.{name}", key) for name, weight in value.items()}
    found: dict[str, float] = {}
    for text in _texts(value, key, f"a {key} entry"):
        try:
            name, weight = entry(text)
        except ValueError as error:
            raise ValueError(f"{key} {text!r}: {error}") from None
        found[name] = weight
    return found


def _weight(value: Any, where: str, key: str) -> float:
    if not _scalar(value):
        raise ValueError(f"{where}: {value!r} is not a number")
    try:
        if key == "star":
            return star_weight(as_text(value))
        weight = float(value)
    except ValueError as error:
        reason = str(error) if key == "star" else f"{_shown(value)} is not a number"
        raise ValueError(f"{where}: {reason}") from None
    if not math.isfinite(weight):
        raise ValueError(f"{where}: {_shown(value)} is not a number")
    return weight


def _stars(value: Any, key: str, programme: Programme | None) -> dict[str, float]:
    return _entries(value, key, star_entry)


def _sessions(value: Any, key: str, programme: Programme | None) -> dict[str, float]:
    return _entries(value, key, session_entry)


def _moment(
    value: Any,
    where: str,
    programme: Programme | None,
    default: datetime | date,
    prefer: Prefer,
) -> datetime:
    """``value`` as an aware datetime; raises ValueError naming ``where`` and the value."""
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value
    if not (_scalar(value) or isinstance(value, date | time)):
        raise ValueError(f"{where}: {value!r} is not a date and time (e.g. 2022-05-31 14:00)")
    text = as_text(value)
    zone = programme.conference.zone if programme is not None else None
    start = default if isinstance(default, datetime) else datetime.combine(default, time())
    try:
        return read_moment(text, zone, start.replace(tzinfo=None), prefer)
    except ValueError as error:
        raise ValueError(f"{where} {text!r}: {error}") from None


def _arrive(value: Any, key: str, programme: Programme | None) -> datetime:
    day = programme.conference.start if programme else date(2000, 1, 1)
    return _moment(value, key, programme, day, "later")


def _leave(value: Any, key: str, programme: Programme | None) -> datetime:
    day = programme.conference.end if programme else date(2000, 1, 1)
    return _moment(value, key, programme, day, "earlier")


_BUSY_FORMS = 'give [START, END], "START/END" or { start, end }'


def _busy(value: Any, key: str, programme: Programme | None) -> list[BusyInterval]:
    items = value if isinstance(value, list) else [value]
    return [_one_busy(item, f"{key}[{n}]", programme) for n, item in enumerate(items)]


def _one_busy(item: Any, where: str, programme: Programme | None) -> BusyInterval:
    first_day = programme.conference.start if programme else date(2000, 1, 1)
    if isinstance(item, str):
        zone = programme.conference.zone if programme is not None else None
        try:
            return parse_busy_in(item, zone, default_day=first_day, flag=where)
        except PlannerError as error:
            raise ValueError(str(error)) from None
    label: Any = None
    if isinstance(item, dict):
        unknown = [k for k in item if k not in ("start", "end", "label")]
        if unknown or "start" not in item or "end" not in item:
            raise ValueError(f"{where}: {_BUSY_FORMS}, with an optional label")
        start_value, end_value, label = item["start"], item["end"], item.get("label")
        if label is not None and not isinstance(label, str):
            raise ValueError(f"{where}.label: {label!r} should be text")
    elif isinstance(item, list | tuple) and len(item) == 2:
        start_value, end_value = item
    else:
        raise ValueError(f"{where}: {_BUSY_FORMS}")
    start = _moment(start_value, f"{where} start", programme, first_day, "earlier")
    local = start.astimezone(programme.conference.zone) if programme else start
    end = _moment(end_value, f"{where} end", programme, local, "later")
    if end <= start:
        raise ValueError(f"{where}: ends ({end:%Y-%m-%d %H:%M}) before it starts")
    return BusyInterval(start=start, end=end, label=label)


_READERS: dict[str, Callable[[Any, str, Programme | None], Any]] = {
    "keyword": lambda v, k, p: _texts(v, k),
    "speaker": lambda v, k, p: _texts(v, k),
    "busy_ics": lambda v, k, p: _texts(v, k, "a file name"),
    "type": lambda v, k, p: _texts(v, k, "an event type"),
    "skip_type": lambda v, k, p: _texts(v, k, "an event type"),
    "language": lambda v, k, p: _texts(v, k, "a language"),
    "must": _ids,
    "skip": _ids,
    "own": _ids,
    "star": _stars,
    "session": _sessions,
    "like": lambda v, k, p: _entries(v, k, like_entry),
    "like_item": _ids,
    "arrive": _arrive,
    "leave": _leave,
    "busy": _busy,
}


def read_settings(
    fields: Mapping[str, Any], programme: Programme | None, *, extra_keys: Sequence[str] = ()
) -> dict[str, Any]:
    """The settings in ``fields``, as :class:`InterestProfile` values, checked as a profile's.
    Raises :class:`SettingsError` listing every problem, each naming its key; ``extra_keys``
    are the file's other keys, offered as suggestions for an unknown one."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in fields.items():
        reader = _READERS.get(key)
        if reader is None:
            values[key] = value
            continue
        try:
            values[key] = reader(value, key, programme)
        except ValueError as error:
            problems.append(str(error))
    try:
        checked = InterestProfile.model_validate(values)
    except ValidationError as error:
        problems += describe_problems(error, InterestProfile, noun=NOUN, extra_keys=extra_keys)
    if problems:
        order = list(fields)
        problems.sort(key=lambda line: _rank(line, order))
        raise SettingsError(problems)
    return {key: getattr(checked, key) for key in values}


def _rank(line: str, order: list[str]) -> int:
    """Problems in the order of their keys in the file."""
    head = line.split(":")[0].split(" ")[0].split(".")[0].split("[")[0]
    return order.index(head) if head in order else len(order)
