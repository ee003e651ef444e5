"""Whole-word search: the words a query finds, and the parts of words its ``*`` asks for."""

from __future__ import annotations

import pytest

from planner.interests.words import SearchText, WordQuery, name_matches

TITLES = {
    "rust": "Rust in the kernel",
    "trust": "Hardware-aided Trusted Computing",
    "frustration": "Frustration-free builds",
    "rustc": "Inside rustc's borrow checker",
    "postgres": "PostgreSQL at scale",
    "detection": "Anomaly Detection with Gaia",
    "ramon": "Talk by Ramón",
    "c": "C for the rest of us",
}


def found(query: str) -> set[str]:
    parsed = WordQuery.parse(query)
    return {key for key, title in TITLES.items() if parsed.matches(SearchText.of(title))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rust", {"rust"}),  # not "trust", "Frustration" or "Trusted"
        ("RUST kernel", {"rust"}),
        ("trusted", {"trust"}),
        ("postgres", {"postgres"}),  # five letters or more: the longer words it begins
        ("detecting", {"detection"}),  # by its stem, as the keywords match
        ("ramon", {"ramon"}),  # accents folded
        ("c", {"c"}),  # a one-letter word is a word
        ("aided", {"trust"}),  # "Hardware-aided" is two words
        ("nothing", set()),
    ],
)
def test_words_are_found_whole(query: str, expected: set[str]) -> None:
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rust*", {"rust", "rustc"}),
        ("*rust", {"rust"}),  # "Trusted" does not end with it
        ("*rust*", {"rust", "trust", "frustration", "rustc"}),
        ("*ware-aided", {"trust"}),
    ],
)
def test_a_star_asks_for_parts_of_words(query: str, expected: set[str]) -> None:
    assert found(query) == expected


def test_an_empty_query_finds_everything() -> None:
    assert not WordQuery.parse("  * - ")
    assert found("") == set(TITLES)


def test_a_name_matches_every_word_in_any_order() -> None:
    assert name_matches("rust", "Rust")
    assert name_matches("systems rust", "Rust and Systems Programming")
    assert not name_matches("rust", "Trusted Computing")
    assert name_matches("*rust*", "Trusted Computing")
