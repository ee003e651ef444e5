"""Programme sources: each format is read by a pure function to a :class:`Programme`.

:func:`import_programme` picks the reader by the file's content, not only its extension, and
returns the programme with the reader's warnings; :func:`load_programme` returns the programme.

Formats: planner programme files (YAML/JSON), a book of abstracts (with a timetable template),
frab/Pentabarf ``schedule.xml``, c3voc/frab ``schedule.json`` and ``schedule2``, pretalx's
schedule JSON, Indico's timetable export JSON, and programmes published as iCalendar files
(:mod:`planner.sources.ics_programme`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import ProgrammeError
from planner.locations import Location, location_of, shown_url, url_suffix
from planner.model import Programme
from planner.model.embedded import read_embedded
from planner.model.io import programme_from_bytes, programme_from_data
from planner.model.programme import known_zone
from planner.sources.imported import Imported, paused_gc, read_source

if TYPE_CHECKING:
    from planner.sources.raw import RawSchedule

EMBEDDED_NAME = "ml4astro-2022.yaml"

__all__ = ["Imported", "check_zone", "import_programme", "load_programme"]

JSON_EXPECTED = (
    "a planner programme ('conference', 'rooms', 'sessions', 'contributions'), a c3voc/frab "
    "schedule.json or schedule2 ('schedule'), a pretalx schedule ('talks', 'rooms') or an "
    "Indico timetable export ('results')"
)


ANY_EXPECTED = (
    "a planner programme (YAML or JSON with 'conference', 'rooms', 'sessions', "
    "'contributions'), a book of abstracts, a frab/Pentabarf schedule.xml, a c3voc/frab or "
    "pretalx schedule JSON, an Indico timetable JSON, or a programme published as an iCalendar "
    "(.ics) file"
)


def embedded_programme_path() -> Path:
    """The embedded ML4Astro 2022 programme: package data when installed from a wheel, else the
    repository's ``programme/`` folder (editable installs)."""
    packaged = resources.files("planner").joinpath("data", EMBEDDED_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[3] / "programme" / EMBEDDED_NAME
    if repo.is_file():
        return repo
    raise ProgrammeError(f"the embedded programme {EMBEDDED_NAME} is missing from this install")


def find_timetable(book: Path) -> Path | None:
    """The timetable template beside a book of abstracts: ``<name>.timetable.yaml`` where the
    book is ``<name>-book-of-abstracts.txt`` or ``<name>.txt``."""
    stem = book.stem.removesuffix("-book-of-abstracts")
    candidate = book.with_name(f"{stem}.timetable.yaml")
    return candidate if candidate.is_file() else None


def _sniff(data: bytes) -> str:
    """``xml``, ``json``, ``ics``, ``book`` or ``programme`` (YAML), from the first bytes."""
    from planner.sources.ics_programme import is_calendar

    text = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if is_calendar(text):
        return "ics"
    if text.startswith("<"):
        return "xml"
    if text.startswith(("{", "[")):
        return "json"
    if "\nContents\n" in text.replace("\r\n", "\n") or "Book of Abstracts" in text:
        return "book"
    return "programme"


def load_book(path: Path, timetable: Path | None = None) -> Programme:
    return _book(read_source(path), str(path), path, timetable)


def _book(data: bytes, source: str, beside: Path | None, timetable: Path | None) -> Programme:
    """The programme of the book of abstracts in ``data``, laid out by the timetable template
    (``timetable``, else the one beside the book's file ``beside``)."""
    from planner.model.io import decode_text
    from planner.sources.book import parse_book
    from planner.sources.timetable import build_programme, read_template

    template_path = timetable or (find_timetable(beside) if beside is not None else None)
    if template_path is None:
        beside_hint = ", or put it beside the book as <name>.timetable.yaml" if beside else ""
        raise ProgrammeError(
            f"{source}: a book of abstracts has no clock times; give a timetable template with "
            f"--timetable FILE{beside_hint} (`planner import --help` shows a template)"
        )
    book = parse_book(decode_text(data, source), source)
    return build_programme(book, read_template(template_path), str(template_path))


def _own(programme: Programme, source: str, format: str, zone: str | None = None) -> Imported:
    if zone is not None:
        if programme.conference.zone_known:
            raise _zone_refused(programme, source, f"a {format}")
        from planner.sources.zones import name_unknown_zone

        programme = name_unknown_zone(programme, zone)
    return Imported(
        programme=programme,
        format=format,
        source=source,
        events=len(programme.contributions),
        breaks=len(programme.breaks),
    )


def check_zone(zone: str) -> str:
    """``zone`` when it is a known IANA time zone name, else a clear error naming it."""
    if known_zone(zone) is None:
        raise ProgrammeError(
            f"unknown time zone {zone!r} (expected an IANA name such as Europe/Berlin or UTC)"
        )
    return zone


def _zone_refused(programme: Programme, source: str, what: str) -> ProgrammeError:
    return ProgrammeError(
        f"{source}: {what} names its own time zone (conference.timezone: "
        f"{programme.conference.timezone}); a zone is given only for a schedule in another "
        "format (frab, c3voc, pretalx, Indico)"
    )


def _read_json(data: bytes, source: str) -> RawSchedule | Programme:
    """The schedule (or planner programme) in JSON ``data``. The parsed JSON lives only here,
    so that it is freed before the programme is built."""
    from planner.sources.c3voc_json import is_c3voc, read_c3voc
    from planner.sources.indico_json import is_indico, read_indico
    from planner.sources.jsonread import parse_json
    from planner.sources.pretalx_json import is_pretalx, read_pretalx

    parsed: Any = parse_json(data, source)
    if is_c3voc(parsed):
        return read_c3voc(parsed, source)
    if is_pretalx(parsed):
        return read_pretalx(parsed, source)
    if is_indico(parsed):
        return read_indico(parsed, source)
    if isinstance(parsed, dict) and "conference" in parsed and "contributions" in parsed:
        return programme_from_data(parsed, source)
    found = (
        f"found keys {', '.join(repr(k) for k in list(parsed)[:6])}"
        if isinstance(parsed, dict) and parsed
        else f"found {'an empty object' if isinstance(parsed, dict) else type(parsed).__name__}"
    )
    raise ProgrammeError(
        f"{source}: JSON, but not a programme or schedule this planner reads: expected {JSON_EXPECTED}; {found}"
    )


def import_programme(
    path: Location | None = None,
    timetable: Path | None = None,
    zone: str | None = None,
    local_times: bool = False,
) -> Imported:
    """Read any supported programme file, or the schedule at an http(s) URL (a ``str``), with
    the warnings of its reader; ``None`` reads the embedded programme. Files (and downloads)
    over ``PLANNER_MAX_IMPORT_MB`` (50 MB) are refused. A URL is fetched through the cache
    (:func:`planner.sources.fetch.fetch`): when its newest copy stands in for a server that
    cannot be reached, ``notes`` says so.

    ``zone`` (an IANA name) is a schedule's real time zone when the file says UTC or gives only
    offsets (:func:`planner.sources.assemble.assemble`); a planner programme or a book of
    abstracts names its own, and is refused with one, unless its zone is unknown
    (``timezone_source: unknown``): its clock times are then read in ``zone``. ``local_times``: the schedule's clock
    times are local times in ``zone`` whatever offset it writes (a file that says UTC wrongly)."""
    if zone is not None:
        check_zone(zone)
    if path is None:
        embedded = embedded_programme_path()
        return _own(read_embedded(embedded), str(embedded), "planner programme", zone)
    where = location_of(path)  # a folder is refused on reading (read_source)
    if isinstance(where, str):
        notes: list[str] = []
        origin = _Origin(shown_url(where), url_suffix(where), None)  # named without secrets
        with paused_gc():
            imported = _import_bytes(_fetched(where, notes), origin, timetable, zone, local_times)
        return replace(imported, notes=tuple(notes)) if notes else imported
    origin = _Origin(str(where), where.suffix.lower(), where)
    with paused_gc():
        # the size limit, and the bytes every reader of a schedule takes
        return _import_bytes(read_source(where), origin, timetable, zone, local_times)


def _fetched(url: str, notes: list[str]) -> bytes:
    """The body of ``url`` (the note about it, if any, added to ``notes``)."""
    from planner.sources.fetch import fetch

    fetched = fetch(url)
    if fetched.note:
        notes.append(fetched.note)
    return fetched.data


@dataclass(frozen=True)
class _Origin:
    """Where the bytes came from: ``source`` names it in messages (the file, or the URL as
    :func:`~planner.locations.shown_url` shows it);
    ``suffix`` is the file's or the URL path's (``.yaml``); ``path`` is the file, if one."""

    source: str
    suffix: str
    path: Path | None


def _import_bytes(
    data: bytes,
    origin: _Origin,
    timetable: Path | None,
    zone: str | None,
    local_times: bool = False,
) -> Imported:
    kind = _sniff(data)
    source = origin.source
    if kind == "xml":
        from planner.sources.assemble import assemble
        from planner.sources.frab_xml import read_frab_xml

        raw = read_frab_xml(data, source)
        del data  # the file's bytes (and its parsed tree, freed on return) before the programme
        return assemble(raw, zone, local_times)
    if kind == "json":
        from planner.sources.assemble import assemble

        if origin.suffix in (".yaml", ".yml"):
            try:  # a YAML programme in flow style also starts with "{"
                json.loads(data)
            except (ValueError, RecursionError):
                programme = programme_from_bytes(data, source, origin.suffix)
                return _own(programme, source, "planner programme", zone)
        read = _read_json(data, source)
        del data
        if isinstance(read, Programme):
            return _own(read, source, "planner programme", zone)
        return assemble(read, zone, local_times)
    if kind == "ics":
        from planner.sources.assemble import assemble
        from planner.sources.ics_programme import read_ics_programme

        raw = read_ics_programme(data, source)
        del data
        return assemble(raw, zone, local_times)
    if kind == "book":
        book = _book(data, source, origin.path, timetable)
        return _own(book, source, "book of abstracts", zone)
    return _own(_read_other(origin.suffix, data, source), source, "planner programme", zone)


PROGRAMME_KEYS = frozenset({"conference", "rooms", "sessions", "contributions"})
_KEY_LINE = re.compile(rb"[^\s#\-:?\[\]{}|>!&*%@`][^:\n]*:(?:[ \t]|$)")


def _meant_as_yaml(suffix: str, data: bytes) -> bool:
    """A ``.yaml``/``.yml`` file (or URL) whose first line with content is ``key: ...``."""
    if suffix.lower() not in (".yaml", ".yml"):
        return False
    for line in data.lstrip(b"\xef\xbb\xbf").splitlines():
        if line.strip() and not line.lstrip().startswith(b"#") and line.strip() != b"---":
            return _KEY_LINE.match(line) is not None
    return False


def _read_other(suffix: str, data: bytes, source: str) -> Programme:
    """A file that is not XML, JSON or a book: a planner programme in YAML. A file meant as
    YAML keeps its YAML error and line; any other that is not a programme (Markdown, a binary
    file, a mapping without the programme's keys) is refused naming what the planner reads."""
    refused = ProgrammeError(
        f"{source}: not a programme or schedule this planner reads: expected {ANY_EXPECTED}"
    )
    meant = _meant_as_yaml(suffix, data)
    if not meant and b"\x00" in data:
        raise refused
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if meant:
            raise ProgrammeError(f"{source}: cannot read it ({error})") from None
        raise refused from None
    import yaml

    from planner.safe_yaml import load_yaml, yaml_problem

    try:
        parsed = load_yaml(text)
    except yaml.YAMLError as error:
        if meant:
            raise ProgrammeError(yaml_problem(error, source)) from None
        raise refused from None
    if not isinstance(parsed, dict) or not PROGRAMME_KEYS & set(map(str, parsed)):
        raise refused
    return programme_from_data(parsed, source)


def load_programme(
    path: Location | None = None, timetable: Path | None = None, zone: str | None = None
) -> Programme:
    """Load any supported programme file or URL; ``None`` loads the embedded programme. (The
    notes of a fetch are dropped: commands read through :func:`import_programme`.)"""
    return import_programme(path, timetable, zone).programme
