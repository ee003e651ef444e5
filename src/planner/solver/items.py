"""What the solver chooses from: the programme and the profile turned into candidates on a
minute clock, one list per conference day.

A *candidate* is a talk at its fixed slot, a poster that can be visited for ``poster_visit``
minutes anywhere inside its poster session, or the attendee's own poster (presenter duty for a
share of its session). Items the attendee cannot attend at all (outside arrival/departure,
during a busy time) keep the reason so the plan can say why they are left out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from planner.interests.folding import fold
from planner.interests.profile import InterestProfile
from planner.model import Contribution, Programme

SCALE = 100
"""Scores are floats; the model uses integer weights ``round(score * SCALE)``."""

CandidateKind = Literal["talk", "invited", "poster", "poster-duty"]
Wish = Literal["must", "own"]


@dataclass(frozen=True)
class Clock:
    """Whole minutes since local midnight of the conference's first day (a real duration, so a
    DST change inside the conference is counted correctly)."""

    origin: datetime
    zone: ZoneInfo

    @classmethod
    def of(cls, programme: Programme) -> Clock:
        zone = programme.conference.zone
        first = datetime.combine(programme.conference.start, datetime.min.time(), tzinfo=zone)
        return cls(first.astimezone(UTC), zone)

    def minutes(self, moment: datetime) -> int:
        return round((moment - self.origin).total_seconds() / 60)

    def moment(self, minutes: int) -> datetime:
        return (self.origin + timedelta(minutes=minutes)).astimezone(self.zone)


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: CandidateKind
    day: date
    room: str
    start: int
    """A talk's start; for a poster, the earliest start of a visit."""
    end: int
    """A talk's end; for a poster, the latest end of a visit."""
    length: int
    """Minutes attended: the talk's duration, a visit or the presenter duty."""
    score: float
    title: str
    session: str
    wish: Wish | None = None
    blocked: str | None = None
    """Why it cannot be attended at all (availability, busy time), or None."""

    @property
    def weight(self) -> int:
        """Integer weight; any positive score weighs at least 1."""
        if self.score <= 0:
            return 0
        return max(1, round(self.score * SCALE))

    @property
    def fixed(self) -> bool:
        return self.kind in ("talk", "invited")

    @property
    def label(self) -> str:
        return f"{self.id!r} ({self.title})" if self.title else repr(self.id)


@dataclass(frozen=True)
class Busy:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class LunchSlot:
    day: date
    window_start: int
    window_end: int
    length: int
    break_start: int | None = None
    """The programme's lunch break that day, where it meets the window (minutes)."""
    break_end: int | None = None


@dataclass
class Day:
    day: date
    candidates: list[Candidate] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)
    lunch: LunchSlot | None = None
    kept_talks: int = 0
    """Talks already attended this day, outside the problem (re-planning from a moment): the
    daily caps count them."""
    kept_minutes: int = 0
    """Minutes of talks, poster visits and duty already attended this day, likewise."""

    @property
    def talks(self) -> list[Candidate]:
        return [c for c in self.candidates if c.fixed and c.blocked is None]


@dataclass
class Problem:
    """Everything the model needs, independent of OR-Tools."""

    clock: Clock
    days: list[Day]
    profile: InterestProfile
    skipped: list[Candidate]
    """Positive-interest items the attendee asked to skip (reported as left out)."""

    def walk(self, a: str, b: str) -> int:
        return self.profile.walk_minutes(a, b)

    @property
    def candidates(self) -> list[Candidate]:
        return [c for d in self.days for c in d.candidates]

    def longest_walk(self) -> int:
        return max([self.profile.walk, *self.profile.walk_between.values()])

    def independent_days(self) -> list[list[Day]]:
        """Days in groups that can be planned apart: consecutive days stay together when an
        item of one ends (plus a walk) after an item of the next begins."""
        groups: list[list[Day]] = []
        reach: int | None = None  # the current group's latest end plus a walk
        for day in self.days:
            starts = [c.start for c in day.candidates]
            if groups and reach is not None and starts and min(starts) < reach:
                groups[-1].append(day)
            else:
                groups.append([day])
                reach = None
            for c in day.candidates:
                end = c.end + self.longest_walk()
                reach = end if reach is None else max(reach, end)
        return groups


def _blocked(
    start: int, end: int, arrive: int | None, leave: int | None, busy: list[Busy]
) -> str | None:
    if (arrive is not None and start < arrive) or (leave is not None and end > leave):
        return "outside your availability"
    for each in busy:
        if start < each.end and each.start < end:
            return (
                f"during your busy time ({each.label})" if each.label else "during your busy time"
            )
    return None


def _folded_set(values: list[str]) -> frozenset[str]:
    return frozenset(fold(v).strip() for v in values if v.strip())


