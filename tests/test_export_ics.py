"""The plan and the programme as iCalendar files: read back by two independent parsers."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.tz import tzical
from icalendar import Calendar

from export_support import (
    FROZEN,
    TRICKY_ABSTRACT,
    TRICKY_TITLE,
    both_views,
    dst_programme,
    embedded,
    golden,
    item,
    plan,
    with_backup,
)
from planner.errors import PlannerError
from planner.export.ics import PRODID, itinerary_calendar, programme_calendar, uid_for
from planner.itinerary import Itinerary, PlannedItem
from planner.model.programme import Programme

ML4ASTRO_PLAN = ["28", "1", "2", "29"]  # an invited talk, two talks, another invited talk


def ml4astro_plan() -> Itinerary:
    programme = embedded()
    poster = next(c for c in programme.contributions if c.is_poster)
    items = [
        item(programme, cid, why=[f"keyword match for {cid}", "starred"]) for cid in ML4ASTRO_PLAN
    ]
    items[1] = with_backup(programme, items[1], "2")
    items.append(item(programme, poster.id, why=["speaker you follow"], offset=16))
    return Itinerary(status="optimal", objective=10, bound=10, items=items)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_plan_calendar_matches_its_golden_file() -> None:
    data = itinerary_calendar(ml4astro_plan(), embedded(), alarm=15, now=FROZEN).to_ical()
    golden("plan-ml4astro.ics", data)


def test_dst_plan_and_programme_match_their_golden_files() -> None:
    programme = dst_programme()
    data = itinerary_calendar(plan(programme, ["a", "b", "c", "d", "p1"]), programme, now=FROZEN)
    golden("plan-dst-autumn.ics", data.to_ical())
    golden("programme-dst-autumn.ics", programme_calendar(programme, now=FROZEN).to_ical())


def test_the_two_parsers_agree_on_every_exported_file() -> None:
    programme = dst_programme()
    calendars = [
        itinerary_calendar(ml4astro_plan(), embedded(), alarm=15, now=FROZEN),
        programme_calendar(embedded(), now=FROZEN),
        itinerary_calendar(plan(programme, ["a", "b", "c", "d", "p1"]), programme, now=FROZEN),
        programme_calendar(programme, now=FROZEN),
        programme_calendar(dst_programme("spring"), now=FROZEN),
    ]
    for calendar in calendars:
        events = both_views(calendar.to_ical())
        assert len(events) == len(calendar.walk("VEVENT"))


def test_whole_programme_has_every_contribution_and_break() -> None:
    programme = embedded()
    events = both_views(programme_calendar(programme, now=FROZEN).to_ical())
    assert len(events) == len(programme.contributions) + len(programme.breaks) == 82
    for contribution in programme.contributions:
        event = events[uid_for(programme, contribution.id)]
        start, end = programme.window(contribution)
        assert (event["start"], event["end"]) == (start, end)
    posters = [e for e in events.values() if e["summary"].startswith("Poster: ")]
    assert len(posters) == 32


def test_ml4astro_instants_in_utc() -> None:
    programme = embedded()
    events = both_views(itinerary_calendar(ml4astro_plan(), programme, now=FROZEN).to_ical())
    # 30 May 2022 in Rome is CEST (UTC+2): the 09:00 invited talk is at 07:00 UTC.
    first = events[uid_for(programme, "28", "me")]
    assert (first["start"], first["end"]) == (utc(2022, 5, 30, 7, 0), utc(2022, 5, 30, 7, 40))
    second = events[uid_for(programme, "1", "me")]
    assert (second["start"], second["end"]) == (utc(2022, 5, 30, 7, 40), utc(2022, 5, 30, 8, 0))


def test_autumn_dst_instants_in_utc() -> None:
    programme = dst_programme("autumn")
    text = itinerary_calendar(plan(programme, ["a", "b", "c", "d", "p1"]), programme, now=FROZEN)
    events = both_views(text.to_ical())

    def span(cid: str) -> tuple[datetime, datetime]:
        event = events[uid_for(programme, cid, "me")]
        return event["start"], event["end"]

    assert span("a") == (utc(2022, 10, 29, 8, 0), utc(2022, 10, 29, 8, 30))  # CEST
    # 01:30 CEST to 03:30 CET: three hours, not two.
    assert span("b") == (utc(2022, 10, 29, 23, 30), utc(2022, 10, 30, 2, 30))
    # The second 02:30 of the night (CET): written in UTC, since a TZID time means the first.
    assert span("c") == (utc(2022, 10, 30, 1, 30), utc(2022, 10, 30, 1, 50))
    assert span("d") == (utc(2022, 10, 31, 9, 0), utc(2022, 10, 31, 9, 40))  # CET
    assert span("p1") == (utc(2022, 10, 31, 12, 0), utc(2022, 10, 31, 12, 8))


def test_spring_dst_instants_in_utc() -> None:
    programme = dst_programme("spring")
    events = both_views(programme_calendar(programme, now=FROZEN).to_ical())

    def span(cid: str) -> tuple[datetime, datetime]:
        event = events[uid_for(programme, cid)]
        return event["start"], event["end"]

    assert span("a") == (utc(2022, 3, 26, 9, 0), utc(2022, 3, 26, 9, 30))  # CET
    # 01:30 CET to 03:30 CEST: one hour, not two.
    assert span("b") == (utc(2022, 3, 27, 0, 30), utc(2022, 3, 27, 1, 30))
    assert span("d") == (utc(2022, 3, 28, 8, 0), utc(2022, 3, 28, 8, 40))  # CEST


def _instants_from_vtimezone(data: bytes) -> dict[str, tuple[datetime, datetime]]:
    """Each event's instants with its local times read through the file's own VTIMEZONE, by
    dateutil's independent VTIMEZONE reader (not through any zone database)."""
    text = data.decode().replace("\r\n ", "")
    zone = tzical(io.StringIO(text)).get("Europe/Rome")
    out = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        uid = re.search(r"^UID:(.*)$", block, re.M)
        assert uid is not None
        moments = []
        for key in ("DTSTART", "DTEND"):
            found = re.search(rf"^{key}(;TZID=Europe/Rome)?:(\d{{8}}T\d{{6}})(Z?)\r?$", block, re.M)
            assert found is not None, block
            local = datetime.strptime(found.group(2), "%Y%m%dT%H%M%S")
            moment = local.replace(tzinfo=zone if found.group(1) else UTC)
            moments.append(moment.astimezone(UTC))
        out[uid.group(1).strip()] = (moments[0], moments[1])
    return out


