"""Keyword relevance: which contributions a free-text keyword is about, and why.

Each contribution is indexed as five fields, each a BM25 index (``bm25s``): its title, its
session's title (and track), its speakers' names, their affiliations and its abstract. A keyword
scores a contribution by the weighted sum of its BM25 scores in each field (a BM25F-like sum:
title 3, session 2, speaker names 2, affiliations 1, abstract 1). Words are folded to lower-case
ASCII, stop words dropped and the rest stemmed (Snowball English, PyStemmer), so "detecting"
matches "detection". A keyword of several words is also a phrase: in a field that holds its
words in order ("anomaly detection"), the phrase scores as one more BM25 term, whose rarity is
that of the phrase, so a talk about "machine learning" beats one that says "machines" in its
title and "learning" in its abstract. And it scores by how much of it a contribution matches:
the score is multiplied by the share of the keyword found (its words weighed by their BM25
rarity in the programme, the whole phrase counting as all of it) squared
(:data:`COVERAGE_POWER`), so for "anomaly detection" a talk about "source detection" keeps less
than a tenth of what it scores for "detection" alone (0.14 against 2.8 on ML4Astro). A keyword
word of :data:`PREFIX_MIN` letters or more also matches the longer words it begins ("postgres"
finds "PostgreSQL"), each such word scoring :data:`PREFIX_WEIGHT` of what the word itself would
(the best of them in each field).

Every score can be told in words with :meth:`RelevanceIndex.explain`
(:mod:`planner.interests.keyword_reasons`), e.g. "'anomaly detection' in the title, 'detection'
twice in the abstract, session 'Anomaly Detection'".

The index is built once per programme (:func:`relevance_index` caches it) and answers a keyword
with one sparse look-up per field and keyword word.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from planner.interests.folding import fold
from planner.interests.index_cache import PerProgramme
from planner.interests.keyword_reasons import Hit, describe
from planner.interests.words import PREFIX_MIN, WORD, stems
from planner.model import Contribution, Programme

_STOPWORDS = frozenset(STOPWORDS_EN)
K1, B = 1.5, 0.75
"""BM25 parameters (bm25s's defaults), also used to score a phrase as one more term."""
PREFIX_WEIGHT = 0.5
"""What a word that a keyword word begins scores, relative to the keyword word itself."""
COVERAGE_POWER = 2
"""A keyword of several words: a contribution's score is multiplied by the share of the
keyword it matches (its words weighed by BM25 rarity; the phrase is all of it) to this power."""
PREFIX_MAX = 32
"""At most this many words a keyword word begins are scored (the shortest), per field."""


@dataclass(frozen=True)
class Field:
    name: str
    weight: float
    where: str
    """How an explanation names the field: "'anomaly' in the title"."""


FIELDS: tuple[Field, ...] = (
    Field("title", 3.0, "the title"),
    Field("session", 2.0, "the session title"),
    Field("speakers", 2.0, "a speaker's name"),
    Field("affiliations", 1.0, "an affiliation"),
    Field("abstract", 1.0, "the abstract"),
)


@dataclass(frozen=True)
class Token:
    stem: str
    word: str
    """The folded word as written (lower-case, accents removed)."""


def words_and_stems(text: str) -> tuple[list[str], list[str]]:
    words = [w for w in WORD.findall(fold(text)) if w not in _STOPWORDS]
    return words, stems(words)


def tokenize(text: str) -> list[Token]:
    """Words of two or more letters or digits, without stop words, stemmed."""
    words, stems = words_and_stems(text)
    return [Token(stem, word) for stem, word in zip(stems, words, strict=True)]


def _query_words(text: str) -> list[tuple[str, str]]:
    """(folded word, word as the user wrote it) for each word of a keyword that is indexed."""
    pairs: list[tuple[str, str]] = []
    for written in WORD.findall(unicodedata.normalize("NFC", text)):
        for word in WORD.findall(fold(written)):
            if len(word) > 1 and word not in _STOPWORDS:
                pairs.append((word, written if fold(written) == word else word))
    return pairs


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    query: Query = field(repr=False, compare=False)
    index: RelevanceIndex = field(repr=False, compare=False)
    position: int = field(repr=False, compare=False)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return self.index.hits(self.query, self.position)

    def explain(self) -> str:
        where = {f.name: f.where for f in FIELDS}
        return ", ".join(
            describe(hit, self.query.text, where.get(hit.field, hit.field)) for hit in self.hits
        )


@dataclass(frozen=True)
class Query:
    text: str
    tokens: tuple[Token, ...]

    @property
    def stems(self) -> list[str]:
        return list(dict.fromkeys(t.stem for t in self.tokens))

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1

    @property
    def prefixes(self) -> list[tuple[str, str]]:
        """(folded word, its stem) of each keyword word long enough to match as a prefix."""
        found = {fold(t.word): t.stem for t in self.tokens if len(fold(t.word)) >= PREFIX_MIN}
        return list(found.items())


class _FieldIndex:
    """One BM25 index over one field of every contribution, and its words to find phrases
    and explain a score (scanned only for the documents a query matches)."""

    def __init__(self, texts: list[list[str]]) -> None:
        self.texts = texts
        self.stems: list[list[str]] = []
        self.words: list[list[str]] = []
        self.text_stems: list[list[frozenset[str]]] = []
        vocabulary: set[str] = set()
        for doc_texts in texts:
            stems: list[str] = []
            words: list[str] = []
            per_text: list[frozenset[str]] = []
            for text in doc_texts:
                text_words, text_stems = words_and_stems(text)
                per_text.append(frozenset(text_stems))
                stems += text_stems
                words += text_words
            self.text_stems.append(per_text)
            self.stems.append(stems)
            self.words.append(words)
            vocabulary.update(stems)
        self.vocabulary = frozenset(vocabulary)
        self.lengths = np.array([len(s) for s in self.stems], dtype=np.float64)
        self.average_length = float(self.lengths.mean()) if len(texts) else 0.0
        every_word, every_stem = chain.from_iterable(self.words), chain.from_iterable(self.stems)
        stem_of = dict(zip(every_word, every_stem, strict=True))
        self.sorted_words = sorted(stem_of)
        """The field's distinct words, sorted (for the words a keyword word begins)..."""
        self.sorted_stems = [stem_of[w] for w in self.sorted_words]
        """... and the stem of each."""
        self.retriever: bm25s.BM25 | None = None
        if vocabulary:
            self.retriever = bm25s.BM25(k1=K1, b=B)
            self.retriever.index(self.stems, show_progress=False)

    def scores(self, stems: list[str], size: int) -> np.ndarray[Any, Any]:
        known = [s for s in stems if s in self.vocabulary]
        if self.retriever is None or not known:
            return np.zeros(size, dtype=np.float64)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float64)

    def begun(self, word: str, stem: str) -> list[str]:
        """The stems of the longer words of this field that ``word`` begins, other than
        ``stem`` (the word's own, an exact match): at most PREFIX_MAX, the shortest words'."""
        words, stems = self.sorted_words, self.sorted_stems
        found: dict[str, int] = {}
        for n in range(bisect.bisect_right(words, word), len(words)):
            if not words[n].startswith(word):
                break
            if stems[n] != stem:
                found.setdefault(stems[n], len(words[n]))
        return sorted(found, key=lambda s: (found[s], s))[:PREFIX_MAX]

    def prefix_scores(self, query: Query, size: int) -> dict[str, np.ndarray[Any, Any]]:
        """PREFIX_WEIGHT times the BM25 of the best word each keyword word begins, by the
        keyword word's stem (absent when it begins no word here)."""
        found: dict[str, np.ndarray[Any, Any]] = {}
        if self.retriever is None:
            return found
        for word, stem in query.prefixes:
            begun = self.begun(word, stem)
            if begun:
                best = np.max([self.scores([s], size) for s in begun], axis=0)
                found[stem] = found.get(stem, 0) + PREFIX_WEIGHT * best
        return found

    def count(self, stem: str, i: int) -> int:
        return self.stems[i].count(stem)

    def forms(self, stem: str, i: int) -> tuple[str, ...]:
        """The words of document ``i`` whose stem is ``stem``, as written (folded)."""
        return tuple(
            dict.fromkeys(w for s, w in zip(self.stems[i], self.words[i], strict=True) if s == stem)
        )

    def phrase_count(self, phrase: Sequence[str], i: int) -> int:
        """How often the stems of ``phrase`` follow each other in document ``i``."""
        stems = self.stems[i]
        n = len(phrase)
        first = phrase[0]
        want = list(phrase)
        return sum(1 for p, stem in enumerate(stems) if stem == first and stems[p : p + n] == want)

    def phrase_scores(self, phrase: Sequence[str], candidates: Iterable[int], size: int) -> Any:
        """BM25 of the phrase as if it were one term (Lucene's idf, from the documents that
        hold the phrase), for the ``candidates`` that may hold it."""
        counts = {i: n for i in candidates if (n := self.phrase_count(phrase, i))}
        scores = np.zeros(size, dtype=np.float64)
        if not counts:
            return scores
        idf = math.log(1 + (size - len(counts) + 0.5) / (len(counts) + 0.5))
        for i, tf in counts.items():
            norm = 1 - B + B * self.lengths[i] / self.average_length
            scores[i] = idf * tf * (K1 + 1) / (tf + K1 * norm)
        return scores


