"""Synthetic multi-track conferences for the solver benchmark: ``tracks`` rooms over three days,
talks of 15-30 minutes with small random gaps (rooms start a few minutes apart, so walking
matters), a lunch pause, and optionally one poster session a day in a poster hall."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.model import Conference, Contribution, Programme, Room, Session

ZONE = "Europe/Rome"
DAYS = (date(2022, 3, 26), date(2022, 3, 27), date(2022, 3, 28))  # crosses the DST change


def conference(
    tracks: int,
    talks_per_room_day: int = 18,
    posters: int = 0,
    seed: int = 1,
    days: tuple[date, ...] = DAYS,
) -> tuple[Programme, dict[str, float]]:
    """A programme and random interest scores (every item scored, 0.1 to 10)."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    rooms = [Room(name=f"Room {r + 1}") for r in range(tracks)]
    sessions: list[Session] = []
    contributions: list[Contribution] = []
    scores: dict[str, float] = {}
    half = talks_per_room_day - talks_per_room_day // 2
    for d, day in enumerate(days):
        for r, room in enumerate(rooms):
            for block, (hour, count) in enumerate([(9, half), (14, talks_per_room_day - half)]):
                clock = datetime.combine(day, time(hour, 5 * (r % 4)), tzinfo=zone)
                talks: list[tuple[datetime, datetime]] = []
                for _ in range(count):
                    minutes = rng.choice([15, 20, 20, 25, 30])
                    end = clock + timedelta(minutes=minutes)
                    talks.append((clock, end))
                    clock = end + timedelta(minutes=rng.choice([0, 0, 0, 5, 10]))
                if not talks:
                    continue
                sid = f"d{d}-r{r}-b{block}"
                sessions.append(
                    Session(
                        id=sid,
                        title=f"Track {r + 1}",
                        kind="contributed",
                        room=room.name,
                        start=talks[0][0],
                        end=talks[-1][1],
                    )
                )
                for start, end in talks:
                    cid = f"t{len(contributions)}"
                    contributions.append(
                        Contribution(
                            id=cid,
                            title=f"Talk {cid}",
                            kind="talk",
                            session=sid,
                            start=start,
                            end=end,
                        )
                    )
                    scores[cid] = round(rng.uniform(0.1, 10), 1)
    if posters:
        rooms.append(Room(name="Poster Hall", kind="poster-area"))
        per_day = [
            posters // len(days) + (1 if i < posters % len(days) else 0) for i in range(len(days))
        ]
        for d, (day, count) in enumerate(zip(days, per_day, strict=True)):
            start = datetime.combine(day, time(12, 30), tzinfo=zone)
            sid = f"posters-{d}"
            sessions.append(
                Session(
                    id=sid,
                    title="Poster session",
                    kind="poster",
                    room="Poster Hall",
                    start=start,
                    end=start + timedelta(minutes=90),
                )
            )
            for _ in range(count):
                cid = f"p{len(contributions)}"
                contributions.append(
                    Contribution(id=cid, title=f"Poster {cid}", kind="poster", session=sid)
                )
                scores[cid] = round(rng.uniform(0.1, 10), 1)
    programme = Programme(
        conference=Conference(name=f"Synthetic {tracks} tracks", timezone=ZONE, days=list(days)),
        rooms=rooms,
        sessions=sessions,
        contributions=contributions,
    )
    return programme, scores


def grid(
    rooms: int, talks_per_room_day: int, seed: int = 1, days: tuple[date, ...] = DAYS
) -> tuple[Programme, dict[str, float]]:
    """Back-to-back 20-minute talks from 9:00 in every room (rooms start 0-15 minutes apart,
    so a walk always costs something), random interest 0.1-10 on every talk: the growth cases
    of the solver benchmark."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    sessions: list[Session] = []
    contributions: list[Contribution] = []
    scores: dict[str, float] = {}
    for d, day in enumerate(days):
        for r in range(rooms):
            start = datetime.combine(day, time(9, 5 * (r % 4)), tzinfo=zone)
            sid = f"d{d}-r{r}"
            end = start + timedelta(minutes=20 * talks_per_room_day)
            sessions.append(
                Session(
                    id=sid,
                    title=f"Track {r + 1}",
                    kind="contributed",
                    room=f"Room {r + 1}",
                    start=start,
                    end=end,
                )
            )
            for k in range(talks_per_room_day):
                cid = f"t{len(contributions)}"
                at = start + timedelta(minutes=20 * k)
                contributions.append(
                    Contribution(
                        id=cid,
                        title=f"Talk {cid}",
                        kind="talk",
                        session=sid,
                        start=at,
                        end=at + timedelta(minutes=20),
                    )
                )
                scores[cid] = round(rng.uniform(0.1, 10), 1)
    programme = Programme(
        conference=Conference(name=f"Grid {rooms} rooms", timezone=ZONE, days=list(days)),
        rooms=[Room(name=f"Room {r + 1}") for r in range(rooms)],
        sessions=sessions,
        contributions=contributions,
    )
    return programme, scores
