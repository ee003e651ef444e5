"""Indico-style books of abstracts, as text extracted from the PDF.

The book lists a table of contents (title, contribution number, page) and then one record per
contribution: an optional header (``Session label / 12``, or a bare ``29`` for contributions
without a session), the title (sometimes wrapped over two paragraphs), a ``Speaker:``,
``Speakers:`` or ``Invited Speaker:`` line and the abstract. Records sometimes run together on one
line with ``**`` markers, and some headers are missing; the table of contents, whose order is the
book's order, tells where each record starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import ProgrammeError
from planner.model import Speaker
from planner.model.io import read_text
from planner.sources.text import clean_spaces, join_page_breaks, readable_math

_TOC_ENTRY = re.compile(r"^(?P<title>.*\S)\s+(?P<id>\d+)[\s.]*\t(?P<page>\d+)\s*$")
_SPEAKER = re.compile(r"^(?P<role>Invited Speaker|Speakers?):\s*(?P<who>.+)$")
_HEADER = re.compile(r"^(?:(?P<label>.+?) / )?(?P<id>\d+)$")
_BOLD_ROLE = re.compile(r"\*\*(Invited Speaker|Speakers?):\*\*\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class BookRecord:
    """One contribution as the book gives it."""

    number: str
    title: str
    speakers: list[Speaker]
    invited: bool
    label: str | None
    abstract: str
    order: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Book:
    name: str
    records: list[BookRecord]


def _key(text: str) -> str:
    """Comparison key for titles: letters and digits only (drops hyphenation and spacing)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def parse_speakers(text: str) -> list[Speaker]:
    """``Ann Lee (Univ. A), Bo Ng (Inst. B, City)`` -> speakers with affiliations.

    Commas inside parentheses belong to the affiliation."""
    people: list[Speaker] = []
    depth = 0
    current = ""
    for ch in text + ",":
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            part = current.strip()
            current = ""
            if not part:
                continue
            if "(" in part and part.endswith(")"):
                name, _, affiliation = part.partition("(")
                people.append(
                    Speaker(
                        name=clean_spaces(name), affiliation=clean_spaces(affiliation[:-1]) or None
                    )
                )
            else:
                people.append(Speaker(name=clean_spaces(part)))
        else:
            current += ch
    return people


def _paragraphs(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    text = _BOLD_ROLE.sub(lambda m: f"\n\n{m.group(1)}: ", text)
    text = _BOLD.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    return [clean_spaces(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _table_of_contents(lines: list[str], source: str) -> tuple[list[tuple[str, str]], int]:
    """The (title, number) entries in book order, and the index of the first body line."""
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Contents")
    except StopIteration:
        raise ProgrammeError(f"{source}: no 'Contents' line: not a book of abstracts") from None
    entries: list[tuple[str, str]] = []
    last = start
    for i in range(start + 1, len(lines)):
        match = _TOC_ENTRY.match(lines[i])
        if match:
            entries.append((clean_spaces(match["title"]), match["id"]))
            last = i
        elif lines[i].strip() and entries:
            break
    if not entries:
        raise ProgrammeError(f"{source}: the table of contents lists no contributions")
    return entries, last + 1


def _conference_name(lines: list[str]) -> str:
    head: list[str] = []
    for line in lines:
        if line.strip() == "Contents":
            break
        if line.strip():
            head.append(line.strip().strip("*"))
    return clean_spaces(" ".join(head[:2])).title() if head else ""


def parse_book(text: str, source: str = "book") -> Book:
    """Parse the text of a book of abstracts. Raises :class:`ProgrammeError` naming the record
    that cannot be read."""
    lines = text.splitlines()
    toc, body_start = _table_of_contents(lines, source)
    paragraphs = _paragraphs(lines[body_start:])
    speaker_at = [i for i, p in enumerate(paragraphs) if _SPEAKER.match(p)]
    if len(speaker_at) != len(toc):
        raise ProgrammeError(
            f"{source}: the table of contents lists {len(toc)} contributions but the book has "
            f"{len(speaker_at)} speaker lines"
        )

    # Where each record starts (its header, else its title) and its title and header.
    starts: list[int] = []
    found: list[tuple[str, str | None, bool]] = []  # title, label, has header
    for (toc_title, number), at in zip(toc, speaker_at, strict=True):
        want = _key(toc_title)
        title_from = None
        for back in range(1, 4):
            if at - back < 0:
                break
            if _key("".join(paragraphs[at - back : at])) == want:
                title_from = at - back
                break
        if title_from is None:
            raise ProgrammeError(
                f"{source}: contribution {number}: cannot find its title "
                f"{toc_title!r} before its speaker line {paragraphs[at]!r}"
            )
        title = clean_spaces(" ".join(paragraphs[title_from:at]))
        label: str | None = None
        start = title_from
        header = _HEADER.match(paragraphs[title_from - 1]) if title_from > 0 else None
        if header and (not starts or title_from - 1 > speaker_at[len(starts) - 1]):
            if header["id"] != number:
                raise ProgrammeError(
                    f"{source}: record header {paragraphs[title_from - 1]!r} does not match "
                    f"the table of contents, which gives number {number} for {toc_title!r}"
                )
            label = header["label"]
            start = title_from - 1
        starts.append(start)
        found.append((title, label, header is not None))

    records: list[BookRecord] = []
    for k, ((_, number), at) in enumerate(zip(toc, speaker_at, strict=True)):
        end = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        role_match = _SPEAKER.match(paragraphs[at])
        assert role_match is not None
        abstract_paragraphs = join_page_breaks(paragraphs[at + 1 : end])
        title, label, _ = found[k]
        records.append(
            BookRecord(
                number=number,
                title=readable_math(title),
                speakers=parse_speakers(role_match["who"]),
                invited=role_match["role"] == "Invited Speaker",
                label=label,
                abstract=readable_math("\n\n".join(abstract_paragraphs)),
                order=k,
            )
        )
    return Book(name=_conference_name(lines), records=records)


def read_book(path: Path) -> Book:
    return parse_book(read_text(path), str(path))
