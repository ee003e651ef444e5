"""What changed between two versions of a programme: added, removed, cancelled, moved (time or
room) and edited (title, speakers, abstract), each once per kind, in the programme's order."""

from __future__ import annotations

import copy
from typing import Any

from planner.model import Programme
from planner.model.changes import programme_changes
from programme_factory import programme_data


def _programme(data: dict[str, Any]) -> Programme:
    return Programme.model_validate(data)


def _talk(data: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in data["contributions"] if c["id"] == cid)


def _kinds(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c.id, c.change) for c in programme_changes(_programme(old), _programme(new))]


def test_the_same_programme_has_no_changes() -> None:
    data = programme_data()
    assert _kinds(data, copy.deepcopy(data)) == []


def test_each_kind_of_change_is_named() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    _talk(new, "t1")["cancelled"] = True
    _talk(new, "t2")["start"] = "2022-10-29T09:00:00+02:00"  # t2 now clashes with t1 ...
    _talk(new, "t2")["end"] = "2022-10-29T09:30:00+02:00"
    _talk(new, "t3")["title"] = "Across the change, revised"
    new["contributions"] = [c for c in new["contributions"] if c["id"] != "p"]
    new["contributions"].append(
        {"id": "t9", "title": "Late addition", "kind": "talk", "session": "s1",
         "start": "2022-10-29T09:30:00+02:00", "end": "2022-10-29T10:00:00+02:00"}
    )  # fmt: skip
    assert sorted(_kinds(old, new)) == [
        ("p", "removed"),
        ("t1", "cancelled"),
        ("t2", "moved"),
        ("t3", "edited"),
        ("t9", "added"),
    ]


def test_a_room_change_is_a_move_and_says_where() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    _talk(new, "t1")["room"] = "B"
    (change,) = programme_changes(_programme(old), _programme(new))
    assert (change.id, change.change) == ("t1", "moved")
    assert change.detail == "from A to B (Sat 29 Oct 09:00 CEST)"
    assert change.title == "First"


def test_a_poster_moves_with_its_session() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    session = next(s for s in new["sessions"] if s["id"] == "p1")
    session["start"], session["end"] = "2022-10-29T16:00:00+02:00", "2022-10-29T17:00:00+02:00"
    assert _kinds(old, new) == [("p", "moved")]


def test_a_move_and_an_edit_are_both_reported() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    _talk(new, "t1")["speakers"] = [{"name": "Bea"}]
    _talk(new, "t1")["room"] = "B"
    changes = programme_changes(_programme(old), _programme(new))
    assert [(c.id, c.change) for c in changes] == [("t1", "moved"), ("t1", "edited")]
    assert "speakers" in changes[1].detail


def test_the_same_instant_in_another_offset_is_no_move() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    _talk(new, "t1")["start"] = "2022-10-29T07:00:00+00:00"
    assert _kinds(old, new) == []


def test_reinstated_talk_is_added_and_a_new_cancelled_one_is_not_news() -> None:
    old = programme_data()
    _talk(old, "t1")["cancelled"] = True
    new = copy.deepcopy(old)
    _talk(new, "t1")["cancelled"] = False
    new["contributions"].append(
        {"id": "t9", "title": "Never held", "kind": "talk", "session": "s1", "cancelled": True,
         "start": "2022-10-29T09:30:00+02:00", "end": "2022-10-29T10:00:00+02:00"}
    )  # fmt: skip
    changes = programme_changes(_programme(old), _programme(new))
    assert [(c.id, c.change) for c in changes] == [("t1", "added")]
    assert "reinstated" in changes[0].detail


def test_a_cancelled_talk_that_also_moved_is_cancelled_only() -> None:
    old = programme_data()
    new = copy.deepcopy(old)
    _talk(new, "t1")["cancelled"] = True
    _talk(new, "t1")["room"] = "B"
    assert _kinds(old, new) == [("t1", "cancelled")]


def test_a_move_in_time_or_in_length_says_so() -> None:
    old = programme_data()
    later, longer = copy.deepcopy(old), copy.deepcopy(old)
    _talk(later, "t2")["start"] = "2022-10-29T09:40:00+02:00"
    _talk(longer, "t2")["end"] = "2022-10-29T10:15:00+02:00"
    longer["sessions"][0]["end"] = "2022-10-29T10:15:00+02:00"
    (moved,) = programme_changes(_programme(old), _programme(later))
    assert moved.detail == "from Sat 29 Oct 09:30 CEST to Sat 29 Oct 09:40 CEST in A"
    (stretched,) = programme_changes(_programme(old), _programme(longer))
    assert stretched.detail == "now ends at Sat 29 Oct 10:15 CEST (was Sat 29 Oct 10:00 CEST)"
