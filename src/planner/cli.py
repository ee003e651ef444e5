"""The ``planner`` command line. Every command works without the terminal UI."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from planner.cli_constraints import constraint_options
from planner.cli_interests import interest_options
from planner.cli_types import Day, Zone, number, whole
from planner.errors import PlannerError

F = TypeVar("F", bound=Callable[..., Any])

PROGRAMME_HELP = (
    "Programme file (YAML/JSON, book of abstracts, frab schedule.xml, c3voc/pretalx schedule "
    "JSON, Indico timetable JSON, a programme calendar .ics); default: the embedded ML4Astro 2022."
)


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


def _count_or_all(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
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


def _console() -> Console:
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


@click.group(invoke_without_command=True)
@click.version_option(package_name="planner")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Plan your days at a scientific conference: the best itinerary, proven, explained.

    With no command, opens the terminal UI on the embedded programme."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@main.command()
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the programme as JSON.")
@click.option("--day", type=Day(), metavar="YYYY-MM-DD", help="Only this day.")
@click.option("--track", help="Only tracks whose name contains this text (any case).")
@zone_option
@friendly_errors
def show(
    programme_path: Path | None,
    as_json: bool,
    day: date | None,
    track: str | None,
    zone: str | None,
) -> None:
    """Print the programme by day: time, room, kind, title, speaker."""
    from planner.model.selection import any_track
    from planner.sources import import_programme
    from planner.views.programme_view import print_programme, programme_json

    imported = import_programme(programme_path, zone=zone)
    programme = imported.programme
    if imported.warnings:
        click.echo(
            f"{imported.source}: {len(imported.warnings)} import warnings "
            f"(`planner import {imported.source} -o FILE` lists them)",
            err=True,
        )
    if track is not None and not any_track(programme, track):
        click.echo(f"planner: --track {track!r} matches no session or track", err=True)
    chosen: date | None = day
    if chosen is not None and chosen not in programme.conference.days:
        raise PlannerError(
            f"--day {chosen}: not a day of {programme.conference.name} "
            f"({', '.join(d.isoformat() for d in programme.conference.days)})"
        )
    if as_json:
        data = programme_json(programme, chosen, track)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    print_programme(programme, _console(), chosen, track)


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Programme file to write (.yaml or .json).",
)
@click.option(
    "--timetable",
    type=click.Path(path_type=Path),
    help="Timetable template for a book of abstracts (default: <name>.timetable.yaml "
    "beside the book).",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--all-warnings", is_flag=True, help="List every warning, not only the first 20.")
@zone_option
@click.option(
    "--local-times",
    is_flag=True,
    help="The file's clock times are local times in --zone ZONE, whatever offset it writes "
    "(for schedules that write local times as UTC).",
)
@friendly_errors
def import_(
    source: Path,
    output: Path,
    timetable: Path | None,
    force: bool,
    all_warnings: bool,
    zone: str | None,
    local_times: bool,
) -> None:
    """Convert SOURCE (a book of abstracts, a frab schedule.xml, a c3voc/pretalx schedule JSON,
    an Indico timetable JSON, a programme published as a calendar (.ics), or any programme file)
    to a programme file.

    A book of abstracts has no clock times: a timetable template (YAML) lays its contributions
    out in the book's order, each day from its first contribution, talks one after another,
    a break after the contribution named in `after`:

    \b
      conference: {name: ML4Astro 2022, timezone: Europe/Rome}  # also city, venue, url
      rooms:
        talks: {name: Main Hall}
        posters: {name: Poster Area, kind: poster-area}
      minutes: {invited: 40, talk: 20, poster_session: 60}  # the defaults
      decisions:            # optional: a session or kind the book leaves open
        "99": {session: Supervised Learning, kind: talk, reason: why}
      days:
        - date: 2022-05-30
          start: "09:00"
          first: "28"       # the day's first contribution
          breaks:           # kind: coffee, lunch or other
            - {after: "4", kind: coffee, minutes: 30}
    """
    from planner.model.io import write_programme
    from planner.sources import import_programme
    from planner.targets import check_folder

    if local_times and zone is None:
        raise click.UsageError("--local-times needs --zone ZONE: the zone the clock times are in")
    if output.exists() and not force:
        raise PlannerError(f"{output}: exists; use --force to overwrite it")
    check_folder(output)
    imported = import_programme(source, timetable, zone, local_times)
    programme = imported.programme
    if imported.format == "book of abstracts":
        header = (
            f"Programme of {programme.conference.name}.\n"
            f"Generated by `planner import {source.name}` from programme/sources/; "
            "edit the sources and run `make programme` rather than this file."
        )
    else:
        header = (
            f"Programme of {programme.conference.name}.\n"
            f"Imported by `planner import {source.name}{f' --zone {zone}' if zone else ''}"
            f"{' --local-times' if local_times else ''}` "
            f"({imported.format}): "
            f"{imported.summary()}."
        )
    write_programme(programme, output, header=header)
    click.echo(
        f"{output}: {imported.format}: {imported.summary()}; "
        f"{len(programme.contributions)} contributions in {len(programme.sessions)} sessions",
        err=True,
    )
    shown = imported.warnings if all_warnings else imported.warnings[:20]
    for warning in shown:
        click.echo(f"  warning: {warning}", err=True)
    if len(shown) < len(imported.warnings):
        click.echo(
            f"  ... and {len(imported.warnings) - len(shown)} more (--all-warnings lists them)",
            err=True,
        )


@main.command()
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@click.option(
    "--programme-ics",
    "programme_ics",
    type=click.Path(path_type=Path),
    required=True,
    help="Calendar file (.ics) to write with the whole programme.",
)
@click.option("--force", is_flag=True, help="Overwrite a file that the planner did not write.")
@click.option("--ics-utc", is_flag=True, help=ICS_UTC_HELP)
@zone_option
@friendly_errors
def export(
    programme_path: Path | None, programme_ics: Path, force: bool, ics_utc: bool, zone: str | None
) -> None:
    """Export the whole programme as an iCalendar file, to import into a calendar application."""
    from planner.export.ics import require_known_zone
    from planner.export.writers import write_programme_ics
    from planner.sources import load_programme
    from planner.targets import check_folder

    check_folder(programme_ics)
    programme = load_programme(programme_path, zone=zone)
    require_known_zone(programme)
    calendar = write_programme_ics(programme_ics, programme, force=force, utc=ics_utc)
    events = len(calendar.walk("VEVENT"))
    click.echo(f"{programme_ics}: {events} events of {programme.conference.name}", err=True)


def _profile_for(
    programme: Any,
    profile_path: Path | None,
    flags: dict[str, Any],
    busy_ics: tuple[Path, ...] = (),
) -> Any:
    from planner.interests.cli_parsing import apply_flags
    from planner.interests.profile import InterestProfile
    from planner.interests.storage import load_profile

    base = load_profile(profile_path, programme) if profile_path else InterestProfile()
    source = str(profile_path) if profile_path else "the command line"
    profile = apply_flags(programme, base, source=source, **flags)
    if busy_ics:
        extra = [str(p) for p in busy_ics if str(p) not in profile.busy_ics]
        profile = profile.model_copy(update={"busy_ics": [*profile.busy_ics, *extra]})
    return profile


@main.command()
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@interest_options
@constraint_options
@click.option(
    "--relax",
    is_flag=True,
    help="Drop the fewest conflicting must-sees instead of failing, and say which.",
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path),
    metavar="PLAN.json",
    help="An earlier `plan --json` output: keep its choices where possible and report changes.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option(
    "--ics",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the plan as an iCalendar file (updates an earlier one).",
)
@click.option("--ics-utc", is_flag=True, default=None, help=ICS_UTC_HELP)
@click.option(
    "--alarm",
    type=whole(0),
    metavar="MINUTES",
    help="A reminder MINUTES before each event in the .ics.",
)
@click.option(
    "--markdown",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the plan as Markdown.",
)
@click.option(
    "--html",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the plan as a printable HTML agenda.",
)
@click.option(
    "--attendee",
    default="me",
    show_default=True,
    help="Your name, for calendar event ids and the calendar's name.",
)
@click.option(
    "--save-profile",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Save the resulting profile (TOML; updates one the planner saved).",
)
@click.option(
    "--force", is_flag=True, help="Overwrite output files that the planner did not write."
)
@click.option(
    "--time-limit",
    type=number(0.1),
    metavar="SECONDS",
    default=10.0,
    show_default=True,
    help="Solver time limit in seconds.",
)
@zone_option
@click.option(
    "--left-out",
    "left_out",
    callback=_count_or_all,
    default=str(LEFT_OUT_SHOWN),
    show_default=True,
    metavar="N|all",
    help="How many left-out items to list, best first (--json and the agendas list them all).",
)
@friendly_errors
def plan(
    programme_path: Path | None,
    profile_path: Path | None,
    relax: bool,
    previous: Path | None,
    as_json: bool,
    ics: Path | None,
    alarm: int | None,
    markdown: Path | None,
    html: Path | None,
    attendee: str,
    save_profile: Path | None,
    force: bool,
    time_limit: float,
    busy_ics: tuple[Path, ...],
    zone: str | None,
    left_out: int | None,
    **flags: Any,
) -> None:
    """Plan your itinerary: the best clash-free choice for your interests, proven, explained."""
    from planner.export.writers import (
        PlanFormat,
        check_agenda_target,
        previous_calendar,
        write_plan,
    )
    from planner.interests.checks import availability_warnings, interest_state, unmatched_wishes
    from planner.interests.storage import save_profile as write_profile
    from planner.planning import make_plan, read_previous
    from planner.solver import InfeasibleError
    from planner.sources import load_programme
    from planner.targets import check_distinct, check_folder, check_profile_target
    from planner.views.itinerary_view import itinerary_json, print_itinerary

    # two outputs in one file, or a folder that is not there: refused before anything is read
    targets = [("--ics", ics), ("--markdown", markdown), ("--html", html)]
    targets.append(("--save-profile", save_profile))
    check_distinct(targets)
    for _, target in targets:
        if target is not None:
            check_folder(target)
    programme = load_programme(programme_path, zone=zone)
    simple = {k: v for k, v in flags.items() if v not in (None, ())}
    profile = _profile_for(programme, profile_path, simple, busy_ics)
    earlier = read_previous(previous) if previous else None
    # refuse unwritable targets before planning, so that nothing is half done
    if ics:
        from planner.export.ics import require_known_zone

        require_known_zone(programme)
        previous_calendar(ics, force)
    for target in (markdown, html):
        if target:
            check_agenda_target(target, force)
    if save_profile:
        check_profile_target(save_profile, force)
    # wishes that cannot count: said before planning, which may fail because of them
    for warning in [
        *unmatched_wishes(programme, profile),
        *availability_warnings(programme, profile),
    ]:
        click.echo(f"planner: {warning}", err=True)
    try:
        result = make_plan(programme, profile, previous=earlier, relax=relax, time_limit=time_limit)
    except InfeasibleError as error:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "status": "infeasible",
                        "objective": 0,
                        "bound": 0,
                        "items": [],
                        "left_out": [],
                        "changes": [],
                        "message": str(error),
                    },
                    indent=2,
                )
            )
            sys.exit(error.exit_code)
        raise
    for warning in result.warnings:
        click.echo(f"planner: {warning}", err=True)
    itinerary = result.itinerary
    written = []
    if save_profile:
        write_profile(profile, save_profile)
        written.append(str(save_profile))
    outputs: list[tuple[PlanFormat, Path | None]] = [
        ("ics", ics),
        ("markdown", markdown),
        ("html", html),
    ]
    for fmt, target in outputs:
        if target:
            write_plan(
                target,
                fmt,
                itinerary,
                programme,
                force=force,
                attendee=attendee,
                alarm=alarm,
                utc=profile.ics_utc,
            )
            written.append(str(target))
    if as_json:
        click.echo(json.dumps(itinerary_json(itinerary, programme), indent=2, ensure_ascii=False))
    else:
        state = interest_state(profile, result.interests)
        print_itinerary(itinerary, programme, _console(), left_out=left_out, interest=state)
    for path in written:
        click.echo(f"wrote {path}", err=True)


def _top(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """``--top``: a count (1 or more), or ``all`` (None)."""
    count = _count_or_all(ctx, param, value)
    if count == 0:
        raise click.BadParameter("0 is below 1")
    return count


@main.command()
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@interest_options
@click.option(
    "--top",
    callback=_top,
    default=str(RANK_SHOWN),
    show_default=True,
    metavar="N|all",
    help="How many items to list, best first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
@zone_option
@friendly_errors
def rank(
    programme_path: Path | None,
    profile_path: Path | None,
    top: int | None,
    as_json: bool,
    zone: str | None,
    **flags: Any,
) -> None:
    """Rank the programme by your interests, with each item's score and reasons (no plan)."""
    from planner.interests.checks import unmatched_wishes
    from planner.sources import load_programme
    from planner.views.ranking_view import print_ranking, ranked, ranking_json

    programme = load_programme(programme_path, zone=zone)
    simple = {k: v for k, v in flags.items() if v not in (None, ())}
    profile = _profile_for(programme, profile_path, simple)
    for warning in unmatched_wishes(programme, profile):
        click.echo(f"planner: {warning}", err=True)
    items = ranked(programme, profile)[:top]
    if as_json:
        click.echo(json.dumps(ranking_json(items), indent=2, ensure_ascii=False))
    else:
        print_ranking(items, programme, _console())


