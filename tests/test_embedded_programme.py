"""The committed embedded programme is exactly what the importer makes from the sources."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planner.cli import main
from planner.model.io import programme_schema
from tests.conftest import BOOK, EMBEDDED, REPO, TEMPLATE


def test_import_reproduces_the_committed_file_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "ml4astro-2022.yaml"
    result = CliRunner().invoke(main, ["import", str(BOOK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == EMBEDDED.read_bytes()


def test_explicit_timetable_gives_the_same_file(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(
        main, ["import", str(BOOK), "--timetable", str(TEMPLATE), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == EMBEDDED.read_bytes()


def test_committed_schema_is_current() -> None:
    assert (REPO / "programme" / "programme.schema.json").read_text(
        encoding="utf-8"
    ) == programme_schema()


def test_import_does_not_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("my notes\n")
    result = CliRunner().invoke(main, ["import", str(BOOK), "-o", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert out.read_text() == "my notes\n"


def test_book_without_template_is_a_clear_error(tmp_path: Path) -> None:
    book = tmp_path / "other-book-of-abstracts.txt"
    book.write_text(BOOK.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(book), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert "--timetable" in result.output
    assert not (tmp_path / "x.yaml").exists()
