"""The constraints form's fields as text, and back: parsing with one message per field.

Pure functions (no Textual here). Times are read in the conference's zone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.profile import BusyInterval
from planner.model import Programme
from planner.tui.profile_edits import revised

#: Field name -> (label, hint shown as the placeholder).
FIELDS: dict[str, tuple[str, str]] = {
    "arrive": ("Arrival", "YYYY-MM-DD HH:MM, blank: from the start"),
    "leave": ("Departure", "YYYY-MM-DD HH:MM, blank: to the end"),
    "busy": ("Busy times", "one a line: YYYY-MM-DD HH:MM–HH:MM or START/END, then a label"),
    "busy_ics": ("Busy calendars", "one .ics file a line"),
    "lunch": ("Lunch (min)", "minutes each day, 0: no lunch"),
    "lunch_window": ("Lunch window", "HH:MM–HH:MM"),
    "walk": ("Walking (min)", "minutes between two rooms"),
    "max_talks_per_day": ("Talks a day", "at most, blank: no cap"),
    "max_hours_per_day": ("Hours a day", "at most, blank: no cap"),
    "own": ("Own items", "ids of your talks and posters, comma-separated"),
}
MULTILINE = {"busy", "busy_ics"}

_DATETIME = "%Y-%m-%d %H:%M"
_BUSY = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})\s+(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})"
    r"(?:\s+(?P<label>.*))?$"
)
_SPAN = re.compile(r"^(?P<start>\d{1,2}:\d{2})\s*[-–/]\s*(?P<end>\d{1,2}:\d{2})$")
_BUSY_FORMS = (
    "YYYY-MM-DD HH:MM–HH:MM or START/END (as planner plan --busy), then a label if you like"
)


@dataclass
class Parsed:
    """The profile changes read from the form, and an error message per bad field."""

    changes: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _hm(value: time) -> str:
    return value.strftime("%H:%M")


def form_values(profile: InterestProfile, programme: Programme) -> dict[str, str]:
    """The form's text for ``profile``, times in the conference's zone."""
    zone = programme.conference.zone

    def moment(value: datetime | None) -> str:
        return value.astimezone(zone).strftime(_DATETIME) if value else ""

    busy_lines = []
    for interval in profile.busy:
        start, end = interval.start.astimezone(zone), interval.end.astimezone(zone)
        if start.date() == end.date():
            line = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
        else:  # over midnight: the START/END form says both days
            line = f"{start:%Y-%m-%d %H:%M}/{end:%Y-%m-%d %H:%M}"
        busy_lines.append(f"{line} {interval.label}" if interval.label else line)
    return {
        "arrive": moment(profile.arrive),
        "leave": moment(profile.leave),
        "busy": "\n".join(busy_lines),
        "busy_ics": "\n".join(profile.busy_ics),
        "lunch": str(profile.lunch),
        "lunch_window": f"{_hm(profile.lunch_window[0])}–{_hm(profile.lunch_window[1])}",
        "walk": str(profile.walk),
        "max_talks_per_day": ""
        if profile.max_talks_per_day is None
        else str(profile.max_talks_per_day),
        "max_hours_per_day": ""
        if profile.max_hours_per_day is None
        else f"{profile.max_hours_per_day:g}",
        "own": ", ".join(profile.own),
    }


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _moment(
    text: str, programme: Programme, prefer: Literal["earlier", "later"]
) -> datetime | None:
    """A date and time read as ``planner plan --arrive/--leave`` reads it (DST-aware: a time
    the clocks skip is refused; of a time that happens twice, ``prefer`` picks one)."""
    from planner.interests.attendee_input import parse_datetime

    if not text.strip():
        return None
    conference = programme.conference
    default_day = conference.start if prefer == "later" else conference.end
    try:
        return parse_datetime(text, conference.zone, "", default_day=default_day, prefer=prefer)
    except PlannerError as error:
        raise ValueError(str(error).strip()) from None


def _busy(text: str, zone: ZoneInfo, default_day: date) -> list[BusyInterval]:
    """One busy time a line: ``YYYY-MM-DD HH:MM–HH:MM label`` (a hyphen or an en dash), or
    ``START/END label`` as ``planner plan --busy`` reads it."""
    from planner.interests.attendee_input import localize

    intervals = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _BUSY.match(line)
        if not match:
            if "/" not in line:
                raise ValueError(f"line {number}: expected {_BUSY_FORMS}; got {line!r}")
            intervals.append(_busy_start_end(line, zone, default_day, number))
            continue
        day = date.fromisoformat(match["day"])
        try:
            start = localize(datetime.combine(day, _clock(match["start"])), zone, "earlier")
            end = localize(datetime.combine(day, _clock(match["end"])), zone, "later")
        except ValueError as error:
            raise ValueError(f"line {number}: {error}") from None
        if end <= start:
            raise ValueError(f"line {number}: ends at {match['end']}, before it starts")
        intervals.append(BusyInterval(start=start, end=end, label=match["label"] or None))
    return intervals


def _busy_start_end(line: str, zone: ZoneInfo, default_day: date, number: int) -> BusyInterval:
    """``START/END`` and a label, as ``planner plan --busy`` reads them."""
    from planner.interests.attendee_input import parse_busy_in

    try:
        return parse_busy_in(line, zone, default_day=default_day, flag="")
    except PlannerError as error:
        raise ValueError(f"line {number}: {str(error).strip()}") from None


def _minutes(text: str) -> int:
    value = int(text.strip())
    if value < 0:
        raise ValueError("must be 0 or more minutes")
    return value


def parse_form(values: dict[str, str], programme: Programme) -> Parsed:
    """Read every field; a bad one gets its message and the others are still read."""
    zone = programme.conference.zone
    out = Parsed()

    def read(name: str, reader: Any) -> None:
        text = values.get(name, "")
        try:
            out.changes[name] = reader(text)
        except ValueError as error:
            message = str(error)
            if message.startswith(("invalid literal", "could not convert")):
                message = f"not understood: {text.strip()!r} ({FIELDS[name][1]})"
            out.errors[name] = message

    read("arrive", lambda t: _moment(t, programme, "later"))
    read("leave", lambda t: _moment(t, programme, "earlier"))
    read("busy", lambda t: _busy(t, zone, programme.conference.start))
    read("busy_ics", _calendars)
    read("lunch", _minutes)
    read("lunch_window", _window)
    read("walk", _minutes)
    read("max_talks_per_day", lambda t: _minutes(t) if t.strip() else None)
    read("max_hours_per_day", _hours)
    read("own", lambda t: _own(t, programme))
    if "arrive" in out.changes and "leave" in out.changes:
        arrive, leave = out.changes["arrive"], out.changes["leave"]
        if arrive and leave and leave <= arrive:
            out.errors["leave"] = "departure is not after arrival"
    return out


def _calendars(text: str) -> list[str]:
    from planner.interests.busy_calendar import calendar_files

    paths = [line.strip() for line in text.splitlines() if line.strip()]
    try:
        calendar_files(Path(p).expanduser() for p in paths)
    except PlannerError as error:
        raise ValueError(str(error)) from None
    return paths


def _window(text: str) -> tuple[time, time]:
    match = _SPAN.match(text.strip())
    if not match:
        raise ValueError(f"not understood: {text.strip()!r} (HH:MM–HH:MM)")
    start, end = _clock(match["start"]), _clock(match["end"])
    if end <= start:
        raise ValueError("the window ends before it starts")
    return start, end


def _hours(text: str) -> float | None:
    if not text.strip():
        return None
    value = float(text.strip())
    if value < 0:
        raise ValueError("must be 0 or more hours")
    return value


def _own(text: str, programme: Programme) -> list[str]:
    ids = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    unknown = [i for i in ids if i not in programme.contribution_by_id]
    if unknown:
        raise ValueError(f"not in the programme: {', '.join(unknown)}")
    return ids


def apply_form(
    profile: InterestProfile, values: dict[str, str], programme: Programme
) -> tuple[InterestProfile | None, dict[str, str]]:
    """The revised profile, or None and the message of each bad field."""
    parsed = parse_form(values, programme)
    if parsed.errors:
        return None, parsed.errors
    try:
        return revised(profile, **parsed.changes), {}
    except PlannerError as error:
        return None, {"form": str(error)}
