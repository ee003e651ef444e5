"""Programmes published as iCalendar files (``--programme FILE.ics``).

No real exported calendar is at hand. The inline calendars are written the way the tools write
them, from their sources:

- Indico's event export with contributions (``/export/event/ID.ics?scope=contribution``,
  ``indico/modules/events/ical.py``): PRODID ``-//CERN//INDICO//EN``, no calendar name, one
  VEVENT per contribution with UID ``indico-contribution-ID@host``, times in UTC, LOCATION
  ``Room (Venue)``, and a DESCRIPTION of paragraphs: ``Speakers: Name (Affiliation), ...``,
  the description as text, then the contribution's URL (also in URL).
- pretalx's schedule ``.ics`` (``/schedule/export/schedule.ics``): PRODID ``-//pretalx//host//
  slug``, a VTIMEZONE for the event's zone and DTSTART/DTEND with its TZID, UID
  ``pretalx-SLUG-CODE@host``, SUMMARY ``Title - Speaker names``, LOCATION the room, DESCRIPTION
  the abstract, URL the talk's page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from export_support import dst_programme
from planner.cli import main
from planner.errors import ProgrammeError
from planner.model import Contribution, Link, Programme, Speaker
from planner.model.io import write_programme
from planner.sources import import_programme

INDICO = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//CERN//INDICO//EN
BEGIN:VEVENT
SUMMARY:Neural posterior estimation for lensing
DTSTART:20240910T070000Z
DTEND:20240910T072000Z
DTSTAMP:20240901T120000Z
UID:indico-contribution-4711@indico.example.org
URL:https://indico.example.org/event/1234/contributions/4711/
LOCATION:Main Auditorium (CERN\\, Geneva)
ORGANIZER;CN="Conference Office":mailto:office@example.org
DESCRIPTION:Speakers: Ada Lovelace (University of Geneva\\, Switzerland)\\, B
 o Chen\\n\\nWe estimate lens parameters with normalising flows.\\n\\nhttps:/
 /indico.example.org/event/1234/contributions/4711/
END:VEVENT
BEGIN:VEVENT
SUMMARY:Simulation-based inference in cosmology
DTSTART:20240910T073000Z
DTEND:20240910T075000Z
DTSTAMP:20240901T120000Z
UID:indico-contribution-4712@indico.example.org
URL:https://indico.example.org/event/1234/contributions/4712/
LOCATION:Main Auditorium (CERN\\, Geneva)
DESCRIPTION:https://indico.example.org/event/1234/contributions/4712/
STATUS:CANCELLED
END:VEVENT
END:VCALENDAR
"""

