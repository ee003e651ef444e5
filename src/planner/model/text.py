"""The one definition of the text the planner keeps: what every reader's titles, abstracts,
speakers and room names become on import (the programme model applies it to its text fields,
whichever reader filled them: frab XML, c3voc, pretalx and Indico JSON, calendars, books of
abstracts, programme files), and what the calendar export writes.

Control characters (C0 but tab and line feed, and DEL) are removed: they are never meant in a
programme (a BEL or a vertical tab from a copied PDF, a NUL from a broken file), a terminal
acts on them, and RFC 5545's TEXT forbids them (the ``ical`` library refuses a whole calendar
for one). Carriage returns go too, so ``\\r\\n`` reads as ``\\n``. Line breaks and tabs are
kept, in every field: each view lays a title of several lines out as it can (the agendas on
one line, the calendar as written).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

CONTROLS = frozenset([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
"""Code points removed: all C0 control characters but tab (9) and line feed (10), and DEL."""

_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CONTROLS)) + "]")


_CONTROL_BYTES = bytes(sorted(CONTROLS))


def text_value(text: str) -> str:
    """``text`` without control characters; line breaks and tabs kept.

    Most text has none, which its UTF-8 bytes tell fastest: a control character is the one
    byte of its code point there, and no other character has such a byte, so deleting them
    with ``bytes.translate`` leaves as many bytes exactly when there are none (a third of the
    time the pattern takes to scan the text: 12 M characters of abstracts on a 10,000-event
    import)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text
    return _CONTROL.sub("", text)


Text = Annotated[str, AfterValidator(text_value)]
"""A text field of the programme, as :func:`text_value` keeps it."""


UNTITLED = "(untitled)"
"""The title of an item whose source gives none, or one of only spaces and control characters."""


def title_value(text: str) -> str:
    """A title as :func:`text_value` keeps it, or :data:`UNTITLED` when nothing is left."""
    kept = text_value(text)
    return kept if kept.strip() else UNTITLED


Title = Annotated[str, AfterValidator(title_value)]
"""The title of a contribution, session or break: never empty."""
