"""Property tests: any title, abstract or speaker survives every export format unchanged.

The calendar is read by three parsers, which must agree on every event: icalendar (which the
planner writes with), the independent ``ical`` package, and vobject. vobject agrees with the
two others on every example tried when it was added (1,500 of the texts below and 1,500 of
all of Unicode, as test_export_ics_unambiguous.py draws them, "\\N", U+2028 and U+0085
included); no quirk of its showed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from export_support import FROZEN, both_views, plan, view_vobject
from planner.export.agenda import html_agenda, markdown_agenda
from planner.export.ics import itinerary_calendar, uid_for
from planner.itinerary import LeftOut
from planner.model.programme import Programme
from test_export_agenda import _read

# Any printable text plus newlines and tabs (iCalendar TEXT cannot hold other control characters).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
    | st.sampled_from("\n\t,;:\\\"'<>&|*_`#[]()!-+=~"),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() != "" and "\\N" not in s)
# A backslash before a capital N is left out: the icalendar library writes and reads the text
# "\N" as a line break (its escaping rules take "\N" for the escape of one), so no calendar it
# writes can hold those two characters; no conference text is expected to.


def _programme(title: str, abstract: str, speaker: str, room: str) -> Programme:
    data: dict[str, Any] = {
        "conference": {"name": "Props", "timezone": "Europe/Rome", "days": ["2022-10-30"]},
        "rooms": [{"name": room}],
        "sessions": [
            {
                "id": "s",
                "title": title,
                "kind": "contributed",
                "room": room,
                "start": "2022-10-30T01:00:00+02:00",
                "end": "2022-10-30T04:00:00+01:00",
            },
        ],
        "contributions": [
            {
                "id": "t",
                "title": title,
                "kind": "talk",
                "session": "s",
                "abstract": abstract,
                "speakers": [{"name": speaker, "affiliation": abstract[:20]}],
                "start": "2022-10-30T01:30:00+02:00",
                "end": "2022-10-30T03:30:00+01:00",
            },
        ],
    }
    return Programme.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, abstract=TEXT, speaker=TEXT, room=TEXT)
def test_any_text_survives_the_calendar(title: str, abstract: str, speaker: str, room: str) -> None:
    programme = _programme(title, abstract, speaker, room)
    data = itinerary_calendar(plan(programme, ["t"]), programme, alarm=5, now=FROZEN).to_ical()
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    event = both_views(data)[uid_for(programme, "t", "me")]
    assert event["summary"] == title
    assert event["location"] == room
    assert abstract in event["description"] and speaker in event["description"]
    assert view_vobject(data)[uid_for(programme, "t", "me")] == event


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, reason=TEXT, room=TEXT)
@example(title="# Not a heading", reason="1. not a list", room="> not a quote")
@example(title="- not a list", reason="+ nor this", room="12) nor this")
@example(title="<b>bold</b> & &amp; `code` *em* [link](x)", reason="a | b", room="\\")
def test_any_text_survives_the_agendas(title: str, reason: str, room: str) -> None:
    programme = _programme(title, "An abstract.", "Ramón", room)
    itinerary = plan(programme, ["t"])
    itinerary = itinerary.model_copy(
        update={
            "items": [itinerary.items[0].model_copy(update={"why": [reason]})],
            "left_out": [LeftOut(id="t", score=1.0, reason=reason)],
        }
    )
    one_line = " ".join
    rendered = (
        MarkdownIt("commonmark").enable("table").render(markdown_agenda(itinerary, programme))
    )
    cells = _read(rendered).cells
    row = cells.index("01:30 CEST–03:30 CET")
    assert cells[row + 1 : row + 6] == [
        "t",
        one_line(room.split()),
        one_line(title.split()),
        "Ramón (An abstract.)",
        one_line(reason.split()),
    ]
    assert cells[-1] == f"t {one_line(title.split())} — {one_line(reason.split())}"
    html_cells = _read(html_agenda(itinerary, programme)).cells
    row = html_cells.index("01:30 CEST–03:30 CET")
    assert html_cells[row + 1 : row + 6] == ["t", room, title, "Ramón (An abstract.)", reason]
    assert html_cells[-1] == f"t {title} — {reason}"
