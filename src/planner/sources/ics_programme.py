"""A programme published as an iCalendar file (RFC 5545): Indico's event export with
contributions, pretalx's schedule ``.ics``, a shared calendar, or this planner's own
``planner export --programme-ics``.

Each VEVENT is a contribution:

- ``UID`` its id. The planner's own UIDs (``ID@conference.planner``) give back the id before
  the ``@``; any other UID is the id as it is written (``indico-contribution-42@host``).
- ``SUMMARY`` its title, ``DESCRIPTION`` its abstract, ``LOCATION`` its room, the first of its
  ``CATEGORIES`` its track (the session a plan groups it in), ``URL`` its page.
- Speakers: a ``Speakers:`` line of the description (Indico writes ``Speakers: Ada (CERN), Bo``;
  this planner ``Speakers: Ada (CERN); Bo``), else the common names (``CN``) of its ATTENDEEs
  and ORGANIZER. pretalx writes them after the title (``Title - Ada, Bo``): in a pretalx
  calendar that tail is read as the speakers.
- Times keep their zones: a TZID (with the calendar's VTIMEZONE), UTC, or, for floating
  times, the calendar's ``X-WR-TIMEZONE``; without one, floating times are read as the other
  readers read clock times without a zone (:mod:`planner.sources.zones`).
- ``STATUS:CANCELLED`` events are kept as cancelled; recurring events (RRULE, RDATE, or an
  override with RECURRENCE-ID) and all-day events are reported and left out.
- ``X-WR-CALNAME`` (or ``NAME``) is the conference's name.
- This planner's own export also carries ``X-PLANNER-`` properties
  (:mod:`planner.sources.ics_fields`): each item's id as it is, a contribution's kind (a
  poster stays a poster, an invited talk invited), its session (id, title, kind, times,
  track), its speakers and links exactly, whether it is recorded, and the conference's city,
  venue and page; its description's notes come back as notes, and its note that the times
  are reconstructed marks its session (or break) so. So the programme read back is the one
  exported, but for the order of its lists and a talk's day after midnight.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from planner.errors import ProgrammeError
from planner.export.details import RECONSTRUCTED_NOTE
from planner.model.programme import known_zone
from planner.model.text import UNTITLED
from planner.sources import ics_fields as fields
from planner.sources.raw import (
    RawBreak,
    RawDay,
    RawEvent,
    RawRoom,
    RawSchedule,
    RawSession,
    is_break,
)

FORMAT = "iCalendar programme"
OWN_PRODID = "-//planner//"
OWN_UID = re.compile(r"^(?P<id>[^@]+)@[^@]*\.planner$")
_OWN_LOCATION = re.compile(r"^(?P<room>.*), poster board (?P<board>.+)$")
_SPEAKERS = re.compile(r"^\s*speakers?\s*:\s*(?P<names>.*\S)\s*$", re.IGNORECASE)
_AFFILIATION = re.compile(r"^(?P<name>.*?\S)\s*\((?P<affiliation>[^()]*)\)\s*$")
_SHOWN = 3


def is_calendar(text: str) -> bool:
    """Whether a file's first text (BOM and blank lines stripped) opens an iCalendar."""
    return text[:15].upper() == "BEGIN:VCALENDAR"


def _problem(source: str, what: str) -> ProgrammeError:
    return ProgrammeError(f"{source}: not a programme this planner reads as a calendar: {what}")


def _parse(data: bytes, source: str) -> Any:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except RecursionError:
        raise _problem(source, "its components are nested too deeply") from None
    except Exception as error:  # the parser of a third party: any failure is the file's
        raise _problem(source, f"an unreadable iCalendar file ({_short(error)})") from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise _problem(source, "no VCALENDAR")
    return calendar


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _text(component: Any, key: str) -> str:
    value = component.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if key in ("DESCRIPTION", "SUMMARY") or key.startswith(fields.PREFIX):
        return str(value).strip()  # a title, an id, a name keeps its own spacing
    return " ".join(str(value).split())


def _categories(event: Any, exact: bool = False) -> list[str]:
    """The event's categories, their spacing tidied (kept as written with ``exact``)."""
    found: list[str] = []
    values = event.get("CATEGORIES")
    for value in values if isinstance(values, list) else [values] if values else []:
        cats = getattr(value, "cats", None)
        if cats is None:
            cats = str(value).split(",")
        tidied = (str(c) if exact else " ".join(str(c).split()) for c in cats)
        found.extend(c for c in tidied if c.strip())
    return found


