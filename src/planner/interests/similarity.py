"""Likeness: which contributions are most like a whole document (the attendee's paper, an
abstract, a draft) or like another contribution, and the distinctive terms they share.

Each contribution is indexed as three fields, each a BM25 index (``bm25s``): its title (weight
2), its session's title and track (2) and its abstract (1). Terms are the stemmed words of
:func:`planner.interests.relevance.words_and_stems` and each pair of adjacent ones ("light
curv"), so that a shared phrase counts more than its two words apart. The document is the
query, all of it: each of its terms weighs ``(1 + log(count)) * idf`` (a contribution used as
the query counts its title and session words twice, as it is indexed; idf is BM25's, from the
contributions that hold the term in any field, so that the query's rare terms lead), and a
contribution scores the sum over the shared terms of that weight times the term's BM25 weight
in each field, times the field's weight. This is BM25 with the whole document as the query; ``bench/relevance_quality.py``
measured it against TF-IDF cosine, with and without the pairs of words, field weights and
pseudo-relevance feedback (``bench/README.md``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import bm25s
import numpy as np

from planner.interests.folding import fold
from planner.interests.index_cache import PerProgramme
from planner.interests.relevance import K1, B, words_and_stems
from planner.model import Programme

FIELD_WEIGHTS: dict[str, float] = {"title": 2.0, "session": 2.0, "abstract": 1.0}
SHOWN = 3
"""Shared terms an explanation names."""

QueryTerms = Mapping[str, float]
"""A query: each term's weight."""


def terms(text: str) -> list[tuple[str, str]]:
    """(term, the words as written, folded) for each stemmed word of ``text`` and each pair of
    adjacent ones."""
    words, stems = words_and_stems(text)
    found = list(zip(stems, words, strict=True))
    found += [(f"{a} {b}", f"{x} {y}") for (a, x), (b, y) in pairwise(found) if a != b]
    return found


@dataclass(frozen=True)
class Similar:
    id: str
    score: float
    index: SimilarityIndex = field(repr=False, compare=False)
    query: QueryTerms = field(repr=False, compare=False)
    position: int = field(repr=False, compare=False)

    def shared(self) -> tuple[str, ...]:
        """The most distinctive terms the contribution shares with the query, as written in
        the contribution ("light curves"); found when asked (most matches are never shown)."""
        return self.index.shared(self.query, self.position)


class _Field:
    def __init__(self, docs: list[list[str]]) -> None:
        self.retriever: bm25s.BM25 | None = None
        self.vocabulary: dict[str, int] = {}
        if any(docs):
            self.retriever = bm25s.BM25(k1=K1, b=B)
            self.retriever.index(docs, show_progress=False)
            self.vocabulary = {t: i for t, i in self.retriever.vocab_dict.items() if t}
            matrix = self.retriever.scores
            self.data = np.asarray(matrix["data"], dtype=np.float64)
            self.indices = np.asarray(matrix["indices"])
            self.indptr = np.asarray(matrix["indptr"])
            # the same weights by document, to explain a score
            self.names = {i: t for t, i in self.vocabulary.items()}
            terms_of = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
            order = np.argsort(self.indices, kind="stable")
            self.row_terms = terms_of[order]
            self.row_data = self.data[order]
            self.row_ptr = np.searchsorted(self.indices[order], np.arange(len(docs) + 1))

    def add(self, query: QueryTerms, weight: float, total: np.ndarray[Any, Any]) -> None:
        """Add ``weight`` times each term's query weight times its BM25 weight to ``total``."""
        known = [
            (t, w) for term, w in query.items() if (t := self.vocabulary.get(term)) is not None
        ]
        if not known:
            return
        ids = np.array([t for t, _ in known])
        starts, lengths = self.indptr[ids], self.indptr[ids + 1] - self.indptr[ids]
        # every posting of the query's terms at once, each with its term's query weight
        offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        at = np.repeat(starts, lengths) + offsets
        factor = np.repeat(np.array([w for _, w in known]), lengths) * weight
        total += np.bincount(self.indices[at], weights=factor * self.data[at], minlength=len(total))

    def weights(self, i: int) -> dict[str, float]:
        """The BM25 weight of each term of document ``i`` in this field."""
        if self.retriever is None:
            return {}
        lo, hi = self.row_ptr[i], self.row_ptr[i + 1]
        names = self.names
        terms, data = self.row_terms[lo:hi].tolist(), self.row_data[lo:hi].tolist()
        return {names[t]: w for t, w in zip(terms, data, strict=True)}