PRETALX = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//pretalx//pretalx.example.org//pycon-de-2024
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
SUMMARY:Typed Python at scale - Ada Lovelace, Grace Hopper
DTSTART;TZID=Europe/Berlin:20241026T093000
DTEND;TZID=Europe/Berlin:20241026T100000
DTSTAMP:20241001T120000Z
UID:pretalx-pycon-de-2024-QWE7XY@pretalx.example.org
LOCATION:Hall A
DESCRIPTION:Types help large code bases.
URL:https://pretalx.example.org/pycon-de-2024/talk/QWE7XY/
END:VEVENT
BEGIN:VEVENT
SUMMARY:After the change - Grace Hopper
DTSTART;TZID=Europe/Berlin:20241027T093000
DTEND;TZID=Europe/Berlin:20241027T101500
DTSTAMP:20241001T120000Z
UID:pretalx-pycon-de-2024-ZZZ111@pretalx.example.org
LOCATION:Hall B
DESCRIPTION:Clocks went back overnight.
URL:https://pretalx.example.org/pycon-de-2024/talk/ZZZ111/
END:VEVENT
END:VCALENDAR
"""


def write(tmp_path: Path, text: str, name: str = "programme.ics") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8", newline="")
    return path


def vevent(uid: str, summary: str, start: str, end: str, *extra: str) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{summary}", f"DTSTART{start}"]
    lines += [f"DTEND{end}", "DTSTAMP:20260101T000000Z", *extra, "END:VEVENT"]
    return "\n".join(lines)


def calendar(*events: str, head: str = "") -> str:
    body = "\n".join(events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//Shared//EN\n{head}{body}\nEND:VCALENDAR\n"


def test_indico_event_export(tmp_path: Path) -> None:
    """Written as Indico writes its event export with contributions."""
    imported = import_programme(write(tmp_path, INDICO, "event-1234.ics"))
    programme = imported.programme
    assert imported.format == "iCalendar programme"
    assert programme.conference.name == "event-1234"
    assert any("no name (X-WR-CALNAME)" in w for w in imported.warnings)
    first = programme.contribution_by_id["indico-contribution-4711@indico.example.org"]
    assert first.title == "Neural posterior estimation for lensing"
    assert first.start == datetime(2024, 9, 10, 7, 0, tzinfo=UTC)
    assert programme.room_of(first) == "Main Auditorium (CERN, Geneva)"
    assert [(s.name, s.affiliation) for s in first.speakers] == [
        ("Ada Lovelace", "University of Geneva, Switzerland"),
        ("Bo Chen", None),
    ]
    assert first.abstract == "We estimate lens parameters with normalising flows."
    assert first.url == "https://indico.example.org/event/1234/contributions/4711/"
    second = programme.contribution_by_id["indico-contribution-4712@indico.example.org"]
    assert second.cancelled
    assert second.abstract == ""
    assert second.speakers == []  # the organizer of the event is not a speaker here


def test_pretalx_schedule_ics(tmp_path: Path) -> None:
    """Written as pretalx writes its schedule .ics; 27 October 2024 is after the clocks went back."""
    programme = import_programme(write(tmp_path, PRETALX)).programme
    assert programme.conference.timezone == "Europe/Berlin"
    first = programme.contribution_by_id["pretalx-pycon-de-2024-QWE7XY@pretalx.example.org"]
    assert first.title == "Typed Python at scale"
    assert [s.name for s in first.speakers] == ["Ada Lovelace", "Grace Hopper"]
    assert first.start == datetime(2024, 10, 26, 7, 30, tzinfo=UTC)
    assert programme.room_of(first) == "Hall A"
    assert first.abstract == "Types help large code bases."
    assert first.url == "https://pretalx.example.org/pycon-de-2024/talk/QWE7XY/"
    second = programme.contribution_by_id["pretalx-pycon-de-2024-ZZZ111@pretalx.example.org"]
    assert second.start == datetime(2024, 10, 27, 8, 30, tzinfo=UTC)
    assert second.end == datetime(2024, 10, 27, 9, 15, tzinfo=UTC)
    assert [str(d) for d in programme.conference.days] == ["2024-10-26", "2024-10-27"]


def test_shared_calendar_fields(tmp_path: Path) -> None:
    """A calendar shared from a calendar program: attendees, categories, a name, a zone."""
    text = calendar(
        vevent(
            "talk-1@example.org",
            "Opening",
            ";TZID=Europe/Rome:20220530T090000",
            ";TZID=Europe/Rome:20220530T093000",
            "LOCATION:Aula Magna",
            "CATEGORIES:Plenary,Welcome",
            'ATTENDEE;CN="Ada Lovelace";ROLE=REQ-PARTICIPANT:mailto:ada@example.org',
            "ORGANIZER;CN=Bo Chen:mailto:bo@example.org",
            "DESCRIPTION:Welcome to the workshop.",
        ),
        head="X-WR-CALNAME:Astro Workshop 2022\n",
    )
    programme = import_programme(write(tmp_path, text)).programme
    assert programme.conference.name == "Astro Workshop 2022"
    assert programme.conference.timezone == "Europe/Rome"
    talk = programme.contribution_by_id["talk-1@example.org"]
    assert talk.track == "Plenary"
    assert programme.session_of(talk).title == "Plenary"
    assert [s.name for s in talk.speakers] == ["Ada Lovelace", "Bo Chen"]
    assert talk.start == datetime(2022, 5, 30, 7, 0, tzinfo=UTC)


def test_floating_times_in_the_calendar_zone(tmp_path: Path) -> None:
    text = calendar(
        vevent("a@x", "Talk A", ":20260131T093000", ":20260131T100000", "LOCATION:H.1302"),
        head="X-WR-CALNAME:Some meeting\nX-WR-TIMEZONE:Europe/Brussels\n",
    )
    programme = import_programme(write(tmp_path, text)).programme
    assert programme.conference.timezone == "Europe/Brussels"
    assert programme.contribution_by_id["a@x"].start == datetime(2026, 1, 31, 8, 30, tzinfo=UTC)


def test_floating_times_without_a_zone_follow_the_zone_rules(tmp_path: Path) -> None:
    """No X-WR-TIMEZONE: the clock times are local times of the place the calendar names, or
    of an unknown zone when it names none (as for frab XML without offsets)."""
    event = vevent("a@x", "Talk A", ":20260131T093000", ":20260131T100000")
    placed = import_programme(write(tmp_path, calendar(event, head="X-WR-CALNAME:Brussels Days\n")))
    assert placed.programme.conference.timezone == "Europe/Brussels"
    unknown = import_programme(write(tmp_path, calendar(event), "other.ics"))
    assert not unknown.programme.conference.zone_known
    assert any("unknown zone" in w for w in unknown.warnings)
    zoned = import_programme(write(tmp_path, calendar(event), "given.ics"), zone="Europe/Berlin")
    assert zoned.programme.contribution_by_id["a@x"].start == datetime(
        2026, 1, 31, 8, 30, tzinfo=UTC
    )


def test_recurring_and_all_day_events_are_reported_and_left_out(tmp_path: Path) -> None:
    text = calendar(
        vevent("talk@x", "Real talk", ":20260131T093000Z", ":20260131T100000Z"),
        vevent(
            "daily@x",
            "Daily stand-up",
            ":20260131T080000Z",
            ":20260131T081500Z",
            "RRULE:FREQ=DAILY",
        ),
        vevent("day@x", "Excursion", ";VALUE=DATE:20260201", ";VALUE=DATE:20260202"),
    )
    imported = import_programme(write(tmp_path, text))
    assert [c.id for c in imported.programme.contributions] == ["talk@x"]
    assert any(
        "1 recurring event left out" in w and "Daily stand-up" in w for w in imported.warnings
    )
    assert any("1 all-day event left out" in w and "Excursion" in w for w in imported.warnings)


def test_cancelled_events_are_kept_as_cancelled(tmp_path: Path) -> None:
    text = calendar(
        vevent("a@x", "Kept", ":20260131T093000Z", ":20260131T100000Z", "STATUS:CONFIRMED"),
        vevent("b@x", "Gone", ":20260131T100000Z", ":20260131T103000Z", "STATUS:CANCELLED"),
    )
    programme = import_programme(write(tmp_path, text)).programme
    assert [(c.id, c.cancelled) for c in programme.contributions] == [("a@x", False), ("b@x", True)]


def test_show_json_contract(tmp_path: Path) -> None:
    """`planner show --json --programme FILE.ics`: ids from UIDs, rooms from LOCATION,
    instants as the calendar gives them."""
    path = write(tmp_path, PRETALX)
    result = CliRunner().invoke(main, ["show", "--json", "--programme", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shown = {c["id"]: (c["room"], c["start"]) for c in data["contributions"]}
    assert shown == {
        "pretalx-pycon-de-2024-QWE7XY@pretalx.example.org": ("Hall A", "2024-10-26T09:30:00+02:00"),
        "pretalx-pycon-de-2024-ZZZ111@pretalx.example.org": ("Hall B", "2024-10-27T09:30:00+01:00"),
    }


def _spoken(contribution: Contribution) -> str:
    return "".join("; ".join(map(str, contribution.speakers)).split())


def _round_trip(tmp_path: Path, source: Path | None) -> None:
    """``planner export --programme-ics`` read back: the planner's own UIDs ('ID@conf.planner')
    give back the ids, and titles, rooms, instants, speakers, links and breaks survive."""
    ics = tmp_path / "programme.ics"
    args = ["export", "--programme-ics", str(ics)]
    if source is not None:
        args += ["--programme", str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    before = import_programme(source).programme
    after = import_programme(ics).programme
    assert after.conference.name == before.conference.name
    assert after.conference.timezone == before.conference.timezone
    assert after.conference.days == before.conference.days
    old = {c.id: c for c in before.contributions}
    new = {c.id: c for c in after.contributions}
    assert set(new) == set(old)
    for ident, contribution in old.items():
        back = new[ident]
        assert back.title == contribution.title
        assert after.room_of(back) == before.room_of(contribution)
        assert after.window(back) == before.window(contribution)
        assert back.cancelled == contribution.cancelled
        assert back.url == contribution.url
        assert back.abstract == contribution.abstract
        # a name written "Ada ( Lab )" comes back as Ada of Lab: the same text but for spaces
        assert _spoken(back) == _spoken(contribution)
    assert [(b.title, b.start, b.end) for b in after.breaks] == [
        (b.title, b.start, b.end) for b in before.breaks
    ]


def test_round_trip_of_the_embedded_programme(tmp_path: Path) -> None:
    _round_trip(tmp_path, None)


def test_round_trip_of_fosdem_2026(tmp_path: Path, real_file: Callable[[str], Path]) -> None:
    _round_trip(tmp_path, real_file("fosdem-2026.schedule.xml"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "holds no event with a time of day"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", "unreadable iCalendar file"),
        (
            calendar(vevent("a@x", "T", ":notadate", ":20260131T100000Z")),
            "event a@x 'T': an unreadable time",
        ),
        (
            calendar("BEGIN:VEVENT\nUID:a@x\nSUMMARY:T\nEND:VEVENT"),
            "event a@x 'T' has no DTSTART",
        ),
        (
            calendar(vevent("d@x", "Day", ";VALUE=DATE:20260201", ";VALUE=DATE:20260202")),
            "only recurring or all-day ones",
        ),
        ("BEGIN:VCALENDAR\n" * 5000 + "END:VCALENDAR\n" * 5000, "programme.ics"),
        (
            calendar(vevent("a@x", "T", ":20260131T093000", ":20260131T100000Z")),
            "one of its times is floating",
        ),
    ],
)
def test_junk_calendars_get_one_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ProgrammeError, match=r"programme\.ics") as caught:
        import_programme(write(tmp_path, text))
    assert message in str(caught.value)


def test_junk_calendar_on_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:yesterday\n")
    result = CliRunner().invoke(main, ["show", "--programme", str(path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "not a programme this planner reads as a calendar" in result.output


def show(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["show", "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def by_key(data: dict[str, Any]) -> dict[str, Any]:
    """What ``show --json`` says of a programme, its lists keyed by id (room: name): a
    calendar lists events in time, not in the programme's order."""
    keys = {"rooms": "name", "sessions": "id", "breaks": "id", "contributions": "id"}
    found = {name: {item[key]: item for item in data[name]} for name, key in keys.items()}
    return {"conference": data["conference"], **found}


