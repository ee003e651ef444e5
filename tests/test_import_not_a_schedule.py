"""A text or binary file that is no schedule gets the planner's own message, naming what it
reads; a file meant as YAML (.yaml/.yml, a mapping at the top) keeps its YAML error and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.sources import import_programme

NOT_A_SCHEDULE = "not a programme or schedule this planner reads: expected a planner programme"

MARKDOWN = """# Real conference schedules

Published schedules: byte-exact copies.

| file | source |
| --- | --- |
| a.xml | https://example.org/a.xml |

- item: one
  > quoted
"""


def refused(path: Path) -> str:
    with pytest.raises(PlannerError) as caught:
        import_programme(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.md", MARKDOWN.encode()),
        ("notes.txt", b"title: x\n  bad: [indent\n"),
        ("data.bin", b"abc\x00def\x01\x02"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xbb\xfe"),
        ("latin1.txt", "Caf\xe9: ouvert\n".encode("latin-1")),
        ("hello.txt", b"hello\n"),
        ("settings.txt", b"colour: red\nsize: 3\n"),  # YAML, but no programme
        ("group.yaml", b"name: reading group\nmembers: [{name: Ana}]\n"),
    ],
)
def test_not_a_schedule(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    message = refused(path)
    assert message.startswith(f"{path}: {NOT_A_SCHEDULE}")
    for yaml_words in ("<unicode string>", "scanning", "#x0000", "codec", "Field required"):
        assert yaml_words not in message


def test_the_real_sources_list_is_not_a_schedule(real_file: Callable[[str], Path]) -> None:
    path = real_file("SOURCES.md")
    assert refused(path) == (
        f"{path}: {NOT_A_SCHEDULE} (YAML or JSON with 'conference', 'rooms', 'sessions', "
        "'contributions'), a book of abstracts, a frab/Pentabarf schedule.xml, a c3voc/frab or "
        "pretalx schedule JSON, an Indico timetable JSON, or a programme published as an iCalendar "
        "(.ics) file"
    )


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_file_meant_as_yaml_keeps_its_yaml_error_with_the_line(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"programme{suffix}"
    path.write_text("conference:\n  name: X\n  timezone: [UTC\nrooms: []\n")
    message = refused(path)
    assert message.startswith(f"{path}:4: not valid YAML: ")
    assert "\n" not in message and "<unicode string>" not in message