def _names(event: Any) -> list[tuple[str, str | None]]:
    """Common names of the event's attendees, then of its organizer."""
    found: list[tuple[str, str | None]] = []
    for key in ("ATTENDEE", "ORGANIZER"):
        values = event.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            params = getattr(value, "params", {})
            name = " ".join(str(params.get("CN", "")).split())
            if name and (name, None) not in found:
                found.append((name, None))
    return found


def _split_names(text: str) -> list[tuple[str, str | None]]:
    """``Ada (CERN, Geneva), Bo`` or ``Ada (CERN); Bo``: names with their affiliations.
    Commas inside brackets do not separate."""
    separator = ";" if ";" in text else ","
    parts: list[str] = []
    depth, current = 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == separator and depth <= 0:
            parts.append(current)
            current, depth = "", 0
        else:
            current += char
    parts.append(current)
    speakers: list[tuple[str, str | None]] = []
    for part in (" ".join(p.split()) for p in parts):
        if not part:
            continue
        match = _AFFILIATION.match(part)
        if match and match["affiliation"].strip():
            speakers.append((match["name"], match["affiliation"].strip()))
        else:
            speakers.append((part, None))
    return speakers


class _Description:
    """What a DESCRIPTION holds: its speakers, the abstract, and (from this planner's own
    export) the event type, language, links and whether it is recorded."""

    def __init__(self, text: str, url: str | None, own: bool, exact: bool = False) -> None:
        """``exact``: the description of this planner's export with ``X-PLANNER-``
        properties, whose abstract follows its head as it is (its speakers are elsewhere)."""
        self.speakers: list[tuple[str, str | None]] = []
        self.event_type: str | None = None
        self.language: str | None = None
        self.recorded: bool | None = None
        self.links: list[tuple[str, str | None]] = []
        self.notes: list[str] = []
        self.reconstructed = False
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if own:
            head, _, text = text.partition("\n\n")
            self._own_head(head.split("\n"))
        if own and exact:
            self.abstract = text
            return
        kept: list[str] = []
        for paragraph in re.split(r"\n\s*\n", text):
            lines = []
            for line in paragraph.split("\n"):
                match = _SPEAKERS.match(line)
                if match and not self.speakers:
                    self.speakers = _split_names(match["names"])
                else:
                    lines.append(line)
            block = "\n".join(lines).strip()
            if block:
                kept.append(block)
        if url and kept and kept[-1] == url:  # Indico ends its description with the URL
            kept.pop()
        self.abstract = "\n\n".join(kept)

    def _own_head(self, lines: list[str]) -> None:
        in_links = False
        for line in lines:
            key, colon, value = line.partition(": ")
            if in_links:
                title, sep, address = line.rpartition(": ")  # a title may hold ": "
                if sep and "://" in address and "://" not in title:
                    self.links.append((address.strip(), title.strip() or None))
                else:
                    self.links.append((line.strip(), None))
            elif line.strip() == "Links:":
                in_links = True
            elif colon and key == "Speakers":
                self.speakers = _split_names(value)
            elif colon and key == "Type":
                self.event_type = value.strip() or None
            elif colon and key == "Language":
                self.language = value.strip() or None
            elif line.startswith("Not recorded"):
                self.recorded = False
            elif colon and key == "Note":
                if value.strip() == RECONSTRUCTED_NOTE:
                    self.reconstructed = True
                elif value.strip():
                    self.notes.append(value.strip())


def _moment(value: Any) -> datetime | date:
    """A DTSTART or DTEND: a date, a naive (floating) or an aware date-time. Zones that are
    neither IANA zones nor fixed offsets (a VTIMEZONE the calendar defines) become the
    fixed offset of the moment, which keeps its instant."""
    moment = value.dt if hasattr(value, "dt") else value
    if isinstance(moment, datetime):
        zone = moment.tzinfo
        if zone is None or isinstance(zone, ZoneInfo | timezone):
            return moment
        offset = moment.utcoffset()
        if offset is None:
            return moment.replace(tzinfo=None)
        return moment.replace(tzinfo=timezone(offset))
    if isinstance(moment, date):
        return moment
    raise ValueError(f"{moment!r} is not a date or a date-time")


