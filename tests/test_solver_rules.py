"""Every planning rule on a tiny hand-built programme: a case where it holds and one where it
binds or makes the request infeasible. Tests assert objective values, not one optimal plan."""

from __future__ import annotations

import pytest

from planner.interests.profile import BusyInterval, InterestProfile
from planner.solver import InfeasibleError, plan
from solver_factory import DST_DAY, PS, TZ, T, at, build, ids, planned, reason

NO_LUNCH = {"lunch": 0}


def profile(**fields: object) -> InterestProfile:
    return InterestProfile.model_validate({**NO_LUNCH, **fields})


# --- no clash -----------------------------------------------------------------------------


def test_clash_free_talks_are_all_taken() -> None:
    p = build([T("a", "09:00"), T("b", "09:20"), T("c", "09:40")])
    it = planned(p, profile(walk=0), {"a": 1, "b": 2, "c": 3})
    assert it.status == "optimal"
    assert it.objective == pytest.approx(6)


def test_clash_keeps_the_better_combination() -> None:
    p = build([T("a", "09:00", 60, "X"), T("b", "09:30", 60, "Y"), T("c", "10:00", 60, "X")])
    it = planned(p, profile(walk=0), {"a": 5, "b": 6, "c": 4})
    assert it.objective == pytest.approx(9)
    assert ids(it) == {"a", "c"}
    assert reason(it, "b") == "clashes with 'a' and 'c', which together scored higher"
    assert it.left_out[0].blocking == ["a", "c"]


def test_zero_interest_is_never_planned() -> None:
    p = build([T("a", "09:00"), T("b", "10:00")])
    it = planned(p, profile(), {"a": 0, "b": 1})
    assert ids(it) == {"b"}


# --- walking ------------------------------------------------------------------------------


def test_walking_time_separates_rooms() -> None:
    p = build([T("a", "09:00", 20, "X"), T("b", "09:20", 20, "Y"), T("c", "09:25", 20, "X")])
    close = planned(p, profile(walk=0), {"a": 5, "b": 4, "c": 1})
    assert close.objective == pytest.approx(9)
    far = planned(p, profile(walk=5), {"a": 5, "b": 4, "c": 1})
    assert far.objective == pytest.approx(6)
    assert reason(far, "b") == "not enough time to walk from X"


def test_walking_between_specific_rooms() -> None:
    p = build([T("a", "09:00", 20, "X"), T("b", "09:30", 20, "Y"), T("c", "09:30", 20, "Z")])
    prof = profile(walk=5, walk_between={"X | Y": 15})
    it = planned(p, prof, {"a": 5, "b": 4, "c": 1})
    assert it.objective == pytest.approx(6)
    assert ids(it) == {"a", "c"}


def test_walking_to_a_poster_session() -> None:
    # The talk ends as the poster session starts: the first visit waits for the walk.
    p = build([T("a", "13:40", 20, "X")], [PS("ps", "14:00", 16, ("p1", "p2"))])
    it = planned(p, profile(walk=5, poster_visit=8), {"a": 3, "p1": 3, "p2": 2})
    assert it.objective == pytest.approx(6)
    assert ids(it) == {"a", "p1"}


def test_walking_with_short_talks_uses_pairs() -> None:
    # Talks shorter than the walk: a and b both end within a walk of c but do not overlap, so
    # they are not a clique with c; a clique would wrongly forbid a with b.
    talks = [T("a", "09:00", 3, "X"), T("b", "09:03", 3, "X"), T("c", "09:07", 3, "Y")]
    it = planned(build(talks), profile(walk=5), {"a": 1, "b": 1, "c": 1.5})
    assert it.objective == pytest.approx(2)
    assert ids(it) == {"a", "b"}


# --- availability and busy times -----------------------------------------------------------


def test_arrival_and_departure() -> None:
    p = build([T("a", "09:00"), T("b", "10:00"), T("c", "11:00")])
    it = planned(p, profile(arrive=at("09:30"), leave=at("11:10")), {"a": 1, "b": 2, "c": 3})
    assert ids(it) == {"b"}
    assert reason(it, "a") == "outside your availability"
    assert reason(it, "c") == "outside your availability"


