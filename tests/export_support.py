"""Programmes and hand-built plans for the export tests (the solver is not needed)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from planner.itinerary import Backup, Itinerary, LeftOut, PlannedItem
from planner.model.programme import Programme
from planner.sources import load_programme

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "export"
FROZEN = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

TRICKY_TITLE = "Priors, posteriors; and \\ backslashes | *stars* <b>&amp; ∫ e^{-x²} dx = √π/2"
TRICKY_ABSTRACT = (
    "Ramón and Göhre met at Å.\nSecond line, with commas; semicolons; a backslash \\ and "
    "a long sentence that goes on well past seventy-five octets so that it must be folded: "
    "∑ᵢ xᵢ² ≤ ∞, ‖v‖₂ = 1.\n\n<script>alert('x')</script> & done."
)


@cache
def embedded() -> Programme:
    return load_programme(None)


def dst_programme(season: str = "autumn") -> Programme:
    """A small synthetic programme in Europe/Rome across a DST change: the night of
    2022-10-30 (clocks back, 03:00 CEST -> 02:00 CET) or 2022-03-27 (02:00 CET -> 03:00 CEST)."""
    if season == "autumn":
        days = ["2022-10-29", "2022-10-30", "2022-10-31"]
        before, after = "+02:00", "+01:00"
    else:
        days = ["2022-03-26", "2022-03-27", "2022-03-28"]
        before, after = "+01:00", "+02:00"
    d1, d2, d3 = days
    hall = "Aula Magna, first floor; east wing"
    data: dict[str, Any] = {
        "conference": {
            "name": "DST Workshop: Ramón, Göhre; Å",
            "timezone": "Europe/Rome",
            "days": days,
            "url": "https://example.org/dst",
        },
        "rooms": [
            {"name": hall},
            {"name": "Room B"},
            {"name": "Poster Hall", "kind": "poster-area"},
        ],
        "sessions": [
            {
                "id": "morning",
                "title": "Morning, part 1; priors",
                "kind": "contributed",
                "room": hall,
                "start": f"{d1}T09:00:00{before}",
                "end": f"{d1}T12:00:00{before}",
            },
            {
                "id": "night",
                "title": "Through the change",
                "kind": "contributed",
                "room": hall,
                "start": f"{d2}T01:00:00{before}",
                "end": f"{d2}T04:00:00{after}",
            },
            {
                "id": "monday",
                "title": "Invited",
                "kind": "plenary",
                "room": hall,
                "start": f"{d3}T09:00:00{after}",
                "end": f"{d3}T12:00:00{after}",
            },
            {
                "id": "posters",
                "title": "Posters",
                "kind": "poster",
                "room": "Poster Hall",
                "start": f"{d3}T13:00:00{after}",
                "end": f"{d3}T14:00:00{after}",
            },
        ],
        "contributions": [
            {
                "id": "a",
                "title": TRICKY_TITLE,
                "kind": "talk",
                "session": "morning",
                "start": f"{d1}T10:00:00{before}",
                "end": f"{d1}T10:30:00{before}",
                "speakers": [
                    {"name": "Ramón García", "affiliation": "Universidad de La Laguna, Tenerife"},
                    {"name": "Anja Göhre", "affiliation": "Å Institute; Lund"},
                ],
                "abstract": TRICKY_ABSTRACT,
                "url": "https://example.org/dst/a?x=1&y=2",
            },
            {
                "id": "b",
                "title": "A talk across the change",
                "kind": "talk",
                "session": "night",
                "start": f"{d2}T01:30:00{before}",
                "end": f"{d2}T03:30:00{after}",
                "speakers": [{"name": "Night Owl"}],
            },
            {
                "id": "d",
                "title": "Monday invited talk",
                "kind": "invited",
                "session": "monday",
                "start": f"{d3}T10:00:00{after}",
                "end": f"{d3}T10:40:00{after}",
            },
            {
                "id": "p1",
                "title": "A poster, on board B7",
                "kind": "poster",
                "session": "posters",
                "board": "B7",
                "speakers": [{"name": "Å. Poster", "affiliation": "Göteborg"}],
            },
        ],
    }
    if season == "autumn":
        # 02:30 happens twice that night; this talk is at the second one (CET, 01:30 UTC).
        data["sessions"].append(
            {
                "id": "room-b",
                "title": "Second 02:30",
                "kind": "contributed",
                "room": "Room B",
                "start": f"{d2}T02:00:00{after}",
                "end": f"{d2}T03:30:00{after}",
            }
        )
        data["contributions"].append(
            {
                "id": "c",
                "title": "At the repeated half hour",
                "kind": "talk",
                "session": "room-b",
                "start": f"{d2}T02:30:00{after}",
                "end": f"{d2}T02:50:00{after}",
            }
        )
    return Programme.model_validate(data)


def item(
    programme: Programme, cid: str, why: list[str] | None = None, offset: int = 0, minutes: int = 8
) -> PlannedItem:
    """A planned talk at its slot, or a poster visit ``offset`` minutes into its session."""
    c = programme.contribution_by_id[cid]
    start, end = programme.window(c)
    kind: Any = "invited" if c.kind == "invited" else "talk"
    if c.is_poster:
        kind = "poster-visit"
        start = start + timedelta(minutes=offset)
        end = start + timedelta(minutes=minutes)
    return PlannedItem(
        id=cid,
        kind=kind,
        start=start,
        end=end,
        room=programme.room_of(c),
        score=1.0,
        title=c.title,
        why=why if why is not None else [f"likes {cid}"],
    )


def with_backup(programme: Programme, planned: PlannedItem, cid: str, walk: int = 0) -> PlannedItem:
    """``planned`` with contribution ``cid`` as its backup, ``walk`` minutes away."""
    c = programme.contribution_by_id[cid]
    start, end = programme.window(c)
    backup = Backup(
        id=cid, title=c.title, room=programme.room_of(c), start=start, end=end, walk_minutes=walk
    )
    return planned.model_copy(update={"backup": backup})


def plan(
    programme: Programme,
    ids: list[str],
    left_out: list[LeftOut] | None = None,
    status: Any = "optimal",
) -> Itinerary:
    return Itinerary(
        status=status,
        objective=float(len(ids)),
        bound=float(len(ids)),
        items=[item(programme, i) for i in ids],
        left_out=left_out or [],
    )


def golden(name: str, actual: bytes) -> None:
    """Compare with ``tests/fixtures/export/<name>``; PLANNER_UPDATE_GOLDEN=1 rewrites it (read
    the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("PLANNER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.is_file(), f"golden file {path} is missing; run with PLANNER_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes(), f"{name} differs from its golden file"


def _utc(moment: Any) -> Any:
    assert isinstance(moment, datetime), f"not a date-time: {moment!r}"
    assert moment.tzinfo is not None, f"floating time {moment!r}"
    return moment.astimezone(UTC)


def view_icalendar(data: bytes) -> dict[str, dict[str, Any]]:
    """Events as the icalendar library reads them, by UID, with instants in UTC."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    out = {}
    for e in calendar.walk("VEVENT"):
        categories = e.get("CATEGORIES")
        cats = [str(c) for c in categories.cats] if categories is not None else []
        out[str(e["UID"])] = {
            "start": _utc(e.decoded("DTSTART")),
            "end": _utc(e.decoded("DTEND")),
            "summary": str(e["SUMMARY"]),
            "description": str(e.get("DESCRIPTION", "")),
            "location": str(e.get("LOCATION", "")),
            "categories": cats,
            "sequence": int(e.get("SEQUENCE", 0)),
            "status": str(e.get("STATUS", "")),
            "url": str(e.get("URL", "")),
            "stamp": _utc(e.decoded("DTSTAMP")),
        }
    return out


def _rejoin(parts: list[str]) -> list[str]:
    """The ``ical`` package splits CATEGORIES at every comma, escaped ones too (``Morning\\,
    part 1`` becomes ``['Morning\\', ' part 1']``); undo that split so the two parsers can be
    compared on the rest."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].endswith("\\"):
            out[-1] = out[-1][:-1] + "," + part
        else:
            out.append(part)
    return out


def view_ical(data: bytes) -> dict[str, dict[str, Any]]:
    """Events as the independent ``ical`` package reads them, by UID, with instants in UTC."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    out = {}
    for e in calendar.events:
        out[str(e.uid)] = {
            "start": _utc(e.dtstart),
            "end": _utc(e.dtend),
            "summary": e.summary or "",
            "description": e.description or "",
            "location": e.location or "",
            "categories": _rejoin(list(e.categories)),
            "sequence": int(e.sequence or 0),
            "status": e.status.value if e.status is not None else "",
            "url": str(e.url or ""),
            "stamp": _utc(e.dtstamp),
        }
    return out


def both_views(data: bytes) -> dict[str, dict[str, Any]]:
    """The events, after checking that both parsers read the same thing."""
    first, second = view_icalendar(data), view_ical(data)
    assert first == second
    return first


def view_vobject(data: bytes) -> dict[str, dict[str, Any]]:
    """Events as a third parser, vobject, reads them, by UID, with instants in UTC."""
    import vobject

    calendar = vobject.readOne(data.decode("utf-8"))
    out = {}
    for e in calendar.contents.get("vevent", []):

        def text(name: str, event: Any = e) -> str:
            line = event.contents.get(name)
            return str(line[0].value) if line else ""

        categories = [str(c) for line in e.contents.get("categories", []) for c in line.value]
        out[text("uid")] = {
            "start": _utc(e.dtstart.value),
            "end": _utc(e.dtend.value),
            "summary": text("summary"),
            "description": text("description"),
            "location": text("location"),
            "categories": categories,
            "sequence": int(text("sequence") or 0),
            "status": text("status"),
            "url": text("url"),
            "stamp": _utc(e.dtstamp.value),
        }
    return out
