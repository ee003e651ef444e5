"""The plan's constraints as flags (availability, walks, lunch, limits, event filters), as one
decorator: ``planner plan`` and ``planner now`` take the same ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from planner.cli_types import number, whole

F = TypeVar("F", bound=Callable[..., Any])


def constraint_options(func: F) -> F:
    """Every flag that says when and how the attendee can attend (``--busy-ics`` is passed on
    as ``busy_ics``, the others among the profile's flags)."""
    options = [
        click.option(
            "--type",
            multiple=True,
            metavar="TYPE",
            help="Only events of this type as the schedule writes it, e.g. lecture (repeatable).",
        ),
        click.option(
            "--skip-type",
            multiple=True,
            metavar="TYPE",
            help="Never events of this type, e.g. workshop (repeatable).",
        ),
        click.option(
            "--language",
            multiple=True,
            metavar="LANG",
            help="Only events in this language, e.g. en (repeatable; events of no language stay).",
        ),
        click.option(
            "--arrive",
            metavar="DATETIME",
            help="When you arrive (conference time zone unless an offset is given).",
        ),
        click.option("--leave", metavar="DATETIME", help="When you leave."),
        click.option(
            "--busy", multiple=True, metavar="START/END", help="A busy interval (repeatable)."
        ),
        click.option(
            "--busy-ics",
            multiple=True,
            type=click.Path(path_type=Path),
            metavar="FILE",
            help="Busy times from your calendar (.ics file or folder; repeatable).",
        ),
        click.option(
            "--walk",
            type=whole(0),
            metavar="MINUTES",
            help="Minutes to walk between rooms (default 5; 0 = off).",
        ),
        click.option(
            "--lunch",
            type=whole(0),
            metavar="MINUTES",
            help="Minutes of lunch each day, 11:30–14:30 (default 45; 0 = off).",
        ),
        click.option(
            "--max-talks-per-day", type=whole(0), metavar="N", help="At most N talks a day."
        ),
        click.option(
            "--max-hours-per-day",
            type=number(0),
            metavar="H",
            help="At most H hours of talks a day.",
        ),
        click.option(
            "--poster-visit",
            type=whole(1),
            metavar="MINUTES",
            help="Minutes per poster visit (default 8).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
