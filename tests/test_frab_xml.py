"""frab/Pentabarf schedule.xml: mapping, time zones, untidy data, safety."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from planner.errors import ProgrammeError
from planner.sources import import_programme

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>testconf</acronym>
    <title>Test Conference</title>
    <city>Brussels</city>
    <venue>ULB</venue>
    <start>2024-03-30</start>
    <end>2024-03-31</end>
    <days>2</days>
    {zone}
    <base_url>https://example.org/schedule/</base_url>
  </conference>
"""


def event(
    ident: str,
    when: str,
    duration: str = "00:30",
    title: str = "A talk",
    room: str = "H.1",
    track: str = "Go",
    guid: str = "",
    extra: str = "",
) -> str:
    return f"""
      <event id="{ident}" guid="{guid}">
        <date>{when}</date><start>{when[11:16]}</start><duration>{duration}</duration>
        <room>{room}</room><slug>s-{ident}</slug><title>{title}</title>
        <subtitle>Sub {ident}</subtitle><track>{track}</track><type>lecture</type>
        <language>en</language>
        <abstract>&lt;p&gt;Abstract {ident} &amp;amp; more.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</abstract>
        <description>Description {ident}</description>
        <persons><person id="1">Ada Lovelace</person><person id="2">Alan Turing</person></persons>
        <links><link href="https://example.org/e/{ident}">Page</link></links>
        {extra}
      </event>"""


def schedule(days: str, zone: str = "<time_zone_name>Europe/Brussels</time_zone_name>") -> str:
    return HEAD.format(zone=zone) + days + "\n</schedule>\n"


def day(when: str, rooms: str, start: str = "", end: str = "", index: int = 1) -> str:
    bounds = f' start="{start}" end="{end}"' if start else ""
    return f'<day index="{index}" date="{when}"{bounds}>{rooms}</day>'


def room(name: str, events: str) -> str:
    return f'<room name="{name}">{events}</room>'


