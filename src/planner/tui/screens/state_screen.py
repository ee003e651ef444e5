"""A screen that shows the app's state: it reads the one copy the app holds, never its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from planner.interests import InterestProfile
    from planner.interests.scoring import Interest
    from planner.tui.app import PlannerApp


class StateScreen(Screen[None]):
    @property
    def state(self) -> PlannerApp:
        return cast("PlannerApp", self.app)

    @property
    def profile(self) -> InterestProfile:
        return self.state.profile

    @property
    def scores(self) -> dict[str, Interest]:
        return self.state.scores
