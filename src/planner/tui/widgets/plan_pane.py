"""The plan beside the programme: the day's itinerary, what was left out and why, what changed
since the previous plan, and the solver's status."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from planner.itinerary import Itinerary
from planner.model import Programme
from planner.views.itinerary_view import status_line
from planner.views.timefmt import RECONSTRUCTED_MARK, hm, later_mark

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

KIND_STYLE = {"invited": "bold", "poster-duty": "bold magenta", "poster-visit": "magenta"}
CHANGE_MARK = {"added": ("+", "bold green"), "moved": ("~", "bold yellow")}


def _title(programme: Programme, item_id: str, fallback: str = "") -> str:
    contribution = programme.contribution_by_id.get(item_id)
    return contribution.title if contribution else (fallback or item_id)


def _day_of_id(programme: Programme, item_id: str) -> date | None:
    """The day of a planned item's id: a contribution's day, or the day of ``lunch-YYYY-MM-DD``."""
    if item_id in programme.contribution_by_id:
        return programme.day_of(programme.contribution_by_id[item_id])
    try:
        return date.fromisoformat(item_id.removeprefix("lunch-"))
    except ValueError:
        return None


def plan_renderable(
    programme: Programme,
    itinerary: Itinerary | None,
    day: date,
    *,
    busy: bool = False,
    problem: str | None = None,
) -> RenderableType:
    """The plan of ``day``; ``busy`` while a new plan is being made; ``problem`` when the last
    attempt failed (the previous plan, if any, is still shown)."""
    local = programme.local
    parts: list[RenderableType] = []
    heading = Text(f"Plan · {day:%a} {day.day} {day:%b}", style="bold")
    if busy:
        heading.append("  planning…", style="italic yellow")
    parts.append(heading)
    if problem:
        parts.append(Text(problem, style="bold red"))
    if itinerary is None:
        if not problem:
            parts.append(
                Text(
                    "No plan yet. Star (1-3), must-see (m) or add interests (i); p plans now.",
                    style="dim",
                )
            )
        return Group(*parts)
    style = "green" if itinerary.status == "optimal" else "yellow"
    parts.append(Text(status_line(itinerary), style=style))
    changes = {c.id: c for c in itinerary.changes}
    items = itinerary.by_day(programme).get(day, [])
    if not items:
        parts.append(Text("Nothing planned this day.", style="dim"))
    # times marked as in the programme's table, and aligned whether marked or not
    marks = programme.any_times_reconstructed
    for item in items:
        change = changes.get(item.id)
        sign, sign_style = CHANGE_MARK.get(change.change if change else "", (" ", ""))
        contribution = programme.contribution_by_id.get(item.id)
        mark = ""
        if marks:
            reconstructed = contribution is not None and programme.times_reconstructed(contribution)
            mark = RECONSTRUCTED_MARK if reconstructed else " "
        start = local(item.start)
        line = Text.assemble((sign, sign_style), f" {hm(start)}{mark}{later_mark(day, start)} ")
        line.no_wrap, line.overflow = True, "ellipsis"
        title = _title(programme, item.id, item.title)
        if item.kind == "lunch":
            minutes = int((item.end - item.start).total_seconds() // 60)
            line.append(f"lunch ({minutes} min)", style="dim")
        else:
            prefix = {"poster-visit": "poster: ", "poster-duty": "at your poster: "}
            line.append(prefix.get(item.kind, "") + title, style=KIND_STYLE.get(item.kind, ""))
        if change and change.detail and change.detail != title:
            line.append(f"  ({change.detail})", style=sign_style)
        parts.append(line)
    removed = [
        c for c in itinerary.changes if c.change == "removed" and _day_of_id(programme, c.id) == day
    ]
    if removed:
        parts.append(Text(f"Dropped since the previous plan ({len(removed)})", style="bold"))
    for change in removed:
        line = Text("- ", style="bold red", no_wrap=True, overflow="ellipsis")
        is_lunch = change.id not in programme.contribution_by_id and change.id.startswith("lunch-")
        title = "lunch" if is_lunch else _title(programme, change.id)
        line.append(title, style="strike dim")
        if change.detail and not is_lunch and change.detail != title:
            line.append(f"  ({change.detail})", style="red")
        parts.append(line)
    left = [
        x
        for x in itinerary.left_out
        if x.id in programme.contribution_by_id
        and programme.day_of(programme.contribution_by_id[x.id]) == day
    ]
    if left:
        parts.append(Text(f"Left out ({len(left)})", style="bold"))
        for out in sorted(left, key=lambda x: (-x.score, x.id)):
            parts.append(Text(f"  {_title(programme, out.id)}", no_wrap=True, overflow="ellipsis"))
            parts.append(Text(f"    {out.reason}", style="dim"))
    if itinerary.relaxed:
        parts.append(Text("Relaxed: " + "; ".join(itinerary.relaxed), style="yellow"))
    return Group(*parts)


class PlanPane(VerticalScroll):
    """Shows the app's plan for the day the screen sets (``day``): it watches the app's
    ``itinerary``, ``planning`` and ``plan_problem``."""

    day: reactive[date | None] = reactive(None, init=False)

    def __init__(self, programme: Programme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.programme = programme

    def compose(self) -> ComposeResult:
        yield Static(id="plan-body")

    def on_mount(self) -> None:
        for name in ("itinerary", "planning", "plan_problem"):
            self.watch(self.app, name, self._render_plan, init=False)
        self._render_plan()

    def watch_day(self) -> None:
        self._render_plan()

    def _render_plan(self) -> None:
        if not self.is_mounted:
            return
        app = cast("PlannerApp", self.app)
        self.query_one("#plan-body", Static).update(
            plan_renderable(
                self.programme,
                app.itinerary,
                self.day or self.programme.conference.days[0],
                busy=app.planning,
                problem=app.plan_problem,
            )
        )
