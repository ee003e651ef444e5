"""Lay out a book of abstracts (which has no clock times) as a timetable, from a small template.

The book's order is the timetable's order. Consecutive records with the same session label form
one session; an invited talk is a plenary session of its own; a break splits a session in two
parts. Every time made here is marked as reconstructed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.errors import PlannerError, ProgrammeError
from planner.model import (
    Break,
    Conference,
    Contribution,
    ContributionKind,
    Programme,
    Room,
    Session,
    SessionKind,
)
from planner.model.io import describe_validation_error
from planner.problems import describe_problems, yaml_lines
from planner.safe_yaml import load_yaml, yaml_problem
from planner.slugs import slug
from planner.sources.book import Book, BookRecord
from planner.userfiles import MAX_TEMPLATE, read_text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TemplateConference(_Strict):
    name: str
    city: str | None = None
    venue: str | None = None
    timezone: str
    url: str | None = None


class TemplateRoom(_Strict):
    name: str
    kind: Literal["hall", "poster-area"] = "hall"
    capacity: int | None = None


class Minutes(_Strict):
    invited: int = Field(40, gt=0)
    talk: int = Field(20, gt=0)
    poster_session: int = Field(60, gt=0)


class Decision(_Strict):
    session: str | None = None
    kind: Literal["invited", "talk", "poster"] | None = None
    reason: str


class TemplateBreak(_Strict):
    after: str
    kind: Literal["coffee", "lunch", "other"]
    minutes: int = Field(gt=0)
    title: str | None = None


class TemplateDay(_Strict):
    date: date
    start: time
    first: str
    breaks: list[TemplateBreak] = Field(default_factory=list)


class Template(_Strict):
    book: str | None = None
    conference: TemplateConference
    rooms: dict[Literal["talks", "posters"], TemplateRoom]
    minutes: Minutes = Field(default_factory=lambda: Minutes.model_validate({}))
    invited_session_title: str = "Invited Talk"
    decisions: dict[str, Decision] = Field(default_factory=dict)
    days: list[TemplateDay]


HELP = "`planner import --help` shows a template"


def read_template(path: Path) -> Template:
    """The timetable template at ``path``; a problem names the file, and each key with its
    line (one problem a line, a misspelt key with the key it may mean)."""
    path = Path(path)
    try:
        text = read_text(path, "timetable template", limit=MAX_TEMPLATE)
    except PlannerError as error:
        raise ProgrammeError(str(error)) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise ProgrammeError(f"{yaml_problem(error, str(path))} ({HELP})") from None
    if not isinstance(data, dict):
        raise ProgrammeError(
            f"{path}: expected a mapping with conference, rooms and days (a timetable "
            f"template; {HELP})"
        )
    try:
        return Template.model_validate(data)
    except ValidationError as error:
        lines = describe_problems(error, Template, noun="template key", line_of=yaml_lines(text))
        count = f"{len(lines)} problem{'s' if len(lines) != 1 else ''}"
        raise ProgrammeError(
            f"{path}: {count} in the timetable template ({HELP}):\n"
            + "\n".join(f"  - {line}" for line in lines)
        ) from None


_BREAK_TITLES = {"coffee": "Coffee break", "lunch": "Lunch", "other": "Break"}


def build_programme(book: Book, template: Template, source: str = "template") -> Programme:
    """The programme of ``book`` laid out by ``template``."""
    zone = ZoneInfo(template.conference.timezone)
    numbers = [r.number for r in book.records]
    for where, number in (
        [("first", d.first) for d in template.days]
        + [("after", b.after) for d in template.days for b in d.breaks]
        + [("decisions", n) for n in template.decisions]
    ):
        if number not in numbers:
            raise ProgrammeError(f"{source}: {where}: no contribution {number} in the book")

    def kind_of(record: BookRecord) -> tuple[ContributionKind, str | None, list[str]]:
        decision = template.decisions.get(record.number)
        label = record.label
        kind: ContributionKind
        if record.invited:
            kind = "invited"
        elif label and label.casefold().startswith("poster"):
            kind = "poster"
        else:
            kind = "talk"
        notes: list[str] = []
        if decision:
            label = decision.session or label
            kind = decision.kind or kind
            notes.append(decision.reason)
        if label is None and kind != "invited":
            raise ProgrammeError(
                f"{source}: contribution {record.number} has no session label in the book; "
                "add a decision for it under 'decisions'"
            )
        return kind, label, notes

    day_starts = {d.first: d for d in template.days}
    if book.records[0].number not in day_starts:
        raise ProgrammeError(
            f"{source}: the first day must start with contribution {book.records[0].number}"
        )
    talk_room, poster_room = template.rooms["talks"].name, template.rooms["posters"].name

    sessions: list[Session] = []
    contributions: list[Contribution] = []
    breaks: list[Break] = []
    part_count: dict[str, int] = {}

    # Open session state.
    open_key: str | None = None
    open_title = ""
    open_kind: SessionKind = "contributed"
    open_start: datetime | None = None
    open_items: list[tuple[BookRecord, ContributionKind, list[str], datetime | None]] = []
    cursor = datetime.min.replace(tzinfo=zone)
    day: TemplateDay | None = None

    def close() -> None:
        nonlocal open_key, open_items, cursor
        if open_key is None or open_start is None:
            return
        base = slug(open_key, transliterate=False)
        part_count[base] = part_count.get(base, 0) + 1
        sid = base if part_count[base] == 1 else f"{base}-{part_count[base]}"
        if open_kind == "poster":
            cursor = open_start + timedelta(minutes=template.minutes.poster_session)
        room = poster_room if open_kind == "poster" else talk_room
        sessions.append(
            Session(
                id=sid,
                title=open_title,
                kind=open_kind,
                room=room,
                start=open_start,
                end=cursor,
                times_reconstructed=True,
            )
        )
        for record, kind, notes, start in open_items:
            minutes = template.minutes.invited if kind == "invited" else template.minutes.talk
            contributions.append(
                Contribution(
                    id=record.number,
                    title=record.title,
                    kind=kind,
                    session=sid,
                    speakers=record.speakers,
                    abstract=record.abstract,
                    start=start,
                    end=start + timedelta(minutes=minutes) if start else None,
                    notes=notes,
                )
            )
        open_key, open_items = None, []

    for record in book.records:
        kind, label, notes = kind_of(record)
        if record.number in day_starts:
            close()
            day = day_starts[record.number]
            cursor = datetime.combine(day.date, day.start, tzinfo=zone)
        key = f"invited-{record.number}" if kind == "invited" else str(label)
        if key != open_key:
            close()
            open_key = key
            open_title = template.invited_session_title if kind == "invited" else str(label)
            open_kind = {"invited": "plenary", "poster": "poster"}.get(kind, "contributed")  # type: ignore[assignment]
            open_start = cursor
        start: datetime | None = None
        if kind != "poster":
            start = cursor
            minutes = template.minutes.invited if kind == "invited" else template.minutes.talk
            cursor = cursor + timedelta(minutes=minutes)
        open_items.append((record, kind, notes, start))
        assert day is not None
        for item in day.breaks:
            if item.after != record.number:
                continue
            if kind == "poster":
                raise ProgrammeError(
                    f"{source}: a break after poster {record.number}: name the last "
                    "contribution before the poster session ends instead, or the talk after it"
                )
            close()
            count = sum(1 for b in breaks if b.start.date() == day.date and b.kind == item.kind)
            end = cursor + timedelta(minutes=item.minutes)
            breaks.append(
                Break(
                    id=f"{day.date.isoformat()}-{item.kind}-{count + 1}",
                    kind=item.kind,
                    title=item.title or _BREAK_TITLES[item.kind],
                    start=cursor,
                    end=end,
                    times_reconstructed=True,
                )
            )
            cursor = end
            # a session interrupted by a break continues as a new part
            open_key = None
    close()

    t = template
    note = (
        "Clock times are reconstructed: the book of abstracts gives the order of the "
        "contributions but no times. They follow the book's order over "
        f"{len(t.days)} days with assumed durations (invited talks {t.minutes.invited} min, "
        f"contributed talks {t.minutes.talk} min, poster sessions {t.minutes.poster_session} min) "
        "and assumed breaks; rooms are assumed too (talks in one hall, posters in one area)."
    )
    data = {
        "conference": Conference(
            name=t.conference.name,
            city=t.conference.city,
            venue=t.conference.venue,
            timezone=t.conference.timezone,
            url=t.conference.url,
            days=[d.date for d in t.days],
        ),
        "rooms": [Room(**t.rooms["talks"].model_dump()), Room(**t.rooms["posters"].model_dump())],
        "sessions": sessions,
        "contributions": contributions,
        "breaks": breaks,
        "notes": [note],
    }
    try:
        return Programme.model_validate(data)
    except ValidationError as error:
        lines = describe_validation_error(error, data)
        raise ProgrammeError(
            f"{source}: the laid-out timetable is inconsistent: " + "; ".join(lines)
        ) from None
