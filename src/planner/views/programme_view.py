"""``planner show``: the programme by day, and its JSON form."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.text import Text

from planner.export.details import facts
from planner.interests.folding import fold
from planner.model import Contribution, Programme
from planner.model.selection import in_track, selected
from planner.views.day_rows import Row, rows_by_day
from planner.views.fitted_table import FitColumn, FittedTable
from planner.views.printing import print_trimmed
from planner.views.timefmt import RECONSTRUCTED_MARK, day_title, zone_heading

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
                "cancelled": c.cancelled,
                "type": c.event_type,
                "language": c.language,
                "recorded": c.recorded,
                "links": [{"url": link.url, "title": link.title} for link in c.links],
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


def programme_renderables(
    programme: Programme, day: date | None = None, track: str | None = None
) -> list[RenderableType]:
    conference = programme.conference
    local = programme.local
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
    for when, rows in rows_by_day(programme, lambda c: in_track(programme, c, track)).items():
        if day is not None and when != day:
            continue
        out.append(Text(""))
        out.append(_day_table(programme, when, rows, by_track))
    return out


def _day_table(programme: Programme, when: date, rows: list[Row], by_track: bool) -> FittedTable:
    # a track named like its room says nothing more: its column goes
    tracks = by_track and any(
        _track(programme, row.contribution) for row in rows if row.kind not in ("poster", "posters")
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

    for row in rows:
        c = row.contribution
        if row.kind == "posters":
            add(row.time_text, row.room, Text("posters"), "", Text(row.title, style="bold"))
        elif c is None:  # a break
            add(row.time_text, "", Text(row.kind, style="dim"), "", Text(row.title, style="dim"))
        elif c.is_poster:
            add("", "", Text("poster"), c.id, _title(c))
        else:
            kind = _track(programme, c) if by_track else KIND_LABEL[c.kind]
            add(row.time_text, row.room, Text(kind), c.id, _title(c))
    return table


def _track(programme: Programme, contribution: Contribution | None) -> str:
    """The contribution's track, or nothing when it says no more than its room (a schedule's
    event with no track is put in a track named after its room)."""
    if contribution is None:
        return ""
    track = programme.track_of(contribution)
    return "" if fold(track) == fold(programme.room_of(contribution)) else track


def _title(contribution: Contribution) -> Text:
    text = Text()
    style = "bold" if contribution.kind == "invited" else ""
    if contribution.cancelled:
        text.append("CANCELLED ", style="bold red")
        style += " strike"
    text.append(contribution.title, style=style.strip())
    if contribution.notes:
        text.append(" †", style="yellow")
    details = [speakers_text(contribution), *facts(contribution)]
    shown = " · ".join(part for part in details if part)
    if shown:
        text.append("\n" + shown, style="dim")
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
