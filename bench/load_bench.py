"""Loading a 1,000-contribution programme file, against parsing the same YAML alone.

Run: .venv/bin/python -m bench.load_bench
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from planner.model import Conference, Contribution, Programme, Room, Session, Speaker
from planner.model.io import read_programme_file, write_programme


def synthetic(n_talks: int = 1000, rooms: int = 20) -> Programme:
    zone = ZoneInfo("Europe/Rome")
    days = [datetime(2022, 6, 1 + d, 9, tzinfo=zone) for d in range(3)]
    sessions, contributions = [], []
    per_session = 5
    k = 0
    s = 0
    while k < n_talks:
        day = days[(s // rooms) % 3]
        room = s % rooms
        start = day + timedelta(minutes=100 * ((s // (rooms * 3)) % 5))
        sid = f"s{s}"
        sessions.append(
            Session(
                id=sid,
                title=f"Track {room}",
                kind="contributed",
                room=f"R{room}",
                start=start,
                end=start + timedelta(minutes=20 * per_session),
            )
        )
        for j in range(per_session):
            if k >= n_talks:
                break
            t0 = start + timedelta(minutes=20 * j)
            contributions.append(
                Contribution(
                    id=str(k),
                    title=f"Talk {k} on galaxies",
                    kind="talk",
                    session=sid,
                    speakers=[Speaker(name=f"Speaker {k}", affiliation="Somewhere")],
                    abstract="Lorem ipsum dolor sit amet. " * 40,
                    start=t0,
                    end=t0 + timedelta(minutes=20),
                )
            )
            k += 1
        s += 1
    return Programme(
        conference=Conference(
            name="Synthetic", timezone="Europe/Rome", days=[d.date() for d in days]
        ),
        rooms=[Room(name=f"R{r}") for r in range(rooms)],
        sessions=sessions,
        contributions=contributions,
    )


def best_of(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    programme = synthetic()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        write_programme(programme, path)
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        parse = best_of(lambda: yaml.load(text, Loader=loader))
        load = best_of(lambda: read_programme_file(path))
        size = path.stat().st_size
    print(f"programme load: {len(programme.contributions)} contributions, {size} bytes")
    print(f"  YAML parse only : {parse * 1000:8.1f} ms")
    print(f"  full load       : {load * 1000:8.1f} ms  (ratio {load / parse:.2f}x the parse)")


if __name__ == "__main__":
    main()
