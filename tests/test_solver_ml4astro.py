"""The embedded ML4Astro 2022 programme: plans are optimal and pass the independent checker."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from planner.interests.profile import BusyInterval, InterestProfile
from planner.model import Programme
from planner.solver import InfeasibleError, plan
from planner.solver.oracle import Slot, Walks, best_plan
from planner.sources import load_programme
from solver_factory import planned


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(None)


def _scores(programme: Programme, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    return {c.id: round(rng.uniform(0, 10), 1) for c in programme.contributions}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_default_profile_is_optimal(programme: Programme, seed: int) -> None:
    it = planned(programme, InterestProfile(), _scores(programme, seed))
    assert it.status == "optimal"
    assert it.gap == 0
    assert len([i for i in it.items if i.kind == "lunch"]) == 3


def test_talks_only_matches_the_oracle(programme: Programme) -> None:
    scores = {c.id: s for c, s in zip(programme.contributions, range(1, 100), strict=False)}
    scores = {
        k: float(v % 7) for k, v in scores.items() if not programme.contribution_by_id[k].is_poster
    }
    profile = InterestProfile(lunch=0)
    it = planned(programme, profile, scores)
    clock = [
        Slot(
            c.id,
            int(s.timestamp()) // 60,
            int(e.timestamp()) // 60,
            programme.room_of(c),
            scores[c.id],
        )
        for c in programme.contributions
        if c.id in scores
        for s, e in [programme.window(c)]
    ]
    assert it.objective == best_plan(clock, Walks.of(profile))[0]


def test_a_full_profile(programme: Programme) -> None:
    zone = programme.conference.zone
    posters = [c.id for c in programme.contributions if c.is_poster]
    talks = [c.id for c in programme.contributions if not c.is_poster]
    profile = InterestProfile(
        must=[talks[3]],
        skip=[talks[4]],
        own=[posters[0], talks[10]],
        max_talks_per_day=6,
        max_hours_per_day=4,
        arrive=datetime(2022, 5, 30, 10, 0, tzinfo=zone),
        busy=[
            BusyInterval(
                start=datetime(2022, 5, 31, 16, 0, tzinfo=zone),
                end=datetime(2022, 5, 31, 17, 0, tzinfo=zone),
                label="call",
            )
        ],
    )
    it = planned(programme, profile, _scores(programme, 4))
    assert it.status == "optimal"
    planned_ids = {i.id for i in it.items}
    assert {talks[3], talks[10], posters[0]} <= planned_ids
    assert talks[4] not in planned_ids
    assert any(x.reason.startswith("during your busy time") for x in it.left_out)
    assert any(x.reason == "daily cap reached" for x in it.left_out)


def test_two_clashing_musts_across_the_session(programme: Programme) -> None:
    poster_sessions = [s for s in programme.sessions if s.kind == "poster"]
    first = poster_sessions[0]
    posters = [c.id for c in programme.contributions if c.session == first.id]
    # Presenting two posters in one session, each for the whole session, is impossible.
    profile = InterestProfile(own=posters[:2], poster_duty_share=1.0)
    with pytest.raises(InfeasibleError, match=posters[0] + "|" + posters[1]):
        plan(programme, profile, {})
