"""Daily caps: at most ``max_talks_per_day`` talks (invited and contributed), and at most
``max_hours_per_day`` hours of talks, poster visits and presenter duty; on a day re-planned from
a moment, less what was attended before it (:attr:`Day.kept_talks`, :attr:`Day.kept_minutes`)."""

from __future__ import annotations

from planner.interests.profile import InterestProfile
from planner.solver.items import Day
from planner.solver.variables import Variables


def hours_cap_minutes(profile: InterestProfile) -> int | None:
    if profile.max_hours_per_day is None:
        return None
    return round(profile.max_hours_per_day * 60)


def talks_cap(profile: InterestProfile, day: Day) -> int | None:
    """How many more talks ``day`` takes, or None without a cap."""
    most = profile.max_talks_per_day
    return None if most is None else max(0, most - day.kept_talks)


def minutes_cap(profile: InterestProfile, day: Day) -> int | None:
    """How many more minutes ``day`` takes, or None without a cap on hours."""
    cap = hours_cap_minutes(profile)
    return None if cap is None else max(0, cap - day.kept_minutes)


def add_daily_caps(variables: Variables, day: Day, profile: InterestProfile) -> int:
    model = variables.model
    count = 0
    talks = [t for t in day.talks if variables.has(t)]
    most = talks_cap(profile, day)
    if most is not None and len(talks) > most:
        model.add(sum(variables.attends(t) for t in talks) <= most)
        count += 1
    cap = minutes_cap(profile, day)
    items = [c for c in day.candidates if variables.has(c)]
    if cap is not None and sum(c.length for c in items) > cap:
        model.add(sum(c.length * variables.attends(c) for c in items) <= cap)
        count += 1
    return count