def test_must_see_outside_availability_is_infeasible() -> None:
    p = build([T("a", "09:00"), T("b", "10:00")])
    prof = profile(arrive=at("09:30"), must=["a"])
    with pytest.raises(InfeasibleError, match=r"'a' \(Talk a\): outside your availability"):
        plan(p, prof, {"b": 1})
    relaxed = planned(p, prof, {"b": 1}, relax=True)
    assert ids(relaxed) == {"b"}
    assert relaxed.relaxed == ["must-see 'a' (Talk a): outside your availability"]


def test_busy_time_excludes_talks() -> None:
    p = build([T("a", "09:00"), T("b", "10:00")])
    busy = [BusyInterval(start=at("09:50"), end=at("10:05"), label="call")]
    it = planned(p, profile(busy=busy), {"a": 1, "b": 2})
    assert ids(it) == {"a"}
    assert reason(it, "b") == "during your busy time (call)"


def test_busy_time_inside_a_poster_session() -> None:
    p = build([], [PS("ps", "14:00", 60, ("p",))])
    fits = [BusyInterval(start=at("14:00"), end=at("14:50"))]
    it = planned(p, profile(busy=fits, poster_visit=8), {"p": 1})
    assert ids(it) == {"p"}
    assert it.items[0].start == at("14:50") or it.items[0].start > at("14:50")
    no_room = [BusyInterval(start=at("14:00"), end=at("14:55"))]
    it = planned(p, profile(busy=no_room, poster_visit=8), {"p": 1})
    assert ids(it) == set()


def test_overlapping_busy_times_in_a_poster_session() -> None:
    # Regression: two busy times that overlap each other made the model infeasible.
    p = build([], [PS("ps", "14:00", 60, ("p",))])
    busy = [
        BusyInterval(start=at("13:00"), end=at("14:30")),
        BusyInterval(start=at("13:10"), end=at("14:20")),
    ]
    it = planned(p, profile(busy=busy, poster_visit=8), {"p": 1})
    assert ids(it) == {"p"}
    assert it.items[0].start >= at("14:30")


def test_objective_is_in_the_scores_units() -> None:
    p = build([T("a", "09:00"), T("b", "10:00")])
    it = planned(p, profile(), {"a": 1.125, "b": 0.001})
    assert it.objective == pytest.approx(1.126)


# --- must-see and skip ---------------------------------------------------------------------


def test_must_see_beats_interest() -> None:
    p = build([T("a", "09:00", 30, "X"), T("b", "09:10", 30, "Y")])
    it = planned(p, profile(must=["a"]), {"a": 1, "b": 9})
    assert ids(it) == {"a"}
    assert it.objective == pytest.approx(1)
    assert reason(it, "b") == "clashes with 'a' (must-see)"


def test_clashing_must_sees_are_named() -> None:
    p = build([T("a", "09:00", 30, "X"), T("b", "09:10", 30, "Y"), T("c", "11:00")])
    prof = profile(must=["a", "b"])
    with pytest.raises(InfeasibleError) as caught:
        plan(p, prof, {"c": 1})
    message = str(caught.value)
    assert "'a'" in message and "'b'" in message and "clashes with must-see" in message
    assert caught.value.exit_code == 2
    relaxed = planned(p, prof, {"c": 1}, relax=True)
    assert len(relaxed.relaxed) == 1
    assert len(ids(relaxed) & {"a", "b"}) == 1


def test_must_sees_too_far_apart_are_named() -> None:
    p = build([T("a", "09:00", 20, "X"), T("b", "09:22", 20, "Y")])
    with pytest.raises(InfeasibleError, match="not enough time to walk from X"):
        plan(p, profile(must=["a", "b"], walk=5), {})
    assert planned(p, profile(must=["a", "b"], walk=2), {}).status == "optimal"


