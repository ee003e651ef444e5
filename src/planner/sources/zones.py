"""The time zone of an imported schedule, and how its times are read in it.

- The zone the file names (``file``); else, when it gives offsets, ``UTC`` or an ``Etc/GMT`` zone
  of its most common offset (``offsets``); else, when its clock times have no zone and no
  offset, the zone of the place it names: its city, venue, title or country (``inferred from
  city 'Brussels'``, :mod:`planner.sources.places`). Such times are local times of the place,
  never UTC. Where nothing names the place, they stay local clock times held as UTC clock faces
  (``unknown``): shown as they are, and no calendar is written until a zone is named.
- A zone given on import (``--zone``) becomes the conference's: every time keeps its instant and
  is shown there, and times without an offset are read there unless the file names its own.
- A clock time without offset is read as calendars read one (RFC 5545 3.3.5): one in the hour
  skipped when clocks go forward with the offset before the change (02:30 is 03:30 summer time),
  one in the hour repeated when they go back as its first occurrence. Events keep the length the
  file gives them, and each such time is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from planner.model import Programme
from planner.model.programme import known_zone
from planner.sources.raw import RawSchedule

UNKNOWN = "unknown"


def offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def read_as_local_times(raw: RawSchedule, zone: str, warnings: list[str]) -> None:
    """Every time's clock time, as it is written, is a local time in ``zone`` (``--local-times``):
    the file's offsets are dropped, and the file's zone becomes ``zone``."""
    moments = [m for e in raw.events for m in (e.start, e.end)]
    moments += [m for b in raw.breaks for m in (b.start, b.end)]
    offsets = Counter(
        offset_text(m.utcoffset() or timedelta(0))
        for m in moments
        if m is not None and m.tzinfo is not None
    )

    def wall(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.replace(tzinfo=None)

    for event in raw.events:
        event.start, event.end = wall(event.start), wall(event.end)
    for item in raw.breaks:
        item.start, item.end = item.start.replace(tzinfo=None), item.end.replace(tzinfo=None)
    for day in raw.days:
        day.start, day.end = wall(day.start), wall(day.end)
    for session in raw.sessions:
        session.start = session.start.replace(tzinfo=None)
        session.end = session.end.replace(tzinfo=None)
    given = ", ".join(f"UTC{o}" for o in sorted(offsets)) or "no offsets"
    named = f", names {raw.timezone!r}" if raw.timezone and raw.timezone != zone else ""
    warnings.append(
        f"clock times read as local times in {zone} (--local-times): the file gives {given}{named}"
    )
    raw.timezone = zone


def zone_for_offset(offset: timedelta) -> str | None:
    """The IANA name of a fixed whole-hour offset (``Etc/GMT-1`` is UTC+01:00)."""
    if offset == timedelta(0):
        return "UTC"
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return None
    return f"Etc/GMT{-hours:+d}"


@dataclass(frozen=True)
class ZoneChoice:
    """The file's own zone (in which its times are dated), and where it came from."""

    name: str
    source: str  # a conference's timezone_source


