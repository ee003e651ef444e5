"""Keyword relevance on a synthetic 1,000-contribution programme: index build and query time of
the BM25 index against a plain substring scan of the same text. Run it with
``.venv/bin/python bench/relevance_bench.py``; it prints the times and their ratios."""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
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


def main() -> None:
    programme = synthetic()
    print(f"programme: {len(programme.contributions)} contributions")

    t0 = time.perf_counter()
    index = relevance_index(programme)
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    for q in QUERIES:
        index.search(q)
    bm25_query = (time.perf_counter() - t0) / len(QUERIES)

    t0 = time.perf_counter()
    for q in QUERIES:
        substring_scan(programme, q)
    scan_query = (time.perf_counter() - t0) / len(QUERIES)

    t0 = time.perf_counter()
    for q in QUERIES:
        index.search(q)
    cached = (time.perf_counter() - t0) / len(QUERIES)

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


if __name__ == "__main__":
    main()