def test_relax_drops_the_fewest_wishes() -> None:
    # a clashes with b and with c; b and c are compatible: dropping a alone is enough.
    p = build([T("a", "09:00", 60, "X"), T("b", "09:00", 20, "Y"), T("c", "09:40", 20, "Y")])
    it = planned(p, profile(must=["a", "b", "c"], walk=0), {"a": 9}, relax=True)
    assert ids(it) == {"b", "c"}
    assert [r.split(":")[0] for r in it.relaxed] == ["must-see 'a' (Talk a)"]


def test_skip_is_never_planned() -> None:
    p = build([T("a", "09:00"), T("b", "10:00")])
    it = planned(p, profile(skip=["a"]), {"a": 9, "b": 1})
    assert ids(it) == {"b"}
    assert reason(it, "a") == "you asked to skip it"


# --- lunch -----------------------------------------------------------------------------------


def _lunch_programme() -> list[T]:
    # Back-to-back 30-minute talks from 11:30 to 14:30 fill the whole lunch window.
    return [
        T(f"t{k}", f"{11 + (30 + 30 * k) // 60}:{(30 + 30 * k) % 60:02d}", 30) for k in range(6)
    ]


def test_lunch_fits_in_a_free_gap() -> None:
    p = build([T("a", "11:30", 60), T("b", "13:30", 60)])
    it = planned(p, profile(lunch=45), {"a": 1, "b": 1})
    assert it.objective == pytest.approx(2)
    lunch = [i for i in it.items if i.kind == "lunch"]
    assert len(lunch) == 1 and lunch[0].start >= at("12:30") and lunch[0].end <= at("13:30")


def test_lunch_goes_in_the_programmes_lunch_break_when_the_plan_leaves_it_free() -> None:
    p = build([T("a", "11:30", 30), T("b", "14:00", 30)], lunch_breaks=(("12:30", 60),))
    it = planned(p, profile(lunch=45), {"a": 1, "b": 1})
    assert it.objective == pytest.approx(2)
    lunch = next(i for i in it.items if i.kind == "lunch")
    assert (lunch.start, lunch.end) == (at("12:30"), at("13:15"))
    assert "the programme's lunch break" in lunch.why[0]


def test_lunch_overlaps_the_lunch_break_as_much_as_the_plan_allows() -> None:
    # The wanted talk ends 12:40, inside the break: lunch starts as it ends.
    p = build([T("a", "12:00", 40), T("b", "14:00", 30)], lunch_breaks=(("12:00", 60),))
    it = planned(p, profile(lunch=45), {"a": 1, "b": 1})
    lunch = next(i for i in it.items if i.kind == "lunch")
    assert (lunch.start, lunch.end) == (at("12:40"), at("13:25"))
    # A break after the last free moment: lunch ends as the next talk starts.
    p = build([T("a", "11:30", 30), T("b", "13:00", 30)], lunch_breaks=(("13:30", 60),))
    it = planned(p, profile(lunch=45), {"a": 1, "b": 1})
    lunch = next(i for i in it.items if i.kind == "lunch")
    assert (lunch.start, lunch.end) == (at("13:30"), at("14:15"))
    assert "the programme's lunch break" in lunch.why[0]


def test_lunch_binds() -> None:
    scores = {f"t{k}": float(k + 1) for k in range(6)}  # 1..6: drop the cheapest 2 in a row
    it = planned(build(_lunch_programme()), profile(lunch=45), scores)
    assert it.objective == pytest.approx(21 - 3)
    assert reason(it, "t0") == "lunch"


def test_must_sees_over_lunch_are_infeasible() -> None:
    prof = profile(lunch=45, must=[f"t{k}" for k in range(6)])
    with pytest.raises(InfeasibleError, match="lunch"):
        plan(build(_lunch_programme()), prof, {})


def test_lunch_longer_than_its_window_is_infeasible() -> None:
    prof = profile(lunch=200)
    with pytest.raises(InfeasibleError, match="do not fit in the lunch window"):
        plan(build([T("a", "09:00")]), prof, {"a": 1})


# --- daily caps ------------------------------------------------------------------------------


def test_talks_per_day_cap() -> None:
    p = build([T(f"t{k}", f"{9 + k}:00") for k in range(4)])
    scores = {"t0": 1, "t1": 4, "t2": 3, "t3": 2}
    assert planned(p, profile(), scores).objective == pytest.approx(10)
    capped = planned(p, profile(max_talks_per_day=2), scores)
    assert capped.objective == pytest.approx(7)
    assert reason(capped, "t0") == "daily cap reached"


