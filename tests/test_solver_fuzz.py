"""Random profiles on the embedded ML4Astro programme: the planner either plans something the
independent checker accepts or raises InfeasibleError; with ``relax`` it always plans."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.interests.profile import BusyInterval, InterestProfile
from planner.model import Programme
from planner.solver import InfeasibleError, plan, validate
from planner.sources import load_programme

PROGRAMME: Programme = load_programme(None)
IDS = sorted(c.id for c in PROGRAMME.contributions)
ZONE = PROGRAMME.conference.zone


def _moment(day: int, minutes: int) -> datetime:
    base = datetime.combine(PROGRAMME.conference.days[day], datetime.min.time(), tzinfo=ZONE)
    return base + timedelta(minutes=minutes)


@st.composite
def profiles(draw: st.DrawFn) -> InterestProfile:
    chosen = draw(st.lists(st.sampled_from(IDS), max_size=7, unique=True))
    must, own, skip = chosen[:3], chosen[3:5], chosen[5:]
    busy = []
    for _ in range(draw(st.integers(0, 2))):
        day, start = draw(st.integers(0, 2)), draw(st.integers(9 * 60, 17 * 60))
        length = draw(st.integers(10, 120))
        busy.append(BusyInterval(start=_moment(day, start), end=_moment(day, start + length)))
    arrive = _moment(0, draw(st.integers(8 * 60, 12 * 60))) if draw(st.booleans()) else None
    leave = _moment(2, draw(st.integers(12 * 60, 18 * 60))) if draw(st.booleans()) else None
    return InterestProfile(
        must=must,
        own=own,
        skip=skip,
        busy=busy,
        arrive=arrive,
        leave=leave,
        walk_between=draw(st.sampled_from([{}, {"Main Hall | Poster Area": 12}])),
        walk=draw(st.sampled_from([0, 5, 15])),
        lunch=draw(st.sampled_from([0, 30, 45, 90])),
        max_talks_per_day=draw(st.sampled_from([None, 3, 8])),
        max_hours_per_day=draw(st.sampled_from([None, 2.0, 5.5])),
        poster_visit=draw(st.sampled_from([5, 8, 20])),
        poster_duty_share=draw(st.sampled_from([0.0, 0.5, 1.0])),
    )


@given(
    profile=profiles(),
    scores=st.dictionaries(st.sampled_from(IDS), st.floats(0, 10, allow_nan=False), max_size=40),
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_profiles_plan_or_explain(
    profile: InterestProfile, scores: dict[str, float]
) -> None:
    try:
        itinerary = plan(PROGRAMME, profile, scores)
    except InfeasibleError as error:
        assert str(error)
        relaxed = plan(PROGRAMME, profile, scores, relax=True)
        assert relaxed.relaxed, "relax found nothing to drop for an infeasible request"
        assert validate(relaxed, PROGRAMME, profile) == []
        return
    assert itinerary.status in ("optimal", "feasible")
    assert validate(itinerary, PROGRAMME, profile) == []
    assert itinerary.objective == pytest.approx(
        sum(i.score for i in itinerary.items if i.kind != "lunch")
    )
