"""Re-exporting a changed plan: same UIDs, SEQUENCE raised on changed events, dropped ones kept
as cancelled, unchanged ones untouched."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from icalendar import Calendar

from export_support import FROZEN, both_views, dst_programme, embedded, item
from planner.export.ics import itinerary_calendar, programme_calendar, uid_for
from planner.export.writers import write_plan_ics
from planner.itinerary import Itinerary, PlannedItem

LATER = FROZEN + timedelta(days=2)


def _plan(items: list[PlannedItem]) -> Itinerary:
    return Itinerary(status="optimal", items=items)


def test_update_raises_sequence_on_changes_and_cancels_dropped_items() -> None:
    programme = embedded()
    first = _plan([item(programme, "28"), item(programme, "1"), item(programme, "2")])
    before = itinerary_calendar(first, programme, now=FROZEN).to_ical()
    # Talk 28 unchanged, talk 1 has a new reason, talk 2 is dropped, talk 29 is new.
    second = _plan(
        [
            item(programme, "28"),
            item(programme, "1", why=["now starred"]),
            item(programme, "29"),
        ]
    )
    after = itinerary_calendar(
        second, programme, previous=Calendar.from_ical(before), now=LATER
    ).to_ical()
    old, new = both_views(before), both_views(after)

    def uid(cid: str) -> str:
        return uid_for(programme, cid, "me")

    assert set(new) == set(old) | {uid("29")}
    assert new[uid("28")] == old[uid("28")]  # same SEQUENCE, same DTSTAMP, same everything
    assert (new[uid("1")]["sequence"], new[uid("1")]["status"]) == (1, "CONFIRMED")
    assert new[uid("1")]["stamp"] == LATER
    assert "now starred" in new[uid("1")]["description"]
    assert (new[uid("2")]["sequence"], new[uid("2")]["status"]) == (1, "CANCELLED")
    assert (new[uid("2")]["start"], new[uid("2")]["summary"]) == (
        old[uid("2")]["start"],
        old[uid("2")]["summary"],
    )
    assert (new[uid("29")]["sequence"], new[uid("29")]["status"]) == (0, "CONFIRMED")

    # A third export of the same plan changes nothing, not even the bytes.
    again = itinerary_calendar(
        second, programme, previous=Calendar.from_ical(after), now=LATER + timedelta(days=1)
    ).to_ical()
    assert again == after

    # Bringing the dropped talk back: confirmed again, one more SEQUENCE.
    third = _plan([item(programme, "28"), item(programme, "1"), item(programme, "2")])
    back = both_views(
        itinerary_calendar(
            third, programme, previous=Calendar.from_ical(again), now=LATER
        ).to_ical()
    )
    assert (back[uid("2")]["sequence"], back[uid("2")]["status"]) == (2, "CONFIRMED")
    assert (back[uid("1")]["sequence"], back[uid("1")]["status"]) == (2, "CONFIRMED")
    assert (back[uid("29")]["sequence"], back[uid("29")]["status"]) == (1, "CANCELLED")


def test_a_moved_poster_visit_is_a_changed_event() -> None:
    programme = dst_programme()
    before = itinerary_calendar(
        _plan([item(programme, "p1", offset=0)]), programme, alarm=10, now=FROZEN
    )
    after = itinerary_calendar(
        _plan([item(programme, "p1", offset=24)]),
        programme,
        alarm=10,
        previous=Calendar.from_ical(before.to_ical()),
        now=LATER,
    )
    old, new = both_views(before.to_ical()), both_views(after.to_ical())
    uid = uid_for(programme, "p1", "me")
    assert new[uid]["start"] - old[uid]["start"] == timedelta(minutes=24)
    assert (old[uid]["sequence"], new[uid]["sequence"]) == (0, 1)


def test_a_changed_alarm_is_a_change_and_cancelled_events_lose_their_alarm() -> None:
    programme = dst_programme()
    before = itinerary_calendar(_plan([item(programme, "a")]), programme, alarm=10, now=FROZEN)
    after = itinerary_calendar(
        _plan([item(programme, "b")]),
        programme,
        alarm=30,
        previous=Calendar.from_ical(before.to_ical()),
        now=LATER,
    )
    events = {str(e["UID"]): e for e in after.walk("VEVENT")}
    cancelled = events[uid_for(programme, "a", "me")]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.walk("VALARM") == []
    again = itinerary_calendar(
        _plan([item(programme, "b")]),
        programme,
        alarm=5,
        previous=Calendar.from_ical(after.to_ical()),
        now=LATER,
    )
    assert both_views(again.to_ical())[uid_for(programme, "b", "me")]["sequence"] == 1


def test_writer_reads_the_previous_file_at_its_path(tmp_path: Path) -> None:
    programme = embedded()
    path = tmp_path / "plan.ics"
    write_plan_ics(path, _plan([item(programme, "1"), item(programme, "2")]), programme, now=FROZEN)
    write_plan_ics(path, _plan([item(programme, "1")]), programme, now=LATER)
    events = both_views(path.read_bytes())
    assert events[uid_for(programme, "1", "me")]["sequence"] == 0
    assert events[uid_for(programme, "2", "me")]["status"] == "CANCELLED"
    assert events[uid_for(programme, "2", "me")]["sequence"] == 1


def test_programme_re_export_keeps_sequences() -> None:
    programme = embedded()
    first = programme_calendar(programme, now=FROZEN).to_ical()
    again = programme_calendar(programme, previous=Calendar.from_ical(first), now=LATER).to_ical()
    assert again == first


def test_a_hand_edited_previous_file_does_not_stop_the_export(tmp_path: Path) -> None:
    programme = embedded()
    path = tmp_path / "plan.ics"
    write_plan_ics(path, _plan([item(programme, "1")]), programme, now=FROZEN)
    edited = path.read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:many")
    edited = edited.replace(
        b"END:VCALENDAR",
        b"BEGIN:VEVENT\r\nUID:note@example.org\r\nSUMMARY:my own note\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR",
    )
    path.write_bytes(edited)
    write_plan_ics(path, _plan([item(programme, "1"), item(programme, "2")]), programme, now=LATER)
    events = both_views(path.read_bytes())
    assert set(events) == {uid_for(programme, "1", "me"), uid_for(programme, "2", "me")}
    # Unchanged, with an unreadable SEQUENCE taken as 0.
    assert events[uid_for(programme, "1", "me")]["sequence"] == 0


def test_a_changed_backup_is_a_changed_event() -> None:
    from export_support import with_backup

    programme = dst_programme()
    plain = item(programme, "c")
    first = _plan([with_backup(programme, plain, "b", walk=2)])
    before = itinerary_calendar(first, programme, now=FROZEN).to_ical()
    uid = uid_for(programme, "c", "me")
    old = both_views(before)[uid]
    assert (
        "if full: 'A talk across the change' in Aula Magna, first floor; east wing at 01:30, "
        "2 min walk" in old["description"]
    )
    # the same backup: nothing changes; another backup (or none): SEQUENCE rises
    same = itinerary_calendar(first, programme, previous=Calendar.from_ical(before), now=LATER)
    assert same.to_ical() == before
    second = _plan([plain])
    after = itinerary_calendar(second, programme, previous=Calendar.from_ical(before), now=LATER)
    new = both_views(after.to_ical())[uid]
    assert new["sequence"] == 1 and "if full" not in new["description"]
