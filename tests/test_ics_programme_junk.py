"""Junk and hostile calendars given as a programme: one clear ProgrammeError, never a traceback
(property tests over random text and over mangled Indico and pretalx calendars)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import ProgrammeError
from planner.sources import import_programme
from test_ics_programme import INDICO, PRETALX  # type: ignore[import-not-found]

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINES = [*INDICO.splitlines(), *PRETALX.splitlines()]
VALUES = st.sampled_from(
    ["", "x", "20260131", "20260131T250000Z", "-P1D", "P1000000D", "\\n", ";", ":", "BEGIN:VEVENT"]
) | st.text(max_size=20)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("ics-junk")


def outcome(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    try:
        imported = import_programme(path)
    except ProgrammeError as error:
        assert str(error).startswith(str(path))
        return "refused"
    assert imported.programme.contributions or imported.programme.breaks
    return "imported"


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_after_begin_vcalendar(folder: Path, text: str) -> None:
    outcome(folder / "junk.ics", ("BEGIN:VCALENDAR\r\n" + text).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_after_begin_vcalendar(folder: Path, data: bytes) -> None:
    outcome(folder / "junk.ics", b"BEGIN:VCALENDAR\r\n" + data)


@SETTINGS
@given(
    source=st.sampled_from([INDICO, PRETALX]),
    edits=st.lists(st.tuples(st.integers(0, 200), st.sampled_from("dvs"), VALUES), max_size=6),
)
def test_mangled_indico_and_pretalx_calendars(
    folder: Path, source: str, edits: list[tuple[int, str, str]]
) -> None:
    """Lines deleted, values replaced, or lines of the other calendar spliced in."""
    lines = source.splitlines()
    for index, action, value in edits:
        at = index % len(lines)
        if action == "d" and len(lines) > 1:
            del lines[at]
        elif action == "v":
            name, colon, _ = lines[at].partition(":")
            lines[at] = f"{name}{colon}{value}"
        else:
            lines.insert(at, LINES[index % len(LINES)])
    outcome(folder / "mangled.ics", "\r\n".join(lines).encode("utf-8", "surrogatepass"))