def test_hours_per_day_cap() -> None:
    p = build([T(f"t{k}", f"{9 + k}:00", 40) for k in range(3)])
    it = planned(p, profile(max_hours_per_day=1.0), {"t0": 1, "t1": 3, "t2": 2})
    assert it.objective == pytest.approx(3)


def test_more_must_sees_than_the_cap_is_infeasible() -> None:
    p = build([T(f"t{k}", f"{9 + k}:00") for k in range(3)])
    with pytest.raises(InfeasibleError, match="max_talks_per_day"):
        plan(p, profile(max_talks_per_day=2, must=["t0", "t1", "t2"]), {})


def test_caps_apply_per_day() -> None:
    p = build(
        [T("a", "09:00"), T("b", "10:00"), T("c", "09:00", day=1), T("d", "10:00", day=1)],
        days=(at("09:00").date(), at("09:00").date().replace(day=31)),
    )
    it = planned(p, profile(max_talks_per_day=1), {"a": 1, "b": 2, "c": 3, "d": 4})
    assert it.objective == pytest.approx(6)


# --- poster visits ---------------------------------------------------------------------------


def test_poster_session_holds_as_many_visits_as_fit() -> None:
    posters = tuple(f"p{k}" for k in range(10))
    p = build([], [PS("ps", "14:00", 60, posters)])
    scores = {f"p{k}": float(k + 1) for k in range(10)}  # best 7 of 1..10: 4..10
    it = planned(p, profile(poster_visit=8), scores)
    assert it.objective == pytest.approx(sum(range(4, 11)))
    assert len(ids(it, "poster-visit")) == 7
    assert reason(it, "p0") == "no time left in its poster session for another visit"


def test_poster_visits_around_a_must_see_talk() -> None:
    # A must-see talk in the same room splits the session: 20 + 20 minutes -> 2 + 2 visits.
    posters = ("p1", "p2", "p3", "p4", "p5")
    p = build([T("a", "14:20", 20, "Posters")], [PS("ps", "14:00", 60, posters)])
    it = planned(
        p, profile(poster_visit=10, must=["a"]), {"p1": 1, "p2": 2, "p3": 3, "p4": 4, "p5": 5}
    )
    assert it.objective == pytest.approx(14)


# --- presenter duty --------------------------------------------------------------------------


def test_own_talk_is_planned_even_without_interest() -> None:
    p = build([T("mine", "09:00", 30, "X"), T("b", "09:10", 30, "Y")])
    it = planned(p, profile(own=["mine"]), {"b": 9})
    assert ids(it) == {"mine"}
    assert "your own talk" in it.items[0].why[0]


def test_poster_duty_takes_its_share() -> None:
    posters = ("mine", "p1", "p2", "p3", "p4", "p5")
    p = build([], [PS("ps", "14:00", 60, posters)])
    scores = {f"p{k}": float(k) for k in range(1, 6)}
    it = planned(p, profile(own=["mine"], poster_visit=8, poster_duty_share=0.5), scores)
    duty = [i for i in it.items if i.kind == "poster-duty"]
    assert len(duty) == 1 and (duty[0].end - duty[0].start).total_seconds() == 30 * 60
    assert it.objective == pytest.approx(5 + 4 + 3)  # 30 free minutes: 3 visits


def test_poster_duty_against_a_must_see_is_infeasible() -> None:
    p = build([T("a", "14:00", 40, "X")], [PS("ps", "14:00", 60, ("mine",))])
    prof = profile(own=["mine"], must=["a"], poster_duty_share=0.5)
    with pytest.raises(InfeasibleError, match=r"(your poster 'mine'|must-see 'a')"):
        plan(p, prof, {})
    relaxed = planned(p, prof, {}, relax=True)
    assert len(relaxed.relaxed) == 1


# --- time zones ------------------------------------------------------------------------------


