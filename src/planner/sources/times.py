"""Reading a schedule's times: clock times without offset in a zone (across changes of clocks,
as :mod:`planner.sources.zones` describes), and every time aware in the zone shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from planner.sources.raw import RawSchedule


def date_and_time(moment: datetime) -> str:
    """``2019-12-27 11:00``: a moment in messages about the schedule."""
    return moment.strftime("%Y-%m-%d %H:%M")


class Times:
    """Aware times in the zone they are shown in; counts offsets that disagree with the zone
    the file names. Naive times are read in ``naive`` (the file's zone, else the zone given)."""

    def __init__(self, shown: ZoneInfo, own: ZoneInfo, naive: ZoneInfo, named: bool) -> None:
        self.zone = shown
        self.own = own
        self.naive = naive
        self.named = named
        self.convert = named or shown is not own  # else aware times keep their own offsets
        self.mismatches = 0

    def __call__(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.naive)
            return moment if self.naive is self.zone else moment.astimezone(self.zone)
        if not self.convert:
            return moment  # keep the file's own offset
        if self.named:
            local = moment.astimezone(self.own)
            if local.utcoffset() != moment.utcoffset():
                self.mismatches += 1
            if self.own is self.zone:
                return local
        return moment.astimezone(self.zone)


def _hm_zone(moment: datetime) -> str:
    return f"{moment:%H:%M} {moment.tzname()}"


class WallClock:
    """Clock times without offset read in one zone, as calendars read them (each distinct time
    once); which of them fall in an hour skipped or repeated by a change of clocks."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.changes = zone.key != "UTC" and not zone.key.startswith("Etc/")
        self._read: dict[datetime, datetime] = {}
        self.skipped: set[datetime] = set()
        self.repeated: set[datetime] = set()

    def __call__(self, naive: datetime) -> datetime:
        found = self._read.get(naive)
        if found is None:
            found = naive.replace(tzinfo=self.zone)  # fold 0: the offset before a change
            if self.changes:
                instant = found.astimezone(UTC)
                if instant.astimezone(self.zone).replace(tzinfo=None) != naive:
                    self.skipped.add(naive)
                    found = instant.astimezone(self.zone)  # 02:30 is 03:30 summer time
                elif naive.replace(tzinfo=self.zone, fold=1).utcoffset() != found.utcoffset():
                    self.repeated.add(naive)
            self._read[naive] = found
        return found


def read_wall_times(raw: RawSchedule, zone: ZoneInfo, warnings: list[str]) -> None:
    """Every time without offset read in ``zone`` (module docstring); an event keeps the length
    the file gives it, also across a change of clocks. Times with an offset are left alone."""
    clock = WallClock(zone)
    odd: dict[str, list[str]] = {"skipped": [], "repeated": [], "spans": []}
    for event in raw.events:
        start, end = event.start, event.end
        if start is None or start.tzinfo is not None:
            if end is not None and end.tzinfo is None:
                event.end = clock(end)
            continue
        event.start = clock(start)
        if end is None or end.tzinfo is not None:
            continue
        event.end = clock(end)
        if not clock.changes:
            continue
        kind = next((k for k, seen in _seen(clock, start, end) if seen), None)
        length = end - start
        if (
            event.end.astimezone(UTC) - event.start.astimezone(UTC) != length
        ):  # across a change: keep the file's length
            event.end = (event.start.astimezone(UTC) + length).astimezone(zone)
            if event.end.fold:  # the second of a repeated hour: times of one zone compare
                event.end = event.end.astimezone(UTC)  # by wall clock, so kept as UTC
            kind = kind or "spans"
        if kind is not None:
            shown = f"{start:%H:%M}–{end:%H:%M}"
            read = f"{_hm_zone(event.start)}–{_hm_zone(event.end.astimezone(zone))}"
            odd[kind].append(f"{event.ref} at {shown} on {start:%Y-%m-%d} (read {read})")
            event.notes.append(_NOTES[kind].format(shown=shown, zone=zone.key, read=read))
    for item in raw.breaks:
        item.start = clock(item.start) if item.start.tzinfo is None else item.start
        item.end = clock(item.end) if item.end.tzinfo is None else item.end
    for day in raw.days:
        day.start = clock(day.start) if day.start and day.start.tzinfo is None else day.start
        day.end = clock(day.end) if day.end and day.end.tzinfo is None else day.end
    for session in raw.sessions:
        session.start = clock(session.start) if session.start.tzinfo is None else session.start
        session.end = clock(session.end) if session.end.tzinfo is None else session.end
    for kind, found in odd.items():
        if found:
            listed = "; ".join(found[:3]) + (
                f"; and {len(found) - 3} more" if len(found) > 3 else ""
            )
            warnings.append(_WARNINGS[kind].format(n=len(found), zone=zone.key) + listed)


def _seen(clock: WallClock, start: datetime, end: datetime) -> Iterator[tuple[str, bool]]:
    yield "skipped", start in clock.skipped or end in clock.skipped
    yield "repeated", start in clock.repeated or end in clock.repeated


_NOTES = {
    "skipped": "The source gives {shown}, in the hour skipped when clocks go forward in {zone}: "
    "read {read}, as calendars do, keeping its length.",
    "repeated": "The source gives {shown}, in the hour repeated when clocks go back in {zone}: "
    "read as the first of the two ({read}), as calendars do, keeping its length.",
    "spans": "The source gives {shown}, across a change of clocks in {zone}: kept its length "
    "({read}).",
}
_WARNINGS = {
    "skipped": "{n} event(s) in the hour skipped when clocks go forward in {zone}, read with the "
    "offset before the change as calendars do, each keeping its length: ",
    "repeated": "{n} event(s) in the hour repeated when clocks go back in {zone}, read as the "
    "first of the two times as calendars do, each keeping its length: ",
    "spans": "{n} event(s) across a change of clocks in {zone}, each keeping its length: ",
}


def normalise_times(raw: RawSchedule, times: Times, warnings: list[str]) -> None:
    """Every time aware and in the conference's zone; a missing or negative length becomes
    zero, and is reported."""
    zone = times.zone
    convert = times.convert  # else only naive times change
    for day in raw.days:
        day.start = times(day.start) if day.start else None
        day.end = times(day.end) if day.end else None
    for event in raw.events:
        start = event.start
        if start is None:
            continue
        if convert or start.tzinfo is None:
            start = event.start = times(start)
        end = event.end
        if end is None:
            at = date_and_time(start.astimezone(zone))
            warnings.append(f"{event.ref}: no duration (at {at}); kept as zero-length")
            event.notes.append("No duration in the source.")
            event.end = start
            continue
        if convert or end.tzinfo is None:
            end = event.end = times(end)
        if end <= start:
            at = date_and_time(start.astimezone(zone))
            if end < start:
                warnings.append(
                    f"{event.ref}: ends before it starts (at {at}); kept as zero-length"
                )
                event.notes.append("Ends before it starts in the source.")
                event.end = start
            else:
                event.notes.append("Zero-length in the source.")
                warnings.append(f"{event.ref}: zero-length at {at}")
    for item in raw.breaks:
        item.start, item.end = times(item.start), times(item.end)
        item.end = max(item.end, item.start)
    for session in raw.sessions:
        session.start, session.end = times(session.start), times(session.end)
    if times.mismatches:
        count = times.mismatches
        warnings.append(
            f"{count} time{'s give' if count != 1 else ' gives'} an offset that differs from "
            f"{times.own.key} at that moment: kept at the instant the offset gives"
        )