@main.command()
@click.option(
    "--at",
    metavar="DATETIME",
    help="The clock to go by (conference time zone unless an offset is given); default: now.",
)
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@interest_options
@constraint_options
@click.option(
    "--relax",
    is_flag=True,
    help="Drop the fewest conflicting must-sees instead of failing, and say which.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print now, next and the alternatives as JSON."
)
@click.option(
    "--time-limit",
    type=number(0.1),
    metavar="SECONDS",
    default=10.0,
    show_default=True,
    help="Solver time limit in seconds.",
)
@zone_option
@friendly_errors
def now(
    at: str | None,
    programme_path: Path | None,
    profile_path: Path | None,
    busy_ics: tuple[Path, ...],
    relax: bool,
    as_json: bool,
    time_limit: float,
    zone: str | None,
    **flags: Any,
) -> None:
    """During the conference: your plan's item now and next, the walk there, and the best
    talks starting in the next 30 minutes that are not in your plan."""
    from planner.interests.checks import availability_warnings, unmatched_wishes
    from planner.now import now_and_next, read_at
    from planner.planning import make_plan
    from planner.sources import load_programme
    from planner.views.now_view import now_json, print_now

    programme = load_programme(programme_path, zone=zone)
    clock = read_at(at, programme)
    simple = {k: v for k, v in flags.items() if v not in (None, ())}
    profile = _profile_for(programme, profile_path, simple, busy_ics)
    for warning in [
        *unmatched_wishes(programme, profile),
        *availability_warnings(programme, profile),
    ]:
        click.echo(f"planner: {warning}", err=True)
    result = make_plan(programme, profile, relax=relax, time_limit=time_limit)
    for warning in result.warnings:
        click.echo(f"planner: {warning}", err=True)
    state = now_and_next(
        programme, result.itinerary, result.interests, result.profile or profile, clock
    )
    if as_json:
        click.echo(json.dumps(now_json(state, programme), indent=2, ensure_ascii=False))
    else:
        print_now(state, programme, _console())


