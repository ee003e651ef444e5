"""The commands that plan or rank for one attendee: ``planner plan``, ``planner rank`` and
``planner now``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from planner.cli_common import (
    ICS_UTC_HELP,
    LEFT_OUT_SHOWN,
    RANK_SHOWN,
    F,
    console,
    count_or_all,
    friendly_errors,
    profile_for,
    programme_option,
    read_programme,
    relax_option,
    time_limit_option,
    warn,
    zone_option,
)
from planner.cli_constraints import constraint_options
from planner.cli_interests import interest_options
from planner.cli_types import whole
from planner.errors import CommandLineError

if TYPE_CHECKING:  # the export modules load only when a plan is written to a file
    from planner import history
    from planner.export.writers import PlanFormat
    from planner.itinerary import Itinerary


_PLAN_OPTIONS = [
    programme_option,
    interest_options,
    constraint_options,
    relax_option,
    click.option(
        "--previous",
        type=click.Path(path_type=Path),
        metavar="PLAN.json",
        help="An earlier `plan --json` output: keep its choices where possible and report "
        "changes (default: the plan made last from this programme and profile).",
    ),
    click.option(
        "--from",
        "from_at",
        metavar="DATETIME",
        help="Re-plan from this moment (conference time zone unless an offset is given): keep "
        "what the previous plan had until then, plan the rest anew.",
    ),
    click.option(
        "--in-room",
        metavar="ROOM",
        help="With --from: the room you are in then (the walk to a new item starts there).",
    ),
    click.option(
        "--fresh",
        is_flag=True,
        help="Plan afresh: do not use the plan made last from this programme as the hint.",
    ),
    click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON."),
    click.option(
        "--ics",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="Write the plan as an iCalendar file (updates an earlier one).",
    ),
    click.option("--ics-utc", is_flag=True, default=None, help=ICS_UTC_HELP),
    click.option(
        "--alarm",
        type=whole(0),
        metavar="MINUTES",
        help="A reminder MINUTES before each event in the .ics.",
    ),
    click.option(
        "--markdown",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="Write the plan as Markdown.",
    ),
    click.option(
        "--html",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="Write the plan as a printable HTML agenda.",
    ),
    click.option(
        "--attendee",
        default="me",
        show_default=True,
        help="Your name, for calendar event ids and the calendar's name.",
    ),
    click.option(
        "--save-profile",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="Save the resulting profile (TOML; updates one the planner saved).",
    ),
    click.option(
        "--force", is_flag=True, help="Overwrite output files that the planner did not write."
    ),
    time_limit_option,
    zone_option,
    click.option(
        "--left-out",
        "left_out",
        callback=count_or_all,
        default=str(LEFT_OUT_SHOWN),
        show_default=True,
        metavar="N|all",
        help="How many left-out items to list, best first (--json and the agendas list them all).",
    ),
]


def plan_options(func: F) -> F:
    """Every option of ``planner plan`` (also those of ``planner update``)."""
    for option in reversed(_PLAN_OPTIONS):
        func = option(func)
    return func


@click.command()
@plan_options
@friendly_errors
def plan(**options: Any) -> None:
    """Plan your itinerary: the best clash-free choice for your interests, proven, explained."""
    run_plan(update=False, **options)


@click.command()
@plan_options
@friendly_errors
def update(**options: Any) -> None:
    """Follow a changed programme: what changed since it was last seen (the changes that touch
    your plan first), and the plan made again with the least disruption."""
    run_plan(update=True, **options)


def run_plan(
    *,
    update: bool,
    programme_path: Path | str | None,
    profile_path: Path | None,
    relax: bool,
    previous: Path | None,
    fresh: bool,
    from_at: str | None,
    in_room: str | None,
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
    """``plan`` and ``update``: the same plan; ``update`` always says what changed."""
    from planner import history
    from planner.interests.checks import availability_warnings, interest_state, unmatched_wishes
    from planner.interests.storage import save_profile as write_profile
    from planner.planning import make_plan, read_previous
    from planner.solver import InfeasibleError
    from planner.targets import check_distinct, check_folder, check_profile_target
    from planner.views.changes_view import changes_json, print_changes, touched
    from planner.views.itinerary_view import itinerary_json, print_itinerary

    if in_room is not None and from_at is None:
        raise CommandLineError("--in-room needs --from (the moment you are in that room)")
    # two outputs in one file, or a folder that is not there: refused before anything is read
    targets = [("--ics", ics), ("--markdown", markdown), ("--html", html)]
    targets.append(("--save-profile", save_profile))
    check_distinct(targets)
    for _, target in targets:
        if target is not None:
            check_folder(target)
    programme = read_programme(programme_path, zone=zone)
    profile = profile_for(programme, profile_path, flags, busy_ics)
    key = history.source_key(programme_path)
    if update and key is None:
        warn(["the embedded programme does not change: there is nothing to update from"])
    seen = history.see(key, programme) if key else history.Seen()
    earlier: Itinerary | None = None
    if previous:
        earlier = read_previous(previous)
    elif key and not fresh:
        earlier = history.last_plan(key, profile_path)
    start = None
    if from_at is not None:
        from planner.now import read_at
        from planner.replan import read_room, restart

        room = read_room(in_room, programme) if in_room is not None else None
        start = restart(earlier, read_at(from_at, programme, "--from"), room)
    # refuse unwritable targets before planning, so that nothing is half done
    if ics:
        from planner.export.ics import require_known_zone
        from planner.export.writers import previous_calendar

        require_known_zone(programme)
        previous_calendar(ics, force)
    for target in (markdown, html):
        if target:
            from planner.export.writers import check_agenda_target

            check_agenda_target(target, force)
    if save_profile:
        check_profile_target(save_profile, force)
    # wishes that cannot count: said before planning, which may fail because of them
    warn([*unmatched_wishes(programme, profile), *availability_warnings(programme, profile)])
    try:
        result = make_plan(
            programme,
            profile,
            previous=earlier,
            relax=relax,
            time_limit=time_limit,
            start=start,
        )
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
                        "programme_changes": changes_json(
                            seen.changes, touched(seen.changes, earlier, None)
                        ),
                        "message": str(error),
                    },
                    indent=2,
                )
            )
            warn(history.keep(seen))
            sys.exit(error.exit_code)
        warn(history.keep(seen))
        raise
    warn(result.warnings)
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
            from planner.export.writers import write_plan

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
    data = itinerary_json(itinerary, programme)
    data["programme_changes"] = changes_json(
        seen.changes, touched(seen.changes, earlier, itinerary)
    )
    if start is not None:
        from planner.replan import restart_json

        data["replanned"] = restart_json(start, programme)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if key and (update or seen.changes):
            print_changes(
                seen.changes, earlier, itinerary, programme, console(), since=_since(seen)
            )
        if start is not None:
            from planner.replan import restart_text

            click.echo(restart_text(start, programme, earlier is not None))
        state = interest_state(profile, result.interests)
        print_itinerary(itinerary, programme, console(), left_out=left_out, interest=state)
    if key:
        warn([*history.keep(seen), *history.keep_plan(key, profile_path, data)])
    for path in written:
        click.echo(f"wrote {path}", err=True)


def _since(seen: history.Seen) -> str:
    """``since it was last seen (3 h ago)``, or what a first look is."""
    if seen.first:
        return "(first look at this programme: nothing to compare with yet)"
    if seen.seen_at is None:
        return "since it was last seen"
    from datetime import UTC, datetime

    from planner.durations import age

    return f"since it was last seen ({age((datetime.now(UTC) - seen.seen_at).total_seconds())} ago)"


def _top(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    """``--top``: a count (1 or more), or ``all`` (None)."""
    count = count_or_all(ctx, param, value)
    if count == 0:
        raise click.BadParameter("0 is below 1")
    return count


@click.command()
@programme_option
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
    programme_path: Path | str | None,
    profile_path: Path | None,
    top: int | None,
    as_json: bool,
    zone: str | None,
    **flags: Any,
) -> None:
    """Rank the programme by your interests, with each item's score and reasons (no plan)."""
    from planner.interests.checks import unmatched_wishes
    from planner.views.ranking_view import print_ranking, ranked, ranking_json

    programme = read_programme(programme_path, zone=zone)
    profile = profile_for(programme, profile_path, flags)
    warn(unmatched_wishes(programme, profile))
    items = ranked(programme, profile)[:top]
    if as_json:
        click.echo(json.dumps(ranking_json(items), indent=2, ensure_ascii=False))
    else:
        print_ranking(items, programme, console())


@click.command()
@click.option(
    "--at",
    metavar="DATETIME",
    help="The clock to go by (conference time zone unless an offset is given); default: now.",
)
@programme_option
@interest_options
@constraint_options
@relax_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print now, next and the alternatives as JSON."
)
@time_limit_option
@zone_option
@friendly_errors
def now(
    at: str | None,
    programme_path: Path | str | None,
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
    from planner.views.now_view import now_json, print_now

    programme = read_programme(programme_path, zone=zone)
    clock = read_at(at, programme)
    profile = profile_for(programme, profile_path, flags, busy_ics)
    warn([*unmatched_wishes(programme, profile), *availability_warnings(programme, profile)])
    result = make_plan(programme, profile, relax=relax, time_limit=time_limit)
    warn(result.warnings)
    state = now_and_next(
        programme, result.itinerary, result.interests, result.profile or profile, clock
    )
    if as_json:
        click.echo(json.dumps(now_json(state, programme), indent=2, ensure_ascii=False))
    else:
        print_now(state, programme, console())
