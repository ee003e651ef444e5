"""``planner plan``: the itinerary by day, what was left out and why, and the solver's status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planner.export.details import backup_text
from planner.itinerary import Backup, Itinerary, PlannedItem
from planner.model import Programme
from planner.views.printing import print_trimmed
from planner.views.timefmt import (
    RECONSTRUCTED_MARK,
    UNKNOWN_ZONE,
    day_title,
    later_mark,
    span,
    titled_table,
    zone_origin,
)

if TYPE_CHECKING:
    from planner.interests.checks import InterestState


def item_json(item: PlannedItem, programme: Programme) -> dict[str, Any]:
    """One item of ``planner plan --json`` (its times in the conference's zone, with offset)."""
    zone = programme.conference.zone
    return {
        "id": item.id,
        "kind": item.kind,
        "start": item.start.astimezone(zone).isoformat(),
        "end": item.end.astimezone(zone).isoformat(),
        "room": item.room,
        "score": round(item.score, 4),
        "title": item.title,
        "why": item.why,
        "backup": backup_json(item.backup, programme) if item.backup else None,
    }


def backup_json(backup: Backup, programme: Programme) -> dict[str, Any]:
    """An item's backup in ``planner plan --json``."""
    zone = programme.conference.zone
    return {
        "id": backup.id,
        "title": backup.title,
        "room": backup.room,
        "start": backup.start.astimezone(zone).isoformat(),
        "end": backup.end.astimezone(zone).isoformat(),
        "walk_minutes": backup.walk_minutes,
        "score": round(backup.score, 4),
    }


def itinerary_json(itinerary: Itinerary, programme: Programme) -> dict[str, Any]:
    """The contract of ``planner plan --json`` (times in ISO 8601 with their offset)."""
    zone = programme.conference.zone
    return {
        "status": itinerary.status,
        "objective": round(itinerary.objective, 4),
        "bound": round(itinerary.bound, 4),
        "gap": round(itinerary.gap, 6),
        "solve_seconds": round(itinerary.solve_seconds, 4),
        "items": [item_json(item, programme) for item in itinerary.items if item.kind != "lunch"],
        "lunch": [
            {
                "id": item.id,
                "start": item.start.astimezone(zone).isoformat(),
                "end": item.end.astimezone(zone).isoformat(),
            }
            for item in itinerary.items
            if item.kind == "lunch"
        ],
        "left_out": [
            {"id": x.id, "reason": x.reason, "score": round(x.score, 4), "blocking": x.blocking}
            for x in itinerary.left_out
        ],
        "changes": [c.model_dump() for c in itinerary.changes],
        "relaxed": itinerary.relaxed,
        "relaxed_ids": itinerary.relaxed_ids,
        "times_reconstructed": programme.any_times_reconstructed,
        "timezone": programme.conference.timezone,
        "timezone_source": programme.conference.timezone_source,
    }


def status_line(itinerary: Itinerary) -> str:
    if itinerary.status == "infeasible":
        return itinerary.summary()
    return f"{itinerary.summary()} Solved in {itinerary.solve_seconds * 1000:.0f} ms."


NOTHING_TO_PLAN: dict[InterestState, str] = {
    "none given": (
        "Nothing to plan: you have given no interests yet. "
        "Add --keyword, --session, --speaker, --star, --must or a --profile."
    ),
    "none match": (
        "Nothing to plan: no contribution matches your interests. "
        "Try other keywords, or --star or --must an item (`planner show` lists them)."
    ),
}


def _indented_list(rows: Sequence[tuple[str, ...]], right: bool = False, gap: int = 2) -> Padding:
    """Rows indented by two, each cell's wrapped lines kept under the cell; the last column
    wraps, and with ``right`` the first is right-aligned."""
    grid = Table.grid(padding=(0, gap))
    columns = len(rows[0]) if rows else 1
    for index in range(columns):
        last = index == columns - 1
        grid.add_column(
            justify="right" if right and index == 0 else "left",
            no_wrap=not last,
            ratio=1 if last else None,
        )
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))  # text, not markup: titles may hold "[...]"
    return Padding(grid, (0, 0, 0, 2))


