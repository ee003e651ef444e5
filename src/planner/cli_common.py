"""What the ``planner`` commands share: help texts, the options several take, the profile
made from a command line, and the handling of errors a user can cause."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from planner.cli_types import ProgrammeLocation, Zone, number
from planner.errors import PlannerError

F = TypeVar("F", bound=Callable[..., Any])

PROGRAMME_HELP = (
    "Programme file or http(s) URL (YAML/JSON, book of abstracts, frab schedule.xml, c3voc/pretalx "
    "schedule JSON, Indico timetable JSON, a programme calendar .ics); a URL is fetched and kept "
    "in the cache, whose copy is used offline; default: the embedded ML4Astro 2022."
)


def programme_option(func: F) -> F:
    """``--programme FILE|URL``."""
    return click.option(
        "--programme",
        "programme_path",
        type=ProgrammeLocation(),
        metavar="FILE|URL",
        help=PROGRAMME_HELP,
    )(func)


def read_programme(location: Path | str | None, zone: str | None = None) -> Any:
    """The programme at ``location`` (the embedded one for ``None``); a note about a fetched
    URL (its cached copy used offline) goes to stderr."""
    from planner.sources import import_programme

    imported = import_programme(location, zone=zone)
    warn(imported.notes)
    return imported.programme


ZONE_HELP = (
    "The conference's real time zone (IANA name such as Europe/Berlin) for a schedule that "
    "says UTC, gives only offsets or names another zone: times keep their instants and are "
    "shown in ZONE; events stay on the days the file gives them."
)


ICS_UTC_HELP = (
    "Write every time of the calendar in UTC: for calendar programs that ignore time zones "
    "(calcurse, some older importers). Google Calendar, Apple Calendar, Outlook, Thunderbird "
    "and khal read the default form (local times with the zone) correctly."
)


def zone_option(func: F) -> F:
    return click.option("--zone", type=Zone(), metavar="ZONE", help=ZONE_HELP)(func)


#: The exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


#: Left-out items listed by ``plan`` unless ``--left-out`` says otherwise.
LEFT_OUT_SHOWN = 20

#: Items listed by ``rank`` unless ``--top`` says otherwise.
RANK_SHOWN = 20


def count_or_all(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """``--left-out``: a count (0 or more), or ``all`` (None)."""
    if value.strip().lower() == "all":
        return None
    try:
        count = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a number nor 'all'") from None
    if count < 0:
        raise click.BadParameter(f"{count} is below 0")
    return count


def console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def friendly_errors(func: F) -> F:
    """Turn a :class:`PlannerError` into one message on stderr and its exit code, and Ctrl-C
    into "interrupted" and the shell's code for it (130). Files are written atomically, so an
    interrupted command leaves what was there before."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlannerError as error:
            click.echo(f"planner: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("planner: interrupted (no file is left half-written)", err=True)
            sys.exit(INTERRUPTED)

    return wrapper  # type: ignore[return-value]


def relax_option(func: F) -> F:
    return click.option(
        "--relax",
        is_flag=True,
        help="Drop the fewest conflicting must-sees instead of failing, and say which.",
    )(func)


def time_limit_option(func: F) -> F:
    return click.option(
        "--time-limit",
        type=number(0.1),
        metavar="SECONDS",
        default=10.0,
        show_default=True,
        help="Solver time limit in seconds.",
    )(func)


def warn(lines: Iterable[str]) -> None:
    """Each line on stderr as the planner's warning."""
    for line in lines:
        click.echo(f"planner: {line}", err=True)


def profile_for(
    programme: Any,
    profile_path: Path | None,
    flags: dict[str, Any],
    busy_ics: tuple[Path, ...] = (),
) -> Any:
    """The profile file (if any) with the command line's flags (those given) and calendars."""
    from planner.interests.attendee_input import apply_flags
    from planner.interests.profile import InterestProfile
    from planner.interests.storage import load_profile

    base = load_profile(profile_path, programme) if profile_path else InterestProfile()
    source = str(profile_path) if profile_path else "the command line"
    given = {k: v for k, v in flags.items() if v not in (None, ())}
    profile = apply_flags(programme, base, source=source, **given)
    if busy_ics:
        extra = [str(p) for p in busy_ics if str(p) not in profile.busy_ics]
        profile = profile.model_copy(update={"busy_ics": [*profile.busy_ics, *extra]})
    return profile
