"""Policies on tiny programmes where the answers can be worked out by hand or by brute force."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest

from planner.group.coverage import coverage, group_items
from planner.group.groupfile import GroupFile, MemberEntry
from planner.group.profiles import resolve_members
from planner.group.run import GroupResult, Options, plan_group
from planner.model import Programme
from planner.planning import with_calendar_busy
from planner.solver import validate
from solver_factory import PS, T, build

QUIET = {"walk": 0, "lunch": 0}


def group_of(*stars: dict[str, float], **extra: Any) -> GroupFile:
    members = [
        MemberEntry(
            name=f"M{k}", line=k + 1, fields={"star": dict(s), **QUIET, **extra.get(f"m{k}", {})}
        )
        for k, s in enumerate(stars)
    ]
    return GroupFile(path=Path("group.yaml"), name="test", members=members)


def run(programme: Programme, group: GroupFile, **options: Any) -> GroupResult:
    result = plan_group(group, programme, Options(workers=1, **options))
    members, _ = resolve_members(group, programme)
    profiles = {m.name: m.profile for m in members}
    for m in result.members:
        assert validate(m.itinerary, programme, profiles[m.name]) == [], m.name
    return result


def ids(result: GroupResult, name: str) -> set[str]:
    member = next(m for m in result.members if m.name == name)
    return {i.id for i in member.itinerary.items if i.kind != "lunch"}


# Two rooms, two slots: both members like room A's talks best.
TWO_ROOMS = [T("a1", "09:00", 30, "A"), T("b1", "09:00", 30, "B"),
             T("a2", "09:30", 30, "A"), T("b2", "09:30", 30, "B")]  # fmt: skip
LIKES = {"a1": 10, "b1": 8, "a2": 10, "b2": 8}


def test_independent_is_each_members_optimum() -> None:
    programme = build(TWO_ROOMS)
    result = run(programme, group_of(LIKES, LIKES), policy="independent")
    assert ids(result, "M0") == ids(result, "M1") == {"a1", "a2"}
    c = result.coverage
    assert (c.covered, c.independent_covered, c.group_items, c.group_weight) == (20, 20, 4, 36)
    assert [m.utility for m in result.members] == [20, 20]
    assert c.greedy_covered is None


@pytest.mark.parametrize(("share", "covered"), [(0.8, 36), (0.9, 36), (0.95, 20)])
def test_cover_beats_independent_within_the_share(share: float, covered: float) -> None:
    """share 0.8: one member may take both B talks (16 >= 16); 0.9: each gives up one A talk
    (18 >= 18) and together they still cover all four; 0.95: nobody may give anything up."""
    programme = build(TWO_ROOMS)
    result = run(programme, group_of(LIKES, LIKES), policy="cover", share=share)
    c = result.coverage
    assert c.covered == covered and c.independent_covered == 20
    assert result.status == "optimal" and c.gap == 0 and c.bound == covered
    for m in result.members:
        assert m.personal_optimum == 20
        assert m.utility >= share * m.personal_optimum - 1e-9
    if covered == 36:
        assert ids(result, "M0") | ids(result, "M1") == {"a1", "b1", "a2", "b2"}


def test_cover_keeps_must_sees() -> None:
    programme = build(TWO_ROOMS)
    group = group_of(LIKES, LIKES, m0={"must": ["b1"]}, m1={"must": ["b1"]})
    result = run(programme, group, policy="cover", share=0.8)
    assert all("b1" in ids(result, m.name) for m in result.members)
    # both are at b1, so a1 cannot be covered: b1, a2 and b2 remain (8 + 10 + 8)
    assert result.coverage.covered == 26


def brute_force(
    programme: Programme, slots: list[list[str]], stars: list[dict[str, float]], share: float
) -> float:
    """The best coverage over every combination of plans (one talk or none per slot, walking
    and lunch off), each keeping ``share`` of its member's optimum."""
    plans_of = []
    for s in stars:
        options = [
            [t for t in pick if t is not None and s.get(t, 0) > 0]
            for pick in itertools.product(*[[None, *slot] for slot in slots])
        ]
        best = max(sum(s[t] for t in plan) for plan in options)
        plans_of.append([p for p in options if sum(s[t] for t in p) >= share * best - 1e-9])
    weight = {i.id: i.weight for i in group_items(stars).values()}
    return max(
        sum(weight[t] for t in set().union(*map(set, combo)))
        for combo in itertools.product(*plans_of)
    )


@pytest.mark.parametrize("seed", range(6))
def test_cover_equals_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    rooms, hours = ["A", "B", "C"], ["09:00", "09:30", "10:00"]
    talks = [T(f"{r}{h[:2]}{h[3:]}", h, 30, r) for h in hours for r in rooms]
    slots = [[t.id for t in talks if t.hm == h] for h in hours]
    stars = [
        {t.id: float(rng.randint(1, 9)) for t in talks if rng.random() < 0.7} for _ in range(3)
    ]
    programme = build(talks)
    share = rng.choice([0.6, 0.8, 0.9])
    result = run(programme, group_of(*stars), policy="cover", share=share)
    assert result.status == "optimal"
    assert result.coverage.covered == pytest.approx(brute_force(programme, slots, stars, share))
    assert result.coverage.covered >= result.coverage.independent_covered
    assert result.coverage.greedy_covered is not None
    assert result.coverage.covered >= result.coverage.greedy_covered - 1e-9
    for m in result.members:
        assert m.utility >= share * m.personal_optimum - 1e-9


POSTERS = [PS("ps", "14:00", 30, ("p1", "p2", "p3"))]


def visits(result: GroupResult, poster: str) -> list[tuple[str, str]]:
    return sorted(
        (i.start.isoformat(), i.end.isoformat())
        for m in result.members
        for i in m.itinerary.items
        if i.id == poster
    )


