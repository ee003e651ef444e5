"""Backups against brute force: for each planned item, the backup is worth as much as the best
talk that, swapped in for the item, gives a plan the independent checker accepts."""

from __future__ import annotations

from datetime import UTC, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.backups import with_backups
from planner.interests.profile import BusyInterval, InterestProfile
from planner.itinerary import Itinerary, PlannedItem
from planner.model import Programme
from planner.solver import InfeasibleError, validate
from tests.solver_factory import PS, T, at, build, planned

ROOMS = ("A", "B", "C")


def swap_scores(
    item: PlannedItem,
    itinerary: Itinerary,
    programme: Programme,
    profile: InterestProfile,
    scores: dict[str, float],
) -> list[tuple[float, str]]:
    """Every talk of some interest, not planned, whose time meets the item's and that gives a
    valid plan in the item's place: (score, id)."""
    planned_ids = {i.id for i in itinerary.items}
    rest = [i for i in itinerary.items if i is not item]
    freed = profile.model_copy(update={"must": [m for m in profile.must if m != item.id]})
    found = []
    for c in programme.contributions:
        if c.kind == "poster" or c.id in planned_ids or scores.get(c.id, 0) <= 0:
            continue
        start, end = programme.window(c)
        if not (start < item.end and item.start < end):
            continue
        swapped = PlannedItem(
            id=c.id,
            kind=c.kind,  # type: ignore[arg-type]
            start=start,
            end=end,
            room=programme.room_of(c),
            score=scores[c.id],
        )
        plans = with_lunch_moved(rest, swapped, itinerary.relaxed_ids)
        if any(validate(plan, programme, freed) == [] for plan in plans):
            found.append((scores[c.id], c.id))
    return found


def with_lunch_moved(
    rest: list[PlannedItem], swapped: PlannedItem, relaxed: list[str]
) -> list[Itinerary]:
    """The plan with ``swapped``, and with each lunch it overlaps moved in 5-minute steps
    through the window (11:30-14:30 by default)."""
    plans = [Itinerary(status="optimal", items=[*rest, swapped], relaxed_ids=relaxed)]
    for lunch in rest:
        if lunch.kind != "lunch" or not (lunch.start < swapped.end and swapped.start < lunch.end):
            continue
        length = lunch.end - lunch.start
        others = [i for i in rest if i is not lunch]
        start = at("11:30")
        while start + length <= at("14:30"):
            moved = lunch.model_copy(update={"start": start, "end": start + length})
            plans.append(
                Itinerary(status="optimal", items=[*others, moved, swapped], relaxed_ids=relaxed)
            )
            start += timedelta(minutes=5)
    return plans


