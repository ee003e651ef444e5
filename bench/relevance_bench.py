"""Keyword relevance on a synthetic 1,000-contribution programme: index build and query time of
the BM25 index against a plain substring scan of the same text. Run it with
``.venv/bin/python bench/relevance_bench.py``; it prints the times and their ratios."""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from planner.interests import InterestProfile
from planner.interests.relevance import fold, relevance_index
from planner.interests.scoring import score_programme
from planner.model import Programme
from planner.sources import load_programme

QUERIES = [
    "anomaly detection",
    "SKA",
    "deep learning",
    "gravitational waves",
    "radio galaxies",
    "Lochner",
    "neural network",
    "time series",
]
REAL_QUERIES = ["Tor", "machine learning", "climate", "Überwachung", "5G", "hardware hacking"]
ROOMS = 10
DAYS = 3
TALKS_PER_ROOM_DAY = 34  # 20-minute talks from 08:00: 1,020 contributions


def synthetic(seed: int = 1) -> Programme:
    """1,020 talks whose titles, abstracts and speakers are drawn from the embedded programme,
    reshuffled, in 10 rooms over 3 days."""
    rng = random.Random(seed)
    source = load_programme(None)
    zone = ZoneInfo(source.conference.timezone)
    titles = [s.title for s in source.sessions]
    sessions, talks = [], []
    for day in range(DAYS):
        for room in range(ROOMS):
            start = datetime(2022, 5, 30, 8, 0, tzinfo=zone) + timedelta(days=day)
            sid = f"d{day}r{room}"
            sessions.append(
                {
                    "id": sid,
                    "title": rng.choice(titles),
                    "kind": "contributed",
                    "room": f"Room {room}",
                    "start": start,
                    "end": start + timedelta(minutes=20 * TALKS_PER_ROOM_DAY),
                }
            )
            for n in range(TALKS_PER_ROOM_DAY):
                model = rng.choice(source.contributions)
                words = model.abstract.split()
                rng.shuffle(words)
                talks.append(
                    {
                        "id": f"{sid}t{n}",
                        "title": model.title,
                        "kind": "talk",
                        "session": sid,
                        "speakers": [s.model_dump() for s in model.speakers],
                        "abstract": " ".join(words),
                        "start": start + timedelta(minutes=20 * n),
                        "end": start + timedelta(minutes=20 * (n + 1)),
                    }
                )
    return Programme.model_validate(
        {
            "conference": {
                "name": "Synthetic",
                "timezone": source.conference.timezone,
                "days": ["2022-05-30", "2022-05-31", "2022-06-01"],
            },
            "rooms": [{"name": f"Room {r}"} for r in range(ROOMS)],
            "sessions": sessions,
            "contributions": talks,
        }
    )


REAL = Path("/work/shared/realdata/36c3-everything.schedule.json")


