"""Busy times from the attendee's own calendars (``--busy-ics FILE``, repeatable, or a folder).

Recurring events (RRULE, RDATE, EXDATE, overridden instances) are expanded over the conference's
days with recurring-ical-events. All-day events block the whole local day; times in other zones
are converted; floating times are taken in the conference's zone. Free (TRANSP:TRANSPARENT) and
cancelled events are ignored. A file that is not a calendar is an error naming it; a calendar
with some broken events imports the rest and lists what it skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component

from planner.errors import PlannerError
from planner.export.ics import parse_calendar
from planner.interests.profile import BusyInterval
from planner.model.programme import Programme
from planner.userfiles import check_regular, max_import_bytes, read_bytes


@dataclass
class BusyImport:
    intervals: list[BusyInterval] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def calendar_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with a folder standing for the .ics files in it (sorted)."""
    files: list[Path] = []
    for path in map(Path, paths):
        check_regular(path)  # a named pipe or a device: refused, never read
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".ics")
            if not found:
                raise PlannerError(f"{path}: a folder with no .ics calendar files in it")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise PlannerError(f"{path}: no such calendar file or folder")
    return files


def _read(path: Path) -> Calendar:
    try:
        data = read_bytes(path, max_import_bytes())
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error})") from None
    if not data.strip():
        raise PlannerError(f"{path}: an empty file, not an iCalendar file")
    return parse_calendar(data, str(path))


def _aware(value: date | datetime, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=zone)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _name(event: Component) -> str:
    summary = str(event.get("SUMMARY", "")).strip()
    uid = str(event.get("UID", "")).strip()
    parts = [repr(summary) if summary else "without a title"]
    if uid:
        parts.append(f"(UID {uid})")
    return "event " + " ".join(parts)


def _short(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _problem(event: Component) -> str | None:
    """Why an event cannot be read, or ``None``."""
    if event.errors:
        # icalendar names the property it could not read, or None for a line it could not split
        return "; ".join(
            f"{prop}: {message}" if prop else message for prop, message in event.errors
        )
    if "DTSTART" not in event:
        return "no DTSTART"
    if "DTEND" in event and _backwards(event.decoded("DTSTART"), event.decoded("DTEND")):
        return "ends before it starts"
    return None


def _backwards(start: date | datetime, end: date | datetime) -> bool:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return (start.tzinfo is None) == (end.tzinfo is None) and end < start
    if not isinstance(start, datetime) and not isinstance(end, datetime):
        return end < start
    return False


def _expand(
    timezones: list[Component], events: list[Component], start: datetime, end: datetime
) -> list[Component]:
    calendar = Calendar()
    for component in [*timezones, *events]:
        calendar.add_component(component)
    return list(recurring_ical_events.of(calendar).between(start, end))


def _interval(occurrence: Component, zone: ZoneInfo) -> BusyInterval | None:
    if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if str(occurrence.get("TRANSP", "")).upper() == "TRANSPARENT":
        return None
    start = _aware(occurrence.decoded("DTSTART"), zone)
    if "DTEND" in occurrence:
        end = _aware(occurrence.decoded("DTEND"), zone)
    elif "DURATION" in occurrence:
        end = start + occurrence.decoded("DURATION")
    elif isinstance(occurrence.decoded("DTSTART"), datetime):
        end = start
    else:
        end = _aware(occurrence.decoded("DTSTART") + timedelta(days=1), zone)
    if end <= start:
        return None  # takes no time
    summary = str(occurrence.get("SUMMARY", "")).strip()
    return BusyInterval(start=start, end=end, label=summary or None)


def busy_from_calendar(
    calendar: Calendar, source: str, programme: Programme
) -> tuple[list[BusyInterval], list[str]]:
    """Busy intervals of one calendar over the conference's days, and the events skipped."""
    zone = programme.conference.zone
    days = programme.conference.days
    start = datetime.combine(days[0], time(0), tzinfo=zone)
    end = datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=zone)
    timezones = list(calendar.walk("VTIMEZONE"))
    skipped: list[str] = []
    series: dict[str, list[Component]] = {}
    broken: set[str] = set()
    for index, event in enumerate(calendar.walk("VEVENT")):
        key = str(event.get("UID", "")) or f"#{index}"
        series.setdefault(key, []).append(event)
        problem = _problem(event)
        if problem is not None:
            skipped.append(f"{source}: {_name(event)}: {problem}")
            broken.add(key)
    good = {k: v for k, v in series.items() if k not in broken}
    try:
        occurrences = _expand(timezones, [e for v in good.values() for e in v], start, end)
    except Exception:
        # Find the series that fails, keep the others.
        occurrences = []
        for events in good.values():
            try:
                occurrences.extend(_expand(timezones, events, start, end))
            except Exception as error:
                skipped.append(f"{source}: {_name(events[0])}: {_short(error)}")
    intervals: list[BusyInterval] = []
    for occurrence in occurrences:
        try:
            interval = _interval(occurrence, zone)
        except Exception as error:
            skipped.append(f"{source}: {_name(occurrence)}: {_short(error)}")
            continue
        if interval is not None:
            intervals.append(interval)
    return intervals, skipped


def busy_from_ics(paths: list[Path], programme: Programme) -> BusyImport:
    """Busy intervals from calendar files and folders, over the conference's days."""
    result = BusyImport()
    for path in calendar_files(paths):
        intervals, skipped = busy_from_calendar(_read(path), str(path), programme)
        result.intervals.extend(intervals)
        result.skipped.extend(skipped)
    unique = {(i.start, i.end, i.label): i for i in result.intervals}
    result.intervals = sorted(unique.values(), key=lambda i: (i.start, i.end, i.label or ""))
    return result
