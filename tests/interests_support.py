"""Shared by the interests tests: the embedded programme as a fixture, and a tiny programme
builder. (A plain module, not conftest.py, so that it sits beside other test suites: a test module
imports ``programme_fixture``, and pytest finds the fixture ``programme`` in it.)"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from planner.model import Programme
from planner.sources import load_programme

ROME = ZoneInfo("Europe/Rome")


@pytest.fixture(scope="session", name="programme")
def programme_fixture() -> Programme:
    """The embedded ML4Astro 2022 programme (Europe/Rome, 30 May - 1 June 2022)."""
    return load_programme(None)


def tiny_programme(contributions: list[dict[str, object]], track: str | None = None) -> Programme:
    """One session 'Morning' of half-hour talks from 09:00, one per entry (ids "0", "1", ...)."""
    start = datetime(2022, 5, 30, 9, 0, tzinfo=ROME)
    talks = []
    for n, extra in enumerate(contributions):
        talks.append(
            {
                "id": str(n),
                "title": f"Talk {n}",
                "kind": "talk",
                "session": "s",
                "start": start.replace(hour=9 + n),
                "end": start.replace(hour=9 + n, minute=30),
                **extra,
            }
        )
    return Programme.model_validate(
        {
            "conference": {"name": "Tiny", "timezone": "Europe/Rome", "days": ["2022-05-30"]},
            "rooms": [{"name": "Hall"}],
            "sessions": [
                {
                    "id": "s",
                    "title": "Morning",
                    "track": track,
                    "kind": "contributed",
                    "room": "Hall",
                    "start": start,
                    "end": start.replace(hour=9 + len(contributions)),
                }
            ],
            "contributions": talks,
        }
    )