def write(tmp_path: Path, text: str, name: str = "schedule.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_maps_events_to_contributions(tmp_path: Path) -> None:
    text = schedule(
        day(
            "2024-03-30",
            room(
                "H.1",
                event("10", "2024-03-30T10:00:00+01:00")
                + event("11", "2024-03-30T10:30:00+01:00", track="Go"),
            )
            + room("K.2", event("12", "2024-03-30T10:00:00+01:00", room="K.2", track="Rust")),
            "2024-03-30T09:00:00+01:00",
            "2024-03-31T04:00:00+02:00",
        )
    )
    imported = import_programme(write(tmp_path, text))
    programme = imported.programme
    assert imported.format == "frab schedule XML"
    assert (imported.events, imported.rooms, imported.days, imported.warnings) == (3, 2, 1, ())
    assert programme.conference.name == "Test Conference"
    assert programme.conference.timezone == "Europe/Brussels"
    assert programme.conference.city == "Brussels"
    talk = programme.contribution_by_id["10"]
    assert talk.kind == "talk"
    assert talk.title == "A talk"
    assert [s.name for s in talk.speakers] == ["Ada Lovelace", "Alan Turing"]
    assert talk.abstract == "Sub 10\n\nAbstract 10 & more.\n\nSecond.\n\nDescription 10"
    assert talk.url == "https://example.org/e/10"
    assert talk.track == "Go"
    assert talk.event_type == "lecture"
    assert talk.start == datetime(2024, 3, 30, 9, 0, tzinfo=UTC)
    assert talk.end is not None and talk.end - talk.start == timedelta(minutes=30)
    # one session per run of a track in a room on a day, titled with the track
    assert programme.session_of(talk).title == "Go"
    assert programme.session_of(talk) == programme.session_of(programme.contribution_by_id["11"])
    assert programme.session_of(programme.contribution_by_id["12"]).title == "Rust"
    assert programme.room_of(programme.contribution_by_id["12"]) == "K.2"
    assert programme.room_overlaps == "error"


def test_times_across_a_dst_change_keep_their_instants(tmp_path: Path) -> None:
    # Brussels moves from +01:00 to +02:00 in the night of 30 to 31 March 2024.
    text = schedule(
        day("2024-03-30", room("H.1", event("1", "2024-03-30T10:00:00+01:00")))
        + day("2024-03-31", room("H.1", event("2", "2024-03-31T10:00:00+02:00")), index=2)
    )
    programme = import_programme(write(tmp_path, text)).programme
    first, second = (programme.contribution_by_id[i] for i in ("1", "2"))
    assert first.start == datetime(2024, 3, 30, 9, 0, tzinfo=UTC)
    assert second.start == datetime(2024, 3, 31, 8, 0, tzinfo=UTC)
    assert programme.local(first.start).hour == programme.local(second.start).hour == 10
    assert programme.local(second.start).utcoffset() == timedelta(hours=2)
    assert programme.conference.days == [date(2024, 3, 30), date(2024, 3, 31)]


def test_clock_times_without_a_date_are_read_in_the_named_zone(tmp_path: Path) -> None:
    text = schedule(
        day(
            "2024-03-31",
            room(
                "H.1",
                """<event id="5"><start>03:30</start><duration>00:30</duration>
                <title>Night</title></event>""",
            ),
        )
    ).replace("<base_url>", "<day_change>04:00</day_change><base_url>")
    programme = import_programme(write(tmp_path, text)).programme
    talk = programme.contribution_by_id["5"]
    # 03:30 is before the 04:00 day change: the next morning, 1 April, at +02:00
    assert talk.start == datetime(2024, 4, 1, 1, 30, tzinfo=UTC)
    assert programme.day_of(talk) == date(2024, 3, 31)
    assert talk.day == date(2024, 3, 31)


def test_offsets_only_keep_the_offsets(tmp_path: Path) -> None:
    text = schedule(
        day(
            "2014-12-27", room("Saal 1", event("1", "2014-12-27T23:30:00+01:00", duration="01:00"))
        ),
        zone="",
    )
    programme = import_programme(write(tmp_path, text)).programme
    talk = programme.contribution_by_id["1"]
    assert programme.conference.timezone == "Etc/GMT-1"
    assert talk.start is not None and talk.start.utcoffset() == timedelta(hours=1)
    assert talk.start == datetime(2014, 12, 27, 22, 30, tzinfo=UTC)


def test_an_offset_without_a_zone_name_is_kept_and_reported(tmp_path: Path) -> None:
    text = schedule(day("2024-01-10", room("A", event("1", "2024-01-10T10:00:00+05:30"))), zone="")
    imported = import_programme(write(tmp_path, text))
    talk = imported.programme.contribution_by_id["1"]
    assert talk.start is not None and talk.start.utcoffset() == timedelta(hours=5, minutes=30)
    assert imported.programme.conference.timezone == "UTC"
    assert any("UTC+05:30 has no zone name" in w for w in imported.warnings)


def test_untidy_data_is_kept_with_warnings(tmp_path: Path) -> None:
    events = (
        event("1", "2024-03-30T10:00:00+01:00", duration="PT45M")  # ISO 8601 duration
        + event("", "2024-03-30T11:00:00+01:00", title="No id here")  # missing id
        + event("3", "2024-03-30T12:00:00+01:00", duration="00:00")  # zero-length
        + event("3", "2024-03-30T12:30:00+01:00", title="Same id")  # repeated id
        + event("5", "2024-03-30T12:40:00+01:00", title="Overlapping")  # overlaps 'Same id'
        + event("6", "2024-04-02T10:00:00+02:00", title="Elsewhere")  # outside its day
    )
    text = schedule(day("2024-03-30", room("H.1", events)))
    imported = import_programme(write(tmp_path, text))
    programme = imported.programme
    assert imported.events == 6
    ids = [c.id for c in programme.contributions]
    assert ids == ["1", "no-id-here", "3", "3-2", "5", "6"]
    first = programme.contribution_by_id["1"]
    assert first.end is not None and first.start is not None
    assert first.end - first.start == timedelta(minutes=45)
    zero = programme.contribution_by_id["3"]
    assert zero.start == zero.end
    assert programme.room_overlaps == "allow"
    elsewhere = programme.contribution_by_id["6"]
    assert programme.day_of(elsewhere) == date(2024, 3, 30)
    assert programme.conference.days == [date(2024, 3, 30)]
    text_of = "\n".join(imported.warnings)
    assert "1 event has no id" in text_of
    assert "zero-length" in text_of
    assert "id '3' is used by 2 events" in text_of and "renamed 3-2" in text_of
    assert "events 3-2 'Same id' and 5 'Overlapping' overlap in room 'H.1'" in text_of
    assert "event 6 'Elsewhere': dated 2024-04-02 10:00 but listed under day 2024-03-30" in text_of
    assert len(imported.warnings) == 5
    assert elsewhere.notes and "2024-04-02" in elsewhere.notes[0]


def test_guid_names_an_event_without_id(tmp_path: Path) -> None:
    text = schedule(
        day("2024-03-30", room("H.1", event("", "2024-03-30T10:00:00+01:00", guid="abc-123")))
    )
    programme = import_programme(write(tmp_path, text)).programme
    assert [c.id for c in programme.contributions] == ["abc-123"]


def test_sniffs_content_not_extension(tmp_path: Path) -> None:
    text = schedule(day("2024-03-30", room("H.1", event("1", "2024-03-30T10:00:00+01:00"))))
    imported = import_programme(write(tmp_path, text, name="programme.yaml"))
    assert imported.format == "frab schedule XML"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<schedule><conference><title>&lol2;</title></conference></schedule>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_entities_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ProgrammeError, match="refused: the XML declares entities"):
        import_programme(write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>hello</body></html>", "expected a frab/Pentabarf schedule.xml.*<html>"),
        ("<schedule><conference/></schedule>", "it has no <day> elements"),
        ("<schedule><day date='2024-01-01'></day>", "not well-formed XML"),
        (schedule(day("2024-03-30", room("H.1", ""))), "with no events"),
        (
            schedule(
                day(
                    "2024-03-30",
                    room("H.1", event("1", "2024-03-30T10:00:00+01:00", duration="half an hour")),
                )
            ),
            "event 1 'A talk': duration 'half an hour' is neither HH:MM nor ISO 8601",
        ),
    ],
)
def test_unusable_files_get_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProgrammeError, match=message) as caught:
        import_programme(path)
    assert str(path) in str(caught.value)
