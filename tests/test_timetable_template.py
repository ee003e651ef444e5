"""Problems in a timetable template: one a line, with the line in the YAML file, a suggestion
for a misspelt key, and a hint an installed user can follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import ProgrammeError
from planner.sources import load_book
from planner.sources.timetable import read_template
from tests.conftest import BOOK, TEMPLATE


def template(tmp_path: Path, edit: tuple[str, str], count: int = -1) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "t.timetable.yaml"
    path.write_text(text.replace(edit[0], edit[1], count), encoding="utf-8")
    return path


def problem(path: Path) -> str:
    with pytest.raises(ProgrammeError) as caught:
        read_template(path)
    return str(caught.value)


def test_a_misspelt_key_is_one_problem_a_line_with_its_line_and_a_suggestion(
    tmp_path: Path,
) -> None:
    path = template(tmp_path, ("minutes: ", "minuts: "))
    message = problem(path)
    head, *lines = message.splitlines()
    assert head.startswith(f"{path}: 9 problems in the timetable template")
    assert "Field required" not in message and "Extra inputs" not in message
    assert len(lines) == 9
    text = path.read_text().splitlines()
    for line in lines:
        number = int(line.split("line ")[1].split(":")[0])
        assert "minuts" in text[number - 1]
        assert line.endswith("minuts: not a template key (did you mean 'minutes'?)")
    assert lines[0] == (
        "  - line 38: days[0].breaks[0].minuts: not a template key (did you mean 'minutes'?)"
    )
    assert "programme/sources" not in message


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("timezone: Europe/Rome", "timezon: Europe/Rome"), "conference.timezon: not a template"),
        (("date: 2022-05-31", "date: 2022-05-32"), "days[1].date: '2022-05-32' is not a date"),
        (('start: "09:00"', 'start: "9 o\'clock"'), "is not a time of day (e.g. 09:00)"),
        (("kind: coffee, minutes: 30", "kind: tea, minutes: 30"), "'tea': choose 'coffee',"),
        (("minutes: 30}", "minutes: -30}"), "minutes: -30 should be more than 0"),
        (("  talks: {", "  talk: {"), "rooms.talk: 'talk' is not a template key here"),
    ],
)
def test_problems_are_in_plain_words_with_their_line(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    path = template(tmp_path, edit, 1)
    message = problem(path)
    assert expected in message
    line = int(message.split("line ")[1].split(":")[0])
    assert (
        edit[1].strip().split(":")[0].split("{")[-1].strip()
        in path.read_text().splitlines()[line - 1]
    )


def test_not_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("conference:\n  name: [unclosed\n")
    message = problem(path)
    assert message.startswith(f"{path}:")
    assert "not valid YAML" in message and "<unicode string>" not in message


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("- a list\n")
    assert "expected a mapping with conference, rooms and days" in problem(path)


def test_a_book_without_a_template_points_to_help_an_installed_user_has(tmp_path: Path) -> None:
    book = tmp_path / "book.txt"
    book.write_bytes(BOOK.read_bytes())
    with pytest.raises(ProgrammeError) as caught:
        load_book(book)
    message = str(caught.value)
    assert "--timetable" in message and "planner import --help" in message
    assert "programme/sources" not in message
