"""Programme sources: each format is read by a pure function to a :class:`Programme`.

:func:`load_programme` picks the reader by the file's content, not only its extension.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from planner.errors import ProgrammeError
from planner.model import Programme
from planner.model.io import read_programme_file

EMBEDDED_NAME = "ml4astro-2022.yaml"


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


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise ProgrammeError(f"{path}: no such file") from None
    except OSError as error:
        raise ProgrammeError(f"{path}: cannot read it ({error})") from None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if "\nContents\n" in text.replace("\r\n", "\n") or "Book of Abstracts" in text:
        return "book"
    return "programme"


def load_book(path: Path, timetable: Path | None = None) -> Programme:
    from planner.sources.book import read_book
    from planner.sources.timetable import build_programme, read_template

    template_path = timetable or find_timetable(path)
    if template_path is None:
        raise ProgrammeError(
            f"{path}: a book of abstracts has no clock times; give a timetable template with "
            f"--timetable (see programme/sources/ml4astro-2022.timetable.yaml)"
        )
    return build_programme(read_book(path), read_template(template_path), str(template_path))


def load_programme(path: Path | None = None, timetable: Path | None = None) -> Programme:
    """Load any supported programme file; ``None`` loads the embedded programme."""
    if path is None:
        return read_programme_file(embedded_programme_path())
    path = Path(path)
    if path.is_dir():
        raise ProgrammeError(f"{path}: is a folder, not a programme file")
    if _sniff(path) == "book":
        return load_book(path, timetable)
    return read_programme_file(path)
