"""Daily caps: at most ``max_talks_per_day`` talks (invited and contributed), and at most
``max_hours_per_day`` hours of talks, poster visits and presenter duty."""

from __future__ import annotations

from planner.interests.profile import InterestProfile
from planner.solver.items import Day
from planner.solver.variables import Variables


def hours_cap_minutes(profile: InterestProfile) -> int | None:
    if profile.max_hours_per_day is None:
        return None
    return round(profile.max_hours_per_day * 60)


def add_daily_caps(variables: Variables, day: Day, profile: InterestProfile) -> int:
    model = variables.model
    count = 0
    talks = [t for t in day.talks if variables.has(t)]
    if profile.max_talks_per_day is not None and len(talks) > profile.max_talks_per_day:
        model.add(sum(variables.attends(t) for t in talks) <= profile.max_talks_per_day)
        count += 1
    cap = hours_cap_minutes(profile)
    items = [c for c in day.candidates if variables.has(c)]
    if cap is not None and sum(c.length for c in items) > cap:
        model.add(sum(c.length * variables.attends(c) for c in items) <= cap)
        count += 1
    return count
