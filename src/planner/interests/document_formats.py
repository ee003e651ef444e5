"""Text from each format :func:`planner.interests.documents.read_document` reads: PDF (pypdf),
BibTeX (bibtexparser, pylatexenc) and Markdown or plain text (markdown-it). Each takes what
the file holds and the name messages give it, and returns text; a broken file raises
:class:`PlannerError` naming it. Bounds are those of :mod:`planner.interests.documents`."""

from __future__ import annotations

import io
import re
import time
from typing import Any

from planner.errors import PlannerError
from planner.interests import documents as limits

# --- PDF ---------------------------------------------------------------------------------------

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")  # "light-\ncurves" split at a line's end


def pdf_text(data: bytes, source: str) -> str:
    """The text of a PDF's pages, pages apart by a blank line, words hyphenated across a line
    joined and ligatures (``ﬁ``) spelt out. An encrypted PDF is read when it opens with an
    empty password, as many do."""
    from pypdf import PdfReader

    texts: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlannerError(f"{source}: the PDF is protected by a password; give one without")
        pages = reader.pages
        count = len(pages)
        deadline = time.monotonic() + limits.MAX_SECONDS
        kept = 0
        for number in range(min(count, limits.MAX_PAGES)):
            page = pages[number]
            if _content_size(page) > limits.MAX_PAGE_CONTENT:
                continue  # a large drawing (a plot of many points), not the paper's text
            text = page.extract_text() or ""
            texts.append(text)
            kept += len(text)
            if kept >= limits.MAX_CHARS or time.monotonic() > deadline:
                break
    except PlannerError:
        raise
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise PlannerError(f"{source}: a PDF that cannot be read ({_reason(error)})") from None
    text = "\n\n".join(texts).translate(_LIGATURES)
    return _HYPHENATED.sub("", text)


def _content_size(page: Any) -> int:
    """The bytes of a page's drawing instructions, decompressed (pypdf bounds that too)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(stream.get_object().get_data()) for stream in streams)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:160]
    return text or type(error).__name__


# --- BibTeX ------------------------------------------------------------------------------------

_FIELDS = ("title", "keywords", "abstract")
_LATEX_MARKS = re.compile(r"[\\$~%^_]")
_KEYWORD_SPLIT = re.compile(r"\s*[;,]\s*")


def bibtex_text(text: str, source: str) -> str:
    """Each entry's title, keywords and abstract, entries apart by a blank line. Entries the
    parser cannot read (a duplicate key, a missing brace) are passed over while others can
    be read; a file of none is refused, naming the first problem."""
    from bibtexparser.entrypoint import parse_string  # bibtexparser.parse_string (v2)

    try:
        library = parse_string(text)
    except Exception as error:  # the parser's own failures are recorded, but not all of them
        raise PlannerError(f"{source}: BibTeX that cannot be read ({_reason(error)})") from None
    entries: list[str] = []
    for entry in library.entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        parts: list[str] = []
        for name in _FIELDS:
            value = fields.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            value = plain_latex(value)
            if name == "keywords":
                value = ", ".join(k for k in _KEYWORD_SPLIT.split(value) if k)
            parts.append(value)
        if parts:
            entries.append("\n".join(parts))
    if entries:
        return "\n\n".join(entries)
    failed = library.failed_blocks
    if failed:
        block = failed[0]
        problem = getattr(block, "error", None)
        why = _reason(problem) if isinstance(problem, BaseException) else "not BibTeX"
        where = (
            f"the entry at line {block.start_line + 1}"
            if block.start_line is not None
            else "an entry"
        )
        raise PlannerError(f"{source}: BibTeX that cannot be read ({where}: {why})")
    if not library.entries:
        raise PlannerError(f"{source}: no BibTeX entry in it (such as @article{{key, ...}})")
    return ""  # entries without a title, keywords or abstract: "no text found"


def plain_latex(value: str) -> str:
    """LaTeX of a BibTeX field as plain text: ``{\\"o}`` is ``ö``, ``{H}ubble`` is ``Hubble``,
    ``$\\Lambda$CDM`` is ``ΛCDM``; spaces and line breaks one space."""
    if _LATEX_MARKS.search(value):
        from planner.sources.text import latex_to_text

        try:
            value = latex_to_text(value)
        except Exception:  # pylatexenc is tolerant; should it fail, the braces still go
            value = value.replace("\\", " ")
    return " ".join(value.replace("{", "").replace("}", "").split())


# --- Markdown and plain text -------------------------------------------------------------------

_BLOCK_ENDS = frozenset(
    {"paragraph_close", "heading_close", "blockquote_close", "bullet_list_close",
     "ordered_list_close", "hr"}
)  # fmt: skip


MARKDOWN_PIECE = 64 * 1024
"""Markdown is read in pieces of at most this many characters, cut at blank lines: the parser
keeps every token of what it reads, several times the text's size (a 3 MB note ran a 200 MB
bound out); pieces keep that small, and the time checked often. Reading stops once more text than a document keeps
(:data:`planner.interests.documents.MAX_CHARS`) is gathered, or after
:data:`MARKDOWN_SECONDS` of reading: a real text of a megabyte takes a fifth of a second, but
one of a hundred thousand one-word paragraphs takes ten times as long, and the words read by
then are plenty to rank by."""

MARKDOWN_SECONDS = 0.8


def _pieces(text: str, size: int = MARKDOWN_PIECE) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, each ending a paragraph if it can."""
    pieces, start = [], 0
    while start < len(text):
        end = start + size
        if end < len(text):  # after a blank line, else after a line, else where it falls
            cut = text.rfind("\n\n", start, end - 1)
            if cut > start:
                end = cut + 2
            elif (cut := text.rfind("\n", start, end)) > start:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def markdown_text(text: str, most: int = 2_000_000) -> str:
    """Markdown's text without its markup: headings, paragraphs and list items as lines, link
    and image texts kept (their addresses dropped), code kept, HTML as text
    (:func:`planner.sources.html_text.plain_text`). Plain text reads as itself. Read in pieces
    (:data:`MARKDOWN_PIECE`) until more than ``most`` characters are gathered or
    :data:`MARKDOWN_SECONDS` have passed."""
    parts: list[str] = []
    gathered = 0
    deadline = time.process_time() + MARKDOWN_SECONDS
    for piece in _pieces(text):
        done = _markdown_piece(piece)
        parts.append(done)
        gathered += len(done)
        if gathered > most or time.process_time() > deadline:
            break
    return "".join(parts)


def _markdown_piece(text: str) -> str:
    from markdown_it import MarkdownIt

    from planner.sources.html_text import plain_text

    parts: list[str] = []
    for token in MarkdownIt("commonmark").parse(text):
        kind = token.type
        if kind == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline", "image"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak") or (
                    child.type == "html_inline" and child.content.lower().startswith("<br")
                ):
                    parts.append("\n")
            parts.append("\n")
        elif kind in ("fence", "code_block"):
            parts.append(f"{token.content}\n")
        elif kind == "html_block":
            parts.append(f"{plain_text(token.content)}\n\n")
        elif kind in _BLOCK_ENDS and not token.hidden:  # a tight list's items are lines
            parts.append("\n")
    return "".join(parts)
