"""Small hand-built programmes for tests, as plain data (the shape of a programme file)."""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "conference": {"name": "Test Conf", "timezone": "Europe/Rome", "days": ["2022-10-29", "2022-10-30"]},
    "rooms": [{"name": "A"}, {"name": "B", "capacity": 40}, {"name": "Posters", "kind": "poster-area"}],
    "sessions": [
        {"id": "s1", "title": "Morning", "kind": "contributed", "room": "A",
         "start": "2022-10-29T09:00:00+02:00", "end": "2022-10-29T10:00:00+02:00"},
        {"id": "s2", "title": "Night owls", "kind": "contributed", "room": "B",
         "start": "2022-10-30T01:30:00+02:00", "end": "2022-10-30T03:30:00+01:00"},
        {"id": "p1", "title": "Posters", "kind": "poster", "room": "Posters",
         "start": "2022-10-29T14:00:00+02:00", "end": "2022-10-29T15:00:00+02:00"},
    ],
    "contributions": [
        {"id": "t1", "title": "First", "kind": "talk", "session": "s1",
         "start": "2022-10-29T09:00:00+02:00", "end": "2022-10-29T09:30:00+02:00",
         "speakers": [{"name": "Ann", "affiliation": "Uni"}]},
        {"id": "t2", "title": "Second", "kind": "talk", "session": "s1",
         "start": "2022-10-29T09:30:00+02:00", "end": "2022-10-29T10:00:00+02:00"},
        # crosses the end of summer time: 02:30 CEST, then 02:15 CET, an hour and 45 minutes later
        {"id": "t3", "title": "Across the change", "kind": "talk", "session": "s2",
         "start": "2022-10-30T02:30:00+02:00", "end": "2022-10-30T02:15:00+01:00"},
        {"id": "p", "title": "A poster", "kind": "poster", "session": "p1", "board": "P7"},
    ],
    "breaks": [
        {"id": "lunch", "kind": "lunch", "title": "Lunch",
         "start": "2022-10-29T12:00:00+02:00", "end": "2022-10-29T13:00:00+02:00"},
    ],
}  # fmt: skip


def programme_data() -> dict[str, Any]:
    return copy.deepcopy(BASE)
