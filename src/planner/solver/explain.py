"""Words for a solution: why each item is in the plan, why each interesting item is not, what
changed since the previous plan, and which hard wishes cannot be met together."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from planner.itinerary import Change, ItemKind, Itinerary, LeftOut, PlannedItem, Status
from planner.solver.items import Candidate, Problem
from planner.solver.rules.caps import hours_cap_minutes, minutes_cap, talks_cap
from planner.solver.variables import Chosen


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _clock_at(problem: Problem, minutes: int) -> str:
    return problem.clock.moment(minutes).strftime("%H:%M")


def _span(problem: Problem, start: int, end: int) -> str:
    """``13:50–13:58``: a time range with the en dash, as the plan's time column writes it."""
    return f"{_clock_at(problem, start)}–{_clock_at(problem, end)}"


def _local(problem: Problem, moment: datetime) -> str:
    return moment.astimezone(problem.clock.zone).strftime("%a %H:%M")


def _wish_word(c: Candidate) -> str:
    if c.wish == "own":
        return "your poster" if c.kind == "poster-duty" else "your own talk"
    return "must-see"


def _walk_blocker(problem: Problem, c: Candidate, start: int, end: int, x: Chosen) -> str | None:
    """The walking reason if chosen ``x`` leaves too little time to reach or leave ``c``."""
    if x.candidate is None or x.candidate.room == c.room:
        return None
    gap = problem.walk(x.candidate.room, c.room)
    if x.end <= start and start - x.end < gap:
        return f"not enough time to walk from {x.candidate.room}"
    if end <= x.start and x.start - end < gap:
        return f"not enough time to walk to {x.candidate.room}"
    return None


def _describe_blocking(blockers: list[Candidate], c: Candidate) -> str:
    names = " and ".join(repr(b.id) for b in blockers)
    wishes = [b for b in blockers if b.wish is not None]
    if wishes:
        return f"clashes with {names} ({_wish_word(wishes[0])})"
    total = sum(b.score for b in blockers)
    if total >= c.score:
        together = "together scored higher" if len(blockers) > 1 else "scored higher"
        return f"clashes with {names}, which {together}"
    return f"clashes with {names}, which fits better with the rest of the plan"


def left_out_reason(
    problem: Problem, c: Candidate, chosen: list[Chosen], status: Status
) -> tuple[str, list[str]]:
    """Why candidate ``c`` (not in the plan) is left out, and the chosen ids that keep it out.
    ``chosen`` is the whole plan: a talk past midnight can block the next day's first one."""
    if c.blocked is not None:
        return c.blocked, []
    profile = problem.profile
    reach = problem.longest_walk()
    near = [x for x in chosen if x.start < c.end + reach and c.start < x.end + reach]
    nearby = [x for x in near if x.candidate is not None]
    if c.fixed:
        overlapping = [
            x.candidate
            for x in nearby
            if x.candidate is not None and _overlap(c.start, c.end, x.start, x.end)
        ]
        decisive = any(b.wish for b in overlapping) or sum(b.score for b in overlapping) >= c.score
        if overlapping and decisive:
            return _describe_blocking(overlapping, c), [b.id for b in overlapping]
        for x in nearby:
            reason = _walk_blocker(problem, c, c.start, c.end, x)
            if reason and x.candidate is not None:
                return reason, [x.candidate.id, *(b.id for b in overlapping)]
        if overlapping:
            return _describe_blocking(overlapping, c), [b.id for b in overlapping]
    # a reached cap decides before lunch does: lunch can move, the cap cannot
    picked = [x for x in chosen if x.day == c.day and x.candidate is not None]
    talks = [x for x in picked if x.candidate is not None and x.candidate.fixed]
    day = next((d for d in problem.days if d.day == c.day), None)
    cap_talks = talks_cap(profile, day) if day is not None else profile.max_talks_per_day
    if c.fixed and cap_talks is not None and len(talks) >= cap_talks:
        return "daily cap reached", []
    cap = minutes_cap(profile, day) if day is not None else hours_cap_minutes(profile)
    if cap is not None and sum(x.end - x.start for x in picked) + c.length > cap:
        return "daily cap reached", []
    if c.fixed and any(
        x.candidate is None and _overlap(c.start, c.end, x.start, x.end) for x in near
    ):
        return "lunch", []
    if not c.fixed:
        rivals = [
            x.candidate
            for x in picked
            if x.candidate is not None
            and not x.candidate.fixed
            and _overlap(c.start, c.end, x.start, x.end)
        ]
        if rivals:
            return (
                "no time left in its poster session for another visit",
                [r.id for r in rivals],
            )
        return "no free time during its poster session", []
    if status != "optimal":
        return "not chosen (the plan is not proven optimal)", []
    return "not chosen: it would displace more interest elsewhere in the plan", []


def _kind(c: Candidate) -> ItemKind:
    if c.kind == "poster":
        return "poster-visit"
    return c.kind