def exported(tmp_path: Path, *programme: str) -> Path:
    ics = tmp_path / "programme.ics"
    result = CliRunner().invoke(main, ["export", "--programme-ics", str(ics), *programme])
    assert result.exit_code == 0, result.output
    return ics


def test_ml4astro_read_back_from_its_calendar_keeps_posters_sessions_and_speakers(
    tmp_path: Path,
) -> None:
    ics = exported(tmp_path)
    before, after = show(), show("--programme", str(ics))
    kinds = Counter(c["kind"] for c in after["contributions"])
    assert kinds == Counter(c["kind"] for c in before["contributions"])
    assert kinds["poster"] == 32 and kinds["invited"] == 7  # not turned into talks
    posters = [c for c in after["contributions"] if c["kind"] == "poster"]
    assert all(p["poster_session"] == p["session_id"] for p in posters)  # over its session
    assert all(s["times_reconstructed"] for s in after["sessions"])  # still said so
    assert by_key(after) == by_key(before)  # and all the rest: every field of every item


def test_a_plan_on_the_programme_read_back_is_the_same_plan(tmp_path: Path) -> None:
    ics = exported(tmp_path)
    args = ["plan", "--json", "--keyword", "anomaly detection", "--keyword", "radio galaxies"]
    plans = []
    for extra in ([], ["--programme", str(ics)]):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.output
        plans.append(json.loads(result.stdout))
    before, after = plans
    assert after["objective"] == before["objective"]
    assert [(i["id"], i["kind"], i["start"]) for i in after["items"]] == [
        (i["id"], i["kind"], i["start"]) for i in before["items"]
    ]
    assert "poster-visit" in {i["kind"] for i in after["items"]}


