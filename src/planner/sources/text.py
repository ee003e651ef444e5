"""Text repairs for abstracts extracted from PDF books: readable math and joined page breaks."""

from __future__ import annotations

import re

from pylatexenc.latex2text import LatexNodes2Text

_LATEX = LatexNodes2Text(math_mode="text")
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_MATH = re.compile(r"\$([^$]+)\$")
_MACRO_THEN_SPACE = re.compile(r"(\\[A-Za-z]+) ")
_STRAY_LATEX = re.compile(r"(?:\d\\,\d|[A-Za-z]_\{\w+\})")
_POWER = re.compile(r"(?<=[\w)])\^\{?([0-9+-]+)\}?")
_EMPHASIS = re.compile(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")


def latex_to_text(latex: str) -> str:
    """Unicode text for a LaTeX fragment, keeping the spaces LaTeX would swallow after macros."""
    text: str = _LATEX.latex_to_text(_MACRO_THEN_SPACE.sub(r"\1{} ", latex))
    return text.replace("\u2009", " ")


def readable_math(text: str) -> str:
    """Turn ``$2\\,176\\text{ deg}^2$`` into ``2 176 deg²`` and ``$\\sim 90,000$`` into ``∼ 90,000``."""
    text = _MATH.sub(lambda m: latex_to_text(m.group(1)), text)
    text = re.sub(r"(\d)\\,(\d)", r"\1 \2", text)
    text = re.sub(r"([A-Za-z])_\{(\w+)\}", r"\1_\2", text)
    text = _POWER.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), text)
    return _EMPHASIS.sub(r"\1", text)


def join_page_breaks(paragraphs: list[str]) -> list[str]:
    """Join paragraphs that a page break split, that is where the first does not end a sentence.

    (A paragraph may start in lower case, as "sCMOS images are ...", so the case of the next
    paragraph decides nothing.)"""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not _SENTENCE_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def clean_spaces(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()
