"""The result of planning: what to attend and when, what was left out and why, and how sure the
solver is (optimal, or feasible with a gap to the best bound)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from planner.model import Programme

Status = Literal["optimal", "feasible", "infeasible"]
#: The models are built on their first use rather than on import: the TUI's first screen
#: imports them but shows no plan (saves about a tenth of its launch, in instructions).
DEFERRED = ConfigDict(frozen=True, defer_build=True)

ItemKind = Literal["talk", "invited", "poster-visit", "poster-duty", "lunch"]
"""``poster-duty``: the attendee presents their own poster (id is the poster's id); ``lunch``: the
day's lunch, placed inside the lunch window (id ``lunch-YYYY-MM-DD``)."""


class Backup(BaseModel):
    """The best talk to go to instead of a planned item if it is full or cancelled (see
    :mod:`planner.backups`)."""

    model_config = DEFERRED

    id: str
    title: str
    room: str
    start: AwareDatetime
    end: AwareDatetime
    score: float = 0.0
    walk_minutes: int = 0
    """Minutes to walk to it from the planned item's room."""


class PlannedItem(BaseModel):
    """One thing to attend: a talk at its slot, or a visit to a poster inside its session."""

    model_config = DEFERRED

    id: str
    kind: ItemKind
    start: AwareDatetime
    end: AwareDatetime
    room: str
    score: float
    title: str = ""
    why: list[str] = Field(default_factory=list, description="Why it is in the plan, in words.")
    backup: Backup | None = None
    """The best talk instead of this one if it is full or cancelled."""


class LeftOut(BaseModel):
    """An item of positive interest that is not in the plan, and the reason."""

    model_config = DEFERRED

    id: str
    score: float
    reason: str
    blocking: list[str] = Field(
        default_factory=list, description="Ids of the chosen items that keep it out."
    )


class Change(BaseModel):
    """A difference from the previous plan."""

    model_config = DEFERRED

    id: str
    change: Literal["added", "removed", "moved"]
    detail: str = ""


class Itinerary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    status: Status
    objective: float = 0.0
    bound: float = 0.0
    items: list[PlannedItem] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    relaxed: list[str] = Field(
        default_factory=list, description="Hard wishes dropped by --relax, in words."
    )
    relaxed_ids: list[str] = Field(
        default_factory=list, description="Ids of the must-see or own items dropped by --relax."
    )
    solve_seconds: float = 0.0

    @property
    def gap(self) -> float:
        """Relative gap between the objective and the best bound (0 when optimal)."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / self.bound)

    def summary(self) -> str:
        """The solver's verdict in words: optimal, or the gap to the best bound."""
        if self.status == "optimal":
            return f"Optimal plan (score {self.objective:g}): no better plan exists."
        if self.status == "feasible":
            return (
                f"Good plan, not proven optimal: score {self.objective:g}, best bound "
                f"{self.bound:g} (gap {self.gap:.1%})."
            )
        return "No plan satisfies every hard wish (infeasible)."

    def by_day(self, programme: Programme) -> dict[date, list[PlannedItem]]:
        """The planned items of each day in time order, days in order, each item under the day
        the programme lists it under (a talk after midnight on the evening's day). A day with
        nothing planned but lunch is left out: its lunch says nothing to plan around."""
        days: dict[date, list[PlannedItem]] = {}
        for item in sorted(self.items, key=lambda i: (i.start, i.end, i.id)):
            days.setdefault(programme.day_of_item(item.id, item.start), []).append(item)
        return {
            day: items
            for day, items in sorted(days.items())
            if any(i.kind != "lunch" for i in items)
        }


def build_models() -> None:
    """Build the plan's models now (they are deferred): once, in one thread, before any other
    thread makes or reads a plan."""
    for model in (Backup, PlannedItem, LeftOut, Change, Itinerary):
        model.model_rebuild()
