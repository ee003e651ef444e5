"""Tiny hand-built programmes for solver tests: talks in rooms at given local times, poster
sessions with posters, on one or more days (any zone; Europe/Rome by default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.interests.profile import InterestProfile
from planner.itinerary import Itinerary
from planner.model import Break, Conference, Contribution, Programme, Room, Session

TZ = "Europe/Rome"
DAY = date(2022, 5, 30)
DST_DAY = date(2022, 3, 27)  # Europe/Rome springs forward at 02:00


def at(hm: str, day: date = DAY, tz: str = TZ) -> datetime:
    hour, minute = (int(x) for x in hm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))


@dataclass(frozen=True)
class T:
    """A talk: id, local start ``HH:MM``, minutes, room, day index."""

    id: str
    hm: str
    minutes: int = 20
    room: str = "A"
    day: int = 0
    kind: str = "talk"


@dataclass(frozen=True)
class PS:
    """A poster session with its posters (ids)."""

    id: str
    hm: str
    minutes: int
    posters: tuple[str, ...]
    room: str = "Posters"
    day: int = 0


def build(
    talks: list[T] | tuple[T, ...] = (),
    sessions: list[PS] | tuple[PS, ...] = (),
    days: tuple[date, ...] = (DAY,),
    tz: str = TZ,
    lunch_breaks: tuple[tuple[str, int], ...] = (),
) -> Programme:
    """``lunch_breaks``: the programme's lunch breaks, as (local start ``HH:MM``, minutes), one
    per day from the first."""
    rooms = sorted({t.room for t in talks} | {s.room for s in sessions})
    room_list = [
        Room(name=r, kind="poster-area" if r in {s.room for s in sessions} else "hall")
        for r in rooms
    ]
    session_list: list[Session] = []
    contributions: list[Contribution] = []
    for t in talks:
        start = at(t.hm, days[t.day], tz)
        end = (start.astimezone(ZoneInfo("UTC")) + timedelta(minutes=t.minutes)).astimezone(
            ZoneInfo(tz)
        )
        session_list.append(
            Session(
                id=f"s-{t.id}",
                title=f"Session {t.id}",
                kind="plenary" if t.kind == "invited" else "contributed",
                room=t.room,
                start=start,
                end=end,
            )
        )
        contributions.append(
            Contribution(
                id=t.id,
                title=f"Talk {t.id}",
                kind=t.kind,  # type: ignore[arg-type]
                session=f"s-{t.id}",
                start=start,
                end=end,
            )
        )
    for s in sessions:
        start = at(s.hm, days[s.day], tz)
        session_list.append(
            Session(
                id=s.id,
                title=f"Posters {s.id}",
                kind="poster",
                room=s.room,
                start=start,
                end=start + timedelta(minutes=s.minutes),
            )
        )
        contributions += [
            Contribution(id=p, title=f"Poster {p}", kind="poster", session=s.id) for p in s.posters
        ]
    breaks = [
        Break(
            id=f"lunch-{index}",
            kind="lunch",
            title="Lunch",
            start=at(hm, days[index], tz),
            end=at(hm, days[index], tz) + timedelta(minutes=minutes),
        )
        for index, (hm, minutes) in enumerate(lunch_breaks)
    ]
    return Programme(
        conference=Conference(name="Test conference", timezone=tz, days=list(days)),
        rooms=room_list,
        sessions=session_list,
        contributions=contributions,
        breaks=breaks,
    )


def planned(
    programme: Programme,
    profile: object,
    scores: dict[str, float],
    **options: object,
) -> Itinerary:
    """Plan and insist the independent checker accepts the result."""
    from planner.solver import plan, validate

    assert isinstance(profile, InterestProfile)
    itinerary = plan(programme, profile, scores, **options)  # type: ignore[arg-type]
    problems = validate(itinerary, programme, profile)
    assert problems == [], problems
    return itinerary


def ids(itinerary: Itinerary, kind: str | None = None) -> set[str]:
    return {i.id for i in itinerary.items if i.kind != "lunch" and (kind is None or i.kind == kind)}


def reason(itinerary: Itinerary, cid: str) -> str:
    return next(x.reason for x in itinerary.left_out if x.id == cid)
