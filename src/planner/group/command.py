"""``planner group``: plan a whole group from a group file and write its folder.

The output folder is staged from the start (:func:`planner.group.outdir.staged_folder`): a
folder that is not ours is refused before any planning, and an interruption at any point leaves
the old folder as it was. Members that cannot be planned are reported on stderr by name and line;
the others' files are written and the exit code is 1 (0 when every member is planned).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from planner.group.groupfile import GroupFile, Policy, read_group_file
from planner.group.outdir import staged_folder
from planner.model import Programme
from planner.solver.errors import InfeasibleError

if TYPE_CHECKING:
    from planner.group.run import Options

EXIT_SOME_MEMBERS = 1


@dataclass(frozen=True)
class Request:
    group_file: Path
    out: Path
    policy: Policy | None = None
    programme: Path | str | None = None
    share: float | None = None
    max_per_poster: int | None = None
    as_json: bool = False
    force: bool = False
    time_limit: float = 10.0
    workers: int | None = None
    zone: str | None = None
    dask: str | None = None
    room_capacity: tuple[str, ...] = ()


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not show,
        transient=True,
    )


def run_group(request: Request) -> int:
    """Plan and write; returns the exit code. The inputs are read before the solver is loaded,
    so that a bad one is refused at once."""
    from planner.cli_common import read_programme
    from planner.export.ics import require_known_zone
    from planner.group.room_load import check_rooms, parse_capacities

    capacities = parse_capacities(request.room_capacity)
    if request.dask is not None:
        from planner.group.cluster import require_distributed

        require_distributed()
    group = read_group_file(request.group_file)
    programme = read_programme(request.programme or group.programme, zone=request.zone)
    require_known_zone(programme)  # every member gets a calendar
    check_rooms(programme, capacities)
    from planner.group.run import Options

    options = Options(
        policy=request.policy,
        share=request.share,
        max_per_poster=request.max_per_poster,
        time_limit=request.time_limit,
        workers=request.workers or os.cpu_count() or 1,
        capacities=capacities,
        dask=request.dask,
    )
    show = not request.as_json and sys.stderr.isatty()
    try:
        return _run(request, group, programme, options, show)
    except InfeasibleError as error:
        if request.as_json:  # as `planner plan --json` does
            click.echo(json.dumps(infeasible_json(str(error)), indent=2))
            sys.exit(error.exit_code)
        raise


def infeasible_json(message: str) -> dict[str, Any]:
    return {
        "status": "infeasible",
        "members": [],
        "coverage": {
            "covered": 0,
            "independent_covered": 0,
            "greedy_covered": None,
            "bound": None,
            "gap": None,
            "group_items": 0,
        },
        "message": message,
    }


def _run(
    request: Request, group: GroupFile, programme: Programme, options: Options, show: bool
) -> int:
    from planner.group.output import group_json, write_files
    from planner.group.overview import summary
    from planner.group.run import plan_group

    with ExitStack() as stack:
        stage = stack.enter_context(staged_folder(request.out, request.force))
        progress = stack.enter_context(_progress(show))
        options = replace(options, folder=stage)
        count = len(group.members)
        planning = progress.add_task("planning members", total=count)
        steps: list[TaskID] = []

        def phase(name: str) -> None:
            for step in steps:
                progress.update(step, total=1, completed=1)
            steps.append(progress.add_task(name, total=None))

        result = plan_group(group, programme, options, lambda: progress.advance(planning), phase)
        for step in steps:
            progress.update(step, total=1, completed=1)
        writing = progress.add_task("writing files", total=len(result.members))
        written = write_files(
            result,
            programme,
            stage,
            workers=options.workers,
            advance=lambda: progress.advance(writing),
        )
    for error in result.errors:
        click.echo(f"planner: not planned: {error}", err=True)
    for warning in result.warnings:
        click.echo(f"planner: warning: {warning}", err=True)
    if request.as_json:
        click.echo(json.dumps(group_json(result, programme), indent=2, ensure_ascii=False))
    else:
        for line in summary(result):
            click.echo(line)
        click.echo(f"wrote {request.out}: {len(written)} files", err=True)
    return EXIT_SOME_MEMBERS if result.errors else 0