def test_max_per_poster_counts_members_at_one_time() -> None:
    """Three 10-minute visits fit in the 30-minute session: with one member at a poster at a
    time, each member still sees all three posters, at staggered times."""
    programme = build([], POSTERS)
    keen = {"p1": 10, "p2": 5, "p3": 1}
    group = group_of(keen, keen, keen, m0={"poster_visit": 10}, m1={"poster_visit": 10},
                     m2={"poster_visit": 10})  # fmt: skip
    free = run(programme, group, policy="independent", max_per_poster=1)
    assert [ids(free, m.name) for m in free.members] == [{"p1", "p2", "p3"}] * 3
    assert any("3 members at once at 'p1'" in w for w in free.warnings)
    capped = run(programme, group, policy="cover", share=1.0, max_per_poster=1)
    assert [ids(capped, m.name) for m in capped.members] == [{"p1", "p2", "p3"}] * 3
    for poster in keen:
        times = visits(capped, poster)
        assert len(times) == 3
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(times)), times
    assert capped.warnings == []


def test_max_per_poster_when_visits_cannot_be_staggered() -> None:
    """20-minute visits in a 30-minute session overlap whatever their times: with at most one
    member at a poster at a time, no two members visit the same poster."""
    programme = build([], POSTERS)
    keen = {"p1": 10, "p2": 5, "p3": 1}
    group = group_of(keen, keen, keen, m0={"poster_visit": 20}, m1={"poster_visit": 20},
                     m2={"poster_visit": 20})  # fmt: skip
    capped = run(programme, group, policy="cover", share=0.0, max_per_poster=1)
    seen = {p: sum(p in ids(capped, m.name) for m in capped.members) for p in keen}
    assert seen == {"p1": 1, "p2": 1, "p3": 1}
    assert capped.coverage.covered == 16
    # each keeps half their optimum (p1 or p2); coverage p1 + p2, then the most interest: two
    # at p1 (as many as may be there at once) and one at p2
    two = run(programme, group, policy="cover", share=0.5, max_per_poster=2)
    assert sorted(len(ids(two, m.name)) for m in two.members) == [1, 1, 1]
    assert [sum(p in ids(two, m.name) for m in two.members) for p in keen] == [2, 1, 0]


def test_room_capacity_in_cover() -> None:
    base = build(TWO_ROOMS)
    data = base.model_dump()
    data["rooms"] = [{"name": "A", "capacity": 1}, {"name": "B", "capacity": 5}]
    programme = Programme.model_validate(data)
    a_only = {"a1": 10, "a2": 10}
    result = run(programme, group_of(a_only, a_only, a_only), policy="cover", share=0.0)
    for talk in ("a1", "a2"):
        assert sum(talk in ids(result, m.name) for m in result.members) == 1
    independent = run(programme, group_of(a_only, a_only), policy="independent")
    assert any("2 members at once at 'a1'" in w for w in independent.warnings)


def test_coverage_counts_an_item_once() -> None:
    programme = build(TWO_ROOMS)
    result = run(programme, group_of(LIKES, LIKES, LIKES), policy="independent")
    items = group_items([LIKES] * 3)
    assert coverage([m.itinerary for m in result.members], items) == 20


def test_a_member_with_clashing_must_sees_is_reported_and_the_others_planned() -> None:
    programme = build(TWO_ROOMS)
    group = group_of(LIKES, LIKES, m1={"must": ["a1", "b1"]})
    result = run(programme, group, policy="cover")
    assert [m.name for m in result.members] == ["M0"]
    (error,) = result.errors
    assert (error.name, error.line) == ("M1", 2)
    assert "a1" in error.message and "b1" in error.message


def test_across_a_dst_change() -> None:
    """Europe/Rome springs forward at 02:00 on 27 March 2022: talks at 01:30 and 03:00 local
    are 30 minutes apart in real time, and the plans keep them apart correctly."""
    from solver_factory import DST_DAY

    talks = [T("a", "01:00", 30, "A"), T("b", "01:00", 30, "B"),
             T("c", "03:00", 30, "A"), T("d", "03:00", 30, "B")]  # fmt: skip
    programme = build(talks, days=(DST_DAY,))
    likes = {"a": 10, "b": 8, "c": 10, "d": 8}
    result = run(programme, group_of(likes, likes), policy="cover", share=0.8)
    assert result.coverage.covered == 36
    starts = sorted(
        i.start.isoformat() for m in result.members for i in m.itinerary.items if i.id in ("c", "d")
    )
    assert starts == ["2022-03-27T03:00:00+02:00"] * 2


def test_cover_keeps_each_members_calendar_busy_times(tmp_path: Path) -> None:
    """M1's own calendar is busy during a1: cover sends M0 to a1 and M1 to b1, never M1 to a1."""
    calendar = tmp_path / "m1.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:meeting@test\r\nDTSTAMP:20220501T000000Z\r\n"
        "DTSTART;TZID=Europe/Rome:20220530T090000\r\nDTEND;TZID=Europe/Rome:20220530T093000\r\n"
        "SUMMARY:Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    programme = build(TWO_ROOMS)
    group = group_of(LIKES, LIKES, m1={"busy_ics": [str(calendar)]})
    members, _ = resolve_members(group, programme)
    busy_aware = [with_calendar_busy(m.profile, programme)[0] for m in members]
    assert len(busy_aware[1].busy) == 1 and not busy_aware[0].busy
    result = plan_group(group, programme, Options(workers=1, policy="cover", share=0.5))
    for member, profile in zip(result.members, busy_aware, strict=True):
        assert validate(member.itinerary, programme, profile) == [], member.name
    assert "a1" not in ids(result, "M1")
    assert "a1" in ids(result, "M0")
