"""One small valid input of every kind the planner reads, and the command that reads it: the
seeds the mutation generator (mutations.py) breaks in every way it knows."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from hostile.inputs import BOOK, REPO

TEMPLATE = REPO / "programme" / "sources" / "ml4astro-2022.timetable.yaml"
BUSY = REPO / "tests" / "fixtures" / "busy" / "other-zone.ics"

SMALL_PROGRAMME = """\
conference:
  name: Small Meeting
  city: Catania
  timezone: Europe/Rome
  days: ['2022-05-31']
rooms:
- name: Main Hall
  capacity: 80
- name: Poster Area
  kind: poster-area
sessions:
- id: galaxies
  title: Galaxies
  kind: contributed
  room: Main Hall
  start: '2022-05-31T09:00:00+02:00'
  end: '2022-05-31T10:00:00+02:00'
- id: posters
  title: Posters
  kind: poster
  room: Poster Area
  start: '2022-05-31T13:30:00+02:00'
  end: '2022-05-31T14:30:00+02:00'
contributions:
- id: '1'
  title: Galaxy morphology with deep learning
  kind: talk
  session: galaxies
  speakers:
  - {name: Ada Rossi, affiliation: INAF}
  abstract: Convolutional networks classify galaxy images.
  start: '2022-05-31T09:00:00+02:00'
  end: '2022-05-31T09:20:00+02:00'
- id: '2'
  title: Anomaly detection in light curves
  kind: talk
  session: galaxies
  speakers:
  - {name: Bo Bianchi}
  abstract: Isolation forests find odd transients.
  start: '2022-05-31T09:20:00+02:00'
  end: '2022-05-31T09:40:00+02:00'
- id: '3'
  title: Radio galaxies and variational autoencoders
  kind: poster
  session: posters
  board: P1
  speakers:
  - {name: Cy Verdi}
  abstract: Segmentation of radio images.
breaks:
- id: coffee
  kind: coffee
  title: Coffee break
  start: '2022-05-31T10:00:00+02:00'
  end: '2022-05-31T10:30:00+02:00'