def test_fosdem_2026_read_back_from_its_calendar_is_the_same_programme(
    tmp_path: Path, real_file: Callable[[str], Path]
) -> None:
    source = str(real_file("fosdem-2026.schedule.xml"))
    ics = exported(tmp_path, "--programme", source)
    # names with brackets ('Alexios Zavras (zvr)'), link titles with ': ', a session title
    # with a no-break space: all as they were
    assert by_key(show("--programme", str(ics))) == by_key(show("--programme", source))


def test_awkward_ids_names_links_and_a_cancelled_poster_survive(
    tmp_path: Path, ml4astro: Programme
) -> None:
    poster = next(c for c in ml4astro.contributions if c.is_poster)
    talk = ml4astro.contribution_by_id["16"]
    changed = {
        poster.id: poster.model_copy(update={"cancelled": True, "recorded": False}),
        talk.id: talk.model_copy(
            update={
                "id": "A 1; b,c",
                "speakers": [Speaker(name="Alexios Zavras (zvr)"), Speaker(name="Ada  Two")],
                "links": [Link(url="https://x.example/a", title="Slides: part 1, \\ two")],
                "track": "Time domain; anomalies",
                "recorded": True,
                "notes": ["Moved from Tuesday."],
            }
        ),
    }
    contributions = [changed.get(c.id, c) for c in ml4astro.contributions]
    programme = ml4astro.model_copy(update={"contributions": contributions})
    source = tmp_path / "awkward.yaml"
    write_programme(programme, source)
    ics = exported(tmp_path, "--programme", str(source))
    after = show("--programme", str(ics))
    assert by_key(after) == by_key(show("--programme", str(source)))
    back = {c["id"]: c for c in after["contributions"]}
    assert back[poster.id]["kind"] == "poster" and back[poster.id]["cancelled"] is True
    assert back[poster.id]["title"] == poster.title  # without 'Cancelled: Poster: '
    assert back["A 1; b,c"]["speakers"][0] == {"name": "Alexios Zavras (zvr)", "affiliation": None}