def filtered_out(contribution: Contribution, profile: InterestProfile) -> str | None:
    """Why the attendee's filters on event types and languages rule ``contribution`` out
    (``--type``, ``--skip-type``, ``--language``), or None."""
    kind = fold(contribution.event_type or "").strip()
    skipped = _folded_set(profile.skip_type)
    if kind and kind in skipped:
        return f"a {contribution.event_type}, a type you skip (--skip-type)"
    wanted = _folded_set(profile.type)
    if wanted and kind not in wanted:
        shown = f"a {contribution.event_type}" if kind else "it has no event type"
        return f"{shown}, not a type you chose (--type)"
    language = fold(contribution.language or "").strip()
    languages = _folded_set(profile.language)
    if languages and language and language not in languages:
        return f"in {contribution.language!r}, not a language you chose (--language)"
    return None


def build_problem(
    programme: Programme, profile: InterestProfile, scores: Mapping[str, float]
) -> Problem:
    """Turn the programme and profile into per-day candidates."""
    clock = Clock.of(programme)
    arrive = clock.minutes(profile.arrive) if profile.arrive else None
    leave = clock.minutes(profile.leave) if profile.leave else None
    busy = [Busy(clock.minutes(b.start), clock.minutes(b.end), b.label or "") for b in profile.busy]
    must, own, skip = set(profile.must), set(profile.own), set(profile.skip)
    days = {d: Day(d) for d in programme.conference.days}
    skipped: list[Candidate] = []

    for contribution in programme.contributions:
        cid = contribution.id
        score = max(0.0, float(scores.get(cid, 0.0)))
        wish: Wish | None = "own" if cid in own else "must" if cid in must else None
        if contribution.cancelled:
            wish = None  # a wish for a cancelled item is a warning (interests.checks)
        if wish is None and (score <= 0 and cid not in skip):
            continue
        window_start, window_end = programme.window(contribution)
        start, end = clock.minutes(window_start), clock.minutes(window_end)
        day = programme.day_of(contribution)
        room = programme.room_of(contribution)
        session = contribution.session
        if contribution.kind == "poster":
            if wish == "own":
                kind: CandidateKind = "poster-duty"
                length = math.ceil(profile.poster_duty_share * (end - start))
            else:
                kind, length = "poster", profile.poster_visit
            # Availability narrows a poster's window rather than ruling it out.
            lo = max(start, arrive) if arrive is not None else start
            hi = min(end, leave) if leave is not None else end
            reason = None if hi - lo >= length else "outside your availability"
            if reason is None:
                start, end = lo, hi
            if reason is None and end - start < length:
                reason = "its poster session is shorter than a visit"
        else:
            kind, length = contribution.kind, max(end - start, 1)
            reason = _blocked(start, end, arrive, leave, busy)
            if end <= start:
                reason, end = "it has no duration in the programme", start + 1
        if contribution.cancelled:
            reason = "cancelled"
        elif wish is None:
            reason = filtered_out(contribution, profile) or reason
        candidate = Candidate(
            id=cid,
            kind=kind,
            day=day,
            room=room,
            start=start,
            end=end,
            length=length,
            score=score,
            title=contribution.title,
            session=session,
            wish=wish,
            blocked=reason,
        )
        if cid in skip:
            if score > 0:
                skipped.append(candidate)
            continue
        if kind == "poster-duty" and length == 0:
            continue
        days.setdefault(day, Day(day)).candidates.append(candidate)

    zone = clock.zone
    lunch_start, lunch_end = profile.lunch_window
    for entry in days.values():
        entry.candidates.sort(key=lambda c: (c.start, c.end, c.id))
        day_start = clock.minutes(datetime.combine(entry.day, datetime.min.time(), tzinfo=zone))
        day_end = clock.minutes(
            datetime.combine(entry.day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        )
        entry.busy = [b for b in busy if b.start < day_end and day_start < b.end]
        if profile.lunch > 0:
            lo = clock.minutes(datetime.combine(entry.day, lunch_start, tzinfo=zone))
            hi = clock.minutes(datetime.combine(entry.day, lunch_end, tzinfo=zone))
            present = (arrive is None or arrive < hi) and (leave is None or leave > lo)
            if present and entry.day in programme.conference.days:
                breaks = [
                    (max(clock.minutes(b.start), lo), min(clock.minutes(b.end), hi))
                    for b in programme.breaks
                    if b.kind == "lunch"
                ]
                meeting = sorted((s, e) for s, e in breaks if s < e)
                first: tuple[int | None, int | None] = meeting[0] if meeting else (None, None)
                entry.lunch = LunchSlot(entry.day, lo, hi, profile.lunch, *first)
    return Problem(clock, [days[d] for d in sorted(days)], profile, skipped)