def itinerary(
    problem: Problem,
    chosen: list[Chosen],
    *,
    status: Status,
    objective: float,
    bound: float,
    dropped: list[Candidate],
    previous: Itinerary | None,
    seconds: float,
) -> Itinerary:
    chosen_ids = {x.candidate.id for x in chosen if x.candidate is not None}
    dropped_ids = {c.id for c in dropped}

    left_out: list[LeftOut] = []
    blocks: dict[str, list[Candidate]] = defaultdict(list)
    for c in problem.candidates:
        if c.id in chosen_ids or (c.score <= 0 and c.id not in dropped_ids):
            continue
        reason, blocking = left_out_reason(problem, c, chosen, status)
        left_out.append(LeftOut(id=c.id, score=c.score, reason=reason, blocking=blocking))
        for b in blocking:
            blocks[b].append(c)
    for c in problem.skipped:
        left_out.append(LeftOut(id=c.id, score=c.score, reason="you asked to skip it"))
    left_out.sort(key=lambda x: (-x.score, x.id))

    items: list[PlannedItem] = []
    for x in chosen:
        start, end = problem.clock.moment(x.start), problem.clock.moment(x.end)
        item = x.candidate
        if item is None:
            items.append(
                PlannedItem(
                    id=f"lunch-{x.day.isoformat()}",
                    kind="lunch",
                    start=start,
                    end=end,
                    room="",
                    score=0.0,
                    title="Lunch",
                    why=[_lunch_why(problem, x)],
                )
            )
            continue
        why = [f"score {item.score:g}"]
        if item.wish is not None:
            why.append(_wish_word(item))
        if item.kind == "poster-duty":
            why.append(f"presenter duty for {item.length} minutes of the poster session")
        elif item.kind == "poster":
            why.append(f"visit {_span(problem, x.start, x.end)}")
        beaten = sorted(blocks.get(item.id, []), key=lambda b: (-b.score, b.id))
        if beaten:
            shown = ", ".join(f"{b.id} (score {b.score:g})" for b in beaten[:3])
            more = f" and {len(beaten) - 3} more" if len(beaten) > 3 else ""
            why.append(f"chosen over {shown}{more}")
        items.append(
            PlannedItem(
                id=item.id,
                kind=_kind(item),
                start=start,
                end=end,
                room=item.room,
                score=item.score,
                title=item.title,
                why=["; ".join(why)],
            )
        )

    relaxed = [f"{_wish_word(c)} {c.label}: {_dropped_reason(problem, c, chosen)}" for c in dropped]
    return Itinerary(
        status=status,
        objective=objective,
        bound=bound,
        items=items,
        left_out=left_out,
        changes=_changes(problem, previous, items),
        relaxed=relaxed,
        relaxed_ids=[c.id for c in dropped],
        solve_seconds=seconds,
    )


def _changes(
    problem: Problem, previous: Itinerary | None, items: list[PlannedItem]
) -> list[Change]:
    if previous is None:
        return []
    before = {i.id: i for i in previous.items}
    after = {i.id: i for i in items}
    changes: list[Change] = []
    for cid, item in after.items():
        old = before.get(cid)
        if old is None:
            changes.append(Change(id=cid, change="added", detail=item.title))
        elif old.start != item.start:
            changes.append(
                Change(
                    id=cid,
                    change="moved",
                    detail=f"from {_local(problem, old.start)} to {_local(problem, item.start)}",
                )
            )
    for cid, item in before.items():
        if cid not in after:
            changes.append(Change(id=cid, change="removed", detail=item.title))
    return changes


def _dropped_reason(problem: Problem, c: Candidate, kept: list[Chosen]) -> str:
    """Why hard wish ``c`` cannot be met alongside the items in ``kept``."""
    if c.blocked is not None:
        return c.blocked
    same_day = [x for x in kept if x.day == c.day]
    for x in same_day:
        other = x.candidate
        if other is None or other.wish is None:
            continue
        if c.fixed and _overlap(c.start, c.end, x.start, x.end):
            return (
                f"clashes with {_wish_word(other)} {other.label} ({_span(problem, x.start, x.end)})"
            )
        if c.fixed:
            reason = _walk_blocker(problem, c, c.start, c.end, x)
            if reason:
                return f"{reason} ({_wish_word(other)} {other.label})"
    day = next(d for d in problem.days if d.day == c.day)
    profile = problem.profile
    wishes = [w for w in day.candidates if w.wish is not None and w.fixed]
    cap = talks_cap(profile, day)
    if c.fixed and cap is not None and len(wishes) > cap:
        return f"more must-see talks on {c.day} than max_talks_per_day ({cap})"
    hours = minutes_cap(profile, day)
    if hours is not None and sum(w.length for w in day.candidates if w.wish) > hours:
        return (
            f"more must-see time on {c.day} than max_hours_per_day ({profile.max_hours_per_day:g})"
        )
    if day.lunch is not None and _overlap(
        c.start, c.end, day.lunch.window_start, day.lunch.window_end
    ):
        return "leaves no time for lunch"
    return "cannot be combined with your other must-see items"


def blocked_wishes(problem: Problem, blocked: list[Candidate]) -> str:
    parts = [f"{_wish_word(c)} {c.label}: {c.blocked}" for c in blocked]
    them = "it" if len(parts) == 1 else "them"
    return "; ".join(parts) + f" (use --relax to plan without {them})"


def infeasible(problem: Problem, kept: list[Chosen], dropped: list[Candidate]) -> str:
    parts = [f"{_wish_word(c)} {c.label}: {_dropped_reason(problem, c, kept)}" for c in dropped]
    if not parts:  # pragma: no cover - the relaxed model drops at least one wish
        parts = ["your must-see items cannot all be planned"]
    return (
        "cannot plan all your hard wishes: "
        + "; ".join(parts)
        + " (use --relax to drop the fewest of them)"
    )


def _lunch_why(problem: Problem, lunch: Chosen) -> str:
    why = f"lunch: {lunch.end - lunch.start} minutes inside your lunch window"
    slot = next((d.lunch for d in problem.days if d.day == lunch.day), None)
    if slot is None or slot.break_start is None or slot.break_end is None:
        return why
    if slot.break_start <= lunch.start and lunch.end <= slot.break_end:
        return f"{why}, in the programme's lunch break"
    if _overlap(lunch.start, lunch.end, slot.break_start, slot.break_end):
        return f"{why}, partly in the programme's lunch break"
    return why
