"""The ``planner`` command line. Every command works without the terminal UI; the commands
that plan for one attendee are in :mod:`planner.cli_plan`."""

from __future__ import annotations

import atexit
import gc
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from planner.cli_common import (
    ICS_UTC_HELP,
    console,
    friendly_errors,
    programme_option,
    read_programme,
    warn,
    zone_option,
)
from planner.cli_plan import now, plan, rank, update
from planner.cli_types import Day, ProgrammeLocation, number, whole
from planner.errors import PlannerError
from planner.locations import display_name

# A command's objects live until the process ends, and the memory goes with the process: frozen
# at exit, they spare the interpreter's last collections, which would walk all of them (the
# programme, the models' validators, every module loaded) to free what the end of the process
# frees anyway.
atexit.register(gc.freeze)


@click.group(invoke_without_command=True)
@click.version_option(package_name="planner")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Plan your days at a scientific conference: the best itinerary, proven, explained.

    With no command, opens the terminal UI on the embedded programme."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@main.command()
@programme_option
@click.option("--json", "as_json", is_flag=True, help="Print the programme as JSON.")
@click.option("--day", type=Day(), metavar="YYYY-MM-DD", help="Only this day.")
@click.option("--track", help="Only tracks whose name contains this text (any case).")
@zone_option
@friendly_errors
def show(
    programme_path: Path | str | None,
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
    warn(imported.notes)
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
    print_programme(programme, console(), chosen, track)


@main.command(name="import")
@click.argument("source", type=ProgrammeLocation(), metavar="SOURCE")
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
    source: Path | str,
    output: Path,
    timetable: Path | None,
    force: bool,
    all_warnings: bool,
    zone: str | None,
    local_times: bool,
) -> None:
    """Convert SOURCE (a book of abstracts, a frab schedule.xml, a c3voc/pretalx schedule JSON,
    an Indico timetable JSON, a programme published as a calendar (.ics), or any programme file;
    a file or an http(s) URL) to a programme file.

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
    warn(imported.notes)
    programme = imported.programme
    name = display_name(source)
    if imported.format == "book of abstracts":
        header = (
            f"Programme of {programme.conference.name}.\n"
            f"Generated by `planner import {name}` from programme/sources/; "
            "edit the sources and run `make programme` rather than this file."
        )
    else:
        header = (
            f"Programme of {programme.conference.name}.\n"
            f"Imported by `planner import {name}{f' --zone {zone}' if zone else ''}"
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
@programme_option
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
    programme_path: Path | str | None,
    programme_ics: Path,
    force: bool,
    ics_utc: bool,
    zone: str | None,
) -> None:
    """Export the whole programme as an iCalendar file, to import into a calendar application."""
    from planner.export.ics import require_known_zone
    from planner.export.writers import write_programme_ics
    from planner.targets import check_folder

    check_folder(programme_ics)
    programme = read_programme(programme_path, zone=zone)
    require_known_zone(programme)
    calendar = write_programme_ics(programme_ics, programme, force=force, utc=ics_utc)
    events = len(calendar.walk("VEVENT"))
    click.echo(f"{programme_ics}: {events} events of {programme.conference.name}", err=True)


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
@programme_option
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
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Plan the members on the Dask cluster whose scheduler is at ADDRESS "
    "(e.g. tcp://10.0.0.5:8786; needs planner[distributed]).",
)
@click.option(
    "--room-capacity",
    "room_capacity",
    multiple=True,
    metavar="N|ROOM=N",
    help="Seats for the room-load forecast (independent): N for rooms the programme gives no "
    "capacity, ROOM=N for one room (wins over the programme); repeatable.",
)
@zone_option
@friendly_errors
def group(
    group_file: Path,
    out: Path,
    policy: Any,
    programme_path: Path | str | None,
    share: float | None,
    max_per_poster: int | None,
    as_json: bool,
    force: bool,
    time_limit: float,
    workers: int | None,
    dask_address: str | None,
    room_capacity: tuple[str, ...],
    zone: str | None,
) -> None:
    """Plan a group: one calendar and agenda per member, and an overview of who is where.

    GROUP_FILE is a group file (YAML or CSV) or a folder of profile files (one member per
    .toml file, named by the file). With the independent policy the folder also holds
    room_load.csv, the room-load forecast."""
    from planner.group.command import Request, run_group

    request = Request(
        group_file, out, policy, programme_path, share, max_per_poster, as_json, force,
        time_limit, workers, zone, dask_address, room_capacity,
    )  # fmt: skip
    sys.exit(run_group(request))


@main.command()
@programme_option
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Interest profile to edit (default: the one in your user data folder).",
)
@zone_option
@friendly_errors
def tui(programme_path: Path | str | None, profile_path: Path | None, zone: str | None) -> None:
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


for command in (plan, update, rank, now):
    main.add_command(command)
