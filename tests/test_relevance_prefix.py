"""A keyword of five letters or more also matches the words it begins ("postgres" finds
"PostgreSQL"), weighed less than the word itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from interests_support import tiny_programme
from planner.interests.relevance import PREFIX_MIN, relevance_index
from planner.sources import load_programme


def test_a_keyword_matches_the_words_it_begins_with_less_weight() -> None:
    programme = tiny_programme(
        [
            {"title": "Zero-Downtime Upgrades: PostgreSQL and glibc"},
            {"title": "Zero-Downtime Upgrades: Postgres and glibc"},
            {"title": "Sorting in databases"},
        ]
    )
    index = relevance_index(programme)
    scores = index.scores("postgres")
    assert scores.keys() == {"0", "1"}
    assert scores["1"] > scores["0"] > 0
    assert index.explain("postgres", "0") == "'postgres' (as 'postgresql') in the title"
    assert index.explain("postgres", "1") == "'postgres' in the title"


def test_short_keywords_match_whole_words_only() -> None:
    assert PREFIX_MIN == 5
    programme = tiny_programme([{"title": "PostgreSQL internals"}, {"title": "Rustacean day"}])
    index = relevance_index(programme)
    assert index.search("post") == []
    assert index.search("rust") == []
    assert index.scores("postg").keys() == {"0"}


def test_the_prefix_counts_in_a_phrase_and_in_a_track() -> None:
    programme = tiny_programme([{"title": "Vacuum tuning"}], track="PostgreSQL")
    index = relevance_index(programme)
    assert index.explain("postgres", "0") == "track 'PostgreSQL'"
    assert index.scores("postgres vacuum").keys() == {"0"}


def test_an_exact_word_is_not_counted_again_as_a_prefix() -> None:
    programme = tiny_programme([{"title": "Detection of anomalies"}, {"title": "Detectors"}])
    index = relevance_index(programme)
    # "detection" and "detections" share a stem: an exact match; "detectors" is not a prefix
    assert index.scores("detection").keys() == {"0"}
    assert index.explain("detection", "0") == "'detection' in the title"


def test_fosdem_postgres_finds_the_postgresql_talks(real_file: Callable[[str], Path]) -> None:
    programme = load_programme(real_file("fosdem-2026.schedule.xml"))
    index = relevance_index(programme)
    titles = {c.id: c.title for c in programme.contributions}
    found = {titles[m.id]: m for m in index.search("postgres")}
    upgrade = next(t for t in titles.values() if t.startswith("Zero-Downtime Upgrades: PostgreSQL"))
    assert found[upgrade].score > 0
    assert "'postgres' (as 'postgresql') in the title" in found[upgrade].explain()
    exact = next(t for t in titles.values() if t == "Contributing to MariaDB & Postgres")
    assert found[exact].score > found[upgrade].score
    assert all("postgresql" in t.casefold() or "postgres" in t.casefold() for t in list(found)[:5])


def test_a_word_found_as_itself_and_longer_names_the_longer_forms_only() -> None:
    programme = tiny_programme(
        [{"title": "Databases", "abstract": "Postgres, PostgreSQL and postgres again."}]
    )
    index = relevance_index(programme)
    assert (
        index.explain("postgres", "0")
        == "'postgres' 3 times (also as 'postgresql') in the abstract"
    )
