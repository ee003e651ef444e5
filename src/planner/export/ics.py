"""iCalendar (RFC 5545) export of a plan or a whole programme, with the icalendar library.

Times carry the conference's TZID and a VTIMEZONE built from zoneinfo (never floating). UIDs are
stable per contribution and attendee, so re-exporting a changed plan updates the attendee's
calendar: changed events get a higher SEQUENCE, items dropped since the previous file stay as
STATUS:CANCELLED so calendar applications remove them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event

from planner.errors import CommandLineError, PlannerError
from planner.export.details import (
    RECONSTRUCTED_NOTE,
    backup_text,
    entries,
    link_lines,
    location,
    main_url,
    speakers_line,
)
from planner.itinerary import Itinerary
from planner.model.programme import Break, Contribution, Programme
from planner.model.text import text_value
from planner.slugs import slug
from planner.sources import ics_fields as fields_
from planner.views.timefmt import repeated

PRODID = "-//planner//Conference itinerary//EN"
PRODID_PREFIX = "-//planner//"
UID_DOMAIN = "planner"

# Properties whose change makes an event "changed" (SEQUENCE is raised) on re-export.
_COMPARED = (
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "CATEGORIES",
    "URL",
    "STATUS",
)


ME = "me"
"""The attendee when none is named: in event ids, and a calendar named "<conference>: my plan"."""


def _uid_word(text: str) -> str:
    """A UID's part made from ``text``: its slug, or ``x`` when nothing of it is left."""
    return slug(text) or "x"


def _uid_part(item_id: str) -> str:
    """The id itself when it is plain; else its slug and a short hash, so distinct ids never
    share a UID (``"A 1"`` and ``"a-1"``)."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._]*", item_id):
        return item_id
    return f"{_uid_word(item_id)}-{hashlib.sha1(item_id.encode()).hexdigest()[:8]}"


def uid_for(programme: Programme, item_id: str, attendee: str | None = None) -> str:
    """``<item>-<attendee>@<conference>.planner``: stable across exports of the same plan; the
    whole programme's events (no attendee) have their own UIDs."""
    who = f"-{_uid_word(attendee)}" if attendee is not None else ""
    return f"{_uid_part(item_id)}{who}@{_uid_word(programme.conference.name)}.{UID_DOMAIN}"


def require_known_zone(programme: Programme) -> None:
    """A calendar holds instants: refused while the times are local clock times of a zone
    nobody named (``timezone_source: unknown``), with the ``--zone`` to add."""
    conference = programme.conference
    if not conference.zone_known:
        raise CommandLineError(
            f"{conference.name}: no calendar written: its times are local clock times of an "
            "unknown zone (the schedule names no zone, offset or place), and a calendar needs "
            "real instants; add --zone ZONE with the conference's time zone (an IANA name "
            "such as Europe/Brussels)"
        )


def is_ours(calendar: Calendar) -> bool:
    return str(calendar.get("PRODID", "")).startswith(PRODID_PREFIX)


def parse_calendar(data: bytes, source: str) -> Calendar:
    """A calendar from bytes, or a :class:`PlannerError` naming ``source``."""
    try:
        calendar = Calendar.from_ical(data)
    except AttributeError:  # icalendar's failure for an END line that closes another component
        raise PlannerError(
            f"{source}: not an iCalendar file (its BEGIN and END lines do not match)"
        ) from None
    except Exception as error:  # a third party's parser: any failure is the file's
        raise PlannerError(f"{source}: not an iCalendar file ({error})") from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise PlannerError(f"{source}: not an iCalendar file (no VCALENDAR)")
    return calendar


