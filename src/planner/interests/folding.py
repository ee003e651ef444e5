"""Folding text for matching: lower case, accents removed. Light (no ranking libraries), so
that reading a profile or a command line needs no more than this."""

from __future__ import annotations

import re
import unicodedata

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining diacritical marks blocks: what an accent becomes after NFKD."""


def fold(text: str) -> str:
    """Lower-case, accents removed: "Ramón" -> "ramon"."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
