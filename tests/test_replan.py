"""Re-planning from a moment and a room (``planner plan --from``): the past is kept, nothing new
starts before the moment, and the walk from the room is respected."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.errors import PlannerError
from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary
from planner.model import Programme
from planner.replan import merged, read_room, restart, restrict
from planner.solver import plan, validate
from planner.solver.oracle import Slot, Walks, best_plan
from planner.sources import load_programme
from solver_factory import DAY, DST_DAY, PS, T, at, build, ids, reason


def replanned(
    programme: Programme,
    profile: InterestProfile,
    scores: dict[str, float],
    when: datetime,
    room: str | None = None,
    previous: Itinerary | None = None,
    *,
    late_lunch: bool = False,
) -> Itinerary:
    """Re-planned, and checked by the independent checker (which, knowing nothing of the
    moment, misses a lunch whose window was past when ``late_lunch``)."""
    start = restart(previous, when, room)
    solved = plan(
        programme, profile, scores, previous=previous, restrict=restrict(start, programme)
    )
    itinerary = merged(solved, start, programme)
    problems = validate(itinerary, programme, profile)
    if late_lunch:
        assert len(problems) == 1 and "no lunch" in problems[0], problems
    else:
        assert problems == []
    return itinerary


def profile(**values: object) -> InterestProfile:
    values.setdefault("lunch", 0)
    return InterestProfile.model_validate(values)


# a at 13:50 (A), x at 14:00 (A), y at 14:03 (B), z at 14:05 (C)
TALKS = [T("a", "13:50", 10, "A"), T("x", "14:00", 20, "A"), T("y", "14:03", 20, "B")]
TALKS.append(T("z", "14:05", 20, "C"))
SCORES = {"a": 10.0, "x": 1.0, "y": 5.0, "z": 2.0}


def test_nothing_starting_before_the_moment_is_chosen() -> None:
    p = build(TALKS)
    it = replanned(p, profile(walk=0), SCORES, at("14:00"))
    assert it.objective == pytest.approx(5)  # y; a (10) started before 14:00
    assert "a" not in {x.id for x in it.left_out}  # the past is not "left out"


def test_the_walk_from_the_room_is_respected() -> None:
    p = build(TALKS)
    it = replanned(p, profile(walk=5), SCORES, at("14:00"), room="A")
    # y starts 3 minutes after 14:00 in B, a 5-minute walk from A: out of reach
    assert it.objective == pytest.approx(2)
    assert ids(it) == {"z"}
    assert reason(it, "y") == "too soon to walk there from A (5 min) after 14:00"
    here = replanned(p, profile(walk=5), SCORES, at("14:00"), room="B")
    assert here.objective == pytest.approx(5)
    # a walk of 1 minute reaches both y and z; y is worth more
    near = replanned(p, profile(walk=1), SCORES, at("14:00"), room="A")
    assert near.objective == pytest.approx(5)


def test_the_past_of_the_previous_plan_is_kept() -> None:
    talks = [T("p1", "09:00", 30, "A"), T("p2", "09:40", 20, "B"), T("q", "09:45", 30, "C")]
    talks += [T("r", "10:00", 20, "A"), T("s", "10:05", 20, "B"), T("u", "10:30", 20, "A")]
    p = build(talks)
    first = plan(p, profile(walk=5), {"p1": 3, "p2": 4, "r": 1, "s": 2, "u": 1})
    assert ids(first) == {"p1", "p2", "s", "u"}
    # interests changed: the past items are worth nothing now, but they happened
    scores = {"q": 9.0, "r": 5.0, "s": 1.0, "u": 1.0}
    # in p2's room at 09:50: p2 is kept to its end (10:00), then the walk from B counts
    stay = replanned(p, profile(walk=5), scores, at("09:50"), "B", previous=first)
    assert ids(stay) == {"p1", "p2", "s", "u"}
    assert stay.objective == pytest.approx(3 + 4 + 1 + 1)
    assert reason(stay, "r") == "too soon to walk there from B (5 min) after 10:00"
    assert [c.model_dump() for c in stay.changes] == []
    # in A at 09:50: p2 is dropped; q began at 09:45, so it cannot be chosen
    moved = replanned(p, profile(walk=5), scores, at("09:50"), "A", previous=first)
    assert ids(moved) == {"p1", "r", "u"}
    assert moved.objective == pytest.approx(3 + 5 + 1)
    assert {(c.id, c.change) for c in moved.changes} == {
        ("p2", "removed"),
        ("s", "removed"),
        ("r", "added"),
    }
    # without a room the attendee follows the plan: p2 is kept
    follow = replanned(p, profile(walk=5), scores, at("09:50"), previous=first)
    assert ids(follow) == {"p1", "p2", "s", "u"}


def test_without_a_room_the_walk_starts_from_the_last_kept_item() -> None:
    p = build([T("k", "09:00", 30, "A"), T("n", "09:32", 20, "B"), T("m", "09:40", 20, "C")])
    first = plan(p, profile(walk=5), {"k": 1})
    it = replanned(p, profile(walk=5), {"n": 5, "m": 1}, at("09:31"), previous=first)
    assert ids(it) == {"k", "m"}  # n starts 2 minutes after k ended in A
    assert it.objective == pytest.approx(2)
    assert reason(it, "n") == "too soon to walk there from A (5 min) after 09:30"


def test_a_lunch_already_taken_is_not_planned_again() -> None:
    p = build([T("a", "11:30", 60, "A"), T("b", "12:30", 60, "A"), T("c", "14:00", 30, "A")])
    prof = InterestProfile(lunch=60, walk=0)
    first = plan(p, prof, {"b": 1.0, "c": 1.0})
    lunch = next(i for i in first.items if i.kind == "lunch")
    assert lunch.end <= at("13:30")
    it = replanned(p, prof, {"b": 1.0, "c": 1.0}, at("13:45"), previous=first)
    assert [i for i in it.items if i.kind == "lunch"] == [lunch]
    # without the previous plan the window left (13:45-14:30) cannot hold an hour's lunch
    fresh = replanned(p, prof, {"b": 1.0, "c": 1.0}, at("13:45"), late_lunch=True)
    assert [i.id for i in fresh.items] == ["c"]


def test_a_lunch_going_on_is_kept_only_without_a_room() -> None:
    p = build([T("a", "12:00", 60, "A"), T("b", "13:00", 30, "A"), T("c", "13:40", 30, "A")])
    prof = InterestProfile(lunch=30, lunch_window=("12:00", "14:30"), walk=0)  # type: ignore[arg-type]
    first = plan(p, prof, {"a": 1.0, "c": 1.0})
    lunch = next(i for i in first.items if i.kind == "lunch")
    assert (lunch.start, lunch.end) == (at("13:00"), at("13:30"))
    scores = {"b": 3.0, "c": 1.0}
    kept = replanned(p, prof, scores, at("13:10"), previous=first)
    assert lunch in kept.items
    assert ids(kept) == {"a", "c"}  # b began at 13:00, during the lunch
    there = replanned(p, prof, scores, at("13:10"), room="A", previous=first)
    assert lunch not in there.items
    assert [i.start for i in there.items if i.kind == "lunch"] == [at("13:10")]


def test_across_the_dst_change() -> None:
    # 01:55 CET, then 03:00 CEST is 5 real minutes later (02:00 becomes 03:00)
    p = build([T("late", "03:00", 20, "Y"), T("here", "03:10", 20, "X")], days=(DST_DAY,))
    scores = {"late": 3.0, "here": 1.0}
    when = at("01:55", DST_DAY)
    assert replanned(p, profile(walk=5), scores, when, "X").objective == pytest.approx(3)
    far = replanned(p, profile(walk=6), scores, when, "X")
    assert far.objective == pytest.approx(1)
    assert reason(far, "late") == "too soon to walk there from X (6 min) after 01:55"


def test_a_must_see_out_of_reach_is_infeasible_and_relaxed() -> None:
    from planner.solver import InfeasibleError

    p = build(TALKS)
    prof = profile(walk=5, must=["y"])
    start = restart(None, at("14:00"), "A")
    with pytest.raises(InfeasibleError, match="too soon to walk there from A"):
        plan(p, prof, SCORES, restrict=restrict(start, p))
    relaxed = plan(p, prof, SCORES, relax=True, restrict=restrict(start, p))
    assert relaxed.relaxed_ids == ["y"]


def test_rooms_are_matched_by_name_case_and_accents_ignored() -> None:
    p = build([T("a", "09:00", 20, "Sala Été"), T("b", "09:30", 20, "K.3.201")])
    assert read_room("sala ete", p) == "Sala Été"
    assert read_room("k.3.201", p) == "K.3.201"
    with pytest.raises(PlannerError, match=r"--in-room 'K3': no such room \(rooms: 'K.3.201'"):
        read_room("K3", p)


# --- the embedded ML4Astro programme ----------------------------------------------------------


@pytest.fixture(scope="module")
def ml4astro() -> Programme:
    return load_programme(None)


def _slots(programme: Programme, scores: dict[str, float], after: datetime) -> list[Slot]:
    return [
        Slot(c.id, int(s.timestamp()) // 60, int(e.timestamp()) // 60, programme.room_of(c), w)
        for c in programme.contributions
        if (w := scores.get(c.id, 0.0)) > 0 and not c.is_poster
        for s, e in [programme.window(c)]
        if s >= after
    ]


@pytest.mark.parametrize("room", ["Main Hall", "Poster Area"])
def test_ml4astro_replan_matches_the_oracle(ml4astro: Programme, room: str) -> None:
    talks = [c for c in ml4astro.contributions if not c.is_poster]
    scores = {c.id: float(1 + index % 5) for index, c in enumerate(talks)}
    prof = InterestProfile(lunch=0, walk=10)
    first = plan(ml4astro, prof, scores)
    zone = ml4astro.conference.zone
    when = datetime(2022, 5, 31, 11, 5, tzinfo=zone)
    new = {cid: s for cid, s in scores.items() if cid.isdigit() and int(cid) % 2}
    it = replanned(ml4astro, prof, new, when, room, previous=first)
    kept = [i for i in first.items if i.end <= when]
    going = [i for i in first.items if i.start < when < i.end]
    assert [i for i in it.items if i.start < when] == sorted(
        kept + [i for i in going if i.room == room], key=lambda i: i.start
    )
    free = max([when, *(i.end for i in going if i.room == room)])
    # the oracle: the best plan of what starts from the moment, after being in the room then
    minute = int(free.timestamp()) // 60
    here = Slot("here", minute - 1, minute, room, 1000.0)
    best, _ = best_plan([here, *_slots(ml4astro, new, free)], Walks(10))
    worth = sum(i.score for i in it.items if i.start < when)
    assert it.objective == pytest.approx(worth + best - 1000)
    for item in it.items:
        if item.start >= when and item.room != room:
            assert item.start >= free + timedelta(minutes=10)


# --- planner plan --from ----------------------------------------------------------------------


def _cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["plan", *args], env={"COLUMNS": "120"})


def test_cli_replan_keeps_the_past_and_keeps_the_json_contract(tmp_path: Path) -> None:
    interests = ("--keyword", "anomaly detection", "--keyword", "galaxy")
    first = _cli(*interests, "--json")
    assert first.exit_code == 0, first.output
    previous = tmp_path / "plan.json"
    previous.write_text(first.stdout)
    before = json.loads(first.stdout)
    result = _cli(
        *interests,
        "--keyword",
        "neural network",
        "--previous",
        str(previous),
        "--from",
        "2022-05-31 11:05",
        "--in-room",
        "poster area",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    when = datetime.fromisoformat("2022-05-31T11:05:00+02:00")
    past = [i for i in before["items"] if datetime.fromisoformat(i["end"]) <= when]
    assert [i for i in data["items"] if datetime.fromisoformat(i["start"]) < when] == past
    assert data["replanned"]["kept"] == [
        i["id"]
        for i in sorted(
            past
            + [
                {"id": x["id"], "start": x["start"]}
                for x in before["lunch"]
                if datetime.fromisoformat(x["end"]) <= when
            ],
            key=lambda i: i["start"],
        )
    ]
    assert data["replanned"]["in_room"] == "Poster Area"
    for item in data["items"]:
        assert {"id", "kind", "start", "end", "room", "score", "backup"} <= set(item)
        start = datetime.fromisoformat(item["start"])
        if start >= when and item["room"] == "Main Hall":  # 5 minutes from the posters
            assert start >= when + timedelta(minutes=5)
    assert data["objective"] == pytest.approx(sum(i["score"] for i in data["items"]), abs=1e-3)


def test_cli_replan_says_what_it_kept(tmp_path: Path) -> None:
    first = _cli("--keyword", "galaxy", "--json")
    previous = tmp_path / "plan.json"
    previous.write_text(first.stdout)
    text = _cli("--keyword", "galaxy", "--previous", str(previous), "--from", "2022-05-31 09:50")
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("Re-planned from Tue 31 May 09:50.\nKept from the previous plan:")
    assert "Still going on, kept:" in text.stdout
    alone = _cli("--keyword", "galaxy", "--from", "2022-05-31 09:50", "--json")
    assert alone.exit_code == 0, alone.output
    starts = [datetime.fromisoformat(i["start"]) for i in json.loads(alone.stdout)["items"]]
    assert starts and min(starts) >= datetime.fromisoformat("2022-05-31T09:50:00+02:00")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "14:00", "--in-room", "K3"), "--in-room 'K3': no such room (rooms: "),
        (("--in-room", "Main Hall"), "--in-room needs --from"),
        (("--from", "soon"), "--from 'soon': not a date and time"),
    ],
)
def test_cli_replan_bad_input(args: tuple[str, ...], message: str) -> None:
    result = _cli("--keyword", "galaxy", *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_poster_visit_starts_a_walk_after_the_moment() -> None:
    p = build([T("t", "13:00", 20, "A")], [PS("ps", "14:00", 45, ("p1",))])
    prof = profile(walk=5, poster_visit=8)
    it = replanned(p, prof, {"p1": 1.0}, at("14:20"), room="A")
    visit = next(i for i in it.items if i.id == "p1")
    assert visit.start >= at("14:25") and visit.end <= at("14:45")
    assert it.objective == pytest.approx(1)
    late = replanned(p, prof, {"p1": 1.0}, at("14:33"), room="A")  # 14:38-14:45: 7 minutes
    assert late.objective == 0
    assert reason(late, "p1") == "too little of its session is left to visit it"
    there = replanned(p, prof, {"p1": 1.0}, at("14:33"), room="Posters")
    assert there.objective == pytest.approx(1)


@pytest.mark.parametrize(
    ("caps", "expected"),
    [
        ({"max_talks_per_day": 3}, {"k1", "k2", "n3"}),  # one more talk: the best one
        ({"max_hours_per_day": 1.5}, {"k1", "k2", "n1", "n2"}),  # 60 kept: 30 minutes more
        ({}, {"k1", "k2", "n1", "n2", "n3"}),
    ],
)
def test_daily_caps_count_the_kept_items(caps: dict[str, float], expected: set[str]) -> None:
    talks = [T("k1", "09:00", 30, "A"), T("k2", "09:30", 30, "A"), T("n1", "10:00", 15, "A")]
    talks += [T("n2", "10:15", 15, "A"), T("n3", "10:30", 40, "A")]
    p = build(talks)
    prof = profile(walk=0, **caps)
    first = plan(p, prof, {"k1": 1.0, "k2": 1.0})
    assert ids(first) == {"k1", "k2"}
    scores = {"n1": 1.0, "n2": 1.0, "n3": 3.0}
    it = replanned(p, prof, scores, at("10:00"), previous=first)  # the checker: caps kept
    assert ids(it) == expected
    assert it.objective == pytest.approx(2 + sum(scores.get(i, 0) for i in expected))
    assert it.status == "optimal"


def test_backups_of_new_items_start_from_the_moment() -> None:
    from planner.planning import make_plan

    talks = [T("k", "13:00", 30, "A"), T("early", "13:58", 22, "B"), T("z", "14:05", 20, "C")]
    talks += [T("w", "14:06", 20, "D"), T("q", "13:10", 20, "B")]
    p = build(talks)
    prof = InterestProfile(star={"k": 50, "early": 2, "z": 5, "w": 1, "q": 1}, lunch=0, walk=0)
    first = make_plan(p, prof).itinerary
    kept = next(i for i in first.items if i.id == "k")
    assert kept.backup is not None and kept.backup.id == "q"
    start = restart(first, at("14:00"), "C")
    it = make_plan(p, prof, previous=first, start=start).itinerary
    assert [i.id for i in it.items] == ["k", "z"]
    assert it.items[0] == kept  # as it was, its backup too
    # "early" (13:58) began before the moment: not a backup; w (14:06) is
    assert it.items[1].backup is not None and it.items[1].backup.id == "w"


EVENING, NIGHT = DAY, DAY + timedelta(days=1)


def _late_night() -> Programme:
    """k2 and n1 start after midnight but are listed under the evening's day, as FOSDEM and
    CCC schedules list their late talks."""
    talks = [T("k1", "23:00", 30, "A"), T("k2", "00:10", 30, "A", day=1)]
    talks += [T("n1", "00:50", 20, "A", day=1)]
    data = build(talks, days=(EVENING, NIGHT)).model_dump()
    for item in data["contributions"]:
        if item["id"] in ("k2", "n1"):
            item["day"] = EVENING
    return Programme.model_validate(data)


def test_the_checker_counts_caps_on_the_day_talks_are_listed_under() -> None:
    p = _late_night()
    everything = plan(p, profile(walk=0), {"k1": 1.0, "k2": 1.0, "n1": 1.0})
    assert ids(everything) == {"k1", "k2", "n1"}
    problems = validate(everything, p, profile(walk=0, max_talks_per_day=2))
    assert problems == ["2022-05-30: 3 talks, more than max_talks_per_day (2)"]


def test_a_kept_talk_after_midnight_counts_toward_the_evenings_caps() -> None:
    p = _late_night()
    evening, night = EVENING, NIGHT
    assert p.day_of(p.contribution_by_id["k2"]) == evening
    prof = profile(walk=0, max_talks_per_day=2)
    first = plan(p, prof, {"k1": 1.0, "k2": 1.0})
    assert ids(first) == {"k1", "k2"}
    # the checker counts the evening's talks: k1, k2 and n1 would be three
    it = replanned(p, prof, {"n1": 5.0}, at("00:45", night), previous=first)
    assert ids(it) == {"k1", "k2"}
    assert reason(it, "n1") is not None
