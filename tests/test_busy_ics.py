"""Busy times from the attendee's own calendars (hand-written fixtures in fixtures/busy*)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from export_support import FIXTURES, dst_programme, embedded
from planner.errors import PlannerError
from planner.interests.busy_calendar import busy_from_ics
from planner.model.programme import Programme

BUSY = FIXTURES / "busy"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _spans(
    paths: list[Path], programme: Programme | None = None
) -> list[tuple[datetime, datetime, str | None]]:
    result = busy_from_ics(paths, programme or embedded())
    for interval in result.intervals:
        assert interval.start.tzinfo is not None
        # kept as a fixed offset (see InterestProfile), the conference zone's offset at that instant
        zone = (programme or embedded()).conference.zone
        assert interval.start.utcoffset() == interval.start.astimezone(zone).utcoffset()
    return [(i.start.astimezone(UTC), i.end.astimezone(UTC), i.label) for i in result.intervals]


def test_weekly_and_daily_recurrences_with_exdate_and_an_overridden_instance() -> None:
    assert _spans([BUSY / "recurring.ics"]) == [
        # Mon 30 May, 09:30 CEST; Tue 31 is an EXDATE; Wed 1 June moved to 11:30.
        (utc(2022, 5, 30, 7, 30), utc(2022, 5, 30, 7, 45), "Daily stand-up"),
        # Weekly on Mondays from 2 May (COUNT=10): 30 May is the fifth.
        (utc(2022, 5, 30, 12, 0), utc(2022, 5, 30, 13, 0), "Group meeting"),
        # Daily at 16:00 CEST; the overridden instance on 31 May is cancelled.
        (utc(2022, 5, 30, 14, 0), utc(2022, 5, 30, 15, 0), "Reading group"),
        (utc(2022, 6, 1, 9, 30), utc(2022, 6, 1, 10, 0), "Daily stand-up (moved)"),
        (utc(2022, 6, 1, 14, 0), utc(2022, 6, 1, 15, 0), "Reading group"),
    ]


def test_other_time_zones_and_rdate() -> None:
    assert _spans([BUSY / "other-zone.ics"]) == [
        # RDATE Mon 30 May 11:00 EDT (UTC-4), one hour like the series.
        (utc(2022, 5, 30, 15, 0), utc(2022, 5, 30, 16, 0), "Collaboration call (New York)"),
        # 06:00 in a zone defined only by its VTIMEZONE (UTC-7 in summer), as Outlook writes.
        # Tuesdays 09:00 EDT.
        (utc(2022, 5, 31, 13, 0), utc(2022, 5, 31, 13, 30), "Call from an Outlook zone"),
        (utc(2022, 5, 31, 13, 0), utc(2022, 5, 31, 14, 0), "Collaboration call (New York)"),
        (utc(2022, 6, 1, 7, 0), utc(2022, 6, 1, 7, 30), "Review in UTC"),
    ]


def test_all_day_floating_transparent_cancelled_and_outside_events() -> None:
    assert _spans([BUSY / "all-day-and-floating.ics"]) == [
        # Floating 13:00 is 13:00 in Rome (CEST).
        (utc(2022, 5, 30, 11, 0), utc(2022, 5, 30, 12, 0), "Lunch with Ramón"),
        # All day on 31 May: local midnight to local midnight.
        (utc(2022, 5, 30, 22, 0), utc(2022, 5, 31, 22, 0), "Thesis defence, all day"),
    ]  # the transparent, the cancelled and the 2 June events are not busy times


def test_some_broken_events_are_skipped_and_listed() -> None:
    result = busy_from_ics([BUSY / "some-broken.ics"], embedded())
    assert [(i.label, i.start.hour) for i in result.intervals] == [("Still imported", 17)]
    assert len(result.skipped) == 4
    source = str(BUSY / "some-broken.ics")
    assert all(line.startswith(f"{source}: event ") for line in result.skipped)
    assert "'Broken start' (UID bad-start@example.org): DTSTART" in result.skipped[0]
    assert "'Broken rule' (UID bad-rule@example.org): RRULE" in result.skipped[1]
    assert "'No start at all' (UID no-start@example.org): no DTSTART" in result.skipped[2]
    assert (
        "'Ends before it starts' (UID backwards@example.org): ends before it" in (result.skipped[3])
    )


def test_a_folder_stands_for_its_calendars_and_files_can_repeat() -> None:
    everything = busy_from_ics([BUSY], embedded())
    assert len(everything.intervals) == 5 + 4 + 2 + 1
    assert everything.intervals == sorted(everything.intervals, key=lambda i: (i.start, i.end))
    assert len(everything.skipped) == 4
    twice = busy_from_ics([BUSY / "recurring.ics", BUSY / "recurring.ics"], embedded())
    assert len(twice.intervals) == 5  # the same event twice is one busy time


def test_across_a_dst_change() -> None:
    programme = dst_programme("autumn")
    assert _spans([FIXTURES / "busy-dst" / "new-york-dst.ics"], programme) == [
        # All of Sunday 30 October in Rome: 25 hours (clocks go back).
        (utc(2022, 10, 29, 22, 0), utc(2022, 10, 30, 23, 0), "Family day"),
        # Floating 10:00 on that Sunday is CET already.
        (utc(2022, 10, 30, 9, 0), utc(2022, 10, 30, 9, 45), "Floating call"),
        # 10:00 in New York, still on EDT until 6 November: 14:00 UTC, 15:00 in Rome.
        (utc(2022, 10, 31, 14, 0), utc(2022, 10, 31, 15, 0), "Weekly sync (New York)"),
    ]


def test_a_file_that_is_not_a_calendar_is_an_error_naming_it(tmp_path: Path) -> None:
    broken = FIXTURES / "broken-calendar.txt"
    with pytest.raises(PlannerError, match=re.escape(str(broken))):
        busy_from_ics([broken], embedded())
    empty = tmp_path / "empty.ics"
    empty.write_text("")
    with pytest.raises(PlannerError, match=r"empty\.ics: an empty file"):
        busy_from_ics([empty], embedded())
    vcard = tmp_path / "card.ics"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ramón\r\nEND:VCARD\r\n")
    with pytest.raises(PlannerError, match=r"card\.ics: not an iCalendar file"):
        busy_from_ics([vcard], embedded())


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match=r"nowhere\.ics: no such calendar file"):
        busy_from_ics([tmp_path / "nowhere.ics"], embedded())
    with pytest.raises(PlannerError, match=r"no \.ics calendar files"):
        busy_from_ics([tmp_path], embedded())


def test_our_own_plan_calendar_reads_back_as_busy_times(tmp_path: Path) -> None:
    """A plan exported by the planner is a fine --busy-ics for another plan: every talk and
    poster visit is busy, the breaks (free time) are not, across the DST change too."""
    from export_support import FROZEN, plan
    from planner.export.writers import write_plan_ics

    for programme in (embedded(), dst_programme("autumn")):
        ids = ["1", "2", "29"] if programme is embedded() else ["a", "b", "c", "p1"]
        itinerary = plan(programme, ids)
        path = tmp_path / "plan.ics"
        write_plan_ics(path, itinerary, programme, force=True, now=FROZEN, breaks=True)
        result = busy_from_ics([path], programme)
        assert result.skipped == []
        # Compared in UTC: Python never finds a fold=1 time equal to one in another zone.
        assert [(i.start.astimezone(UTC), i.end.astimezone(UTC)) for i in result.intervals] == (
            sorted((i.start.astimezone(UTC), i.end.astimezone(UTC)) for i in itinerary.items)
        )


def test_an_end_that_closes_another_component_is_one_message(tmp_path: Path) -> None:
    """A calendar whose BEGIN:VTIMEZONE line was lost: icalendar fails with an AttributeError
    ('Calendar' object has no attribute 'to_tz'), which was a traceback."""
    path = tmp_path / "busy.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nTZID:X\r\nBEGIN:STANDARD\r\n"
        b"DTSTART:16010101T030000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:-0800\r\nEND:STANDARD\r\n"
        b"END:VTIMEZONE\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(PlannerError, match=r"busy\.ics: not an iCalendar file \(its BEGIN and END"):
        busy_from_ics([path], embedded())
