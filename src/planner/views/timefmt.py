"""Formatting times for people: always in the conference's zone, with reconstructed times marked."""

from __future__ import annotations

from datetime import date, datetime

from rich.table import Table
from rich.text import Text

from planner.model.programme import Conference

RECONSTRUCTED_MARK = "*"


def hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def repeated(moment: datetime) -> bool:
    """Whether ``moment``'s clock time happens twice in its zone (the hour repeated when the
    clocks go back), so that the clock time alone does not say which of the two it is."""
    if moment.tzinfo is None:
        return False
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def clock(moment: datetime) -> str:
    """``09:30``; in the hour the clocks repeat, with the zone's abbreviation (``02:15 CEST``,
    then ``02:15 CET``), as the two are different moments."""
    return f"{hm(moment)} {moment.tzname()}" if repeated(moment) else hm(moment)


def span(start: datetime, end: datetime, reconstructed: bool = False) -> str:
    """``09:00–09:40``; a time in the repeated hour says its offset (:func:`clock`)."""
    return f"{clock(start)}–{clock(end)}" + (RECONSTRUCTED_MARK if reconstructed else "")


def later_mark(day: date, start: datetime) -> str:
    """`` +1d`` for an item that starts the day after the day it is listed under (a talk after
    midnight), `` +2d`` two days after; nothing on its own day."""
    later = (start.date() - day).days
    return f" +{later}d" if later > 0 else ""


def day_title(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def zone_label(moment: datetime) -> str:
    """``CEST, UTC+02:00`` for a moment in the conference's zone."""
    offset = moment.strftime("%z")
    return f"{moment.tzname()}, UTC{offset[:3]}:{offset[3:]}"


def titled_table(title: str) -> Table:
    """A borderless table under a bold title (text as written), as the CLI's day listings use."""
    return Table(
        title=Text(title),
        title_justify="left",
        title_style="bold cyan",
        box=None,
        pad_edge=False,
        header_style="dim",
    )


UNKNOWN_ZONE = (
    "times are local clock times of an unknown zone (the schedule names no zone, offset or "
    "place); --zone ZONE names it, and a calendar needs it"
)


def zone_origin(conference: Conference, hint: bool = True) -> str:
    """Where the zone came from, when the user should know: ``, inferred from the city
    'Brussels'; --zone ZONE to change it`` (without the hint for print), else nothing."""
    source = conference.timezone_source
    if source.startswith("inferred from "):
        change = "; --zone ZONE to change it" if hint else ""
        return f", {source.replace(' from ', ' from the ', 1)}{change}"
    return ""  # the file's own zone, its offsets', or the one the user gave


def zone_heading(
    timezone: str, first: datetime | None, conference: Conference | None = None
) -> str:
    """How a programme's times are given: ``times in Europe/Rome (CEST, UTC+02:00)``; a zone
    made from the file's offsets (``Etc/GMT-1``) is shown as the offset it stands for; where the
    zone came from when it was inferred or given (``conference``), and an unknown zone said as
    such (:data:`UNKNOWN_ZONE`)."""
    if conference is not None and not conference.zone_known:
        return UNKNOWN_ZONE
    origin = "" if conference is None else zone_origin(conference)
    if first is None:
        return f"times in {timezone}{origin}"
    label = zone_label(first)
    if timezone.startswith("Etc/"):
        offset = label.split(", ")[-1]
        return f"times at {offset} (the file names no zone; --zone ZONE names it)"
    if first.tzname() == timezone:
        return f"times in {timezone} ({label.split(', ')[-1]}){origin}"
    return f"times in {timezone} ({label}){origin}"


def zone_subtitle(conference: Conference, first: datetime | None) -> str:
    """The terminal UI's short form: ``times in Europe/Rome``, ``times at UTC+01:00`` (a zone
    made from offsets), with where the zone came from; an unknown zone said as such."""
    if not conference.zone_known:
        return "local times of an UNKNOWN zone: --zone ZONE names it (a calendar needs it)"
    if conference.timezone.startswith("Etc/") and first is not None:
        return "times at " + zone_label(first).split(", ")[-1]
    return f"times in {conference.timezone}{zone_origin(conference)}"