"""

FRAB_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>testconf</acronym><title>Test Conference</title><city>Brussels</city>
    <start>2024-03-30</start><end>2024-03-31</end><days>2</days>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>
  <day index="1" date="2024-03-30">
    <room name="H.1">
      <event id="1" guid="a0000000-0000-4000-8000-000000000001">
        <date>2024-03-30T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration>
        <room>H.1</room><slug>s-1</slug><title>Typed Go</title><subtitle>Sub</subtitle>
        <track>Go</track><type>lecture</type><language>en</language>
        <abstract>&lt;p&gt;Abstract &amp;amp; more.&lt;/p&gt;</abstract>
        <description>Description</description>
        <persons><person id="1">Ada Lovelace</person><person id="2">Alan Turing</person></persons>
        <links><link href="https://example.org/e/1">Page</link></links>
      </event>
    </room>
  </day>
  <day index="2" date="2024-03-31">
    <room name="H.2">
      <event id="2">
        <date>2024-03-31T10:00:00+02:00</date><start>10:00</start><duration>01:00</duration>
        <room>H.2</room><title>After the change</title><track>Rust</track><type>talk</type>
        <persons><person id="3">Grace Hopper</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def _c3voc_event(ident: int, when: str, room: str) -> dict[str, object]:
    return {
        "id": ident,
        "guid": f"00000000-0000-4000-8000-{ident:012d}",
        "date": when,
        "start": when[11:16],
        "duration": "00:30",
        "room": room,
        "title": f"Talk {ident}",
        "subtitle": "",
        "track": "Security",
        "type": "lecture",
        "language": "en",
        "abstract": f"Abstract {ident}",
        "persons": [{"id": 1, "public_name": "bleeptrack"}, {"code": "ABC", "name": "blinry"}],
        "links": [{"url": "https://example.org/slides", "title": "Slides"}],
    }


C3VOC: dict[str, object] = {
    "schedule": {
        "version": "1.0",
        "conference": {
            "acronym": "conf2019",
            "title": "Test Congress",
            "start": "2019-12-27",
            "end": "2019-12-28",
            "daysCount": 1,
            "time_zone_name": "Europe/Berlin",
            "days": [
                {
                    "index": 1,
                    "date": "2019-12-27",
                    "day_start": "2019-12-27T11:00:00+01:00",
                    "day_end": "2019-12-28T04:00:00+01:00",
                    "rooms": {
                        "Ada": [_c3voc_event(1, "2019-12-27T11:00:00+01:00", "Ada")],
                        "Borg": [_c3voc_event(2, "2019-12-27T23:30:00+01:00", "Borg")],
                    },
                }
            ],
        },
    }
}

PRETALX: dict[str, object] = {
    "talks": [
        {
            "code": "QWE7XY",
            "title": "Typed Python at scale",
            "abstract": "<p>Types help.</p>",
            "speakers": ["SPK1", "SPK2"],
            "track": 3,
            "start": "2024-10-26T09:30:00+02:00",
            "end": "2024-10-26T10:00:00+02:00",
            "room": 12,
        },
        {
            "code": "ZZZ111",
            "title": {"en": "After the change", "de": "Nach der Umstellung"},
            "speakers": ["SPK2"],
            "start": "2024-10-27T09:30:00+01:00",
            "end": "2024-10-27T10:15:00+01:00",
            "room": 13,
        },
        {
            "id": 900,
            "title": {"en": "Coffee break"},
            "start": "2024-10-26T10:00:00+02:00",
            "end": "2024-10-26T10:30:00+02:00",
            "room": 12,
        },
    ],
    "timezone": "Europe/Berlin",
    "event_start": "2024-10-26",
    "event_end": "2024-10-27",
    "tracks": [{"id": 3, "name": {"en": "Python"}}],
    "rooms": [{"id": 12, "name": {"en": "Hall A"}}, {"id": 13, "name": "Hall B"}],
    "speakers": [
        {"code": "SPK1", "name": "Ada Lovelace"},
        {"code": "SPK2", "name": "Grace Hopper"},
    ],
}


def _when(day: str, clock: str) -> dict[str, str]:
    return {"date": day, "time": clock, "tz": "Europe/Zurich"}


def _indico_contribution(ident: int, title: str, start: str, end: str) -> dict[str, object]:
    return {
        "entryType": "Contribution",
        "id": f"c{ident}",
        "contributionId": ident,
        "title": title,
        "startDate": _when("2024-03-30", start),
        "endDate": _when("2024-03-30", end),
        "room": "Room 1",
        "description": f"About {title}.",
        "presenters": [{"name": "Marie Curie", "affiliation": "Sorbonne"}],
    }


INDICO: dict[str, object] = {
    "count": 1,
    "_type": "HTTPAPIResult",
    "results": {
        "1234": {
            "20240330": {
                "c1": _indico_contribution(1, "Welcome", "09:00:00", "09:20:00"),
                "s10": {
                    "entryType": "Session",
                    "id": "s10",
                    "title": "Detectors",
                    "slotTitle": "Morning",
                    "startDate": _when("2024-03-30", "09:30:00"),
                    "endDate": _when("2024-03-30", "10:30:00"),
                    "room": "Room 1",
                    "entries": {
                        "c2": _indico_contribution(2, "Silicon trackers", "09:30:00", "09:50:00"),
                        "b4": {
                            "entryType": "Break",
                            "id": "b4",
                            "title": "Coffee",
                            "startDate": _when("2024-03-30", "10:10:00"),
                            "endDate": _when("2024-03-30", "10:30:00"),
                            "room": "Room 1",
                        },
                    },
                },
            }
        }
    },
}

ICS_PROGRAMME = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Shared//EN
X-WR-CALNAME:Shared Programme
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VEVENT
UID:talk-1@example.org
SUMMARY:Typed Python at scale
DTSTART;TZID=Europe/Berlin:20241026T093000
DTEND;TZID=Europe/Berlin:20241026T100000
DTSTAMP:20260101T000000Z
LOCATION:Hall A
DESCRIPTION:Types help.\\nA second line.
CATEGORIES:Python
ORGANIZER;CN=Ada Lovelace:mailto:ada@example.org
END:VEVENT
BEGIN:VEVENT
UID:talk-2@example.org
SUMMARY:After the change
DTSTART:20241027T083000Z
DTEND:20241027T091500Z
DTSTAMP:20260101T000000Z
LOCATION:Hall B
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")

PROFILE = """\
keyword = ["galaxy", "anomaly detection"]
session = {Galaxies = 5}
speaker = ["Ada Rossi"]
star = {"2" = 20}
skip = ["3"]
walk = 3
lunch = 30
min_relevance = 0.1
"""

GROUP_YAML = """\
name: Readers
policy: independent
members:
  - name: Ana
    keyword: [anomaly detection]
    star: {"1": 25}
    busy: ["2022-05-31 16:00/17:00"]
  - name: Bo
    keyword: [galaxy, radio]
    walk: 2
"""

GROUP_CSV = """\
name,keyword,must,skip,star,arrive,leave
Ana,anomaly detection;galaxy,1,3,2=25,2022-05-31 08:00,
"Bo, Jr.",radio,,,,,2022-05-31 18:00
"""

LIKE_TEXT = """\
Deep learning for galaxy morphology

