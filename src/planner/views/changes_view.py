"""Changes to the programme as the attendee needs them: those that touch their plan first, in a
sentence each ("'Rust in the kernel' (Sat 11:00) was cancelled; in its slot you now have ..."),
then the rest in a count; and the ``programme_changes`` of ``planner plan --json``."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme
from planner.model.changes import ProgrammeChange
from planner.views.timefmt import clock


def touched(
    changes: list[ProgrammeChange], before: Itinerary | None, after: Itinerary | None
) -> set[str]:
    """Ids of the changed contributions that were in the plan before or are in it now."""
    planned = {i.id for plan in (before, after) if plan is not None for i in plan.items}
    return {c.id for c in changes if c.id in planned}


def changes_json(changes: list[ProgrammeChange], touching: set[str]) -> list[dict[str, Any]]:
    """``[{"id", "change", "title", "affects_plan", "detail"}]``, in the change list's order."""
    return [
        {
            "id": c.id,
            "change": c.change,
            "title": c.title,
            "affects_plan": c.id in touching,
            "detail": c.detail,
        }
        for c in changes
    ]


def _at(programme: Programme, moment: datetime) -> str:
    local = programme.local(moment)
    return f"{local:%a} {clock(local)}"


def _instead(item: PlannedItem, after: Itinerary, programme: Programme) -> str:
    """What the new plan has in the old slot of ``item``."""
    now = [
        i
        for i in sorted(after.items, key=lambda i: i.start)
        if i.kind != "lunch" and i.id != item.id and i.start < item.end and item.start < i.end
    ]
    if not now:
        return "its slot is now free"
    listed = ", ".join(
        f"'{i.title}' ({clock(programme.local(i.start))}, {i.room})" for i in now[:3]
    )
    return f"in its slot you now have {listed}"


def sentence(
    change: ProgrammeChange, before: Itinerary | None, after: Itinerary, programme: Programme
) -> str:
    """One change that touches the plan, in words."""
    old = next((i for i in before.items if i.id == change.id), None) if before else None
    new = next((i for i in after.items if i.id == change.id), None)
    title = f"'{change.title}'"
    if old is not None and change.change != "moved":  # a move says both times
        title += f" ({_at(programme, old.start)})"
    if change.change in ("cancelled", "removed"):
        verb = "was cancelled" if change.change == "cancelled" else "was removed from the programme"
        return f"{title} {verb}" + (f"; {_instead(old, after, programme)}." if old else ".")
    if change.change == "moved":
        text = f"{title} moved {change.detail}"
        if new is not None:
            return text + ("; it stays in your plan." if old else "; it is now in your plan.")
        if old is not None:
            return f"{text}; it no longer fits your plan, and {_instead(old, after, programme)}."
        return text + "."
    if change.change == "edited":
        text = f"{title} was edited: {change.detail}"
        if old is not None and new is None:
            return f"{text}; it is no longer in your plan."
        return f"{text}; it is now in your plan." if old is None else f"{text}."
    return f"{title} is new ({change.detail}) and now in your plan."


def summary(
    changes: list[ProgrammeChange], before: Itinerary | None, after: Itinerary, programme: Programme
) -> tuple[list[str], str | None]:
    """A sentence for each change touching the plan, and the others in a count (``3 other
    changes (1 added, 2 edited)``, None when there are none)."""
    touching = touched(changes, before, after)
    mine = [sentence(c, before, after, programme) for c in changes if c.id in touching]
    others = Counter(c.change for c in changes if c.id not in touching)
    if not others:
        return mine, None
    total = sum(others.values())
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(others.items()))
    return mine, f"{total} other change{'s' if total != 1 else ''} ({counted})"


def print_changes(
    changes: list[ProgrammeChange],
    before: Itinerary | None,
    after: Itinerary,
    programme: Programme,
    console: Console,
    *,
    since: str,
) -> None:
    """The changes touching the plan, one sentence each, then a count of the others."""
    if not changes:
        console.print(f"[bold]No change to the programme {since}.[/bold]")
        console.print()
        return
    mine, rest = summary(changes, before, after, programme)
    console.print(f"[bold]Changes to the programme {since}[/bold]")
    listed = Table.grid(padding=(0, 1))
    listed.add_column(width=3, justify="right")
    listed.add_column()
    for line in mine:
        listed.add_row("•", Text(line))
    if not mine:
        listed.add_row("", "None touches your plan.")
    console.print(listed, highlight=False)
    if rest:
        console.print(Padding(f"{rest}: --json lists them all.", (0, 0, 0, 4)), highlight=False)
    console.print()
