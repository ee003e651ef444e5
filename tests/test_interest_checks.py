"""What a profile asks that the programme cannot give: warnings, with the plan still made."""

from __future__ import annotations

from datetime import datetime

from interests_support import ROME, programme_fixture  # noqa: F401
from planner.interests import InterestProfile
from planner.interests.checks import (
    availability_warnings,
    has_interests,
    interest_state,
    unmatched_wishes,
)
from planner.interests.scoring import Interest
from planner.model import Programme


def test_availability_only_is_no_interest() -> None:
    assert not has_interests(InterestProfile(arrive=datetime(2022, 5, 31, 9, tzinfo=ROME)))
    assert interest_state(InterestProfile(lunch=0), {}) == "none given"
    for given in ({"keyword": ["x"]}, {"star": {"1": 0}}, {"own": ["1"]}, {"session": {"a": 1}}):
        assert has_interests(InterestProfile.model_validate(given))


def test_interest_state_looks_at_scores_and_hard_wishes() -> None:
    zero = {"1": Interest(0.0), "2": Interest(0.0)}
    assert interest_state(InterestProfile(keyword=["xqzw"]), zero) == "none match"
    assert interest_state(InterestProfile(must=["1"]), zero) == "some"
    some = {**zero, "3": Interest(0.4, ["keyword"])}
    assert interest_state(InterestProfile(keyword=["x"]), some) == "some"


def test_leaving_before_or_arriving_after_the_conference(programme: Programme) -> None:
    # the conference runs Monday 30 May to Wednesday 1 June 2022 (Europe/Rome)
    inside = InterestProfile(
        arrive=datetime(2022, 5, 29, 20, tzinfo=ROME), leave=datetime(2022, 6, 2, 8, tzinfo=ROME)
    )
    assert availability_warnings(programme, inside) == []
    late = datetime(2022, 6, 1, 23, 30, tzinfo=ROME)  # the last evening is still a conference day
    assert availability_warnings(programme, InterestProfile(arrive=late)) == []
    away = InterestProfile(
        arrive=datetime(2022, 6, 2, 7, tzinfo=ROME).astimezone(ROME),
        leave=datetime(2022, 6, 3, 7, tzinfo=ROME),
    )
    assert availability_warnings(programme, away) == [
        "--arrive 2022-06-02 07:00 is after the conference ends (Wednesday 1 June 2022)"
    ]
    early = InterestProfile(leave=datetime(2022, 5, 29, 22, 0, tzinfo=ROME))
    assert availability_warnings(programme, early) == [
        "--leave 2022-05-29 22:00 is before the conference starts (Monday 30 May 2022)"
    ]


def test_unmatched_wishes_name_each_flag_and_text(programme: Programme) -> None:
    profile = InterestProfile(
        keyword=["SKA", "xqzw", "anomaly detection"],
        session={"Anomaly Detection": 5, "invited-30": 3, "Quantum Gravity": 2},
        speaker=["Lochner", "Nobody Atall"],
    )
    assert unmatched_wishes(programme, profile) == [
        "--keyword 'xqzw' matches no contribution",
        "--session 'Quantum Gravity' matches no session, track or id",
        "--speaker 'Nobody Atall' matches no speaker",
    ]
    assert unmatched_wishes(programme, InterestProfile()) == []
