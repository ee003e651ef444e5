"""``planner show``: the programme by day, and its JSON form."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.text import Text

from planner.model import Break, Contribution, Programme, Session
from planner.model.selection import in_track, selected, session_in_track
from planner.views.fitted_table import FitColumn, FittedTable
from planner.views.printing import print_trimmed
from planner.views.timefmt import RECONSTRUCTED_MARK, day_title, span, zone_heading

HEADING_WIDTH = 80  # the dates and the zone share a line when it is no wider

KIND_LABEL = {"invited": "invited", "talk": "talk", "poster": "poster"}


def speakers_text(contribution: Contribution, affiliations: bool = False) -> str:
    return ", ".join(str(s) if affiliations else s.name for s in contribution.speakers)


def programme_json(
    programme: Programme, day: date | None = None, track: str | None = None
) -> dict[str, Any]:
    """The contract of ``planner show --json``: with ``day`` or ``track``, only the
    contributions, sessions and breaks that ``planner show`` lists for them (the conference and
    its rooms stay whole)."""
    conference = programme.conference
    zone = conference.zone
    starts = [programme.window(c)[0] for c in programme.contributions]
    ends = [programme.window(c)[1] for c in programme.contributions]

    def iso(moment: datetime) -> str:
        return moment.astimezone(zone).isoformat()

    chosen = selected(programme, day, track)
    contributions = []
    for c in chosen.contributions:
        start, end = programme.window(c)
        session = programme.session_of(c)
        contributions.append(
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "session": session.title,
                "session_id": session.id,
                "speakers": [{"name": s.name, "affiliation": s.affiliation} for s in c.speakers],
                "room": programme.room_of(c),
                "start": iso(start),
                "end": iso(end),
                "poster_session": session.id if c.is_poster else None,
                "board": c.board,
                "times_reconstructed": programme.times_reconstructed(c),
                "abstract": c.abstract,
                "notes": c.notes,
            }
        )
    return {
        "conference": {
            "name": conference.name,
            "city": conference.city,
            "venue": conference.venue,
            "timezone": conference.timezone,
            "timezone_source": conference.timezone_source,
            "start": iso(min(starts)) if starts else conference.start.isoformat(),
            "end": iso(max(ends)) if ends else conference.end.isoformat(),
            "days": [d.isoformat() for d in conference.days],
        },
        "rooms": [
            {"name": r.name, "capacity": r.capacity, "kind": r.kind} for r in programme.rooms
        ],
        "sessions": [
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "room": s.room,
                "start": iso(s.start),
                "end": iso(s.end),
                "times_reconstructed": s.times_reconstructed,
            }
            for s in chosen.sessions
        ],
        "breaks": [
            {
                "id": b.id,
                "kind": b.kind,
                "title": b.title,
                "start": iso(b.start),
                "end": iso(b.end),
                "times_reconstructed": b.times_reconstructed,
            }
            for b in chosen.breaks
        ],
        "contributions": contributions,
        "notes": programme.notes,
    }


Row = tuple[datetime, int, Session | Break | Contribution]


def _rows_by_day(programme: Programme, track: str | None = None) -> dict[date, list[Row]]:
    """Talks, poster sessions and breaks of each day in time order (only the talks and poster
    sessions whose track contains ``track``, when given)."""
    days: dict[date, list[Row]] = defaultdict(list)
    for c in programme.contributions:
        if not c.is_poster and in_track(programme, c, track):
            start = programme.local(programme.window(c)[0])
            days[programme.day_of(c)].append((start, 1, c))
    for s in programme.sessions:
        if s.kind == "poster" and session_in_track(s, track):
            start = programme.local(s.start)
            days[start.date()].append((start, 0, s))
    for b in programme.breaks:
        start = programme.local(b.start)
        days[start.date()].append((start, 2, b))
    for rows in days.values():
        rows.sort(key=lambda row: (row[0], row[1]))
    return dict(sorted(days.items()))


def programme_renderables(
    programme: Programme, day: date | None = None, track: str | None = None
) -> list[RenderableType]:
    conference = programme.conference
    local = programme.local
    posters: dict[str, list[Contribution]] = defaultdict(list)
    for c in programme.contributions:
        if c.is_poster:
            posters[c.session].append(c)

    out: list[RenderableType] = []
    title = Text(conference.name, style="bold")
    where = ", ".join(x for x in (conference.city,) if x)
    if where:
        title.append(f" — {where}")
    out.append(title)
    first = min((programme.window(c)[0] for c in programme.contributions), default=None)
    dates = day_title(conference.start)
    if conference.end != conference.start:
        dates += f" to {day_title(conference.end)}"
    zone = zone_heading(conference.timezone, None if first is None else local(first), conference)
    if not conference.zone_known:
        out.append(Text(dates, style="dim"))
        out.append(Text(zone[0].upper() + zone[1:] + ".", style="bold yellow"))
    elif len(dates) + len(zone) + 3 <= HEADING_WIDTH:
        out.append(Text(f"{dates} · {zone}", style="dim"))
    else:
        out.append(Text(dates, style="dim"))
        out.append(Text(zone[0].upper() + zone[1:], style="dim"))
    if programme.any_times_reconstructed:
        out.append(
            Text(
                f"{RECONSTRUCTED_MARK} reconstructed time. " + " ".join(programme.notes),
                style="yellow",
            )
        )

    # Imported schedules: every item is a talk, and its track says more than its kind.
    by_track = any(c.track for c in programme.contributions)
    for when, rows in _rows_by_day(programme, track).items():
        if day is not None and when != day:
            continue
        table = _day_table(programme, when, rows, posters, by_track)
        out.append(Text(""))
        out.append(table)
    return out


def _day_table(
    programme: Programme,
    when: date,
    rows: list[Row],
    posters: dict[str, list[Contribution]],
    by_track: bool,
) -> FittedTable:
    local = programme.local
    # a track named like its room says nothing more: its column goes
    tracks = by_track and any(
        programme.track_of(item).casefold() not in ("", programme.room_of(item).casefold())
        for _, _, item in rows
        if isinstance(item, Contribution)
    )
    columns = [FitColumn("Time", "fixed"), FitColumn("Room", "cut", floor=10)]
    if tracks:
        columns.append(FitColumn("Track", "cut", floor=10))
    elif not by_track:
        columns.append(FitColumn("Kind", "fixed"))
    columns += [
        FitColumn("#", "cut", justify="right"),
        FitColumn("Title and speakers", "title"),
    ]
    table = FittedTable(day_title(when), columns)

    def add(when_text: str, room: str, kind: Text, ident: str, what: Text) -> None:
        cells = [Text(when_text), Text(room)]
        if tracks or not by_track:
            cells.append(kind)
        table.add_row(*cells, Text(ident), what)

    for _, _, item in rows:
        if isinstance(item, Break):
            add(
                span(local(item.start), local(item.end), item.times_reconstructed),
                "",
                Text(item.kind, style="dim"),
                "",
                Text(item.title, style="dim"),
            )
        elif isinstance(item, Session):
            add(
                span(local(item.start), local(item.end), item.times_reconstructed),
                item.room,
                Text("posters"),
                "",
                Text(f"{item.title} ({len(posters[item.id])} posters)", style="bold"),
            )
            for poster in posters[item.id]:
                add("", "", Text("poster"), poster.id, _title(poster))
        else:
            start, end = programme.window(item)
            when_text = span(local(start), local(end), programme.times_reconstructed(item))
            later = (local(start).date() - when).days
            if later:  # after midnight, on the day the source lists it under
                when_text += f" +{later}d"
            add(
                when_text,
                programme.room_of(item),
                Text(programme.track_of(item) if by_track else KIND_LABEL[item.kind]),
                item.id,
                _title(item),
            )
    return table


def _title(contribution: Contribution) -> Text:
    text = Text(contribution.title, style="bold" if contribution.kind == "invited" else "")
    if contribution.notes:
        text.append(" †", style="yellow")
    if contribution.speakers:
        text.append("\n" + speakers_text(contribution), style="dim")
    return text


def print_programme(
    programme: Programme, console: Console, day: date | None = None, track: str | None = None
) -> None:
    out = programme_renderables(programme, day, track)
    noted = [c for c in selected(programme, day, track).contributions if c.notes]
    if noted:
        out.append(Text(""))
        for c in noted:
            for note in c.notes:
                out.append(Text(f"† {c.id}: {note}", style="yellow"))
    print_trimmed(console, Group(*out))
