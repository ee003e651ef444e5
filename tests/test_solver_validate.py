"""The independent checker accepts the solver's plans and catches broken itineraries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.interests.profile import BusyInterval, InterestProfile
from planner.itinerary import Itinerary, PlannedItem
from planner.solver import validate
from solver_factory import PS, T, at, build, planned

PROGRAMME = build(
    [
        T("a", "09:00", 30, "X"),
        T("b", "09:00", 30, "Y"),
        T("c", "09:30", 30, "Y"),
        T("d", "10:30", 30, "X"),
    ],
    [PS("ps", "14:00", 60, ("p1", "p2", "mine"))],
)
SCORES = {"a": 3.0, "b": 1.0, "c": 2.0, "d": 1.0, "p1": 1.0, "p2": 1.0}


@pytest.fixture
def profile() -> InterestProfile:
    return InterestProfile(walk=5, lunch=45, own=["mine"])


@pytest.fixture
def good(profile: InterestProfile) -> Itinerary:
    return planned(PROGRAMME, profile, SCORES)


def _item(cid: str, kind: str, start: str, end: str, room: str) -> PlannedItem:
    return PlannedItem.model_validate(
        {"id": cid, "kind": kind, "start": at(start), "end": at(end), "room": room, "score": 1}
    )


def _with(itinerary: Itinerary, *extra: PlannedItem, drop: str | None = None) -> Itinerary:
    items = [i for i in itinerary.items if i.id != drop and i.kind != drop] + list(extra)
    return itinerary.model_copy(update={"items": items})


def test_solver_plan_is_valid(good: Itinerary, profile: InterestProfile) -> None:
    assert validate(good, PROGRAMME, profile) == []
    assert {"a", "mine"} <= {i.id for i in good.items}


def test_catches_a_clash(good: Itinerary, profile: InterestProfile) -> None:
    broken = _with(good, _item("b", "talk", "09:00", "09:30", "Y"))
    assert any("overlap" in p for p in validate(broken, PROGRAMME, profile))


def test_catches_too_little_walking(good: Itinerary, profile: InterestProfile) -> None:
    broken = _with(good, _item("c", "talk", "09:30", "10:00", "Y"))
    problems = validate(broken, PROGRAMME, profile)
    assert any("not enough time to walk from X to Y" in p for p in problems)


def test_catches_busy_time(good: Itinerary) -> None:
    busy = InterestProfile(
        walk=5, own=["mine"], busy=[BusyInterval(start=at("09:10"), end=at("09:20"))]
    )
    assert any("busy" in p for p in validate(good, PROGRAMME, busy))


def test_catches_availability(good: Itinerary) -> None:
    late = InterestProfile(walk=5, own=["mine"], arrive=at("09:15"))
    assert any("availability" in p for p in validate(good, PROGRAMME, late))


def test_catches_daily_caps(good: Itinerary) -> None:
    capped = InterestProfile(walk=5, own=["mine"], max_talks_per_day=1)
    assert any("max_talks_per_day" in p for p in validate(good, PROGRAMME, capped))
    hours = InterestProfile(walk=5, own=["mine"], max_hours_per_day=0.5)
    assert any("max_hours_per_day" in p for p in validate(good, PROGRAMME, hours))


def test_catches_missing_lunch(good: Itinerary, profile: InterestProfile) -> None:
    problems = validate(_with(good, drop="lunch"), PROGRAMME, profile)
    assert any("no lunch of 45 minutes" in p for p in problems)


def test_catches_a_missing_must_see(good: Itinerary) -> None:
    wants = InterestProfile(walk=5, own=["mine"], must=["b"])
    assert any("must-see item 'b'" in p for p in validate(good, PROGRAMME, wants))


def test_relaxed_must_see_is_not_missing(good: Itinerary) -> None:
    wants = InterestProfile(walk=5, own=["mine"], must=["b"])
    assert any("'b'" in p for p in validate(good, PROGRAMME, wants))
    relaxed = good.model_copy(
        update={"relaxed": ["must-see 'b' (Talk b): clashes"], "relaxed_ids": ["b"]}
    )
    assert validate(relaxed, PROGRAMME, wants) == []


def test_catches_a_skipped_item(good: Itinerary) -> None:
    skipping = InterestProfile(walk=5, own=["mine"], skip=["a"])
    assert any("skip" in p for p in validate(good, PROGRAMME, skipping))


def test_catches_missing_presenter_duty(good: Itinerary, profile: InterestProfile) -> None:
    problems = validate(_with(good, drop="mine"), PROGRAMME, profile)
    assert any("your own item 'mine'" in p for p in problems)


def test_catches_bad_poster_visits(good: Itinerary, profile: InterestProfile) -> None:
    short = _with(good, drop="p2")
    short = _with(short, _item("p2", "poster-visit", "14:40", "14:45", "Posters"))
    assert any("a visit lasts 8 minutes" in p for p in validate(short, PROGRAMME, profile))
    outside = _with(good, drop="p2")
    outside = _with(outside, _item("p2", "poster-visit", "15:00", "15:08", "Posters"))
    assert any("outside its poster session" in p for p in validate(outside, PROGRAMME, profile))


def test_catches_wrong_slot_and_unknown_items(good: Itinerary, profile: InterestProfile) -> None:
    moved = _with(good, drop="d")
    moved = _with(moved, _item("d", "talk", "11:00", "11:30", "X"))
    assert any("not at its slot" in p for p in validate(moved, PROGRAMME, profile))
    ghost = _with(good, _item("zz", "talk", "16:00", "16:30", "X"))
    assert any("not in the programme" in p for p in validate(ghost, PROGRAMME, profile))


def test_catches_duplicates(good: Itinerary, profile: InterestProfile) -> None:
    first = next(i for i in good.items if i.id == "a")
    doubled = _with(good, first.model_copy(update={"end": first.end + timedelta(0)}))
    assert any("twice" in p for p in validate(doubled, PROGRAMME, profile))


def test_catches_a_walk_longer_than_two_hours() -> None:
    # X 09:00-09:30 then Y 11:30 leaves two hours, and the walk between them takes 150 minutes.
    far = InterestProfile(lunch=0, walk_between={"X | Y": 150})
    programme = build([T("a", "09:00", 30, "X"), T("d", "11:30", 30, "Y")])
    plan = planned(programme, far, {"a": 1.0, "d": 1.0})
    assert validate(plan, programme, far) == []
    assert len(plan.items) == 1  # the solver knows it cannot have both
    both = _with(
        plan,
        _item("a", "talk", "09:00", "09:30", "X"),
        _item("d", "talk", "11:30", "12:00", "Y"),
        drop="talk",
    )
    problems = validate(both, programme, far)
    assert len(problems) == 1
    assert "not enough time to walk from X to Y" in problems[0]
    assert "(150 minutes)" in problems[0]


def _only(problems: list[str], words: str) -> None:
    assert len(problems) == 1, problems
    assert words in problems[0], problems


def _without(good: Itinerary, cid: str) -> Itinerary:
    return good.model_copy(update={"items": [i for i in good.items if i.id != cid]})


def test_catches_a_talk_in_the_wrong_room(good: Itinerary, profile: InterestProfile) -> None:
    moved = _with(_without(good, "d"), _item("d", "talk", "10:30", "11:00", "Y"))
    _only(validate(moved, PROGRAMME, profile), "is in room 'X', not 'Y'")


def test_catches_the_wrong_kind(good: Itinerary, profile: InterestProfile) -> None:
    invited = _with(_without(good, "d"), _item("d", "invited", "10:30", "11:00", "X"))
    _only(validate(invited, PROGRAMME, profile), "is a talk, not a invited")
    visit = _with(_without(good, "d"), _item("d", "poster-visit", "10:30", "11:00", "X"))
    _only(validate(visit, PROGRAMME, profile), "is a talk, not a poster")


def test_catches_duty_at_someone_elses_poster(good: Itinerary, profile: InterestProfile) -> None:
    duty = _with(_without(good, "p1"), _item("p1", "poster-duty", "14:00", "15:00", "Posters"))
    problems = validate(duty, PROGRAMME, profile)
    assert any("presenter duty at a poster that is not yours" in p for p in problems), problems


def test_catches_a_presenter_duty_too_short(good: Itinerary, profile: InterestProfile) -> None:
    mine = next(i for i in good.items if i.id == "mine")
    short = _with(
        _without(good, "mine"), mine.model_copy(update={"end": mine.start + timedelta(minutes=5)})
    )
    need = round(profile.poster_duty_share * 60)
    _only(validate(short, PROGRAMME, profile), f"presenter duty is 5 minutes, needs {need}")


def test_catches_an_item_that_ends_before_it_starts(
    good: Itinerary, profile: InterestProfile
) -> None:
    backwards = _with(_without(good, "d"), _item("d", "talk", "11:00", "10:30", "X"))
    problems = validate(backwards, PROGRAMME, profile)
    assert any("'d' (Mon 11:00) ends before it starts" in p for p in problems), problems


def test_catches_own_poster_as_a_visit(good: Itinerary, profile: InterestProfile) -> None:
    mine = next(i for i in good.items if i.id == "mine")
    visit = _with(_without(good, "mine"), mine.model_copy(update={"kind": "poster-visit"}))
    problems = validate(visit, PROGRAMME, profile)
    assert any("is your own poster: duty, not a visit" in p for p in problems), problems
    assert any("your poster 'mine' has no presenter duty in the plan" in p for p in problems)


def test_catches_a_cancelled_item(good: Itinerary, profile: InterestProfile) -> None:
    data = PROGRAMME.model_dump()
    for contribution in data["contributions"]:
        contribution["cancelled"] = contribution["id"] == "d"
    cancelled = type(PROGRAMME).model_validate(data)
    with_d = _with(_without(good, "d"), _item("d", "talk", "10:30", "11:00", "X"))
    assert validate(with_d, PROGRAMME, profile) == []
    _only(validate(with_d, cancelled, profile), "'d' (Mon 10:30) is cancelled")
