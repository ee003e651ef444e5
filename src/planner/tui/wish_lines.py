"""The lines the details pane adds about the attendee: an item's interest score and why, their
wishes for it, and where it stands in the current plan (no Textual here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from planner.interests import InterestProfile
from planner.itinerary import Itinerary
from planner.model import Programme

if TYPE_CHECKING:
    from planner.interests.scoring import Interest


def wish_lines(
    programme: Programme,
    item: str,
    profile: InterestProfile,
    scores: dict[str, Interest],
    itinerary: Itinerary | None,
) -> list[Text]:
    """Lines about the attendee's wishes for ``item`` and its interest score."""
    lines: list[Text] = []
    interest = scores.get(item)
    if interest is not None and (interest.score or interest.reasons):
        line = Text.assemble(("Interest ", "bold"), f"{interest.score:g}")
        if interest.reasons:
            line.append(": " + "; ".join(interest.reasons), style="dim")
        lines.append(line)
    if item in profile.must:
        lines.append(Text("Must-see: always in the plan", style="bold red"))
    if item in profile.skip:
        lines.append(Text("Skipped: never in the plan", style="dim"))
    if item in profile.own:
        lines.append(Text("Your own presentation", style="bold"))
    if item in profile.like_item:
        lines.append(Text("More like this: items like it rank higher (l: undo)", style="bold"))
    if itinerary is not None:
        lines.extend(plan_lines(programme, item, itinerary))
    return lines


def plan_lines(programme: Programme, item: str, itinerary: Itinerary) -> list[Text]:
    """Where the item stands in the plan, and why."""
    for planned in itinerary.items:
        if planned.id == item:
            line = Text("In the plan", style="bold green")
            if planned.kind == "poster-visit":
                local = programme.local
                line.append(
                    f" (visit {local(planned.start):%H:%M}–{local(planned.end):%H:%M})",
                    style="green",
                )
            if planned.why:
                line.append(": " + "; ".join(planned.why), style="green")
            return [line]
    for out in itinerary.left_out:
        if out.id == item:
            line = Text.assemble(("Left out", "bold yellow"), (f": {out.reason}", "yellow"))
            if out.blocking:
                line.append("  (w: go to what keeps it out)", style="dim")
            return [line]
    return []