@main.command()
@click.argument("group_file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write (replaced whole).",
)
@click.option(
    "--policy",
    type=click.Choice(["independent", "cover"]),
    help="independent: each member's own optimum; cover: the most group interest covered "
    "(default: the group file's, else independent).",
)
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@click.option(
    "--share",
    type=number(0, 1),
    metavar="SHARE",
    help="cover: each member keeps at least this share of their optimum (default 0.8).",
)
@click.option(
    "--max-per-poster",
    type=whole(1),
    metavar="N",
    help="At most N members at one poster at a time.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the group's plans as JSON.")
@click.option("--force", is_flag=True, help="Replace an output folder the planner did not write.")
@click.option(
    "--time-limit",
    type=number(0.1),
    metavar="SECONDS",
    default=10.0,
    show_default=True,
    help="Solver time limit in seconds (per member, and for the group model).",
)
@click.option("--workers", type=whole(1), metavar="N", help="Processes (default: one per core).")
@zone_option
@friendly_errors
def group(
    group_file: Path,
    out: Path,
    policy: Any,
    programme_path: Path | None,
    share: float | None,
    max_per_poster: int | None,
    as_json: bool,
    force: bool,
    time_limit: float,
    workers: int | None,
    zone: str | None,
) -> None:
    """Plan a group: one calendar and agenda per member, and an overview of who is where."""
    from planner.group.command import Request, run_group

    request = Request(
        group_file, out, policy, programme_path, share, max_per_poster, as_json, force,
        time_limit, workers, zone,
    )  # fmt: skip
    sys.exit(run_group(request))


@main.command()
@click.option("--programme", "programme_path", type=click.Path(path_type=Path), help=PROGRAMME_HELP)
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Interest profile to edit (default: the one in your user data folder).",
)
@zone_option
@friendly_errors
def tui(programme_path: Path | None, profile_path: Path | None, zone: str | None) -> None:
    """Open the terminal UI: browse, search, pick interests, plan, export."""
    from planner.tui.launch import run_tui

    if zone is None:
        run_tui(programme_path, profile_path)
    else:
        run_tui(programme_path, profile_path, zone=zone)


@main.command()
@friendly_errors
def schema() -> None:
    """Print the JSON Schema of programme files."""
    from planner.model.io import programme_schema

    click.echo(programme_schema(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