class SimilarityIndex:
    """Field-weighted BM25 over one programme's contributions, queried by whole documents."""

    def __init__(self, programme: Programme) -> None:
        self.ids = [c.id for c in programme.contributions]
        self.position = {cid: n for n, cid in enumerate(self.ids)}
        per_field: dict[str, list[list[str]]] = {name: [] for name in FIELD_WEIGHTS}
        self.written: list[dict[str, str]] = []
        """Each contribution's terms, as written there first."""
        self.counts: list[dict[str, float]] = []
        """Each contribution's terms, counted with its fields' weights (its own query)."""
        for c in programme.contributions:
            session = programme.session_of(c)
            track = programme.track_of(c)
            texts = {
                "title": c.title,
                "session": session.title
                + (f" {track}" if fold(track) != fold(session.title) else ""),
                "abstract": c.abstract,
            }
            written: dict[str, str] = {}
            counts: dict[str, float] = {}
            for name, text in texts.items():
                found = terms(text)
                per_field[name].append([t for t, _ in found])
                for term, form in found:
                    written.setdefault(term, form)
                    counts[term] = counts.get(term, 0.0) + FIELD_WEIGHTS[name]
            self.written.append(written)
            self.counts.append(counts)
        self.fields = {name: _Field(docs) for name, docs in per_field.items()}
        size = len(self.ids)
        held = Counter(term for counts in self.counts for term in counts)
        self.idf = {t: math.log(1 + (size - n + 0.5) / (n + 0.5)) for t, n in held.items()}
        self.unseen = math.log(1 + (size + 0.5) / 0.5)

    def query_of(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Term weights of a query from the (weighted) counts of its terms:
        ``(1 + log(count)) * idf`` (a term no contribution holds has the highest idf: it
        matches nothing, but tells how much of the query a contribution holds)."""
        idf, unseen = self.idf, self.unseen
        return {t: (1 + math.log(n)) * idf.get(t, unseen) for t, n in counts.items() if n >= 1}

    def text_query(self, text: str) -> dict[str, float]:
        """The query of a whole document."""
        return self.query_of(Counter(term for term, _ in terms(text)))

    def item_query(self, cid: str) -> dict[str, float]:
        """The query of a contribution of the programme, as it is indexed."""
        return self.query_of(self.counts[self.position[cid]])

    def scores(self, query: QueryTerms) -> np.ndarray[Any, Any]:
        total = np.zeros(len(self.ids), dtype=np.float64)
        for name, index in self.fields.items():
            index.add(query, FIELD_WEIGHTS[name], total)
        return total

    def rank(self, query: QueryTerms, *, leave_out: str | None = None) -> list[Similar]:
        """Every contribution that shares a term with ``query``, most alike first (ties by
        programme order); ``leave_out`` is a contribution not to rank (the query's own)."""
        total = self.scores(query)
        if leave_out is not None:
            total[self.position[leave_out]] = 0.0
        order = sorted(np.nonzero(total > 0)[0], key=lambda i: (-total[i], i))
        return [Similar(self.ids[i], float(total[i]), self, query, int(i)) for i in order]

    def held(self, query: QueryTerms, i: int) -> float:
        """The share of ``query``'s weight in terms that contribution ``i`` holds."""
        total = sum(query.values())
        held = sum(w for term, w in query.items() if term in self.written[i])
        return held / total if total else 0.0

    def shared(self, query: QueryTerms, i: int, shown: int = SHOWN) -> tuple[str, ...]:
        """The terms of contribution ``i`` that add most to its score for ``query``, as
        written there; a term whose words a better one holds is not named again."""
        weight: dict[str, float] = {}
        for name, index in self.fields.items():
            for term, w in index.weights(i).items():
                if term in query:
                    weight[term] = weight.get(term, 0.0) + FIELD_WEIGHTS[name] * w * query[term]
        written = self.written[i]
        chosen: list[str] = []
        covered: set[str] = set()
        for term in sorted(weight, key=lambda t: (-weight[t], t)):
            words = set(written[term].split())
            if weight[term] <= 0 or words & covered:
                continue
            chosen.append(written[term])
            covered |= words
            if len(chosen) == shown:
                break
        return tuple(chosen)


similarity_index: PerProgramme[SimilarityIndex] = PerProgramme(SimilarityIndex)
"""The likeness index of a programme, built on first use and kept (thread-safe)."""