def ambiguous(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether ``moment``'s local time in ``zone`` happens twice (the hour repeated when the
    clocks go back): calendar programs disagree on which of the two such a time means."""
    return repeated(moment.astimezone(zone))


def ical_time(moment: datetime, zone: ZoneInfo, utc: bool = False) -> datetime:
    """``moment`` in the conference's zone, written with its TZID; in UTC with ``utc``. A local
    time that happens twice is read as its first occurrence by RFC 5545 (3.3.5) and as its
    second by some programs, so :func:`_event` writes an event that touches one in UTC."""
    return moment.astimezone(UTC) if utc else moment.astimezone(zone)


def add_text(component: Component, key: str, value: str) -> None:
    """An ``X-`` property holding text, said to be TEXT, so that it is escaped as RFC 5545
    escapes text (``,``, ``;``, ``\\``, line breaks) and read back as it was."""
    component.add(key, text_value(value), parameters={"VALUE": "TEXT"})


def _new_calendar(programme: Programme, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.calendar_name = name
    return calendar


def _description(
    programme: Programme, contribution: Contribution, why: Iterable[str] = (), backup: str = ""
) -> str:
    session = programme.session_of(contribution)
    lines = []
    speakers = speakers_line(contribution)
    if speakers:
        lines.append(f"Speakers: {speakers}")
    lines.append(f"Session: {session.title}")
    reasons = [w for w in why if w]
    if reasons:
        lines.append("Why: " + "; ".join(reasons))
    if backup:
        lines.append(backup)
    if programme.times_reconstructed(contribution):
        lines.append(f"Note: {RECONSTRUCTED_NOTE}")
    lines.extend(f"Note: {n}" for n in contribution.notes)
    if contribution.event_type:
        lines.append(f"Type: {contribution.event_type}")
    if contribution.language:
        lines.append(f"Language: {contribution.language}")
    if contribution.recorded is False:
        lines.append("Not recorded: only in person")
    links = link_lines(contribution)
    if links:
        lines += ["Links:", *links]
    if contribution.abstract:
        lines.extend(["", contribution.abstract])
    return "\n".join(lines)


def _event(
    *,
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    stamp: datetime,
    location_text: str | None = None,
    description: str | None = None,
    categories: list[str] | None = None,
    url: str | None = None,
    alarm: int | None = None,
    status: str = "CONFIRMED",
    utc: bool = False,
    extra: dict[str, str] | None = None,
) -> Event:
    """One event; in UTC with ``utc``, or when its start or end is a local time that happens
    twice (so every program reads the same instants)."""
    utc = utc or ambiguous(start, zone) or ambiguous(end, zone)
    summary = text_value(summary)
    event = Event()
    event.add("UID", uid)
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", ical_time(start, zone, utc))
    event.add("DTEND", ical_time(end, zone, utc))
    event.add("SUMMARY", summary)
    if location_text:
        event.add("LOCATION", text_value(location_text))
    if description:
        event.add("DESCRIPTION", text_value(description))
    if categories:
        event.add("CATEGORIES", [text_value(c) for c in categories])
    if url:
        event.add("URL", url)
    event.add("SEQUENCE", 0)
    event.add("STATUS", status)
    event.add("TRANSP", "OPAQUE")
    for key, value in (extra or {}).items():
        add_text(event, key, value)
    if alarm is not None:
        reminder = Alarm()
        reminder.add("ACTION", "DISPLAY")
        reminder.add("DESCRIPTION", summary)
        reminder.add("TRIGGER", timedelta(minutes=-alarm))
        event.add_component(reminder)
    return event


def _stamp(now: datetime | None) -> datetime:
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("the clock must give timezone-aware datetimes")
    return moment.astimezone(UTC).replace(microsecond=0)


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _fingerprint(event: Component) -> tuple[object, ...]:
    values: list[object] = []
    for key in _COMPARED:
        if key not in event:
            values.append(None)
        elif key in ("DTSTART", "DTEND"):
            moment = event.decoded(key)
            values.append(moment.astimezone(UTC) if isinstance(moment, datetime) else moment)
        else:
            value = event[key]
            items = value if isinstance(value, list) else [value]
            values.append(tuple(_text(v.to_ical()) for v in items))
    values.append(tuple(_text(a.to_ical()) for a in event.walk("VALARM")))
    return tuple(values)


def _start_key(event: Component) -> tuple[datetime, str]:
    start = event.decoded("DTSTART")
    if not isinstance(start, datetime):
        start = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    elif start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return start.astimezone(UTC), str(event["UID"])


def _sequence(event: Component) -> int:
    try:
        return max(0, int(event.get("SEQUENCE", 0)))
    except (TypeError, ValueError):
        return 0


def _set(event: Component, key: str, value: object) -> None:
    event.pop(key, None)
    event.add(key, value)


def _merge(new: list[Event], previous: Calendar | None, stamp: datetime) -> list[Component]:
    """Carry SEQUENCE over from the previous file of the same plan: unchanged events keep theirs
    (and their DTSTAMP), changed ones get one more, and events no longer in the plan are kept as
    cancelled with one more."""
    before: dict[str, Component] = {}
    if previous is not None:
        # Only events we can place in time (a hand-edited file may hold others).
        before = {
            str(e["UID"]): e
            for e in previous.walk("VEVENT")
            if "UID" in e and "DTSTART" in e and not {"UID", "DTSTART"} & {k for k, _ in e.errors}
        }
    merged: list[Component] = []
    for event in new:
        old = before.pop(str(event["UID"]), None)
        if old is None:
            merged.append(event)
            continue
        sequence = _sequence(old)
        if _fingerprint(old) == _fingerprint(event):
            _set(event, "SEQUENCE", sequence)
            if "DTSTAMP" in old and not old.errors:
                _set(event, "DTSTAMP", old.decoded("DTSTAMP"))
        else:
            _set(event, "SEQUENCE", sequence + 1)
        merged.append(event)
    for old in before.values():
        if str(old.get("STATUS", "")).upper() == "CANCELLED":
            merged.append(old)
            continue
        cancelled = Event.from_ical(old.to_ical())
        for key in ("STATUS", "SEQUENCE", "DTSTAMP"):
            cancelled.pop(key, None)
        cancelled.subcomponents = [c for c in cancelled.subcomponents if c.name != "VALARM"]
        cancelled.add("DTSTAMP", stamp)
        cancelled.add("SEQUENCE", _sequence(old) + 1)
        cancelled.add("STATUS", "CANCELLED")
        merged.append(cancelled)
    return sorted(merged, key=_start_key)


def _finish(calendar: Calendar, events: list[Component], programme: Programme) -> Calendar:
    for event in events:
        calendar.add_component(event)
    days = programme.conference.days
    try:
        calendar.add_missing_timezones(
            first_date=date(days[0].year, 1, 1), last_date=date(days[-1].year + 1, 1, 1)
        )
    except Exception as error:  # an unknown TZID carried over from a previous file
        raise PlannerError(f"cannot describe a time zone of the calendar ({error})") from None
    return calendar


def itinerary_calendar(
    itinerary: Itinerary,
    programme: Programme,
    attendee: str = ME,
    alarm: int | None = None,
    previous: Calendar | None = None,
    now: datetime | None = None,
    *,
    breaks: bool = False,
    utc: bool = False,
) -> Calendar:
    """One event per planned talk and poster visit. ``previous`` is the calendar exported last
    time for this plan (for SEQUENCE and cancellations); ``now`` fixes DTSTAMP (default: now);
    ``breaks`` adds the programme's breaks (coffee, lunch) on the days of the plan, as free time;
    ``utc`` writes every time in UTC (for calendar programs that ignore time zones)."""
    require_known_zone(programme)
    if alarm is not None and alarm < 0:
        raise PlannerError(f"--alarm {alarm}: give the minutes before an event, 0 or more")
    zone = programme.conference.zone
    stamp = _stamp(now)
    events = []
    for entry in entries(itinerary, programme):
        contribution = entry.contribution
        title = contribution.title or entry.item.title or contribution.id
        summary = f"Poster: {title}" if entry.item.kind == "poster-visit" else title
        session = programme.session_of(contribution)
        events.append(
            _event(
                uid=uid_for(programme, contribution.id, attendee),
                summary=summary,
                start=entry.start,
                end=entry.end,
                zone=zone,
                stamp=stamp,
                location_text=location(programme, contribution, entry.item.room or None),
                description=_description(
                    programme, contribution, entry.item.why, backup_text(entry.item, programme)
                ),
                categories=[session.title],
                url=main_url(contribution),
                alarm=alarm,
                utc=utc,
            )
        )
    if breaks:
        days = itinerary.by_day(programme)
        events.extend(
            _break_event(programme, b, stamp, attendee, utc)
            for b in programme.breaks
            if programme.day_of(b) in days
        )
    conference = programme.conference.name
    name = f"{conference}: my plan" if attendee == ME else f"{conference}: plan of {attendee}"
    return _finish(_new_calendar(programme, name), _merge(events, previous, stamp), programme)


def _break_event(
    programme: Programme,
    item: Break,
    stamp: datetime,
    attendee: str | None = None,
    utc: bool = False,
) -> Event:
    note = f"Note: {RECONSTRUCTED_NOTE}" if item.times_reconstructed else None
    event = _event(
        uid=uid_for(programme, f"break-{item.id}", attendee),
        summary=item.title,
        start=item.start,
        end=item.end,
        zone=programme.conference.zone,
        stamp=stamp,
        location_text=item.room,
        description=note,
        categories=[item.kind.capitalize()],
        utc=utc,
        extra={fields_.ID: item.id} if attendee is None else None,
    )
    if attendee is not None:
        event["TRANSP"] = "TRANSPARENT"  # a break in a plan does not make the attendee busy
    return event


def programme_fields(programme: Programme, contribution: Contribution) -> dict[str, str]:
    """What the programme read back from its calendar needs that calendars do not show (a
    poster, an invited talk, the session it is in): ``X-PLANNER-`` properties, which
    calendar programs keep and ignore (:mod:`planner.sources.ics_programme` reads them)."""
    session = programme.session_of(contribution)
    fields = {
        fields_.ID: contribution.id,
        fields_.KIND: contribution.kind,
        fields_.SESSION: session.id,
        fields_.SESSION_KIND: session.kind,
        fields_.SESSION_START: session.start.astimezone(UTC).isoformat(),
        fields_.SESSION_END: session.end.astimezone(UTC).isoformat(),
    }
    if contribution.track is not None:
        fields[fields_.TRACK] = contribution.track
    if contribution.speakers:
        fields[fields_.SPEAKERS] = json.dumps(
            [s.model_dump() for s in contribution.speakers], ensure_ascii=False
        )
    if contribution.links:
        fields[fields_.LINKS] = json.dumps(
            [link.model_dump() for link in contribution.links], ensure_ascii=False
        )
    if contribution.recorded is not None:
        fields[fields_.RECORDED] = "yes" if contribution.recorded else "no"
    if session.track is not None:
        fields[fields_.SESSION_TRACK] = session.track
    return fields


def programme_calendar(
    programme: Programme,
    previous: Calendar | None = None,
    now: datetime | None = None,
    *,
    utc: bool = False,
) -> Calendar:
    """The whole programme: every talk at its slot, every poster over its poster session, and
    the breaks (every time in UTC with ``utc``)."""
    require_known_zone(programme)
    stamp = _stamp(now)
    zone = programme.conference.zone
    events = []
    for contribution in programme.contributions:
        start, end = programme.window(contribution)
        session = programme.session_of(contribution)
        title = contribution.title or contribution.id
        events.append(
            _event(
                uid=uid_for(programme, contribution.id),
                summary=("Cancelled: " if contribution.cancelled else "")
                + (f"Poster: {title}" if contribution.is_poster else title),
                start=start,
                end=end,
                zone=zone,
                stamp=stamp,
                location_text=location(programme, contribution),
                description=_description(programme, contribution),
                categories=[session.title],
                url=main_url(contribution),
                status="CANCELLED" if contribution.cancelled else "CONFIRMED",
                utc=utc,
                extra=programme_fields(programme, contribution),
            )
        )
    events.extend(_break_event(programme, b, stamp, utc=utc) for b in programme.breaks)
    conference = programme.conference
    calendar = _new_calendar(programme, conference.name)
    # The conference's zone, though no time is floating: read back, an event in UTC (in the
    # hour the clocks go back, or with --ics-utc) still belongs to it.
    calendar.add("X-WR-TIMEZONE", conference.timezone)
    for key, value in (
        (fields_.CITY, conference.city),
        (fields_.VENUE, conference.venue),
        (fields_.URL, conference.url),
    ):
        if value:
            add_text(calendar, key, value)
    return _finish(calendar, _merge(events, previous, stamp), programme)
