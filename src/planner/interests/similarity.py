"""Likeness: which contributions are most like a whole document (the attendee's paper, an
abstract, a draft) or like another contribution, and the distinctive terms they share.

Each contribution is indexed as three fields, each weighed by BM25: its title (weight 2), its
session's title and track (2) and its abstract (1). Terms are the stemmed words of
:func:`planner.interests.relevance.words_and_stems` and each pair of adjacent ones ("light
curv"), so that a shared phrase counts more than its two words apart. The document is the
query, all of it: each of its terms weighs ``(1 + log(count)) * idf`` (a contribution used as
the query counts its title and session words twice, as it is indexed; idf is BM25's, from the
contributions that hold the term in any field, so that the query's rare terms lead), and a
contribution scores the sum over the shared terms of that weight times the term's BM25 weight
in each field (Lucene's BM25, as ``bm25s`` computes it), times the field's weight. This is
BM25 with the whole document as the query; ``bench/relevance_quality.py`` measured it against
TF-IDF cosine, with and without the pairs of words, field weights and pseudo-relevance
feedback (``bench/README.md``).

The index is one sparse matrix, built with numpy in one pass: each (contribution, term) a
contribution holds, with the field-weighted sum of its BM25 weights (to score) and of its
counts (a contribution's own query). Each distinct word is folded and stemmed once, and each
distinct text (a session's title, shared by its contributions) is read once. Each (contribution,
term) also keeps the number of its word (two for a pair) as written where the contribution
first has it, so that a match is explained without reading its texts again.

The arrays the index is made of are kept on disk, under a hash of the programme's texts and of what the index is built with
(:mod:`planner.interests.similarity_store`), so the next run on the same programme reads
them instead of building them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import Any

import numpy as np

from planner.interests.folding import fold
from planner.interests.relevance import _STOPWORDS, K1, B, words_and_stems
from planner.interests.words import WORD, stems
from planner.model import Programme

FIELD_WEIGHTS: dict[str, float] = {"title": 2.0, "session": 2.0, "abstract": 1.0}
SHOWN = 3
"""Shared terms an explanation names."""
VERSION = "likeness index 2"
"""Changed whenever the index is built differently: an index kept on disk by another version
is not read."""
HELD = ("stems", "words", "pairs", "doc", "term", "weight", "count", "first", "second")
"""The arrays an index is made of, as kept on disk."""

Array = np.ndarray[Any, Any]


def terms(text: str) -> list[tuple[str, str]]:
    """(term, the words as written, folded) for each stemmed word of ``text`` and each pair of
    adjacent ones."""
    words, found_stems = words_and_stems(text)
    found = list(zip(found_stems, words, strict=True))
    found += [(f"{a} {b}", f"{x} {y}") for (a, x), (b, y) in pairwise(found) if a != b]
    return found


@dataclass(frozen=True)
class Query:
    """A query: the weight of each term the programme holds (by term number), and the weight
    of all its terms, those no contribution holds included."""

    vector: Array
    total: float


@dataclass(frozen=True)
class Similar:
    id: str
    score: float
    index: SimilarityIndex = field(repr=False, compare=False)
    query: Query = field(repr=False, compare=False)
    position: int = field(repr=False, compare=False)

    def shared(self) -> tuple[str, ...]:
        """The most distinctive terms the contribution shares with the query, as written in
        the contribution ("light curves"); found when asked (most matches are never shown)."""
        return self.index.shared(self.query, self.position)


def contribution_texts(programme: Programme) -> list[tuple[str, str, str]]:
    """Each contribution's title, session (and track) and abstract, in FIELD_WEIGHTS order."""
    found = []
    for c in programme.contributions:
        session = programme.session_of(c)
        track = programme.track_of(c)
        extra = f" {track}" if fold(track) != fold(session.title) else ""
        found.append((c.title, session.title + extra, c.abstract))
    return found


def _integers(array: Array, name: str) -> Array:
    if array.ndim != 1 or array.dtype.kind not in "iu":
        raise ValueError(f"{name}: not integers")
    return array.astype(np.int64, copy=False)


