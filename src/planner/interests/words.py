"""Words of a text as the interests and the searches see them, and whole-word search.

A word is a run of letters or digits, folded (lower case, accents removed: "Ramón" is
"ramon"); "Hardware-aided" is two words and "rust" is not a word of "trust". Words are also
compared by their stems (Snowball English), so "detecting" finds "detection", and a word of
:data:`PREFIX_MIN` letters or more also finds the longer words it begins ("postgres" finds
"PostgreSQL"). The keyword ranking (:mod:`planner.interests.relevance`) reads words so, and so do
the searches of the programme (the terminal UI's ``/`` and ``planner show --track``), through
:class:`WordQuery`.

A search word written with ``*`` asks for parts of words explicitly: ``rust*`` finds the words
that begin with "rust" ("rustc"), ``*rust`` those that end with it ("trust") and ``*rust*`` those
that hold it anywhere ("Frustration").

Light (a small stemmer, no ranking library), so ``planner show`` needs no more than this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import Stemmer

from planner.interests.folding import fold

WORD = re.compile(r"[^\W_]{2,}")
"""The words the keyword ranking indexes: two letters or digits or more."""
ANY_WORD = re.compile(r"[^\W_]+")
"""Every word, one letter too: what names and searches are matched on ("C", "R", "M.")."""
PREFIX_MIN = 5
"""A word this long or longer also matches the longer words it begins."""


@cache
def _stemmer() -> Any:
    return Stemmer.Stemmer("english")


def stems(words: list[str]) -> list[str]:
    """The stem of each folded word."""
    return list(_stemmer().stemWords(words))


def words(text: str) -> list[str]:
    """The folded words of ``text``, one letter or more."""
    return ANY_WORD.findall(fold(text))


@dataclass(frozen=True)
class SearchText:
    """A text made ready for :class:`WordQuery`: its words and their stems, each between
    spaces, so that a word is found whole by looking for it between spaces."""

    words: str
    stems: str

    @classmethod
    def of(cls, text: str) -> SearchText:
        found = words(text)
        return cls(f" {' '.join(found)} ", f" {' '.join(stems(found))} ")


Part = Literal["word", "begins", "ends", "inside"]
_PARTS: dict[tuple[bool, bool], Part] = {
    (False, False): "word",
    (False, True): "begins",
    (True, False): "ends",
    (True, True): "inside",
}
"""The part of a word a search word stands for, by its ``*`` before and after."""


@dataclass(frozen=True)
class Term:
    word: str
    stem: str
    part: Part

    def found_in(self, text: SearchText) -> bool:
        if self.part == "inside":
            return self.word in text.words
        if self.part == "begins":
            return f" {self.word}" in text.words
        if self.part == "ends":
            return f"{self.word} " in text.words
        if f" {self.stem} " in text.stems or f" {self.word} " in text.words:
            return True
        return len(self.word) >= PREFIX_MIN and f" {self.word}" in text.words


@dataclass(frozen=True)
class WordQuery:
    """What a user typed to search: every word of it must be found, as a whole word (or by its
    stem, or as the beginning of a longer word from PREFIX_MIN letters), or as the part of a
    word its ``*`` asks for."""

    terms: tuple[Term, ...]

    @classmethod
    def parse(cls, text: str) -> WordQuery:
        terms: list[Term] = []
        for written in text.split():
            before, after = written.startswith("*"), written.endswith("*")
            found = words(written)
            for n, word in enumerate(found):
                # a * reaches the word beside it: "*ware-aided" is a word ending in "ware"
                part = _PARTS[(before and n == 0, after and n == len(found) - 1)]
                terms.append(Term(word, stems([word])[0], part))
        return cls(tuple(terms))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, text: SearchText) -> bool:
        """True when every term is found in ``text`` (always, for an empty query)."""
        return all(term.found_in(text) for term in self.terms)


def name_matches(query: str, name: str) -> bool:
    """Whether ``name`` (a track's, say) holds every word of ``query`` by the rules above."""
    return WordQuery.parse(query).matches(SearchText.of(name))
