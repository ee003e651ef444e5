"""``planner rank``: the programme ranked by interest, without planning. Its JSON contract:
``{"items": [{"id", "score", "why": [...]}]}``, best first, positive scores only, at most
``--top`` (default 20; ``--top all``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interests_support import programme_fixture  # noqa: F401
from planner.cli import main
from planner.interests import InterestProfile, relevance, similarity
from planner.interests.scoring import score_programme
from planner.model import Programme


def rank(*args: str) -> Result:
    return CliRunner().invoke(main, ["rank", *args], env={"COLUMNS": "100"})


def rank_items(*args: str) -> list[dict[str, Any]]:
    result = rank("--json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"items"}
    items: list[dict[str, Any]] = data["items"]
    return items


def test_json_contract_best_first_positive_at_most_top(programme: Programme) -> None:
    items = rank_items("--keyword", "SKA", "--keyword", "deep learning")
    assert 0 < len(items) <= 20
    assert all(set(item) == {"id", "score", "why"} for item in items)
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    expected = score_programme(programme, InterestProfile(keyword=["SKA", "deep learning"]))
    for item in items:
        assert item["score"] == expected[item["id"]].score
        assert item["why"] == expected[item["id"]].reasons


def test_top_n_and_all() -> None:
    every = rank_items("--keyword", "learning", "--top", "all")
    assert len(every) > 20
    assert rank_items("--keyword", "learning", "--top", "3") == every[:3]
    assert rank_items("--keyword", "learning") == every[:20]
    refused = rank("--keyword", "learning", "--top", "0")
    assert refused.exit_code != 0 and "0 is below 1" in refused.output


def test_nothing_of_interest_ranks_nothing() -> None:
    assert rank_items("--keyword", "zzqqxx") == []
    assert rank_items() == []


def test_rank_takes_the_interest_flags_of_plan(programme: Programme) -> None:
    items = rank_items("--keyword", "anomaly detection", "--skip", "15", "--star", "40=12")
    ids = [item["id"] for item in items]
    assert ids[0] == "40" and items[0]["why"] == ["starred: weight 12"]
    assert "15" not in ids
    strict = rank_items("--keyword", "anomaly detection", "--min-score", "6", "--top", "all")
    assert {item["id"] for item in strict} == {"15", "16", "30"}
    loose = rank_items("--keyword", "SKA", "--min-relevance", "0", "--top", "all")
    default = rank_items("--keyword", "SKA", "--top", "all")
    assert len(loose) > len(default)


def test_the_table_says_score_and_reasons() -> None:
    result = rank("--keyword", "anomaly detection", "--top", "2")
    assert result.exit_code == 0, result.output
    assert "ranked by your interests" in result.output
    assert "keyword 'anomaly detection' (10)" in result.output
    assert "Searching for changing-state AGNs" in result.output


def test_a_profile_file_gives_like_and_like_item(tmp_path: Path, programme: Programme) -> None:
    paper = tmp_path / "mine.txt"
    paper.write_text(programme.contribution_by_id["33"].abstract, encoding="utf-8")
    profile = tmp_path / "me.toml"
    profile.write_text(
        f'like = ["{paper}=4"]\nlike_item = "16"\nmin_relevance = 0.5\n', encoding="utf-8"
    )
    items = rank_items("--profile", str(profile), "--top", "all")
    why = {item["id"]: item["why"] for item in items}
    assert why["33"][0].startswith("like your paper 'mine.txt' (4):")
    assert any(reason.startswith("more like 16 (10):") for reason in why["15"])


def test_a_profile_of_stars_only_builds_no_index(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("an index was built for a profile without keywords or likes")

    monkeypatch.setattr(relevance.RelevanceIndex, "__init__", refuse)
    monkeypatch.setattr(similarity.SimilarityIndex, "__init__", refuse)
    fresh = programme.model_copy(deep=True)  # no index cached for it
    scores = score_programme(fresh, InterestProfile(star={"16": 15, "30": 30}, skip=["14"]))
    assert {cid for cid, i in scores.items() if i.score} == {"16", "30"}
    with pytest.raises(AssertionError, match="an index was built"):
        score_programme(fresh, InterestProfile(keyword=["SKA"]))