def _smaller(array: Array, least: int = 0) -> Array:
    """Numbers that fit in 32 bits so kept (the file is a quarter smaller)."""
    fits = not len(array) or (array.min() >= least and array.max() < 2**31)
    return array.astype(np.int32) if fits else array


def _joined(lines: list[str]) -> Array:
    """Lines (words, stems: no line breaks in them) as the bytes of their text."""
    return np.frombuffer("\n".join(lines).encode("utf-8"), dtype=np.uint8)


def _lines(array: Array, name: str) -> list[str]:
    if array.dtype != np.uint8 or array.ndim != 1:
        raise ValueError(f"{name}: not text")
    text = array.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _floats(array: Array, name: str) -> Array:
    if array.ndim != 1 or array.dtype != np.float64 or not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: not finite numbers")
    return array


def _segments(starts: Array, lengths: Array) -> Array:
    """The positions of consecutive runs: ``lengths[k]`` positions from ``starts[k]``."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(
        int(ends[-1]) if len(ends) else 0
    )


class _Vocabulary:
    """Stem numbers: each distinct word folded and stemmed once."""

    def __init__(self, texts: list[str]) -> None:
        """The words of ``texts`` (stop words left out) as stem numbers: the words of text
        ``k`` are ``self.ids[self.start[k] : self.start[k + 1]]``, and as written (folded)
        ``self.words[w]`` for each ``w`` of ``self.word_ids`` at the same places."""
        found = [WORD.findall(fold(text)) for text in texts]
        every = list(chain.from_iterable(found))
        self.words = list(set(every))
        word_number = {w: k for k, w in enumerate(self.words)}
        kept = [w for w in self.words if w not in _STOPWORDS]
        self.stem_number: dict[str, int] = {}
        numbers = self.stem_number
        stem_of = np.full(len(self.words), -1, dtype=np.int64)
        """Each word's stem number; -1 for a stop word."""
        for word, stem in zip(kept, stems(kept), strict=True):
            stem_of[word_number[word]] = numbers.setdefault(stem, len(numbers))
        word_ids = np.fromiter(
            map(word_number.__getitem__, every), dtype=np.int64, count=len(every)
        )
        ids = stem_of[word_ids]
        lengths = np.array([len(words) for words in found], dtype=np.int64)
        kept_before = np.concatenate([[0], np.cumsum(ids >= 0)])
        self.start = kept_before[np.concatenate([[0], np.cumsum(lengths)])]
        self.ids = ids[ids >= 0]
        self.word_ids = word_ids[ids >= 0]


def _bm25(docs: Array, terms_: Array, size: int, n_terms: int) -> tuple[Array, Array, Array, Array]:
    """The distinct (document, term) keys of one field's postings (``document * n_terms +
    term``), each one's count and its BM25 weight (Lucene's idf and term-frequency part, as
    ``bm25s`` computes them by default), and where each is first among the postings."""
    lengths = np.bincount(docs, minlength=size).astype(np.float64)
    average = float(lengths.mean())
    keys, first, counts = np.unique(docs * n_terms + terms_, return_index=True, return_counts=True)
    doc, term = keys // n_terms, keys % n_terms
    df = np.bincount(term, minlength=n_terms).astype(np.float64)
    idf = np.log(1 + (size - df + 0.5) / (df + 0.5))
    tf = counts.astype(np.float64)
    weight = idf[term] * tf / (tf + K1 * (1 - B + B * lengths[doc] / average))
    return keys, tf, weight, first