def test_the_vtimezone_we_write_gives_the_right_instants() -> None:
    for season in ("autumn", "spring"):
        programme = dst_programme(season)
        data = programme_calendar(programme, now=FROZEN).to_ical()
        expected = {u: (e["start"], e["end"]) for u, e in both_views(data).items()}
        assert _instants_from_vtimezone(data) == expected


def test_times_carry_the_conference_tzid_and_a_vtimezone() -> None:
    programme = dst_programme()
    data = itinerary_calendar(plan(programme, ["a", "b", "c", "d", "p1"]), programme, now=FROZEN)
    text = data.to_ical().decode()
    lines = text.split("\r\n")
    times = [line for line in lines if re.match(r"DT(START|END)[;:]", line)]
    event_times = [line for line in times if "TZID" in line or line.endswith("Z")]
    # Every DTSTART/DTEND of an event has a TZID or is UTC; none is floating.
    in_events = [
        line for line in times if not re.fullmatch(r"DTSTART:\d{8}T\d{6}", line)
    ]  # the VTIMEZONE's own DTSTARTs are local by definition
    assert in_events == event_times
    assert len(event_times) == 10
    assert sum("TZID=Europe/Rome" in line for line in event_times) == 8
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Rome" in text
    calendar = Calendar.from_ical(text)
    assert calendar.get_missing_tzids() == set()


def test_text_with_commas_semicolons_backslashes_newlines_and_unicode_survives() -> None:
    programme = dst_programme()
    data = itinerary_calendar(plan(programme, ["a"]), programme, alarm=10, now=FROZEN).to_ical()
    event = both_views(data)[uid_for(programme, "a", "me")]
    assert event["summary"] == TRICKY_TITLE
    assert TRICKY_ABSTRACT in event["description"]
    assert (
        "Ramón García (Universidad de La Laguna, Tenerife); Anja Göhre (Å Institute; Lund)"
        in (event["description"])
    )
    assert event["location"] == "Aula Magna, first floor; east wing"
    assert event["categories"] == ["Morning, part 1; priors"]
    assert event["url"] == "https://example.org/dst/a?x=1&y=2"


