"""The attendee's own writing, read as an interest ("bring your paper").

:func:`read_document` reads one file to a :class:`LikeDocument`: its name, for explanations
("shares 'light curves' with your paper 'mypaper.pdf'"), and its text, for the ranking.
Formats are told by content, the extension a hint:

- a PDF (it begins with ``%PDF-``): the text of its pages (pypdf);
- BibTeX (``.bib``, or a file whose first entry starts a line as ``@article{``): each
  entry's title, keywords and abstract (bibtexparser), LaTeX accents, braces and math made
  plain text (pylatexenc);
- any other text, UTF-8 (or UTF-16 with its byte order mark): Markdown, read as such
  (markdown-it), so its markup goes and its words stay; plain text is Markdown too.

Bounds, so that a hostile or mistaken file costs little: only regular files are read (a pipe
or a device is refused at once, never waited on); at most :data:`MAX_BYTES` from a file
(:data:`MAX_TEXT_BYTES` of text or BibTeX); of a PDF, the first :data:`MAX_PAGES` pages,
pages whose drawing instructions take more than :data:`MAX_PAGE_CONTENT` bytes (large vector
plots) passed over, and reading stopped after :data:`MAX_SECONDS`; at most :data:`MAX_CHARS`
characters of text kept, cut at a line. Anything unreadable raises :class:`PlannerError`
with one message that names the file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError
from planner.model.text import CONTROLS
from planner.userfiles import read_bytes

_MB = 1024 * 1024
MAX_BYTES = 32 * _MB  # a PDF with figures
MAX_TEXT_BYTES = 8 * _MB  # text, Markdown or BibTeX (several thousand entries with abstracts)
MAX_PAGES = 100  # of a PDF: a paper and its appendices, or a thesis's first chapters
MAX_PAGE_CONTENT = 2 * _MB  # a page's drawing instructions (a page of text takes 20-100 KB)
MAX_SECONDS = 10.0  # reading a PDF's pages
MAX_CHARS = 2_000_000  # of text kept, from any format (about 300,000 words)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".rst", ".tex"})
BIBTEX_SUFFIXES = frozenset({".bib", ".bibtex"})

# The libraries below report what they tidied through logging; the planner's own message
# says what matters, so theirs stay out of the attendee's terminal.
for _name in ("pypdf", "bibtexparser"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class LikeDocument:
    """A file of the attendee's: its name (as explanations show it) and its text."""

    name: str
    text: str


def read_document(path: Path) -> LikeDocument:
    """The text of a PDF, BibTeX, Markdown or plain text file, as the module describes.

    Raises :class:`PlannerError` naming the file when it is missing, a folder, not a regular
    file, too large, not text in a known encoding, a broken PDF or BibTeX, or has no text."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _kind(path, data)
    if kind == "pdf":
        from planner.interests.document_formats import pdf_text

        text = pdf_text(data, str(path))
    else:
        if len(data) > MAX_TEXT_BYTES:
            raise PlannerError(
                f"{path}: {len(data) / _MB:.1f} MB of text is over the limit of "
                f"{MAX_TEXT_BYTES / _MB:g} MB for a document"
            )
        decoded = _decode(data, path)
        if kind == "bibtex":
            from planner.interests.document_formats import bibtex_text

            text = bibtex_text(decoded, str(path))
        else:
            from planner.interests.document_formats import markdown_text

            text = markdown_text(decoded, MAX_CHARS)
    text = tidy(text)
    if not text:
        hint = " (a scanned PDF holds pictures of its pages, not text)" if kind == "pdf" else ""
        raise PlannerError(f"{path}: no text found in it{hint}")
    return LikeDocument(name=path.name, text=text)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES`; a pipe is never waited on, and
    no buffer of the whole limit is taken up front (a 32 MB buffer for a one-line note ran a
    small memory bound out)."""
    try:
        return read_bytes(path, MAX_BYTES, f"limit of {MAX_BYTES / _MB:g} MB for a document")
    except IsADirectoryError:
        raise PlannerError(f"{path}: is a folder, not a document") from None
    except FileNotFoundError:
        raise PlannerError(f"{path}: no such file") from None
    except PermissionError:
        raise PlannerError(f"{path}: cannot read it (permission denied)") from None
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error.strerror or error})") from None


_BIBTEX_START = re.compile(rb"\A(?:[ \t]*(?:%[^\n]*)?\r?\n)*[ \t]*@[A-Za-z]+[ \t]*[{(]")
_ZIP = b"PK\x03\x04"


def _kind(path: Path, data: bytes) -> str:
    """``pdf``, ``bibtex`` or ``text``: by content, the extension deciding what content cannot."""
    suffix = path.suffix.lower()
    if b"%PDF-" in data[:1024]:  # the header may follow a few bytes of junk
        return "pdf"
    if suffix == ".pdf":
        raise PlannerError(f"{path}: not a PDF (it does not begin with %PDF-)")
    if data.startswith(_ZIP):
        raise PlannerError(
            f"{path}: a zip archive (a .docx or .odt document?), not a PDF, BibTeX or text "
            "file; save it as PDF or plain text"
        )
    if suffix in BIBTEX_SUFFIXES:
        return "bibtex"
    if suffix not in TEXT_SUFFIXES and _BIBTEX_START.match(data.lstrip(b"\xef\xbb\xbf")):
        return "bibtex"
    return "text"


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
        if b"\x00" in data[:4096]:
            raise PlannerError(f"{path}: not a PDF, BibTeX or text file (it holds binary data)")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise PlannerError(
            f"{path}: not UTF-8 text (byte {error.start} cannot be read: {error.reason}); "
            "save it as UTF-8, or give a PDF or BibTeX file"
        ) from None


_TRAILING = re.compile(r"[ \t\f\v\u00a0]+(?=\n)")
_BLANKS = re.compile(r"\n{3,}")
_CONTROL = dict.fromkeys(CONTROLS, " ")  # as a programme's text has them (model/text.py)


def tidy(text: str) -> str:
    """Line ends as ``\\n``, no control characters, no spaces ending a line, blank lines one,
    stripped, and cut at a line to at most :data:`MAX_CHARS` characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CONTROL)
    text = _BLANKS.sub("\n\n", _TRAILING.sub("", text)).strip()
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS].rstrip()
    return text