We train convolutional networks on survey images to classify galaxies,
and look for anomalies in their light curves.
"""

LIKE_MARKDOWN = """\
# My abstract

*Galaxy* morphology with **deep learning**: see [the paper](https://example.org).

- convolutional networks
- anomaly detection
"""

LIKE_BIBTEX = """\
@article{rossi2021,
  author = {Rossi, Ada and Bianchi, Bo},
  title = {Galaxy morphology with {deep} learning},
  journal = {MNRAS},
  year = {2021},
  abstract = {Convolutional networks classify galaxy images; anomaly detection in light curves.}
}
"""


def like_pdf() -> bytes:
    sys.path.insert(0, str(REPO / "tests"))
    from test_documents import make_pdf

    return make_pdf(["Galaxy morphology with deep learning", "Anomaly detection in light curves"])


Memory = Literal["address", "data"]


@dataclass(frozen=True)
class Seed:
    """A valid input ``name`` (made by ``make``), the command that reads it (``{}`` stands for
    its name), and the other files the command needs."""

    name: str
    make: Callable[[], bytes]
    command: tuple[str, ...]
    others: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    memory: Memory = "address"
    """``data`` for commands that load the solver or the ranking's numerical libraries, which
    map far more address space than they use (``rank --like`` on a one-line note: 67 MB
    resident, 178 MB of address space; see limits.py)."""
    huge: int = 1_500_000
    """The most bytes a huge repeat of it reaches (mutations.py)."""
    also_named: tuple[str, ...] = ()
    """Other files a refusal may name instead: a book and its template are read together, and
    what one lacks may be the other's to give ("t.timetable.yaml: contribution 130 has no
    session label in the book; add a decision for it")."""


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _json(data: object) -> Callable[[], bytes]:
    return lambda: json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def _file(path: Path) -> Callable[[], bytes]:
    return path.read_bytes


SMALL = {"small.yaml": _text(SMALL_PROGRAMME)}
RANK = ("rank", "--programme", "small.yaml", "--top", "all")
PLAN = ("plan", "--programme", "small.yaml", "--time-limit", "1", "--keyword", "galaxy")
SHOW = ("show", "--programme", "{}")

SEEDS: dict[str, Seed] = {
    "frab-xml": Seed("schedule.xml", _text(FRAB_XML), SHOW),
    "c3voc-json": Seed("schedule.json", _json(C3VOC), SHOW),
    "pretalx-json": Seed("widget.json", _json(PRETALX), SHOW),
    "indico-json": Seed("1234.json", _json(INDICO), SHOW),
    "ics-programme": Seed("programme.ics", _text(ICS_PROGRAMME), SHOW),
    "planner-yaml": Seed("small.yaml", _text(SMALL_PROGRAMME), SHOW),
    "book": Seed(
        "book.txt",
        _file(BOOK),
        ("import", "{}", "--timetable", "t.timetable.yaml", "-o", "out.yaml"),
        {"t.timetable.yaml": _file(TEMPLATE)},
        also_named=("t.timetable.yaml",),
    ),
    "timetable-template": Seed(
        "t.timetable.yaml",
        _file(TEMPLATE),
        ("import", "book.txt", "--timetable", "{}", "-o", "out.yaml"),
        {"book.txt": _file(BOOK)},
        also_named=("book.txt",),
    ),
    "profile-toml": Seed("me.toml", _text(PROFILE), (*RANK, "--profile", "{}"), SMALL, "data"),
    "group-yaml": Seed(
        "g.yaml",
        _text(GROUP_YAML),
        ("group", "{}", "--programme", "small.yaml", "--out", "plans", "--workers", "1"),
        SMALL,
        "data",
    ),
    "group-csv": Seed(
        "g.csv",
        _text(GROUP_CSV),
        ("group", "{}", "--programme", "small.yaml", "--out", "plans", "--workers", "1"),
        SMALL,
        "data",
    ),
    # a calendar of a few years (20,000 content lines): icalendar reads some 30 µs a line, so
    # one of a megabyte and a half (55,000 lines) takes 2.5 s
    "busy-ics": Seed(
        "busy.ics", _file(BUSY), (*PLAN, "--busy-ics", "{}"), SMALL, "data", huge=600_000
    ),
    "like-text": Seed("mine.txt", _text(LIKE_TEXT), (*RANK, "--like", "{}"), SMALL, "data"),
    "like-markdown": Seed("mine.md", _text(LIKE_MARKDOWN), (*RANK, "--like", "{}"), SMALL, "data"),
    "like-bibtex": Seed("mine.bib", _text(LIKE_BIBTEX), (*RANK, "--like", "{}"), SMALL, "data"),
    "like-pdf": Seed("mine.pdf", like_pdf, (*RANK, "--like", "{}"), SMALL, "data"),
}
