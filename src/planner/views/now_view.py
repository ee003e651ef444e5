"""``planner now``: the plan's item now and next, the walk between them, and the alternatives
starting soon; as text, or as the JSON contract of ``planner now --json``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from planner.export.details import backup_text
from planner.itinerary import PlannedItem
from planner.model import Programme
from planner.now import ALTERNATIVES_MINUTES, NowAndNext
from planner.views.itinerary_view import item_json
from planner.views.printing import print_trimmed
from planner.views.timefmt import RECONSTRUCTED_MARK, clock, span, zone_label


def now_json(state: NowAndNext, programme: Programme) -> dict[str, Any]:
    """The contract of ``planner now --json``: items as those of ``planner plan --json``."""
    return {
        "now": item_json(state.now, programme) if state.now else None,
        "next": item_json(state.next, programme) if state.next else None,
        "walk_minutes": state.walk_minutes,
        "alternatives": [item_json(item, programme) for item in state.alternatives],
    }


def _minutes(count: int) -> str:
    if count < 60:
        return f"{count} min"
    hours, minutes = divmod(count, 60)
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"


def _line(item: PlannedItem, programme: Programme) -> Text:
    contribution = programme.contribution_by_id.get(item.id)
    marked = contribution is not None and programme.times_reconstructed(contribution)
    local = programme.local
    text = Text(f"{span(local(item.start), local(item.end), marked)}  {item.room}  ")
    text.append(f"{item.id} ", style="dim")
    text.append(item.title or item.id, style="bold" if item.kind == "invited" else "")
    return text


def print_now(state: NowAndNext, programme: Programme, console: Console) -> None:
    """What the plan has now and next, with the time left and the walk, then the alternatives."""
    for line in now_lines(state, programme):
        print_trimmed(console, line)


def now_lines(state: NowAndNext, programme: Programme) -> list[Text]:
    """The lines of :func:`print_now` (the terminal UI's now view shows the same)."""
    lines: list[Text] = []
    at = programme.local(state.at)
    lines.append(Text(f"{at:%A} {at.day} {at:%B %Y}, {clock(at)} ({zone_label(at)})", "bold cyan"))
    if programme.any_times_reconstructed:
        lines.append(Text(f"{RECONSTRUCTED_MARK} reconstructed time", style="yellow"))
    if state.now is not None:
        line = Text("Now:   ", style="bold").append_text(_line(state.now, programme))
        line.append(f"  ({_minutes(state.minutes_left or 0)} left)", style="green")
    else:
        line = Text("Now:   ", style="bold").append("nothing in your plan", style="dim")
    lines.append(line)
    if state.now is not None and state.now.backup is not None:
        lines.append(Text("       " + backup_text(state.now, programme), "cyan"))
    if state.next is not None:
        line = Text("Next:  ", style="bold").append_text(_line(state.next, programme))
        line.append(f"  (in {_minutes(state.minutes_to_next or 0)}", style="green")
        if state.walk_minutes is not None and state.walk_from != state.next.room:
            line.append(f"; {state.walk_minutes} min walk from {state.walk_from}", style="green")
        elif state.walk_minutes is not None:
            line.append("; same room", style="green")
        line.append(")", style="green")
    else:
        line = Text("Next:  ", style="bold").append("nothing more in your plan", style="dim")
    lines.append(line)
    if state.next is not None and state.next.backup is not None:
        lines.append(Text("       " + backup_text(state.next, programme), "cyan"))
    lines.append(Text())
    if not state.alternatives:
        lines.append(
            Text(f"No other talk starts in the next {ALTERNATIVES_MINUTES} minutes.", "dim")
        )
        return lines
    lines.append(
        Text(f"Not in your plan, starting in the next {ALTERNATIVES_MINUTES} minutes:", "bold")
    )
    for item in state.alternatives:
        line = Text("  ").append_text(_line(item, programme))
        line.append(f"  (score {item.score:g})", style="dim")
        lines.append(line)
    return lines
