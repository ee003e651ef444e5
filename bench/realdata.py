"""A real programme for the solver benchmark: FOSDEM 2026 (frab XML) from the shared folder of
real schedules, read just far enough for timing (ids, times, rooms, titles). The project's own
importers live in ``planner.sources``; this reader only serves the benchmark and skips events
that overlap an earlier one in the same room."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from defusedxml import ElementTree

from planner.model import Conference, Contribution, Programme, Room, Session

REALDATA = Path("/work/shared/realdata")
FOSDEM = REALDATA / "fosdem-2026.schedule.xml"
CCC36 = REALDATA / "36c3-everything.schedule.json"

Event = tuple[datetime, datetime, str, str]


def _programme(
    name: str, zone: str, by_room: dict[tuple[str, str], list[Event]], seed: int
) -> tuple[Programme, dict[str, float], int]:
    rng = random.Random(seed)
    sessions, contributions, skipped = [], [], 0
    scores: dict[str, float] = {}
    seen: set[str] = set()
    for (room, day), events in sorted(by_room.items()):
        events.sort()
        kept: list[Event] = []
        for event in events:
            if event[2] in seen or (kept and event[0] < kept[-1][1]):
                skipped += 1
                continue
            kept.append(event)
            seen.add(event[2])
        if not kept:
            continue
        sid = f"{room}-{day}"
        sessions.append(
            Session(
                id=sid,
                title=room,
                kind="contributed",
                room=room,
                start=kept[0][0],
                end=max(e[1] for e in kept),
            )
        )
        for start, end, cid, title in kept:
            contributions.append(
                Contribution(id=cid, title=title, kind="talk", session=sid, start=start, end=end)
            )
            scores[cid] = round(rng.uniform(0.1, 10), 1)
    days = sorted({datetime.fromisoformat(d).date() for _, d in by_room})
    programme = Programme(
        conference=Conference(name=name, timezone=zone, days=days),
        rooms=[Room(name=r) for r in sorted({r for r, _ in by_room})],
        sessions=sessions,
        contributions=contributions,
    )
    return programme, scores, skipped


def _span(start: datetime, duration: str) -> tuple[datetime, datetime]:
    hours, minutes = (int(x) for x in (duration or "00:00").split(":")[:2])
    return start, start + timedelta(hours=hours, minutes=minutes)


def ccc36(seed: int = 3) -> tuple[Programme, dict[str, float], int] | None:
    """36C3 with all side stages (schedule.json): 92 rooms, events after midnight, same-room
    overlaps and repeated ids (skipped), a 0-minute event; None when the file is absent."""
    if not CCC36.is_file():
        return None
    data = json.loads(CCC36.read_text(encoding="utf-8"))
    by_room: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for day in data["schedule"]["conference"]["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                start, end = _span(datetime.fromisoformat(event["date"]), event["duration"])
                by_room[(room, start.date().isoformat())].append(
                    (start, end, str(event["id"]), event.get("title") or "")
                )
    return _programme("36C3", "Europe/Berlin", by_room, seed)


def fosdem(seed: int = 3) -> tuple[Programme, dict[str, float], int] | None:
    """The programme, random interest on every talk, and how many overlapping events were
    skipped; None when the file is absent."""
    if not FOSDEM.is_file():
        return None
    root = ElementTree.parse(FOSDEM).getroot()
    zone = root.findtext("conference/time_zone_name") or "Europe/Brussels"
    by_room: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in root.iter("event"):
        start, end = _span(
            datetime.fromisoformat(event.findtext("date") or ""), event.findtext("duration") or ""
        )
        room = event.findtext("room") or "?"
        by_room[(room, start.date().isoformat())].append(
            (start, end, event.get("id") or "", event.findtext("title") or "")
        )
    return _programme("FOSDEM 2026", zone, by_room, seed)
