"""A real programme for the solver benchmark: FOSDEM 2026 (frab XML) from the shared folder of
real schedules, read just far enough for timing (ids, times, rooms, titles). The project's own
importers live in ``planner.sources``; this reader only serves the benchmark and skips events
that overlap an earlier one in the same room."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from defusedxml import ElementTree

from planner.model import Conference, Contribution, Programme, Room, Session

REALDATA = Path("/work/shared/realdata")
FOSDEM = REALDATA / "fosdem-2026.schedule.xml"


def fosdem(seed: int = 3) -> tuple[Programme, dict[str, float], int] | None:
    """The programme, random interest on every talk, and how many overlapping events were
    skipped; None when the file is absent."""
    if not FOSDEM.is_file():
        return None
    root = ElementTree.parse(FOSDEM).getroot()
    zone = root.findtext("conference/time_zone_name") or "Europe/Brussels"
    by_room: dict[tuple[str, str], list[tuple[datetime, datetime, str, str]]] = defaultdict(list)
    for event in root.iter("event"):
        start = datetime.fromisoformat(event.findtext("date") or "")
        hours, minutes = (int(x) for x in (event.findtext("duration") or "00:00").split(":"))
        end = start + timedelta(hours=hours, minutes=minutes)
        room = event.findtext("room") or "?"
        by_room[(room, start.date().isoformat())].append(
            (start, end, event.get("id") or "", event.findtext("title") or "")
        )
    rng = random.Random(seed)
    sessions, contributions, skipped = [], [], 0
    scores: dict[str, float] = {}
    for (room, day), events in sorted(by_room.items()):
        events.sort()
        kept: list[tuple[datetime, datetime, str, str]] = []
        for event in events:
            if kept and event[0] < kept[-1][1]:
                skipped += 1
                continue
            kept.append(event)
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
        conference=Conference(name="FOSDEM 2026", timezone=zone, days=days),
        rooms=[Room(name=r) for r in sorted({r for r, _ in by_room})],
        sessions=sessions,
        contributions=contributions,
    )
    return programme, scores, skipped
