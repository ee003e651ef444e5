"""Plain text from the HTML that schedules put in abstracts (FOSDEM, pretalx, c3voc, Indico).

:func:`plain_text` reads the HTML with the standard library's parser, so a ``<`` that opens no
tag (``flux < a threshold``) stays text, and lays it out for a terminal: paragraphs separated
by a blank line, each list item a line of its own.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# fmt: off
# Elements of HTML (and a few obsolete ones still written). A tag with another name, such as
# ``<https://example.org>`` or ``<version>`` typed in an abstract, is kept as the text it is.
_ELEMENTS = frozenset({
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base",
    "bdi", "bdo", "big", "blockquote", "body", "br", "button", "canvas", "caption", "center",
    "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn",
    "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
    "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
    "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp",
    "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody",
    "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track",
    "tt", "u", "ul", "var", "video", "wbr"
})
# Elements that stand as paragraphs of their own (a blank line before and after).
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "details", "dialog", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "main", "menu", "nav", "ol", "p", "pre", "search",
    "section", "summary", "table", "ul"
})
# Elements that are a line each.
_LINES = frozenset({"caption", "dd", "dt", "legend", "option", "tr"})
_LISTS = frozenset({"menu", "ol", "ul"})
_CELLS = frozenset({"td", "th"})
# Elements whose content is dropped.
_HIDDEN = frozenset({"head", "script", "style", "template", "title"})
# Elements that never hold content, so are never closed.
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr"
})
# fmt: on
_HTML = re.compile(
    r"<(?:!--|/?(?:" + "|".join(sorted(_ELEMENTS, key=len, reverse=True)) + r")(?=[\s/>]))",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def _loose(text: str) -> bool:
    """Whether :data:`_SPACES` changes ``text``: it has two spaces running, a tab or a no-break
    space (each looked for at memory speed, where the pattern would test every character)."""
    return "  " in text or "\t" in text or "\u00a0" in text or "\f" in text or "\v" in text


_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(text: str | None) -> str:
    """Text from an abstract that may be HTML.

    Text with no HTML element in it (no ``<p>``, ``<br>``, ``<a ...>``, comment...) comes back
    stripped and otherwise unchanged, entities and all (``1 < 2 &amp; 3`` is plain text).
    HTML is read as a browser would, and written for a terminal:

    - paragraphs, headings, quotes, ``<pre>`` blocks, tables and lists are separated by one
      blank line; ``<br>`` and the line breaks of the text itself end a line (abstracts
      often write lines without ``<br>``); runs of spaces become one, lines are stripped
      (except in ``<pre>``, kept as written);
    - each list item is one line, ``- item`` in a bulleted list and ``1. item`` in a numbered
      one, a nested list indented by two spaces a level and an item's further lines aligned
      under its text; table rows are lines, their cells joined by ``" | "``;
    - entities are decoded; tags, comments and the content of ``<script>``, ``<style>``,
      ``<template>`` and ``<head>`` go; a tag that names no HTML element
      (``<https://example.org>``, ``<name>``) and a ``<`` that opens no tag stay as text.
    """
    if not text or "<" not in text:
        return text.strip() if text else ""
    html = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _Lines()
    simple = lines.read_simple(html)
    if simple and lines.elements:
        return lines.result()
    if _HTML.search(text) is None:  # no tag names an HTML element
        return text.strip()
    if simple:
        return lines.result()
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    return maker.result()


# The tags most abstracts are written with, which :meth:`_TextMaker.read_simple` reads without
# the parser: a start tag with a plain name and quoted or bare attributes, an end tag; and, as
# "other", anything else a ``<`` may open (a comment, a declaration, an odd tag), for which the
# parser is used. A ``<`` before any other character is text for both.
_SIMPLE = re.compile(
    r"<(?:(?P<start>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attrs>(?:\s+[^\s\"'>/=<]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(?P<close>/?)>"
    r"|/(?P<end>[a-zA-Z][a-zA-Z0-9]*)>"
    r"|(?P<other>[a-zA-Z/!?]))"
)
_ATTR = re.compile(r"""([^\s"'>/=<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Elements whose content the parser reads in a mode of its own.
_RAW_CONTENT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                          "noframes", "noscript", "plaintext"})  # fmt: skip
# Elements whose tags change no line. Any other tag than these, in a simple one, is read as
# the parser would read it; these the quick reading passes over.
_INLINE = _ELEMENTS - _BLOCKS - _LINES - _LISTS - _CELLS - _HIDDEN - _RAW_CONTENT - {"br", "li"}


class _Lines:
    """Lines of text from what HTML holds, as :func:`plain_text` describes, laid out as the
    parser (:class:`_TextMaker`) or :meth:`read_simple` reports its tags and text."""

    def __init__(self) -> None:
        self.lines: list[str] = []  # finished lines; "" is a blank line
        self.line: list[str] = []  # the open line's pieces, empty when no line is open
        self.gap = 0  # before the next text: 1 = a new line, 2 = a blank line
        self.lists: list[list[int]] = []  # per open list: [numbered (0/1), items so far]
        self.bullet = ""  # the next line starts a list item with this
        self.hidden = 0  # inside script, style...
        self.pre = 0  # inside pre
        self.cells = 0  # cells so far in the open table row
        self.pending: list[str] = []  # text not yet laid out
        self.elements = False  # whether read_simple met a tag that names an HTML element

    def read_simple(self, text: str) -> bool:
        """Read ``text`` as the parser would, in one pass of :data:`_SIMPLE`, when it holds only
        simple tags; ``False`` (and this object spoilt) when it holds anything else.

        The same events, in the same order, as the parser reports for such text (a test
        compares the two): several times faster, and most abstracts are such text."""
        done = 0
        for match in _SIMPLE.finditer(text):
            start, attributes, close, end, other = match.groups()
            if other is not None:
                return False
            at = match.start()
            if at > done:
                data = text[done:at]
                self.handle_data(unescape(data) if "&" in data else data)
            done = match.end()
            tag = (start or end).lower()
            if tag in _RAW_CONTENT:
                return False
            if not self.elements and tag in _ELEMENTS:
                self.elements = True
            if tag in _INLINE:
                continue  # an inline element's tags change no line
            if end is not None:
                self.handle_endtag(tag)
                continue
            attrs = _attributes(attributes) if tag == "ol" else []
            if close:
                self._start_end_tag(tag, attrs, match.group())
            else:
                self._start_tag(tag, attrs, match.group())
        if done < len(text):
            self.handle_data(unescape(text[done:]))
        return True

    # --- tags and text ---------------------------------------------------------------------

    def _start_tag(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        if tag not in _ELEMENTS:
            self.handle_data(raw)
            return
        if tag in _INLINE:
            return
        self._flush()
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._new_line(keep_blank=True)
        elif tag == "li":
            self._li(attrs)
        elif tag in _CELLS:
            if self.cells:
                self._put(" | ")
            self.cells += 1
        elif tag in _LISTS or tag in _BLOCKS or tag in _LINES:
            self._break(tag)
            if tag in _LISTS:
                self.lists.append([int(tag == "ol"), _start(attrs) - 1])
            elif tag == "pre":
                self.pre += 1
            elif tag == "tr":
                self.cells = 0

    def _start_end_tag(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        if tag not in _ELEMENTS:
            self.handle_data(raw)
        elif tag in _VOID or tag not in _HIDDEN:
            self._start_tag(tag, attrs, raw)
            if tag not in _VOID:
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _ELEMENTS:
            self.handle_data(f"</{tag}>")
            return
        if tag in _INLINE:
            return
        self._flush()
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "li":
            self._end_line()
            self.bullet = ""
        elif tag in _LISTS or tag in _BLOCKS or tag in _LINES:
            if tag in _LISTS and self.lists:
                self.lists.pop()
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pending.append(data)

    def _flush(self) -> None:
        """The text since the last tag that changes the lines (inline tags do not), as one."""
        if self.pending:
            data = "".join(self.pending) if len(self.pending) > 1 else self.pending[0]
            self.pending = []
            self._text(data)

    def _text(self, data: str) -> None:
        if not data:
            return
        if "\n" not in data and not self.pre:  # the usual: words on one line
            if data.isspace():
                if self.line:
                    self.line.append(" ")  # between two inline elements
                return
            if _loose(data):
                data = _SPACES.sub(" ", data)
            if self.line:
                self.line.append(data)
            else:
                self._put(data)
            return
        pieces = data.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                self._new_line(keep_blank=self.pre > 0)
            if self.pre:
                if piece:
                    self._put(piece)
            elif piece and not piece.isspace():
                if _loose(piece):
                    piece = _SPACES.sub(" ", piece)
                self._put(piece)
            elif piece and self.line:
                self._put(" ")  # between two inline elements
            elif 0 < n < len(pieces) - 1 and not self.lists:
                self.gap = 2  # a blank line in the text: a paragraph break

    # --- layout --------------------------------------------------------------------------

    def _indent(self) -> str:
        return "  " * len(self.lists)

    def _put(self, piece: str) -> None:
        """Text on the open line, opening one (after the gap asked for) if needed."""
        if not self.line:
            if not self.pre:
                piece = piece.lstrip()
                if not piece:
                    return  # spaces where a line starts
            if self.lines and self.gap >= 2 and self.lines[-1]:
                self.lines.append("")
            self.line.append(self.bullet or self._indent())
            self.bullet = ""
            self.gap = 0
        self.line.append(piece)

    def _end_line(self) -> None:
        if self.line:
            self.lines.append("".join(self.line).rstrip())
            self.line = []

    def _new_line(self, keep_blank: bool = False) -> None:
        """A line break: ``<br>``, or a line break in the text."""
        if self.line:
            self._end_line()
        elif keep_blank and self.lines and self.lines[-1]:
            self.lines.append("")

    def _break(self, tag: str) -> None:
        """The open line ends, and the next text starts a paragraph (a line inside a list, and
        for a line element)."""
        self._end_line()
        self.gap = max(self.gap, 1 if self.lists or tag in _LINES else 2)

    def _li(self, attrs: list[tuple[str, str | None]]) -> None:
        self._end_line()
        self.gap = max(self.gap, 1)
        if not self.lists:  # an item outside any list: as in a bulleted one
            self.bullet = "- "
            return
        numbered = self.lists[-1]
        numbered[1] += 1
        mark = f"{numbered[1]}. " if numbered[0] else "- "
        self.bullet = "  " * (len(self.lists) - 1) + mark

    def result(self) -> str:
        self._flush()
        self._end_line()
        text = "\n".join(self.lines)
        if "\n\n\n" in text:
            text = _BLANK_LINES.sub("\n\n", text)
        return text.strip("\n").rstrip()


class _TextMaker(_Lines, HTMLParser):
    """:class:`_Lines` as the standard library's HTML parser reports the tags and text."""

    def __init__(self) -> None:
        _Lines.__init__(self)
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, attrs, self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_end_tag(tag, attrs, self.get_starttag_text() or f"<{tag}/>")

    # comments, doctypes, processing instructions and marked sections are dropped (the
    # parser's defaults); an unknown declaration too:
    def unknown_decl(self, data: str) -> None:
        pass


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A simple tag's attributes, as the parser gives them (names in lower case, values
    unquoted with their entities decoded)."""
    found: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        name, *values = match.groups()
        value = next((v for v in values if v is not None), None)
        found.append((name.lower(), None if value is None else unescape(value)))
    return found


def _start(attrs: list[tuple[str, str | None]]) -> int:
    """The first number of an ``<ol start=N>``."""
    for name, value in attrs:
        if name == "start" and value and value.strip().isdigit() and len(value.strip()) < 7:
            return int(value.strip())
    return 1