def real_36c3() -> tuple[Programme, int] | None:
    """The 36C3 schedule (c3voc JSON, 1,351 events, German and English) as a Programme: one
    session per room and day. Events overlapping an earlier one in their room, and repeated ids,
    are left out (their count is returned). None when the file is absent."""
    if not REAL.is_file():
        return None
    conference = json.loads(REAL.read_text(encoding="utf-8"))["schedule"]["conference"]
    zone = ZoneInfo("Europe/Berlin")
    by_room: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for day in conference["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                by_room.setdefault((room, day["date"]), []).append(event)
    sessions, talks, left_out, days, seen = [], [], 0, set(), set()
    for (room, day), events in sorted(by_room.items()):
        kept: list[dict[str, Any]] = []
        last_end: datetime | None = None
        for event in sorted(events, key=lambda e: e["date"]):
            start = datetime.fromisoformat(event["date"]).astimezone(zone)
            hours, minutes = (int(x) for x in event["duration"].split(":"))
            end = start + timedelta(hours=hours, minutes=minutes)
            if (last_end is not None and start < last_end) or str(event["id"]) in seen:
                left_out += 1
                continue
            seen.add(str(event["id"]))
            last_end = end
            kept.append(
                {
                    "id": str(event["id"]),
                    "title": event["title"],
                    "kind": "talk",
                    "session": f"{room}/{day}",
                    "speakers": [{"name": p["public_name"]} for p in event["persons"]],
                    "abstract": "\n\n".join(
                        x for x in (event.get("abstract"), event.get("description")) if x
                    ),
                    "track": event.get("track") or None,
                    "start": start,
                    "end": end,
                }
            )
            days.add(start.date())
        if kept:
            sessions.append(
                {
                    "id": f"{room}/{day}",
                    "title": room,
                    "kind": "contributed",
                    "room": room,
                    "start": min(k["start"] for k in kept),
                    "end": max(k["end"] for k in kept),
                }
            )
            talks += kept
    rooms = sorted({s["room"] for s in sessions})
    programme = Programme.model_validate(
        {
            "conference": {"name": "36C3", "timezone": "Europe/Berlin", "days": sorted(days)},
            "rooms": [{"name": r} for r in rooms],
            "sessions": sessions,
            "contributions": talks,
        }
    )
    return programme, left_out


def substring_scan(programme: Programme, keyword: str) -> dict[str, int]:
    """The plain way: count the folded keyword in each contribution's folded text."""
    needle = fold(keyword)
    found: dict[str, int] = {}
    for c in programme.contributions:
        text = fold(
            " ".join(
                [c.title, c.abstract, programme.session_of(c).title] + [str(s) for s in c.speakers]
            )
        )
        n = text.count(needle)
        if n:
            found[c.id] = n
    return found


def measure(programme: Programme, queries: list[str]) -> None:

    t0 = time.perf_counter()
    index = relevance_index(programme)
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    for q in queries:
        index.search(q)
    bm25_query = (time.perf_counter() - t0) / len(queries)

    t0 = time.perf_counter()
    for q in queries:
        substring_scan(programme, q)
    scan_query = (time.perf_counter() - t0) / len(queries)

    t0 = time.perf_counter()
    for q in queries:
        index.search(q)
    cached = (time.perf_counter() - t0) / len(queries)

    print(f"index build:              {build * 1000:8.1f} ms (once per programme)")
    print(f"BM25 query (first time):  {bm25_query * 1000:8.2f} ms")
    print(f"BM25 query (cached):      {cached * 1000:8.4f} ms")
    print(f"substring scan per query: {scan_query * 1000:8.2f} ms")
    print(f"ratio scan / BM25 query:  {scan_query / bm25_query:8.1f}x")
    breakeven = build / max(scan_query - bm25_query, 1e-9)
    print(f"index pays for itself after {breakeven:.0f} distinct keywords")

    profile = InterestProfile(
        keyword=["anomaly detection", "SKA", "neural network"],
        session={"Deep Learning": 5},
        speaker=["Lochner"],
    )
    t0 = time.perf_counter()
    score_programme(programme, profile)
    print(f"score_programme, 3 keywords (index built): {(time.perf_counter() - t0) * 1000:.1f} ms")


def main() -> None:
    programme = synthetic()
    print(f"synthetic programme: {len(programme.contributions)} contributions")
    measure(programme, QUERIES)
    real = real_36c3()
    if real is None:
        print(f"\n(skipped the real schedule: {REAL} is absent)")
        return
    programme, left_out = real
    print(
        f"\n36C3 schedule: {len(programme.contributions)} contributions "
        f"({left_out} overlapping events left out)"
    )
    measure(programme, REAL_QUERIES)
    index = relevance_index(programme)
    for keyword in ("Tor", "machine learning", "Überwachung"):
        print(f"\ntop 3 for {keyword!r}:")
        for m in index.search(keyword)[:3]:
            title = programme.contribution_by_id[m.id].title
            print(f"  {m.score:6.2f}  {title[:60]}\n          {m.explain()[:150]}")


if __name__ == "__main__":
    main()