def test_walking_across_the_dst_change() -> None:
    # 01:30-01:50 CET, then 03:00 CEST: only 10 real minutes apart (02:00 becomes 03:00).
    talks = [T("early", "01:30", 20, "X"), T("late", "03:00", 20, "Y")]
    p = build(talks, days=(DST_DAY,), tz=TZ)
    both = planned(p, profile(walk=5), {"early": 1, "late": 1})
    assert both.objective == pytest.approx(2)
    one = planned(p, profile(walk=15), {"early": 1, "late": 2})
    assert ids(one) == {"late"}
    assert reason(one, "early") == "not enough time to walk to Y"


def test_talks_across_midnight_clash() -> None:
    # A late talk runs past midnight into the next day's first talk.
    second = DST_DAY.replace(day=28)
    talks = [T("late", "23:30", 60, "X"), T("early", "00:10", 20, "Y", day=1)]
    p = build(talks, days=(DST_DAY, second))
    it = planned(p, profile(walk=5), {"late": 2, "early": 1})
    assert ids(it) == {"late"}
    assert reason(it, "early") == "clashes with 'late', which scored higher"


def test_lunch_window_on_the_dst_day() -> None:
    p = build([T("a", "11:30", 60), T("b", "13:30", 60)], days=(DST_DAY,))
    it = planned(p, profile(lunch=60), {"a": 1, "b": 1})
    lunch = next(i for i in it.items if i.kind == "lunch")
    assert lunch.start == at("12:30", DST_DAY) and lunch.end == at("13:30", DST_DAY)
    assert lunch.start.utcoffset() is not None and lunch.start.utcoffset().total_seconds() == 7200


# --- re-planning and determinism -------------------------------------------------------------


def test_replan_keeps_the_previous_choice_on_ties() -> None:
    p = build([T("a", "09:00", 30, "X"), T("b", "09:00", 30, "Y")])
    scores = {"a": 2, "b": 2}
    first = planned(p, profile(), scores)
    (kept,) = ids(first)
    other = "b" if kept == "a" else "a"
    forced = planned(p, profile(must=[other]), scores)
    again = planned(p, profile(), scores, previous=forced)
    assert ids(again) == {other}
    assert again.changes == []


def test_replan_reports_changes() -> None:
    p = build([T("a", "09:00"), T("b", "10:00"), T("c", "10:00", room="B")])
    before = planned(p, profile(), {"a": 1, "b": 2, "c": 1})
    after = planned(p, profile(), {"a": 1, "b": 0, "c": 1}, previous=before)
    assert {(c.id, c.change) for c in after.changes} == {("b", "removed"), ("c", "added")}


def test_same_input_same_plan() -> None:
    posters = tuple(f"p{k}" for k in range(12))
    talks = [T(f"t{k}", f"{9 + k // 3}:{(k % 3) * 20:02d}", 20, "XYZ"[k % 3]) for k in range(12)]
    p = build(talks, [PS("ps", "14:00", 60, posters)])
    scores = {c.id: 1.0 for c in p.contributions}
    one = planned(p, profile(lunch=45), scores)
    two = planned(p, profile(lunch=45), scores)
    assert [(i.id, i.start) for i in one.items] == [(i.id, i.start) for i in two.items]


def test_clash_times_in_reasons_use_the_en_dash() -> None:
    p = build([T("a", "09:00", 30, "X"), T("b", "09:10", 30, "Y"), T("c", "11:00")])
    relaxed = planned(p, profile(must=["a", "b"]), {"c": 1}, relax=True)
    assert any("(09:00–09:30)" in r or "(09:10–09:40)" in r for r in relaxed.relaxed), relaxed


def test_the_relax_hint_speaks_of_one_wish_or_several() -> None:
    p = build([T("a", "09:00"), T("b", "10:00"), T("c", "11:00")])
    with pytest.raises(InfeasibleError, match=r"\(use --relax to plan without it\)$"):
        plan(p, profile(arrive=at("10:30"), must=["a"]), {"c": 1})
    with pytest.raises(InfeasibleError, match=r"\(use --relax to plan without them\)$"):
        plan(p, profile(arrive=at("10:30"), must=["a", "b"]), {"c": 1})
