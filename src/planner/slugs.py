"""Slugs: lower-case ASCII words joined by hyphens, for ids, UIDs and file names."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, transliterate: bool = True) -> str:
    """``"Ramón Göhre"`` -> ``"ramon-gohre"``; empty when no letter or digit is left.

    Accented letters lose their accents, and letters with no ASCII form go. With
    ``transliterate=False`` every letter outside a-z separates words (``"ram-n-g-hre"``): the
    session ids of timetable templates, kept as they have always been made."""
    if transliterate and not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub("-", text.casefold()).strip("-")
