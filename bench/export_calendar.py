"""Export and busy-import costs, as ratios measured in one run.

    .venv/bin/python -m bench.export_calendar

1. iCalendar export cost per event, the embedded programme (82 events) against a synthetic
   3-day, 20-room programme (~1,600 talks): the ratio shows whether the cost grows linearly.
2. Busy import: expanding a 2,000-event personal calendar at once (the normal path) against
   one series at a time (the path taken only when some series fails to expand).
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.export.ics import programme_calendar
from planner.interests.busy_calendar import _expand, busy_from_calendar
from planner.model.programme import Programme
from planner.sources import load_programme

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def synthetic(rooms: int = 20, days: int = 3) -> Programme:
    zone = ZoneInfo("Europe/Rome")
    first = date(2022, 10, 28)
    data: dict[str, Any] = {
        "conference": {
            "name": "Synthetic",
            "timezone": "Europe/Rome",
            "days": [(first + timedelta(days=d)).isoformat() for d in range(days)],
        },
        "rooms": [{"name": f"Room {r}"} for r in range(rooms)],
        "sessions": [],
        "contributions": [],
    }
    for d in range(days):
        day = first + timedelta(days=d)
        start = datetime(day.year, day.month, day.day, 9, tzinfo=zone)
        for r in range(rooms):
            sid = f"s{d}-{r}"
            data["sessions"].append(
                {
                    "id": sid,
                    "title": f"Session {sid}",
                    "kind": "contributed",
                    "room": f"Room {r}",
                    "start": start.isoformat(),
                    "end": (start + timedelta(hours=9)).isoformat(),
                }
            )
            for k in range(27):
                t = start + timedelta(minutes=20 * k)
                data["contributions"].append(
                    {
                        "id": f"{sid}-{k}",
                        "title": f"Talk {k} in {sid}, on priors; and ∑",
                        "kind": "talk",
                        "session": sid,
                        "start": t.isoformat(),
                        "end": (t + timedelta(minutes=20)).isoformat(),
                        "speakers": [{"name": "Ramón Göhre", "affiliation": "Å"}],
                        "abstract": "An abstract of some length. " * 20,
                    }
                )
    return Programme.model_validate(data)


def per_event_seconds(programme: Programme, repeat: int) -> tuple[float, int]:
    best = float("inf")
    events = 0
    for _ in range(repeat):
        began = time.perf_counter()
        data = programme_calendar(programme, now=NOW).to_ical()
        best = min(best, time.perf_counter() - began)
        events = data.count(b"BEGIN:VEVENT")
    return best / events, events


def personal_calendar(events: int) -> Calendar:
    zone = ZoneInfo("Europe/Rome")
    calendar = Calendar()
    calendar.add("PRODID", "-//bench//EN")
    calendar.add("VERSION", "2.0")
    start = datetime(2020, 1, 6, 9, tzinfo=zone)
    for n in range(events):
        event = Event()
        event.add("UID", f"e{n}@bench")
        event.add("DTSTAMP", NOW)
        begin = start + timedelta(days=n % 900, hours=n % 8)
        event.add("DTSTART", begin)
        event.add("DTEND", begin + timedelta(minutes=45))
        event.add("SUMMARY", f"Event {n}")
        if n % 10 == 0:
            event.add("RRULE", {"FREQ": "WEEKLY"})
        calendar.add_component(event)
    return calendar


def main() -> None:
    small, small_n = per_event_seconds(load_programme(None), 5)
    large, large_n = per_event_seconds(synthetic(), 2)
    print(
        f"ics export: {small * 1e6:.0f} us/event at {small_n} events, "
        f"{large * 1e6:.0f} us/event at {large_n} events; ratio large/small {large / small:.2f}"
    )

    programme = synthetic(rooms=1)
    calendar = personal_calendar(2000)
    zone = programme.conference.zone
    begin = datetime(2022, 10, 28, tzinfo=zone)
    end = datetime(2022, 10, 31, tzinfo=zone)
    timezones = list(calendar.walk("VTIMEZONE"))
    events = list(calendar.walk("VEVENT"))

    began = time.perf_counter()
    intervals, skipped = busy_from_calendar(calendar, "bench", programme)
    whole = time.perf_counter() - began
    began = time.perf_counter()
    one_by_one = [o for e in events for o in _expand(timezones, [e], begin, end)]
    series = time.perf_counter() - began
    print(
        f"busy import of {len(events)} events ({len(intervals)} busy intervals, "
        f"{len(skipped)} skipped): {whole * 1e3:.0f} ms at once; one series at a time "
        f"{series * 1e3:.0f} ms ({len(one_by_one)} occurrences); ratio {series / whole:.1f}"
    )


if __name__ == "__main__":
    main()
