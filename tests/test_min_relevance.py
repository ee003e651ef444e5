"""A minimum relevance: weak matches of a keyword count nothing, and items matched only weakly
are left out of the plan with the reason "only weakly related: ..."."""

from __future__ import annotations

from interests_support import programme_fixture, tiny_programme  # noqa: F401
from planner.interests import InterestProfile
from planner.interests.profile import MIN_RELEVANCE
from planner.interests.scoring import KEYWORD_TOP, score_programme
from planner.model import Programme
from planner.planning import make_plan

DETECTION_ONLY = ("38", "42", "65", "141", "93", "106")
"""ML4Astro contributions that say "detection" but nothing of anomalies."""


def test_anomaly_detection_plans_nothing_that_matches_only_detection(
    programme: Programme,
) -> None:
    result = make_plan(programme, InterestProfile(keyword=["anomaly detection"]))
    planned = {item.id for item in result.itinerary.items}
    assert planned >= {"15", "16", "30"}
    assert not planned & set(DETECTION_ONLY)
    for cid in DETECTION_ONLY:
        assert result.interests[cid].score == 0, cid


def _ska_weak(programme: Programme) -> tuple[dict[str, float], list[str]]:
    """SKA's matches as shares of its best, and those under the default cut."""
    scores = score_programme(programme, InterestProfile(keyword=["SKA"], min_relevance=0))
    shares = {cid: i.score / KEYWORD_TOP for cid, i in scores.items() if i.score}
    return shares, [cid for cid, share in shares.items() if share < MIN_RELEVANCE]


def test_a_match_below_the_share_of_the_best_counts_nothing(programme: Programme) -> None:
    shares, weak = _ska_weak(programme)
    assert weak, "SKA has matches under the default minimum relevance"
    scores = score_programme(programme, InterestProfile(keyword=["SKA"]))
    for cid in weak:
        assert scores[cid].score == 0
        assert scores[cid].weak and scores[cid].weak[0].startswith("keyword 'SKA' (")
        assert scores[cid].weak_score == round(KEYWORD_TOP * shares[cid], 1)
    strong = [cid for cid in shares if cid not in weak]
    assert all(scores[cid].score > 0 and not scores[cid].weak for cid in strong)


def test_min_relevance_zero_keeps_every_match_and_one_keeps_the_best(
    programme: Programme,
) -> None:
    everything = score_programme(programme, InterestProfile(keyword=["SKA"], min_relevance=0))
    best_only = score_programme(programme, InterestProfile(keyword=["SKA"], min_relevance=1))
    default = score_programme(programme, InterestProfile(keyword=["SKA"]))
    count = [sum(1 for i in s.values() if i.score) for s in (everything, default, best_only)]
    assert count[0] > count[1] > count[2] >= 1
    assert all(i.score == KEYWORD_TOP for i in best_only.values() if i.score)


def test_min_score_leaves_out_items_whose_interest_is_below_it(programme: Programme) -> None:
    profile = InterestProfile(keyword=["anomaly detection"], min_score=6)
    scores = score_programme(programme, profile)
    assert {cid for cid, i in scores.items() if i.score} == {"15", "16", "30"}
    assert scores["14"].weak_score == 4.0  # 'Galaxy Zoo': session and 'anomaly' only
    result = make_plan(programme, profile)
    reasons = {x.id: x.reason for x in result.itinerary.left_out}
    assert reasons["14"].startswith("only weakly related: keyword 'anomaly detection' (4):")
    assert {i.id for i in result.itinerary.items if i.kind != "lunch"} == {"15", "16", "30"}


def test_a_strong_interest_keeps_an_item_whose_other_match_is_weak() -> None:
    programme = tiny_programme(
        [
            {"title": "Pulsars and pulsars", "abstract": "pulsar pulsar pulsar"},
            {"title": "Galaxies", "abstract": "A pulsar, once."},
        ]
    )
    profile = InterestProfile(keyword=["pulsar"], session={"Morning": 3})
    scores = score_programme(programme, profile)
    assert scores["1"].score == 3  # the weak keyword match adds nothing, the session counts
    assert scores["1"].reasons == ["session 'Morning' (3)"]
    every = score_programme(programme, profile.model_copy(update={"min_relevance": 0}))
    assert every["1"].score > 3