def test_long_lines_are_folded_and_lines_end_in_crlf() -> None:
    data = programme_calendar(embedded(), now=FROZEN).to_ical()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert sum(line.startswith(b" ") for line in lines) > 100  # abstracts were folded
    data.decode("utf-8")  # folding never splits a UTF-8 character


def test_description_says_who_which_session_why_and_that_times_are_reconstructed() -> None:
    programme = embedded()
    events = both_views(itinerary_calendar(ml4astro_plan(), programme, now=FROZEN).to_ical())
    event = events[uid_for(programme, "1", "me")]
    contribution = programme.contribution_by_id["1"]
    assert "Speakers: Koraljka Muzic (CENTRA, University of Lisbon)" in event["description"]
    assert "Session: Supervised Learning" in event["description"]
    assert "Why: keyword match for 1; starred" in event["description"]
    assert "Times are reconstructed" in event["description"]
    assert contribution.abstract in event["description"]
    assert event["categories"] == ["Supervised Learning"]
    assert event["location"] == "Main Hall"
    # Published times: no reconstruction note.
    dst = dst_programme()
    dst_event = both_views(itinerary_calendar(plan(dst, ["b"]), dst, now=FROZEN).to_ical())
    assert "reconstructed" not in next(iter(dst_event.values()))["description"]


def test_poster_visit_names_the_board() -> None:
    programme = dst_programme()
    events = both_views(
        itinerary_calendar(plan(programme, ["p1"]), programme, now=FROZEN).to_ical()
    )
    event = events[uid_for(programme, "p1", "me")]
    assert event["summary"] == "Poster: A poster, on board B7"
    assert event["location"] == "Poster Hall, poster board B7"


def test_uids_are_stable_distinct_and_per_attendee() -> None:
    programme = embedded()
    first = both_views(itinerary_calendar(ml4astro_plan(), programme, now=FROZEN).to_ical())
    later = itinerary_calendar(ml4astro_plan(), programme, now=FROZEN + timedelta(days=3))
    assert set(first) == set(both_views(later.to_ical()))
    assert len(first) == 5
    assert "1-me@machine-learning-for-astrophysics-ml4astro-2022.planner" in first
    other = itinerary_calendar(ml4astro_plan(), programme, attendee="Ramón Göhre", now=FROZEN)
    others = set(both_views(other.to_ical()))
    assert "1-ramon-gohre@machine-learning-for-astrophysics-ml4astro-2022.planner" in others
    assert not others & set(first)
    whole = both_views(programme_calendar(programme, now=FROZEN).to_ical())
    assert not set(whole) & set(first)


def test_dtstamp_is_the_injected_clock_in_utc_and_prodid_is_stable() -> None:
    programme = dst_programme()
    rome = datetime(2026, 5, 1, 14, 0, 30, 999, tzinfo=dst_programme().conference.zone)
    calendar = itinerary_calendar(plan(programme, ["a", "b"]), programme, now=rome)
    assert str(calendar["PRODID"]) == PRODID
    for event in both_views(calendar.to_ical()).values():
        assert event["stamp"] == utc(2026, 5, 1, 12, 0, 30)
    assert b"DTSTAMP:20260501T120030Z" in calendar.to_ical()


def test_alarm_minutes_before_each_event() -> None:
    programme = dst_programme()
    with_alarm = itinerary_calendar(plan(programme, ["a", "b"]), programme, alarm=15, now=FROZEN)
    alarms = with_alarm.walk("VALARM")
    assert len(alarms) == 2
    assert all(a.decoded("TRIGGER") == timedelta(minutes=-15) for a in alarms)
    assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)
    from ical.calendar_stream import IcsCalendarStream

    parsed = IcsCalendarStream.calendar_from_ics(with_alarm.to_ical().decode())
    assert [a.trigger for e in parsed.events for a in e.alarm] == [timedelta(minutes=-15)] * 2
    without = itinerary_calendar(plan(programme, ["a", "b"]), programme, now=FROZEN)
    assert without.walk("VALARM") == []
    with pytest.raises(PlannerError, match="--alarm -5"):
        itinerary_calendar(plan(programme, ["a"]), programme, alarm=-5, now=FROZEN)