def test_planner_properties_that_do_not_read_are_passed_over(tmp_path: Path) -> None:
    """A hand-edited calendar of ours: a speakers property that is not the JSON it should be
    gives way to the description, an unknown kind is a talk, a poster with no session a talk."""
    own = calendar(
        vevent(
            "1@conf.planner",
            "Poster: A poster without a session",
            ":20260301T090000Z",
            ":20260301T100000Z",
            "X-PLANNER-KIND:poster",
            "DESCRIPTION:Speakers: Ada (Lab)\\nSession: Posters",
        ),
        vevent(
            "2@conf.planner",
            "A talk",
            ":20260301T100000Z",
            ":20260301T102000Z",
            "X-PLANNER-SESSION:s",
            "X-PLANNER-KIND:keynote",
            "X-PLANNER-SESSION-START:not a time",
            "X-PLANNER-SPEAKERS:[{'name': 'Bo'}]",
            "DESCRIPTION:Speakers: Bo (Uni)\\nSession: Talks\\n\\nThe abstract.",
        ),
        head="X-WR-CALNAME:Conf\nX-WR-TIMEZONE:UTC\n",
    ).replace("PRODID:-//Example//Shared//EN", "PRODID:-//planner//Conference itinerary//EN")
    programme = import_programme(write(tmp_path, own)).programme
    first, second = programme.contribution_by_id["1"], programme.contribution_by_id["2"]
    assert (first.kind, first.title, [str(s) for s in first.speakers]) == (
        "talk",
        "A poster without a session",
        ["Ada (Lab)"],
    )
    assert (second.kind, [str(s) for s in second.speakers]) == ("talk", ["Bo (Uni)"])
    assert programme.session_of(second).id == "s"
    assert programme.window(second) == (
        datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 10, 20, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("season", "utc"), [("autumn", False), ("spring", False), ("autumn", True)]
)
def test_a_programme_across_a_dst_change_reads_back_at_the_same_instants(
    tmp_path: Path, season: str, utc: bool
) -> None:
    """The night the clocks go back, events in the repeated hour are written in UTC (and with
    --ics-utc all are): read back, the programme is still in Europe/Rome, at the same
    instants."""
    source = tmp_path / "dst.yaml"
    write_programme(dst_programme(season), source)
    ics = exported(tmp_path, "--programme", str(source), *(["--ics-utc"] if utc else []))
    before, after = by_key(show("--programme", str(source))), by_key(show("--programme", str(ics)))
    assert after["conference"]["timezone"] == "Europe/Rome"
    assert after["contributions"] == before["contributions"]
    assert after["sessions"] == before["sessions"]
    assert after["breaks"] == before["breaks"]
    assert after["conference"] == before["conference"]
