"""Real published schedules (FOSDEM 2026, 36C3 with events past midnight) read from the shared
folder: the plan is optimal, passes the independent checker and equals the exact oracle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.interests.profile import InterestProfile
from planner.solver.oracle import Slot, Walks, best_plan
from solver_factory import planned

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import realdata


@pytest.mark.parametrize("reader", [realdata.fosdem, realdata.ccc36], ids=["fosdem", "36c3"])
def test_real_schedule_talks_match_the_oracle(reader: object) -> None:
    loaded = reader()  # type: ignore[operator]
    if loaded is None:
        pytest.skip(f"real schedules are absent from {realdata.REALDATA}")
    programme, scores, _ = loaded
    profile = InterestProfile(walk=5, lunch=0)
    itinerary = planned(programme, profile, scores)
    slots = [
        Slot(
            c.id,
            int(programme.window(c)[0].timestamp()) // 60,
            int(programme.window(c)[1].timestamp()) // 60,
            programme.room_of(c),
            scores[c.id],
        )
        for c in programme.contributions
        if programme.window(c)[1] > programme.window(c)[0]
    ]
    assert itinerary.status == "optimal"
    assert itinerary.objective == pytest.approx(best_plan(slots, Walks.of(profile))[0])


def test_real_schedule_with_lunch_validates() -> None:
    loaded = realdata.fosdem()
    if loaded is None:
        pytest.skip(f"real schedules are absent from {realdata.REALDATA}")
    programme, scores, _ = loaded
    itinerary = planned(programme, InterestProfile(walk=5, max_talks_per_day=12), scores)
    assert itinerary.status == "optimal"
