"""Interest scores: sessions, keywords, speakers, stars and skips combined, with reasons."""

from __future__ import annotations

import pytest

from interests_support import programme_fixture, tiny_programme  # noqa: F401
from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.scoring import (
    KEYWORD_TOP,
    SPEAKER_WEIGHT,
    STAR_LEVELS,
    score_programme,
    star_level,
    star_weight,
)
from planner.model import Programme


def test_an_empty_profile_scores_everything_zero(programme: Programme) -> None:
    scores = score_programme(programme, InterestProfile())
    assert scores.keys() == programme.contribution_by_id.keys()
    assert all(i.score == 0 and i.reasons == [] for i in scores.values())


def test_session_weight_by_title_id_or_track_any_case(programme: Programme) -> None:
    by_title = score_programme(programme, InterestProfile(session={"anomaly DETECTION": 7}))
    by_id = score_programme(programme, InterestProfile(session={"anomaly-detection": 7}))
    for scores in (by_title, by_id):
        assert {cid for cid, i in scores.items() if i.score} == {"16", "15", "163", "14"}
        assert scores["16"].score == 7
        assert scores["16"].reasons == ["session 'Anomaly Detection' (7)"]


def test_a_title_shared_by_several_sessions_weights_them_all(programme: Programme) -> None:
    scores = score_programme(programme, InterestProfile(session={"Invited Talk": 4}))
    invited = {c.id for c in programme.contributions if c.kind == "invited"}
    assert {cid for cid, i in scores.items() if i.score == 4} == invited


def test_the_strongest_matching_session_key_counts_once(programme: Programme) -> None:
    profile = InterestProfile(session={"Invited Talk": 4, "invited-30": 9})
    scores = score_programme(programme, profile)
    assert scores["30"].score == 9
    assert scores["28"].score == 4


def test_keyword_best_match_scores_keyword_top(programme: Programme) -> None:
    scores = score_programme(programme, InterestProfile(keyword=["anomaly detection"]))
    best = max(scores.values(), key=lambda i: i.score)
    assert best.score == KEYWORD_TOP
    ranked = sorted(scores, key=lambda cid: -scores[cid].score)
    assert set(ranked[:6]) == {"16", "15", "163", "14", "30", "95"}
    assert scores["16"].reasons[0].startswith("keyword 'anomaly detection' (")
    assert "'anomaly detection' in the title" in scores["16"].reasons[0]


def test_weak_keyword_matches_below_the_floor_are_dropped(programme: Programme) -> None:
    scores = score_programme(programme, InterestProfile(keyword=["anomaly detection"]))
    # talk 17 only says "detecting" in its abstract: far below the best match
    assert scores["17"].score == 0
    assert all(i.score == 0 or i.score >= 0.5 for i in scores.values())


def test_two_keywords_add_up(programme: Programme) -> None:
    one = score_programme(programme, InterestProfile(keyword=["SKA"]))
    both = score_programme(programme, InterestProfile(keyword=["SKA", "radio"]))
    assert both["38"].score > one["38"].score
    assert len(both["38"].reasons) == 2


def test_speaker_match_ignores_case_accents_and_order(programme: Programme) -> None:
    for name in ("michelle lochner", "Lochner", "LOCHNER, Michelle", "M. Lochner"):
        scores = score_programme(programme, InterestProfile(speaker=[name]))
        assert scores["30"].score == SPEAKER_WEIGHT, name
        assert scores["30"].reasons == ["speaker Michelle Lochner"]
        assert sum(1 for i in scores.values() if i.score) == 1
    accented = score_programme(programme, InterestProfile(speaker=["Jose Ramon Rodon"]))
    assert accented["137"].score == SPEAKER_WEIGHT
    assert score_programme(programme, InterestProfile(speaker=["Lochnerova"]))["30"].score == 0


def test_session_keyword_and_speaker_add_up(programme: Programme) -> None:
    profile = InterestProfile(
        session={"Invited Talk": 3}, keyword=["anomaly detection"], speaker=["Lochner"]
    )
    interest = score_programme(programme, profile)["30"]
    keyword_only = score_programme(programme, InterestProfile(keyword=["anomaly detection"]))
    assert interest.score == pytest.approx(3 + SPEAKER_WEIGHT + keyword_only["30"].score)
    assert len(interest.reasons) == 3


def test_a_star_gives_exactly_its_weight(programme: Programme) -> None:
    profile = InterestProfile(
        keyword=["anomaly detection"], session={"Anomaly Detection": 8}, star={"16": 2.5, "28": 7}
    )
    scores = score_programme(programme, profile)
    assert scores["16"].score == 2.5
    assert scores["28"].score == 7
    assert scores["16"].reasons[0].startswith("starred: weight 2.5")
    assert scores["15"].score > 8  # unstarred items keep their combined interest


def test_a_star_of_zero_removes_interest(programme: Programme) -> None:
    profile = InterestProfile(keyword=["SKA"], star={"33": 0})
    assert score_programme(programme, profile)["33"].score == 0


def test_skip_wins_over_everything(programme: Programme) -> None:
    profile = InterestProfile(keyword=["SKA"], star={"33": 40}, skip=["33"])
    interest = score_programme(programme, profile)["33"]
    assert interest.score == 0
    assert interest.reasons == ["skipped"]


def test_a_negative_session_weight_lowers_but_never_below_zero(programme: Programme) -> None:
    profile = InterestProfile(keyword=["SKA"], session={"Poster Session Day 2": -100})
    scores = score_programme(programme, profile)
    assert scores["80"].score == 0
    assert scores["33"].score == KEYWORD_TOP


def test_unknown_session_keys_and_speakers_match_nothing(programme: Programme) -> None:
    profile = InterestProfile(session={"Quantum Gravity": 5}, speaker=["Nobody Here"])
    assert all(i.score == 0 for i in score_programme(programme, profile).values())


def test_star_levels_rise_and_one_star_beats_any_automatic_match() -> None:
    assert sorted(STAR_LEVELS) == [1, 2, 3]
    assert STAR_LEVELS[1] < STAR_LEVELS[2] < STAR_LEVELS[3]
    assert STAR_LEVELS[1] > max(KEYWORD_TOP, SPEAKER_WEIGHT)
    assert [star_weight(n) for n in (1, 2, 3)] == [STAR_LEVELS[n] for n in (1, 2, 3)]
    assert [star_level(STAR_LEVELS[n]) for n in (1, 2, 3)] == [1, 2, 3]
    assert star_level(4.2) is None
    with pytest.raises(PlannerError, match="star level 4"):
        star_weight(4)


def test_a_track_key_weights_its_sessions() -> None:
    programme = tiny_programme(
        [{"title": "Pulsar timing"}, {"title": "Other"}], track="Radio Astronomy"
    )
    scores = score_programme(programme, InterestProfile(session={"radio astronomy": 6}))
    assert scores["0"].score == 6
    assert scores["0"].reasons == ["track 'Radio Astronomy' (6)"]