def _field_texts(programme: Programme, c: Contribution) -> dict[str, list[str]]:
    session = programme.session_of(c)
    session_texts = [session.title]
    track = programme.track_of(c)
    if fold(track) != fold(session.title):
        session_texts.append(track)
    return {
        "title": [c.title],
        "session": session_texts,
        "speakers": [s.name for s in c.speakers],
        "affiliations": list(dict.fromkeys(s.affiliation for s in c.speakers if s.affiliation)),
        "abstract": [c.abstract],
    }


class RelevanceIndex:
    """Field-weighted BM25 over one programme's contributions."""

    def __init__(self, programme: Programme) -> None:
        self.ids = [c.id for c in programme.contributions]
        per_field: dict[str, list[list[str]]] = {f.name: [] for f in FIELDS}
        for c in programme.contributions:
            for name, texts in _field_texts(programme, c).items():
                per_field[name].append(texts)
        self.fields = {name: _FieldIndex(all_texts) for name, all_texts in per_field.items()}
        self._cache: dict[str, list[Match]] = {}

    @staticmethod
    def query(keyword: str) -> Query:
        pairs = _query_words(keyword)
        found = stems([word for word, _ in pairs])
        tokens = tuple(
            Token(stem, written) for stem, (_, written) in zip(found, pairs, strict=True)
        )
        return Query(" ".join(keyword.split()), tokens)

    def search(self, keyword: str) -> list[Match]:
        """Every contribution the keyword matches, best first (ties by programme order)."""
        if keyword not in self._cache:
            self._cache[keyword] = self._search(self.query(keyword))
        return self._cache[keyword]

    def scores(self, keyword: str) -> dict[str, float]:
        """Relevance of every matching contribution (absent means zero)."""
        return {m.id: m.score for m in self.search(keyword)}

    def explain(self, keyword: str, contribution_id: str) -> str:
        """Why ``keyword`` matches the contribution, in words ("" when it does not)."""
        for m in self.search(keyword):
            if m.id == contribution_id:
                return m.explain()
        return ""

    def _search(self, query: Query) -> list[Match]:
        size = len(self.ids)
        stems = query.stems
        if not stems:
            return []
        total = np.zeros(size, dtype=np.float64)
        phrase = [t.stem for t in query.tokens]
        found = {stem: np.zeros(size, dtype=bool) for stem in stems}
        """Which contributions hold each keyword word, in any field (or a word it begins)."""
        whole = np.zeros(size, dtype=bool)
        """Which contributions hold the whole keyword as a phrase, in some field."""
        for f in FIELDS:
            index = self.fields[f.name]
            scores = np.zeros(size, dtype=np.float64)
            for stem in stems:
                one = index.scores([stem], size)
                found[stem] |= one > 0
                scores += one
            if query.is_phrase:
                candidates = (int(i) for i in np.nonzero(scores)[0])
                held = index.phrase_scores(phrase, candidates, size)
                whole |= held > 0
                scores += held
            for stem, begun in index.prefix_scores(query, size).items():
                found[stem] |= begun > 0
                scores += begun
            total += f.weight * scores
        if len(stems) > 1:
            total *= _coverage(found, whole, size) ** COVERAGE_POWER
        order = sorted(np.nonzero(total > 0)[0], key=lambda i: (-total[i], i))
        return [Match(self.ids[i], float(total[i]), query, self, int(i)) for i in order]

    def hits(self, query: Query, i: int) -> tuple[Hit, ...]:
        """Where the keyword was found in contribution number ``i``, in the order of FIELDS."""
        found: list[Hit] = []
        phrase = [t.stem for t in query.tokens]
        for f in FIELDS:
            index = self.fields[f.name]
            begun = {stem: index.begun(word, stem) for word, stem in query.prefixes}
            if f.name in ("session", "speakers", "affiliations"):
                # one hit per short text that holds a keyword word (or a word one begins)
                stems = set(query.stems).union(*begun.values())
                texts = zip(index.texts[i], index.text_stems[i], strict=True)
                for j, (text, text_stems) in enumerate(texts):
                    if stems & text_stems:
                        # the session field holds the session's title, then its track
                        kind = "track" if f.name == "session" and j else f.name
                        found.append(Hit(kind, (), 0, text))
                continue
            counts: list[tuple[str, int, tuple[str, ...], bool]] = []
            seen: set[str] = set()
            for token in query.tokens:
                if token.stem in seen:
                    continue
                seen.add(token.stem)
                n = index.count(token.stem, i)
                forms = index.forms(token.stem, i) if n else ()
                longer = False
                for other in begun.get(token.stem, ()):
                    more = index.count(other, i)
                    if more:
                        n, longer = n + more, True
                        forms += index.forms(other, i)
                if n:
                    counts.append((token.word, n, forms, longer))
            if counts:
                n_phrase = index.phrase_count(phrase, i) if query.is_phrase else 0
                found.append(Hit(f.name, tuple(counts), n_phrase, ""))
        return tuple(found)


def _coverage(
    found: dict[str, np.ndarray[Any, Any]], whole: np.ndarray[Any, Any], size: int
) -> np.ndarray[Any, Any]:
    """The share of a keyword each contribution matches: its words weighed by their BM25
    rarity (Lucene's idf, from the contributions that hold the word in any field), 1 for a
    contribution that holds the whole phrase."""
    weights = {
        stem: math.log(1 + (size - int(held.sum()) + 0.5) / (int(held.sum()) + 0.5))
        for stem, held in found.items()
    }
    matched = sum((weights[stem] * held for stem, held in found.items()), np.zeros(size))
    share = matched / sum(weights.values())
    return np.where(whole, 1.0, share)


relevance_index: PerProgramme[RelevanceIndex] = PerProgramme(RelevanceIndex)
"""The index of a programme, built on first use and kept for the last few programmes (safe to
call from worker threads)."""