def _zone_name(zone: tzinfo | None) -> str | None:
    return zone.key if isinstance(zone, ZoneInfo) else None


def _listed(refs: list[str]) -> str:
    more = f" and {len(refs) - _SHOWN} more" if len(refs) > _SHOWN else ""
    return ", ".join(refs[:_SHOWN]) + more


def _pretalx_title(summary: str) -> tuple[str, list[tuple[str, str | None]]]:
    """pretalx's ``Title - Ada Lovelace, Grace Hopper``: the title and the speakers."""
    title, sep, names = summary.rpartition(" - ")
    if not sep or not title.strip():
        return summary.removesuffix(" -").strip(), []
    return title.strip(), [(n, None) for n in (" ".join(p.split()) for p in names.split(",")) if n]


def read_ics_programme(data: bytes, source: str) -> RawSchedule:
    """The programme in the calendar ``data`` (module docstring)."""
    calendar = _parse(data, source)
    own = _text(calendar, "PRODID").startswith(OWN_PRODID)
    pretalx = "pretalx" in _text(calendar, "PRODID").lower()
    floating_zone = _text(calendar, "X-WR-TIMEZONE")
    warnings: list[str] = []
    if floating_zone and known_zone(floating_zone) is None:
        warnings.append(
            f"the calendar names the time zone {floating_zone!r} (X-WR-TIMEZONE), which is "
            "unknown: its floating times are read as clock times without a zone"
        )
        floating_zone = ""
    events: list[RawEvent] = []
    breaks: list[RawBreak] = []
    recurring: list[str] = []
    all_day: list[str] = []
    zones: set[str | None] = set()
    rooms: dict[str, None] = {}
    sessions: dict[str, RawSession] = {}
    for position, component in enumerate(calendar.walk("VEVENT")):
        uid = _text(component, "UID")
        summary = _text(component, "SUMMARY")
        ref = f"event {uid or f'#{position + 1}'} {summary!r}"
        if any(key in component for key in ("RRULE", "RDATE", "RECURRENCE-ID")):
            recurring.append(ref)
            continue
        if "DTSTART" not in component:
            raise _problem(source, f"{ref} has no DTSTART")
        try:
            start = _moment(component["DTSTART"])
            if "DTEND" in component:
                end: datetime | date | None = _moment(component["DTEND"])
            elif "DURATION" in component:
                length = component["DURATION"].dt
                if not isinstance(length, timedelta):
                    raise ValueError(f"DURATION {length!r} is not a length")
                end = start + length
            else:
                end = None
        except Exception as error:  # icalendar raises many kinds on a broken value
            raise _problem(source, f"{ref}: an unreadable time ({_short(error)})") from None
        if not isinstance(start, datetime):
            all_day.append(ref)
            continue
        if end is not None and not isinstance(end, datetime):
            raise _problem(source, f"{ref}: DTSTART is a date-time but its end is a date")
        if end is None:
            end = start  # RFC 5545 3.6.1: a date-time start without an end lasts no time
        if (start.tzinfo is None) != (end.tzinfo is None):
            raise _problem(source, f"{ref}: one of its times is floating, the other is not")
        if start.tzinfo is None and floating_zone:
            zones.add(floating_zone)
        else:
            zones.add(_zone_name(start.tzinfo) if start.tzinfo else None)
        url = _text(component, "URL") or None
        title = summary
        if own and _text(component, "STATUS").upper() == "CANCELLED":
            title = title.removeprefix("Cancelled: ")  # the export's marker, before "Poster: "
        exact = fields.ID in component
        description = _Description(_text(component, "DESCRIPTION"), url, own, exact)
        speakers = fields.pairs(_text(component, fields.SPEAKERS), "name", "affiliation")
        if speakers is None:
            speakers = description.speakers or _names(component)
        if pretalx:
            title, named = _pretalx_title(summary)
            speakers = speakers or named
        place = _text(component, "LOCATION")
        room = place or "(no room)"
        board = None
        categories = _categories(component, exact=own)
        event_type = None
        if own:
            title = title.removeprefix("Poster: ")
            match = _OWN_LOCATION.match(room)
            if match:
                room, board = match["room"], match["board"]
            if uid.startswith("break-"):
                event_type = "break"
        title = title or UNTITLED
        if is_break(title, event_type, speakers):
            breaks.append(
                RawBreak(
                    title,
                    start,
                    end,
                    place or None,
                    description.reconstructed,
                    _text(component, fields.ID) or None,
                )
            )
            continue
        rooms.setdefault(room, None)
        found = OWN_UID.match(uid) if own else None
        ident = _text(component, fields.ID) or (found["id"] if found else uid) or None
        track = categories[0] if categories else None
        kind: Literal["talk", "invited", "poster"] = "talk"
        session_key = _text(component, fields.SESSION)
        if session_key and start.tzinfo is not None and end.tzinfo is not None:
            session = _own_session(sessions, session_key, component, track, room, start, end)
            session.times_reconstructed |= description.reconstructed
            kind = fields.kind(_text(component, fields.KIND))
            track = _text(component, fields.TRACK) or None
        else:
            session_key = ""
        links = fields.pairs(_text(component, fields.LINKS), "url", "title")
        if links is None:
            links = [link for link in description.links if link[0] != url]
        events.append(
            RawEvent(
                id=ident,
                title=title,
                room=room,
                start=None if kind == "poster" else start,
                end=None if kind == "poster" else end,
                kind=kind,
                session=session_key or None,
                notes=description.notes,
                track=track,
                event_type=event_type or description.event_type,
                abstract=description.abstract,
                speakers=speakers,
                url=url,
                board=board,
                position=position,
                language=description.language,
                recorded=fields.recorded(_text(component, fields.RECORDED), description.recorded),
                links=links,
                cancelled=_text(component, "STATUS").upper() == "CANCELLED",
            )
        )
    if recurring:
        warnings.append(
            f"{len(recurring)} recurring event{'s' if len(recurring) != 1 else ''} left out "
            f"(a programme lists each talk once): {_listed(recurring)}"
        )
    if all_day:
        warnings.append(
            f"{len(all_day)} all-day event{'s' if len(all_day) != 1 else ''} left out "
            f"(no time of day to plan): {_listed(all_day)}"
        )
    if not events and not breaks:
        skipped = " (only recurring or all-day ones)" if recurring or all_day else ""
        raise _problem(source, f"it holds no event with a time of day{skipped}")
    known = [z for z in zones if z is not None]
    zone = floating_zone or (known[0] if len(zones) == 1 and known else None)
    name = _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME")
    if not name:
        warnings.append(f"the calendar gives no name (X-WR-CALNAME): named {Path(source).stem!r}")
    return RawSchedule(
        format=FORMAT,
        source=source,
        name=name or Path(source).stem,
        timezone=zone,
        days=_days(
            [e.start for e in events]
            + [s.start for s in sessions.values()]
            + [b.start for b in breaks],
            zone,
        ),
        rooms=[RawRoom(room) for room in rooms],
        events=events,
        sessions=list(sessions.values()),
        breaks=breaks,
        city=_text(calendar, fields.CITY) or None,
        venue=_text(calendar, fields.VENUE) or None,
        url=_text(calendar, fields.URL) or None,
        warnings=warnings,
    )


def _own_session(
    held: dict[str, RawSession],
    key: str,
    event: Any,
    title: str | None,
    room: str,
    start: datetime,
    end: datetime,
) -> RawSession:
    """The session ``key`` an event of this planner's programme calendar names (made at its
    first event: its title the event's first category, its room the event's), spanning the
    event."""
    session = held.get(key)
    if session is None:
        session = held[key] = RawSession(
            key=key,
            title=title or key,
            room=room,
            start=fields.instant(_text(event, fields.SESSION_START), start),
            end=fields.instant(_text(event, fields.SESSION_END), end),
            kind=fields.session_kind(_text(event, fields.SESSION_KIND)),
            track=_text(event, fields.SESSION_TRACK) or None,
        )
    session.start, session.end = min(session.start, start), max(session.end, end)
    return session


def _days(starts: list[datetime | None], zone: str | None) -> list[RawDay]:
    """The dates the events start on, in the calendar's zone (else in their own)."""
    shown = ZoneInfo(zone) if zone else None
    dates: set[date] = set()
    for start in starts:
        if start is None:
            continue
        if shown is not None and start.tzinfo is not None:
            start = start.astimezone(shown)
        dates.add(start.date())
    return [RawDay(day) for day in sorted(dates)]
