"""``planner rank``: the programme ranked by interest, with each item's score and reasons, as a
table or as JSON (``{"items": [{"id", "score", "why": [...]}]}``, best first, positive scores
only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

from planner.interests.profile import InterestProfile
from planner.interests.scoring import score_programme
from planner.model import Programme
from planner.views.printing import print_trimmed
from planner.views.timefmt import titled_table


@dataclass(frozen=True)
class Ranked:
    id: str
    score: float
    why: list[str]


def ranked(programme: Programme, profile: InterestProfile) -> list[Ranked]:
    """Every contribution of positive interest, best first (of equal scores the closer match
    first, then programme order)."""
    interests = score_programme(programme, profile)
    order = {c.id: n for n, c in enumerate(programme.contributions)}
    found = [cid for cid, i in interests.items() if i.score > 0]
    found.sort(key=lambda cid: (-interests[cid].score, -interests[cid].exact, order[cid]))
    return [Ranked(cid, interests[cid].score, list(interests[cid].reasons)) for cid in found]


def ranking_json(items: list[Ranked]) -> dict[str, Any]:
    return {"items": [{"id": r.id, "score": round(r.score, 4), "why": r.why} for r in items]}


def print_ranking(items: list[Ranked], programme: Programme, console: Console) -> None:
    if not items:
        console.print("Nothing ranks: no contribution matches these interests.")
        return
    table = titled_table(f"{programme.conference.name}: ranked by your interests")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Title and why", ratio=1)
    for item in items:
        c = programme.contribution_by_id[item.id]
        cell = Text(c.title)
        for reason in item.why:
            cell.append("\n" + reason, style="dim")
        table.add_row(Text(item.id), f"{item.score:g}", cell)
    print_trimmed(console, table)
