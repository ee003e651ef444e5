"""The exact plan of talks, by the oracle's dynamic programme (:mod:`.oracle`), for days where
it is the whole answer and as the warm start and fallback of the CP-SAT model elsewhere.

The programme is exact for a day of talks at fixed times with walking, the day's lunch, the
cap on talks a day and the objective's worth of each talk (interest, hard wishes, keeping a
previous plan's items), as long as walks are metric (no walk longer than a detour through a
third room). Poster visits, presenter duty, a cap on hours that binds, or lunches or a cap on
talks over several days planned together break it: then its plan is only a start for CP-SAT,
and a fallback if it meets every rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.solver.items import Day, LunchSlot, Problem
from planner.solver.lunch_place import free_gaps, lunch_start
from planner.solver.oracle import Lunch, Slot, Walks, best_plan
from planner.solver.rules.caps import minutes_cap, talks_cap
from planner.solver.variables import Chosen


def _lunch_days(days: list[Day]) -> list[Day]:
    return [d for d in days if d.lunch is not None]


def _talks_cap(problem: Problem, day: Day) -> int | None:
    """The cap on talks a day, where the day has more talks than that."""
    most = talks_cap(problem.profile, day)
    return most if most is not None and len(day.talks) > most else None


def _hours_cap_binds(problem: Problem, day: Day) -> bool:
    cap = minutes_cap(problem.profile, day)
    return cap is not None and sum(t.length for t in day.talks) > cap


def side_rules(problem: Problem, days: list[Day]) -> list[str]:
    """The rules of ``days`` that the exact programme does not know (none: it is exact)."""
    found = []
    if any(c.blocked is None and not c.fixed for d in days for c in d.candidates):
        found.append("poster visits or presenter duty")
    if len(_lunch_days(days)) > 1:
        found.append("lunch on more than one day planned together")
    if any(_hours_cap_binds(problem, d) for d in days):
        found.append("a cap on hours a day")
    if len(days) > 1 and any(_talks_cap(problem, d) is not None for d in days):
        found.append("a cap on talks a day, on days planned together")
    if not Walks.of(problem.profile).metric():
        found.append("walks longer than a detour")
    return found


def _lunch_at(slot: LunchSlot, taken: list[tuple[int, int]]) -> int | None:
    fits = [a for a, b in free_gaps(slot, taken) if b - a >= slot.length]
    return lunch_start(slot, fits[0], taken) if fits else None


def talks_plan(
    problem: Problem, days: list[Day], worth: Mapping[str, int], most: int | None = None
) -> list[Chosen]:
    """The plan of talks (and lunches) of greatest worth that keeps to clashes, walks, the
    lunch of the group's one lunch day (a group with more keeps to none of them) and, for a
    group of one day, the cap on talks (and at most ``most`` talks, where given)."""
    lunches = _lunch_days(days)
    lunch = None
    if len(lunches) == 1 and lunches[0].lunch is not None:
        slot = lunches[0].lunch
        lunch = Lunch(slot.window_start, slot.window_end, slot.length)
    talks = {t.id: t for d in days for t in d.talks}
    slots = [Slot(t.id, t.start, t.end, t.room, worth.get(t.id, 0)) for t in talks.values()]
    cap = _talks_cap(problem, days[0]) if len(days) == 1 else None
    if most is not None:
        cap = most if cap is None else min(cap, most)
    _, ids = best_plan(slots, Walks.of(problem.profile), lunch, cap)
    chosen = [Chosen(talks[i], talks[i].day, talks[i].start, talks[i].end) for i in ids]
    taken = [(c.start, c.end) for c in chosen]
    for day in lunches:
        assert day.lunch is not None
        start = _lunch_at(day.lunch, taken)
        if start is not None:
            chosen.append(Chosen(None, day.day, start, start + day.lunch.length))
    chosen.sort(key=lambda x: (x.start, x.end, x.candidate.id if x.candidate else ""))
    return chosen


def trim_to_caps(problem: Problem, chosen: list[Chosen], worth: Mapping[str, int]) -> list[Chosen]:
    """``chosen`` within the daily caps, dropping the talks worth least (per minute, for the
    cap on hours) and never a hard wish: fewer talks keep every other rule. A start for
    CP-SAT, not an optimum."""
    days = {d.day: d for d in problem.days}
    dropped: set[int] = set()
    for day in sorted({c.day for c in chosen}):
        most = talks_cap(problem.profile, days[day]) if day in days else None
        cap = minutes_cap(problem.profile, days[day]) if day in days else None
        talks = [c for c in chosen if c.candidate is not None and c.day == day]
        spare = sorted(
            (c for c in talks if c.candidate is not None and c.candidate.wish is None),
            key=lambda c: (worth.get(c.candidate.id, 0) if c.candidate else 0, c.start),
        )
        while most is not None and len(talks) > most and spare:
            gone = spare.pop(0)
            talks.remove(gone)
            dropped.add(id(gone))
        spare.sort(
            key=lambda c: (worth.get(c.candidate.id, 0) if c.candidate else 0) / (c.end - c.start)
        )
        while cap is not None and sum(c.end - c.start for c in talks) > cap and spare:
            gone = spare.pop(0)
            talks.remove(gone)
            dropped.add(id(gone))
    return [c for c in chosen if id(c) not in dropped]


def upper_bound(problem: Problem, days: list[Day]) -> int:
    """Interest no plan of ``days`` exceeds (weight units): the best plan of talks under the
    rules the exact programme knows (the others only take plans away), plus every poster."""
    talks = talks_plan(problem, days, {c.id: c.weight for d in days for c in d.candidates})
    flexible = sum(
        c.weight for d in days for c in d.candidates if c.blocked is None and not c.fixed
    )
    return sum(c.candidate.weight for c in talks if c.candidate is not None) + flexible


def meets_every_rule(
    problem: Problem, days: list[Day], chosen: list[Chosen], *, relax: bool
) -> bool:
    """Whether a plan of talks and lunches from :func:`talks_plan` is a valid plan of ``days``:
    lunch every lunch day, daily caps, and (without ``relax``) every hard wish."""
    if not Walks.of(problem.profile).metric():
        return False
    lunch_days = {c.day for c in chosen if c.candidate is None}
    if any(d.day not in lunch_days for d in _lunch_days(days)):
        return False
    for day in days:
        talks = [c for c in chosen if c.candidate is not None and c.day == day.day]
        most, cap = talks_cap(problem.profile, day), minutes_cap(problem.profile, day)
        if most is not None and len(talks) > most:
            return False
        if cap is not None and sum(c.end - c.start for c in talks) > cap:
            return False
    picked = {c.candidate.id for c in chosen if c.candidate is not None}
    wishes = [c for d in days for c in d.candidates if c.wish is not None and c.blocked is None]
    return relax or all(w.id in picked for w in wishes)