def test_an_item_not_in_the_programme_is_named() -> None:
    programme = dst_programme()
    start = datetime(2022, 10, 29, 10, tzinfo=UTC)
    stray = PlannedItem(id="zz-404", kind="talk", start=start, end=start, room="X", score=1)
    with pytest.raises(PlannerError, match="zz-404"):
        itinerary_calendar(Itinerary(status="optimal", items=[stray]), programme, now=FROZEN)


def test_an_empty_plan_is_a_valid_calendar() -> None:
    calendar = itinerary_calendar(Itinerary(status="optimal"), embedded(), now=FROZEN)
    assert both_views(calendar.to_ical()) == {}


def test_distinct_ids_never_share_a_uid() -> None:
    programme = embedded()
    ids = ["1", "A 1", "a-1", "a 1", "a.1", "a_1", "Ramón/7", "ramon-7", "x" * 3]
    uids = [uid_for(programme, i, "me") for i in ids]
    assert len(set(uids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+@[a-z0-9.-]+", u) for u in uids)
    assert uid_for(programme, "1", "me") == uid_for(programme, "1", "me")


def test_breaks_on_the_days_of_the_plan_as_free_time() -> None:
    programme = embedded()
    itinerary = plan(programme, ["1"])  # Monday 30 May only
    calendar = itinerary_calendar(itinerary, programme, now=FROZEN, breaks=True)
    events = both_views(calendar.to_ical())
    monday = [b for b in programme.breaks if b.start.date().isoformat() == "2022-05-30"]
    assert len(events) == 1 + len(monday) and len(monday) >= 3
    for pause in monday:
        event = events[uid_for(programme, f"break-{pause.id}", "me")]
        assert (event["start"], event["end"], event["summary"]) == (
            pause.start,
            pause.end,
            pause.title,
        )
    transparency = {str(e["UID"]): str(e["TRANSP"]) for e in calendar.walk("VEVENT")}
    assert transparency.pop(uid_for(programme, "1", "me")) == "OPAQUE"
    assert set(transparency.values()) == {"TRANSPARENT"}
    assert len(itinerary_calendar(itinerary, programme, now=FROZEN).walk("VEVENT")) == 1


@pytest.mark.parametrize(
    "zone_name",
    ["UTC", "Asia/Kolkata", "America/St_Johns", "Australia/Lord_Howe", "America/New_York"],
)
def test_any_conference_zone_round_trips_through_its_vtimezone(zone_name: str) -> None:
    """A talk at 10:00 on the 1st of every month of 2022, in zones with no DST, half-hour
    offsets and half-hour DST: same instants from both parsers and from the VTIMEZONE."""
    zone = ZoneInfo(zone_name)
    days = [date(2022, month, 1) for month in range(1, 13)]
    sessions, talks = [], []
    for n, day in enumerate(days):
        start = datetime.combine(day, time(10), tzinfo=zone)
        sessions.append(
            {
                "id": f"s{n}",
                "title": "S",
                "kind": "contributed",
                "room": "R",
                "start": start.isoformat(),
                "end": (start + timedelta(hours=1)).isoformat(),
            }
        )
        talks.append(
            {
                "id": f"t{n}",
                "title": f"Talk {n}",
                "kind": "talk",
                "session": f"s{n}",
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=30)).isoformat(),
            }
        )
    programme = Programme.model_validate(
        {
            "conference": {"name": "Zones", "timezone": zone_name, "days": days},
            "rooms": [{"name": "R"}],
            "sessions": sessions,
            "contributions": talks,
        }
    )
    data = programme_calendar(programme, now=FROZEN).to_ical()
    events = both_views(data)
    for n, day in enumerate(days):
        expected = datetime.combine(day, time(10), tzinfo=zone).astimezone(UTC)
        assert events[uid_for(programme, f"t{n}")]["start"] == expected
    if zone_name != "UTC":
        text = data.decode().replace("\r\n ", "")
        reader = tzical(io.StringIO(text)).get(zone_name)
        for n, day in enumerate(days):
            local = datetime.combine(day, time(10), tzinfo=reader)
            assert local.astimezone(UTC) == events[uid_for(programme, f"t{n}")]["start"]
    else:
        assert b"BEGIN:VTIMEZONE" not in data and b"DTSTART:20220101T100000Z" in data
