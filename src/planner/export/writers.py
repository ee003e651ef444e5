"""Exports on disk: written atomically, and never over a file that is not one of ours.

Ours is an .ics file whose PRODID is the planner's, or a Markdown/HTML file that carries the
agenda's marker comment near its top. Anything else needs ``force=True`` (the CLI's ``--force``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from icalendar import Calendar

from planner.errors import PlannerError
from planner.export.agenda import MARKER, html_agenda, markdown_agenda
from planner.export.ics import (
    ME,
    PRODID_PREFIX,
    is_ours,
    itinerary_calendar,
    parse_calendar,
    programme_calendar,
)
from planner.interests.storage import MARKER as PROFILE_MARKER
from planner.itinerary import Itinerary
from planner.model.programme import Programme
from planner.storage import atomic_write_bytes
from planner.userfiles import check_regular

PlanFormat = Literal["ics", "markdown", "html"]

_MARKER_WINDOW = 1024
_BOM = b"\xef\xbb\xbf"


def _write(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data)


def existing_bytes(path: Path) -> bytes | None:
    """What is at ``path`` now (None when nothing is); a folder there is an error."""
    if path.is_dir():
        raise PlannerError(f"{path}: is a folder; give a file name to write")
    check_regular(path)  # a named pipe or a device is never read, nor replaced
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it to check it is ours ({error})") from None


def written_as(data: bytes) -> str | None:
    """What the planner wrote in ``data`` ("a calendar", "a Markdown agenda", "an HTML agenda",
    "a profile"), or None for a file it did not write."""
    head = data[:_MARKER_WINDOW]
    if MARKER.encode() in head:
        return "an HTML agenda" if b"<html" in head.lower() else "a Markdown agenda"
    if head.removeprefix(_BOM).startswith(PROFILE_MARKER.encode()):
        return "a profile"
    if head.lstrip().startswith(b"BEGIN:VCALENDAR") and f"PRODID:{PRODID_PREFIX}".encode() in data:
        return "a calendar"
    return None


def not_ours(path: Path, data: bytes = b"", wanted: str = "") -> PlannerError:
    """The refusal to overwrite ``data`` at ``path`` with ``wanted`` ("a calendar", ...): a
    file the planner did not write, or one it wrote as something else."""
    kind = written_as(data)
    if kind and wanted and not (kind.endswith("agenda") and wanted == "an agenda"):
        what = f"was written by the planner as {kind}, not {wanted}"
    else:
        what = "exists and was not written by the planner"
    return PlannerError(f"{path}: {what}; use --force to overwrite it, or choose another file")


def previous_calendar(path: Path, force: bool = False) -> Calendar | None:
    """The calendar we wrote at ``path`` before, for SEQUENCE and cancellations; ``None`` when
    there is none. A file there that is not ours is an error unless ``force``."""
    data = existing_bytes(path)
    if data is None:
        return None
    try:
        calendar = parse_calendar(data, str(path))
    except PlannerError:
        if force:
            return None
        raise not_ours(path, data, "a calendar") from None
    if is_ours(calendar):
        return calendar
    if force:
        return None
    raise not_ours(path, data, "a calendar")


def check_agenda_target(path: Path, force: bool) -> None:
    data = existing_bytes(path)
    if data is None or force:
        return
    if MARKER.encode() not in data[:_MARKER_WINDOW]:
        raise not_ours(path, data, "an agenda")


def write_plan_ics(
    path: Path,
    itinerary: Itinerary,
    programme: Programme,
    attendee: str = ME,
    alarm: int | None = None,
    force: bool = False,
    now: datetime | None = None,
    *,
    breaks: bool = False,
    utc: bool = False,
) -> Calendar:
    """Write the plan's calendar to ``path``, updating the file exported there before; every
    time in UTC with ``utc``."""
    path = Path(path)
    previous = previous_calendar(path, force)
    calendar = itinerary_calendar(
        itinerary, programme, attendee, alarm, previous, now, breaks=breaks, utc=utc
    )
    _write(path, calendar.to_ical())
    return calendar


def write_programme_ics(
    path: Path,
    programme: Programme,
    force: bool = False,
    now: datetime | None = None,
    *,
    utc: bool = False,
) -> Calendar:
    """Write the whole programme's calendar to ``path`` (every time in UTC with ``utc``)."""
    path = Path(path)
    previous = previous_calendar(path, force)
    calendar = programme_calendar(programme, previous, now, utc=utc)
    _write(path, calendar.to_ical())
    return calendar


def write_markdown(
    path: Path, itinerary: Itinerary, programme: Programme, force: bool = False
) -> str:
    path = Path(path)
    check_agenda_target(path, force)
    text = markdown_agenda(itinerary, programme)
    _write(path, text.encode("utf-8"))
    return text


def write_html(path: Path, itinerary: Itinerary, programme: Programme, force: bool = False) -> str:
    path = Path(path)
    check_agenda_target(path, force)
    text = html_agenda(itinerary, programme)
    _write(path, text.encode("utf-8"))
    return text


def write_plan(
    path: Path,
    fmt: PlanFormat,
    itinerary: Itinerary,
    programme: Programme,
    *,
    force: bool = False,
    attendee: str = ME,
    alarm: int | None = None,
    now: datetime | None = None,
    utc: bool = False,
) -> None:
    """Write the plan to ``path`` as a calendar (``ics``, every time in UTC with ``utc``), a
    Markdown agenda or an HTML agenda: the one switch the CLI's ``plan`` and the TUI's export
    share."""
    if fmt == "ics":
        write_plan_ics(path, itinerary, programme, attendee, alarm, force, now, utc=utc)
    elif fmt == "markdown":
        write_markdown(path, itinerary, programme, force)
    else:
        write_html(path, itinerary, programme, force)
