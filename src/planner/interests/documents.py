"""The attendee's own documents read into text, for ``--like FILE``: plain text or Markdown
(UTF-8). Anything else, a missing file, a folder, a file too large or not UTF-8 is one
:class:`PlannerError` naming the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
"""The kinds of file read as text."""
MAX_BYTES = 5_000_000
"""The largest document read (a long paper in plain text is well under a megabyte)."""


@dataclass(frozen=True)
class LikeDocument:
    name: str
    """The file's name, as explanations give it ("with your paper 'mypaper.txt'")."""
    text: str


def read_document(path: Path) -> LikeDocument:
    """The text of ``path``; raises :class:`PlannerError` naming the file when it cannot."""
    path = Path(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise PlannerError(
            f"{path}: cannot read this kind of file (give plain text or Markdown: "
            f"{', '.join(TEXT_SUFFIXES)})"
        )
    try:
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a file"
            raise PlannerError(f"{path}: {reason}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlannerError(
                f"{path}: too large to read as text ({size:,} bytes; at most {MAX_BYTES:,})"
            )
        data = path.read_bytes()
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlannerError(f"{path}: not UTF-8 text") from None
    if not text.strip():
        raise PlannerError(f"{path}: the file is empty")
    return LikeDocument(path.name, text)