class SimilarityIndex:
    """Field-weighted BM25 over one programme's contributions, queried by whole documents.

    Built from the programme, or from the :data:`HELD` arrays of an index built before
    (``held``, as :meth:`arrays` gives them: :mod:`planner.interests.similarity_store` keeps
    them on disk);
    arrays that do not fit the programme are a ``ValueError``."""

    def __init__(
        self,
        programme: Programme,
        weights: Mapping[str, float] = FIELD_WEIGHTS,
        *,
        held: Mapping[str, Array] | None = None,
    ) -> None:
        self.ids = [c.id for c in programme.contributions]
        self.position = {cid: n for n, cid in enumerate(self.ids)}
        self.texts = contribution_texts(programme)
        self._hold(self._build(weights) if held is None else held)

    def _build(self, weights: Mapping[str, float]) -> dict[str, Array]:
        """The :data:`HELD` arrays, from the programme's texts."""
        size = len(self.ids)
        distinct = {t: k for k, t in enumerate(dict.fromkeys(chain.from_iterable(self.texts)))}
        vocabulary = _Vocabulary(list(distinct))
        n_stems = len(vocabulary.stem_number)
        # each field's words (stem numbers) with their documents, and its pairs of words
        fields: list[tuple[float, Array, Array, Array, Array, Array, Array]] = []
        for f, name in enumerate(FIELD_WEIGHTS):
            text = np.array([distinct[texts[f]] for texts in self.texts], dtype=np.int64)
            starts = vocabulary.start[text]
            lengths = vocabulary.start[text + 1] - starts
            at = _segments(starts, lengths)
            ids, words = vocabulary.ids[at], vocabulary.word_ids[at]
            doc = np.repeat(np.arange(size), lengths)
            pair = (doc[:-1] == doc[1:]) & (ids[:-1] != ids[1:])
            pair_key = (ids[:-1] * n_stems + ids[1:])[pair]
            first = np.concatenate([words, words[:-1][pair]])
            second = np.concatenate([np.full(len(words), -1), words[1:][pair]])
            fields.append((weights[name], doc, ids, doc[:-1][pair], pair_key, first, second))
        pairs = np.unique(np.concatenate([f[4] for f in fields]))
        n_terms = n_stems + len(pairs)
        keys, weight, count, forms = [], [], [], []
        for field_weight, doc, ids, pair_doc, pair_key, first, second in fields:
            if not len(ids):
                continue
            docs = np.concatenate([doc, pair_doc])
            terms_ = np.concatenate([ids, n_stems + np.searchsorted(pairs, pair_key)])
            k, tf, w, at = _bm25(docs, terms_, size, n_terms)
            keys.append(k)
            weight.append(field_weight * w)
            count.append(field_weight * tf)
            forms.append(np.stack([first[at], second[at]]))
        every = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        # each (contribution, term) as written where it is first: the first field holding it
        held, first_held, where = np.unique(every, return_index=True, return_inverse=True)
        written = np.concatenate(forms, axis=1) if forms else np.zeros((2, 0), dtype=np.int64)
        return {
            "stems": _joined(list(vocabulary.stem_number)),
            "words": _joined(vocabulary.words),
            "pairs": pairs.astype(np.int64),
            "doc": held // n_terms,
            "term": held % n_terms,
            "weight": np.bincount(where, weights=np.concatenate(weight) if weight else []),
            "count": np.bincount(where, weights=np.concatenate(count) if count else []),
            "first": written[0][first_held],
            "second": written[1][first_held],
        }

    def arrays(self) -> dict[str, Array]:
        """What the index is made of (:data:`HELD`): enough to make it again with ``held``."""
        return {
            "stems": _joined(self.stem_names),
            "words": _joined(self.words),
            "pairs": self.pairs,
            "doc": _smaller(self.doc),
            "term": _smaller(self.term),
            "weight": self.weight,
            "count": self.count,
            "first": _smaller(self.first, -1),
            "second": _smaller(self.second, -1),
        }

    def _hold(self, held: Mapping[str, Array]) -> None:
        """Take the :data:`HELD` arrays, checked to fit the programme, and what follows from
        them."""
        self.stem_names = _lines(held["stems"], "stems")
        self.words = _lines(held["words"], "words")
        """Every word as written (folded), by number."""
        self.stem_number = {name: k for k, name in enumerate(self.stem_names)}
        n_stems = self.n_stems = len(self.stem_names)
        if len(self.stem_number) != n_stems:
            raise ValueError("stems: not distinct")
        self.pairs = _integers(held["pairs"], "pairs")
        """The pairs of words the programme holds (``first * n_stems + second``), sorted;
        term ``n_stems + k`` is pair ``k``."""
        if len(self.pairs) and (
            np.any(np.diff(self.pairs) <= 0) or self.pairs[0] < 0 or self.pairs[-1] >= n_stems**2
        ):
            raise ValueError("pairs: not sorted pairs of stems")
        n_terms = self.n_terms = n_stems + len(self.pairs)
        size = len(self.ids)
        self.doc = _integers(held["doc"], "doc")
        self.term = _integers(held["term"], "term")
        """Each (contribution, term) the programme holds, by contribution..."""
        self.weight = _floats(held["weight"], "weight")
        """... its field-weighted BM25 weight ..."""
        self.count = _floats(held["count"], "count")
        """... and its field-weighted count (a contribution's query counts so)."""
        self.first = _integers(held["first"], "first")
        self.second = _integers(held["second"], "second")
        """... and the number of its word as written where it is first, with the second word
        of a pair of words (else -1)."""
        n = len(self.doc)
        if not len(self.term) == len(self.weight) == len(self.count) == n:
            raise ValueError("doc, term, weight, count: not of one length")
        if not len(self.first) == len(self.second) == n or (
            n
            and (
                min(self.first.min(), self.second.min()) < -1
                or max(self.first.max(), self.second.max()) >= len(self.words)
                or self.first.min() < 0
            )
        ):
            raise ValueError("first, second: not words of the index")
        if n and (
            np.any(np.diff(self.doc) < 0)
            or self.doc[0] < 0
            or self.doc[-1] >= size
            or self.term.min() < 0
            or self.term.max() >= n_terms
        ):
            raise ValueError("doc, term: not contributions and terms of this programme")
        self.row = np.searchsorted(self.doc, np.arange(size + 1))
        df = np.bincount(self.term, minlength=n_terms).astype(np.float64)
        self.idf = np.log(1 + (size - df + 0.5) / (df + 0.5))
        """BM25's idf, from the contributions that hold the term in any field."""
        self.unseen = math.log(1 + (size + 0.5) / 0.5)

    def _number(self, term: str) -> int | None:
        """The number of a term (a stem, or two stems and a space), None when no contribution
        holds it."""
        first, _, second = term.partition(" ")
        a = self.stem_number.get(first)
        if not second or a is None:
            return a
        b = self.stem_number.get(second)
        if b is None:
            return None
        key = a * self.n_stems + b
        k = int(np.searchsorted(self.pairs, key))
        return self.n_stems + k if k < len(self.pairs) and self.pairs[k] == key else None

    def _numbers(self, found: list[str]) -> list[int | None]:
        """:meth:`_number` of each term, the pairs of words looked up together."""
        numbers: list[int | None] = []
        pair_at: list[int] = []
        keys: list[int] = []
        stem = self.stem_number.get
        for term in found:
            first, _, second = term.partition(" ")
            a = stem(first)
            if not second or a is None:
                numbers.append(a)
                continue
            b = stem(second)
            numbers.append(None)
            if b is not None:
                pair_at.append(len(numbers) - 1)
                keys.append(a * self.n_stems + b)
        if keys:
            wanted = np.array(keys, dtype=np.int64)
            k = np.searchsorted(self.pairs, wanted)
            held = k < len(self.pairs)
            held[held] = self.pairs[k[held]] == wanted[held]
            for at, number, is_held in zip(pair_at, k.tolist(), held.tolist(), strict=True):
                numbers[at] = self.n_stems + number if is_held else None
        return numbers

    def name(self, number: int) -> str:
        """The term of a number: a stem, or two stems and a space."""
        if number < self.n_stems:
            return self.stem_names[number]
        first, second = divmod(int(self.pairs[number - self.n_stems]), self.n_stems)
        return f"{self.stem_names[first]} {self.stem_names[second]}"

    def query_of(self, counts: Mapping[str, float]) -> Query:
        """A query from the (weighted) counts of its terms: each weighs
        ``(1 + log(count)) * idf`` (a term no contribution holds has the highest idf: it
        matches nothing, but tells how much of the query a contribution holds)."""
        vector = np.zeros(self.n_terms, dtype=np.float64)
        total = 0.0
        for n, number in zip(counts.values(), self._numbers(list(counts)), strict=True):
            if n < 1:
                continue
            if number is None:
                total += (1 + math.log(n)) * self.unseen
            else:
                vector[number] = (1 + math.log(n)) * self.idf[number]
        return Query(vector, total + float(vector.sum()))

    def text_query(self, text: str) -> Query:
        """The query of a whole document."""
        return self.query_of(Counter(term for term, _ in terms(text)))

    def item_query(self, cid: str) -> Query:
        """The query of a contribution of the programme, as it is indexed."""
        i = self.position[cid]
        lo, hi = self.row[i], self.row[i + 1]
        count, term = self.count[lo:hi], self.term[lo:hi]
        kept = count >= 1
        vector = np.zeros(self.n_terms, dtype=np.float64)
        vector[term[kept]] = (1 + np.log(count[kept])) * self.idf[term[kept]]
        return Query(vector, float(vector.sum()))

    def scores(self, query: Query) -> Array:
        """Every contribution's score for ``query``."""
        return np.bincount(
            self.doc, weights=self.weight * query.vector[self.term], minlength=len(self.ids)
        )

    def rank(self, query: Query, *, leave_out: str | None = None) -> list[Similar]:
        """Every contribution that shares a term with ``query``, most alike first (ties by
        programme order); ``leave_out`` is a contribution not to rank (the query's own)."""
        total = self.scores(query)
        if leave_out is not None:
            total[self.position[leave_out]] = 0.0
        found = np.nonzero(total > 0)[0]
        order = found[np.argsort(-total[found], kind="stable")].tolist()
        return [Similar(self.ids[i], float(total[i]), self, query, i) for i in order]

    def held(self, query: Query, i: int) -> float:
        """The share of ``query``'s weight in terms that contribution ``i`` holds."""
        held = float(query.vector[self.term[self.row[i] : self.row[i + 1]]].sum())
        return held / query.total if query.total else 0.0

    def form(self, k: int) -> str:
        """Held (contribution, term) ``k`` as written where it is first (folded)."""
        first, second = int(self.first[k]), int(self.second[k])
        return self.words[first] if second < 0 else f"{self.words[first]} {self.words[second]}"

    def written(self, i: int) -> Callable[[str], str]:
        """How contribution ``i`` writes its terms (folded): where each is first found, in
        its title, then its session, then its abstract (a term it does not hold: itself)."""
        lo, hi = int(self.row[i]), int(self.row[i + 1])

        def form(term: str) -> str:
            number = self._number(term)
            k = lo + int(np.searchsorted(self.term[lo:hi], number)) if number is not None else hi
            return self.form(k) if k < hi and self.term[k] == number else term

        return form

    def shared(self, query: Query, i: int, shown: int = SHOWN) -> tuple[str, ...]:
        """The terms of contribution ``i`` that add most to its score for ``query``, as
        written there; a term whose words a better one holds is not named again."""
        lo, hi = self.row[i], self.row[i + 1]
        adds = self.weight[lo:hi] * query.vector[self.term[lo:hi]]
        held = np.nonzero(adds > 0)[0]
        best = held[np.argsort(-adds[held], kind="stable")]
        weights, numbers = adds[best].tolist(), (lo + best).tolist()
        chosen: list[str] = []
        covered: set[str] = set()
        start = 0
        while start < len(numbers) and len(chosen) < shown:
            end = start + 1
            while end < len(numbers) and weights[end] == weights[start]:
                end += 1
            tied = numbers[start:end]
            if len(tied) > 1:  # ties by the term's name
                tied.sort(key=lambda k: self.name(int(self.term[k])))
            for k in tied:
                form = self.form(k)
                words = set(form.split())
                if not words & covered:
                    chosen.append(form)
                    covered |= words
                if len(chosen) == shown:
                    break
            start = end
        return tuple(chosen)