def choose_zone(raw: RawSchedule, warnings: list[str], given: str | None = None) -> ZoneChoice:
    """The file's own zone: the one it names, else one of its offsets, else the zone of its
    place (or ``given``, when its times have no offset). ``given`` is the zone the user gave
    for showing the times; the messages say so, and the source is then ``--zone``."""
    shown = f"shown in {given} (the zone given), at the same instants" if given else ""
    by = "--zone" if given else ""
    if raw.timezone:
        if known_zone(raw.timezone) is None:
            warnings.append(
                f"the file names the time zone {raw.timezone!r}, which is unknown: "
                "using the offsets of its times"
            )
        else:
            if given and given != raw.timezone:
                warnings.append(f"the file names the time zone {raw.timezone!r}: {shown}")
            return ZoneChoice(raw.timezone, by or "file")
    found = offsets(raw)
    if not found:
        if given:
            warnings.append(
                f"the file names no time zone and gives no offsets: times read in {given} "
                "(the zone given)"
            )
            return ZoneChoice(given, by)
        return _zone_of_place(raw, warnings)
    common: timedelta = found.most_common(1)[0][0]  # type: ignore[assignment]
    name = zone_for_offset(common)
    if len(found) > 1:
        listed = ", ".join(sorted(offset_text(o) for o in found if o is not None))
        kept = (
            f"times keep their instants and are {shown}"
            if given
            else f"times keep their own offsets and are shown at UTC{offset_text(common)}"
        )
        warnings.append(f"the file names no time zone and its offsets vary ({listed}): {kept}")
    elif common == timedelta(0):
        warnings.append(
            f"the file names no time zone and gives its times in UTC: {shown or 'kept as UTC'} "
            "(if they are really local times, import with --zone ZONE --local-times)"
        )
    if name is None:
        if not given:
            warnings.append(
                f"offset UTC{offset_text(common)} has no zone name: times keep their offsets "
                "and are shown in UTC"
            )
        return ZoneChoice("UTC", by or "offsets")
    return ZoneChoice(name, by or "offsets")


def _zone_of_place(raw: RawSchedule, warnings: list[str]) -> ZoneChoice:
    """Clock times with no zone and no offset: local times of the place the file names."""
    from planner.sources.places import place_zone

    place = place_zone(raw.city, raw.venue, raw.name)
    if place is None:
        named = [f"{k} {v!r}" for k, v in (("city", raw.city), ("venue", raw.venue)) if v]
        what = (
            f"names no place this planner knows ({', '.join(named)})"
            if named
            else ("names no city or venue")
        )
        warnings.append(
            "the file names no time zone and gives no offsets, and it "
            f"{what}: its times are kept as local clock times of an unknown zone; "
            "--zone ZONE names it (a calendar needs it)"
        )
        return ZoneChoice("UTC", UNKNOWN)
    city = f" ({place.city}, {place.city.population:,} people)" if place.city else ""
    others = ""
    if place.others:
        listed = ", ".join(f"{c} in {c.zone}" for c in place.others[:3])
        others = f"; other places of that name: {listed}"
    warnings.append(
        "the file names no time zone and gives no offsets: its clock times are local times in "
        f"{place.zone}, {place.source.replace(' from ', ' from the ')}{city}{others}; "
        "--zone ZONE to change it"
    )
    return ZoneChoice(place.zone, place.source)


def offsets(raw: RawSchedule) -> Counter[timedelta | None]:
    """How many events and breaks start at each UTC offset (naive times count for none), in
    order of first use. Counted by ``tzinfo`` first: a fixed offset's is one offset for all
    its times, and a schedule has few."""
    moments = [*filter(None, map(attrgetter("start"), raw.events)), *(b.start for b in raw.breaks)]
    found: Counter[timedelta | None] = Counter()
    zones = Counter(map(attrgetter("tzinfo"), moments))
    if all(zone is None or type(zone) is timezone for zone in zones):
        for zone, count in zones.items():
            if zone is not None:
                found[zone.utcoffset(None)] += count
        return found
    found.update(map(datetime.utcoffset, moments))
    found.pop(None, None)
    return found


def name_unknown_zone(programme: Programme, zone: str) -> Programme:
    """A programme whose times are local clock times of an unknown zone (imported so), with
    ``zone`` named: each clock time read there, as a schedule's are on import."""
    from planner.sources.times import WallClock

    clock = WallClock(ZoneInfo(zone))

    def read(value: Any) -> Any:
        if isinstance(value, datetime):
            return clock(value.replace(tzinfo=None))
        if isinstance(value, dict):
            return {key: read(item) for key, item in value.items()}
        if isinstance(value, list):
            return [read(item) for item in value]
        return value

    data = read(programme.model_dump(exclude_defaults=True))
    data["conference"].update(timezone=zone, timezone_source="--zone")
    return Programme.model_validate(data)
