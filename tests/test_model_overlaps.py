"""The additive model changes: room_overlaps, Contribution.day and event_type."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from planner.errors import ProgrammeError
from planner.model import Programme
from planner.model.io import programme_from_data
from planner.sources import load_programme


def _programme(**extra: Any) -> dict[str, Any]:
    talk = {"kind": "talk", "session": "s1"}
    return {
        "conference": {"name": "C", "timezone": "Europe/Rome", "days": ["2022-05-30"]},
        "rooms": [{"name": "Hall"}],
        "sessions": [
            {
                "id": "s1",
                "title": "Track A",
                "kind": "contributed",
                "room": "Hall",
                "start": "2022-05-30T09:00:00+02:00",
                "end": "2022-05-30T11:00:00+02:00",
            }
        ],
        "contributions": [
            {
                "id": "a",
                "title": "A",
                **talk,
                "start": "2022-05-30T09:00:00+02:00",
                "end": "2022-05-30T10:00:00+02:00",
            },
            {
                "id": "b",
                "title": "B",
                **talk,
                "start": "2022-05-30T09:30:00+02:00",
                "end": "2022-05-30T10:30:00+02:00",
            },
        ],
        **extra,
    }


def test_overlap_in_one_room_is_refused_by_default() -> None:
    with pytest.raises(ProgrammeError, match="'a' and 'b' overlap in room 'Hall'"):
        programme_from_data(_programme(), "test.yaml")


def test_overlap_is_kept_when_the_programme_allows_it() -> None:
    programme = programme_from_data(_programme(room_overlaps="allow"), "test.yaml")
    assert [c.id for c in programme.contributions] == ["a", "b"]
    assert programme.room_overlaps == "allow"


def test_allow_still_checks_everything_else() -> None:
    data = _programme(room_overlaps="allow")
    data["contributions"][1]["session"] = "nope"
    with pytest.raises(ProgrammeError, match="unknown session 'nope'"):
        programme_from_data(data, "test.yaml")


def test_room_overlaps_takes_only_error_or_allow() -> None:
    with pytest.raises(ProgrammeError, match="room_overlaps"):
        programme_from_data(_programme(room_overlaps="maybe"), "test.yaml")


def test_day_of_follows_the_sources_day_and_must_be_a_conference_day() -> None:
    data = _programme(room_overlaps="allow")
    data["conference"]["days"] = ["2022-05-29", "2022-05-30"]
    data["contributions"][0]["day"] = "2022-05-29"
    data["contributions"][0]["event_type"] = "workshop"
    programme = programme_from_data(data, "test.yaml")
    first, second = programme.contributions
    assert programme.day_of(first) == date(2022, 5, 29)
    assert programme.day_of(second) == date(2022, 5, 30)
    assert first.event_type == "workshop"

    data["contributions"][0]["day"] = "2022-06-02"
    with pytest.raises(ProgrammeError, match="day 2022-06-02 is not a day of the conference"):
        programme_from_data(data, "test.yaml")


def test_embedded_programme_is_unchanged() -> None:
    programme = load_programme(None)
    assert len(programme.contributions) == 73
    assert programme.room_overlaps == "error"
    assert all(c.day is None and c.event_type is None for c in programme.contributions)


def test_direct_construction_still_validates() -> None:
    with pytest.raises(ValidationError):
        Programme.model_validate(_programme())


def test_room_overlaps_pairs_each_late_starter_with_the_span_that_ends_last() -> None:
    from planner.model.overlaps import room_overlaps

    spans = [
        ("A", 0, 100, "long"),  # holds the room until 100
        ("A", 10, 20, "inside"),  # starts inside "long"
        ("A", 50, 60, "also inside"),  # still inside "long", not "inside"
        ("A", 100, 110, "after"),  # starts when "long" ends: no overlap
        ("B", 10, 20, "other room"),  # same times, another room
        ("A", 105, 120, "tail"),  # inside "after"
    ]
    assert room_overlaps(spans) == [
        ("long", "inside"),
        ("long", "also inside"),
        ("after", "tail"),
    ]
    assert room_overlaps([]) == []
    assert room_overlaps([("A", 0, 10, "x"), ("A", 10, 10, "y"), ("A", 10, 20, "z")]) == []