def print_itinerary(
    itinerary: Itinerary,
    programme: Programme,
    console: Console,
    left_out: int | None = None,
    interest: InterestState = "some",
) -> None:
    """The plan by day, what was left out and why (the best ``left_out`` of them; all for
    None), relaxed wishes, changes, and the solver's status. When ``interest`` says nothing is
    of interest, a hint how to say what is, instead of days of lunches alone."""
    local = programme.local
    by_day = itinerary.by_day(programme)
    conference = programme.conference
    if not conference.zone_known:
        print_trimmed(
            console, Text(UNKNOWN_ZONE[0].upper() + UNKNOWN_ZONE[1:] + ".", "bold yellow")
        )
        console.print()
    elif zone_origin(conference):
        print_trimmed(
            console, Text(f"Times in {conference.timezone}{zone_origin(conference)}.", "dim")
        )
        console.print()
    reconstructed = programme.any_times_reconstructed
    if reconstructed:
        print_trimmed(
            console,
            Text(
                f"{RECONSTRUCTED_MARK} reconstructed time: " + " ".join(programme.notes),
                style="yellow",
            ),
        )
    hint = NOTHING_TO_PLAN.get(interest)
    if hint:
        if reconstructed:
            console.print()
        print_trimmed(console, hint)
    for day in programme.conference.days if hint is None else ():
        items = by_day.get(day, [])
        if not items:
            continue
        table = titled_table(day_title(day))
        table.add_column("Time", no_wrap=True)
        table.add_column("Room", no_wrap=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Title and why")
        for item in items:
            cell = Text(item.title or item.id, style="bold" if item.kind == "invited" else "")
            if item.kind == "poster-visit":
                cell.append("  (poster visit)", style="magenta")
            if item.why:
                cell.append("\n" + "; ".join(item.why), style="dim")
            if item.backup:
                cell.append("\n" + backup_text(item, programme), style="cyan")
            contribution = programme.contribution_by_id.get(item.id)
            marked = (
                reconstructed
                and contribution is not None
                and programme.times_reconstructed(contribution)
            )
            table.add_row(  # text, not markup: titles and rooms may hold "[...]"
                span(local(item.start), local(item.end), marked)
                + later_mark(day, local(item.start)),
                Text(item.room),
                Text("" if item.kind == "lunch" else item.id),
                cell,
            )
        console.print()
        print_trimmed(console, table)
    shown = sorted(itinerary.left_out, key=lambda x: (-x.score, x.id))[:left_out]
    if shown:
        console.print()
        table = titled_table("Left out")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Title", ratio=3)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Why not", ratio=2)
        for out in shown:
            contribution = programme.contribution_by_id.get(out.id)
            table.add_row(
                Text(out.id),
                Text(contribution.title if contribution else out.id),
                f"{out.score:g}",
                Text(out.reason, style="dim"),
            )
        print_trimmed(console, table)
    hidden = len(itinerary.left_out) - len(shown)
    if hidden and shown:
        print_trimmed(
            console,
            Text(
                f"... and {hidden} more left out, with less interest "
                "(--left-out all lists them; --json gives every reason).",
                style="dim",
            ),
        )
    elif hidden:
        console.print()
        print_trimmed(
            console,
            Text(
                f"{hidden} item{'s' if hidden != 1 else ''} left out "
                "(--left-out N or all lists them; --json gives every reason).",
                style="dim",
            ),
        )
    if itinerary.relaxed:
        console.print()
        print_trimmed(console, Text("Relaxed to make a plan possible:", style="bold yellow"))
        print_trimmed(console, _indented_list([("-", wish) for wish in itinerary.relaxed], gap=1))
    if itinerary.changes:
        console.print()
        print_trimmed(console, Text("Changes since the previous plan", style="bold cyan"))
        rows = [(c.change, c.id, c.detail) for c in itinerary.changes]
        print_trimmed(console, _indented_list(rows, right=True))
    console.print()
    print_trimmed(
        console,
        Text(
            status_line(itinerary), style="bold green" if itinerary.status == "optimal" else "bold"
        ),
    )