talks_strategy = st.lists(
    st.tuples(
        st.integers(0, 2),  # room
        st.integers(0, 24),  # gap after the room's previous talk, in 5-minute steps
        st.sampled_from([10, 20, 30, 45]),
        st.integers(0, 5),  # score
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    talks_strategy,
    st.sampled_from([0, 5, 15]),
    st.sampled_from([None, 2, 3]),
    st.sampled_from([0, 30, 60]),
    st.booleans(),
    st.sets(st.integers(0, 13), max_size=3),
    st.booleans(),
)
def test_backup_is_the_best_valid_swap(
    raw: list[tuple[int, int, int, int]],
    walk: int,
    cap: int | None,
    lunch: int,
    busy: bool,
    skipped: set[int],
    posters: bool,
) -> None:
    talks, free = [], dict.fromkeys(ROOMS, 9 * 60)  # each room's next free minute
    for k, (r, gap, n, _) in enumerate(raw):
        start = free[ROOMS[r]] + 5 * gap
        if start + n > 22 * 60:
            break
        free[ROOMS[r]] = start + n
        talks.append(T(f"t{k}", f"{start // 60:02d}:{start % 60:02d}", n, ROOMS[r]))
    scores = {f"t{k}": float(w) for k, (*_, w) in enumerate(raw)}
    sessions = [PS("ps", "10:00", 60, ("p1", "p2"))] if posters else []
    if posters:
        scores.update(p1=3.0, p2=0.5)
    programme = build(talks, sessions)
    profile = InterestProfile(
        walk=walk,
        walk_between={"A | C": 25},
        max_talks_per_day=cap,
        lunch=lunch,
        busy=[BusyInterval(start=at("11:00"), end=at("11:20"))] if busy else [],
        skip=[f"t{k}" for k in skipped if k < len(raw)],
        must=["t0"] if "t0" not in {f"t{k}" for k in skipped} else [],
    )
    try:
        itinerary = planned(programme, profile, scores, relax=True)
    except InfeasibleError:  # a must-see that the busy time rules out
        return
    backed = with_backups(itinerary, programme, scores, profile)
    assert [i.model_copy(update={"backup": None}) for i in backed.items] == itinerary.items
    for item, with_backup in zip(itinerary.items, backed.items, strict=True):
        backup = with_backup.backup
        if item.kind in ("lunch", "poster-duty"):
            assert backup is None
            continue
        brute = swap_scores(item, itinerary, programme, profile, scores)
        if not brute:
            assert backup is None, (item.id, backup)
            continue
        assert backup is not None, (item.id, brute)
        assert backup.score == max(score for score, _ in brute)
        assert (backup.score, backup.id) in brute
        assert backup.walk_minutes == profile.walk_minutes(item.room, backup.room)


def test_a_full_talk_has_the_parallel_talk_as_backup_and_walks_are_kept() -> None:
    # a1 and a2 in room A back to back; b1 in B and c1 in C (25 min from A) in parallel
    # with a2, d1 in D five minutes later
    programme = build(
        [
            T("a1", "10:00", 30),
            T("a2", "10:30", 30),
            T("b1", "10:30", 30, "B"),
            T("c1", "10:30", 30, "C"),
            T("d1", "10:35", 25, "D"),
        ]
    )
    profile = InterestProfile(walk=5, walk_between={"A | C": 25}, lunch=0)
    scores = {"a1": 5.0, "a2": 5.0, "b1": 1.0, "c1": 4.0, "d1": 2.0}
    itinerary = with_backups(planned(programme, profile, scores), programme, scores, profile)
    by_id = {i.id: i for i in itinerary.items}
    # c1 is better but 25 minutes from a1's room; b1 starts as a1 ends, 5 minutes away: too
    # soon; d1 starts 5 minutes later and fits
    assert by_id["a2"].backup is not None
    assert by_id["a2"].backup.id == "d1"
    assert by_id["a2"].backup.walk_minutes == 5
    assert by_id["a2"].backup.start == at("10:35")
    # a1 has nothing at its time
    assert by_id["a1"].backup is None


def test_no_backup_is_cancelled_skipped_or_of_no_interest() -> None:
    programme = build([T("a", "10:00"), T("b", "10:00", room="B"), T("c", "10:00", room="C")])
    programme = programme.model_copy(
        update={
            "contributions": [
                c.model_copy(update={"cancelled": True}) if c.id == "b" else c
                for c in programme.contributions
            ]
        }
    )
    profile = InterestProfile(lunch=0, skip=["c"])
    scores = {"a": 3.0, "b": 5.0, "c": 5.0}
    itinerary = with_backups(planned(programme, profile, scores), programme, scores, profile)
    assert [i.backup for i in itinerary.items] == [None]


def test_backups_across_a_dst_change() -> None:
    from tests.solver_factory import DST_DAY

    programme = build(
        [T("a", "01:40", 60), T("b", "03:00", 30, "B")], days=(DST_DAY,)
    )  # 01:40 + 60 min is 03:40 local: the clocks jump at 02:00
    profile = InterestProfile(lunch=0, walk=5)
    scores = {"a": 5.0, "b": 2.0}
    itinerary = with_backups(planned(programme, profile, scores), programme, scores, profile)
    (item,) = itinerary.items
    assert item.end.astimezone(UTC) - item.start.astimezone(UTC) == timedelta(minutes=60)
    assert item.backup is not None and item.backup.id == "b"
