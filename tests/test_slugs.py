"""Slugs: the one rule behind import ids, calendar UIDs and group file names."""

from __future__ import annotations

import pytest

from planner.slugs import slug


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("Ramón Göhre", "ramon-gohre"),
        ("José María / Ñ", "jose-maria-n"),
        ("Linked Data: Services!", "linked-data-services"),
        ("  --A 1--  ", "a-1"),
        ("Straße", "strae"),
        ("ﬁle", "file"),
        ("李明", ""),
        ("", ""),
    ],
)
def test_a_slug_is_ascii_words_joined_by_hyphens(text: str, made: str) -> None:
    assert slug(text) == made


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("Ramón Göhre", "ram-n-g-hre"),
        ("Straße", "strasse"),
        ("Invited talks", "invited-talks"),
    ],
)
def test_timetable_session_ids_keep_letters_outside_a_z_as_separators(text: str, made: str) -> None:
    assert slug(text, transliterate=False) == made
