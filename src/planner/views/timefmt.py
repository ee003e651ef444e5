"""Formatting times for people: always in the conference's zone, with reconstructed times marked."""

from __future__ import annotations

from datetime import date, datetime

from rich.table import Table

RECONSTRUCTED_MARK = "*"


def hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def span(start: datetime, end: datetime, reconstructed: bool = False) -> str:
    return f"{hm(start)}–{hm(end)}" + (RECONSTRUCTED_MARK if reconstructed else "")


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
    """A borderless table under a bold title, as the CLI's day listings use."""
    return Table(
        title=title,
        title_justify="left",
        title_style="bold cyan",
        box=None,
        pad_edge=False,
        header_style="dim",
    )


def zone_heading(timezone: str, first: datetime | None) -> str:
    """How a programme's times are given: ``times in Europe/Rome (CEST, UTC+02:00)``; a zone
    made from the file's offsets (``Etc/GMT-1``) is shown as the offset it stands for."""
    if first is None:
        return f"times in {timezone}"
    label = zone_label(first)
    if timezone.startswith("Etc/"):
        offset = label.split(", ")[-1]
        return f"times at {offset} (the file names no zone; --zone ZONE names it)"
    if first.tzname() == timezone:
        return f"times in {timezone} ({label.split(', ')[-1]})"
    return f"times in {timezone} ({label})"
