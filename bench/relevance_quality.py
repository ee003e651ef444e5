"""Ranking quality, measured: on ML4Astro (sessions as labels) and FOSDEM 2026 (tracks as
labels), every contribution is used as ``--like-item`` and precision@5 is the share of its top 5
that share its label, for the planner's likeness ranking and for a plain TF-IDF cosine baseline
computed in the same run. Both are measured as the planner indexes (session titles and tracks
included, as a user's ranking sees them) and on content alone (title and abstract: the label's
own words left out). Then the README's keyword cases with what they return, and the time to rank
FOSDEM for a ``--like`` file after the programme is loaded. Run it with
``.venv/bin/python -m bench relevance_quality``."""

from __future__ import annotations

import math
import os
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.realdata import FOSDEM
from planner.dirs import CACHE_ENV
from planner.interests import InterestProfile
from planner.interests import similarity as likeness
from planner.interests.folding import fold
from planner.interests.scoring import score_programme
from planner.model import Programme
from planner.sources import load_programme

KEYWORD_CASES: list[tuple[str, str]] = [
    ("ml4astro", "anomaly detection"),
    ("ml4astro", "SKA"),
    ("fosdem", "rust"),
    ("fosdem", "postgres"),
]
"""The ``--keyword`` examples of the README."""

Scorer = Callable[[int], "np.ndarray[tuple[int], np.dtype[np.float64]]"]


def _text(programme: Programme, n: int, with_session: bool) -> str:
    c = programme.contributions[n]
    parts = [c.title, c.abstract]
    if with_session:
        session, track = programme.session_of(c).title, programme.track_of(c)
        parts += [session] + ([track] if fold(track) != fold(session) else [])
    return " ".join(parts)


def tfidf_baseline(programme: Programme, with_session: bool) -> Scorer:
    """Plain TF-IDF cosine: lower-case words of two letters or more, raw counts, smoothed idf,
    unit vectors (scikit-learn's ``TfidfVectorizer`` defaults), no stemming, no fields."""
    docs = [
        Counter(re.findall(r"(?u)\b\w\w+\b", _text(programme, n, with_session).lower()))
        for n in range(len(programme.contributions))
    ]
    size = len(docs)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log((1 + size) / (1 + k)) + 1 for t, k in df.items()}
    vectors = []
    for d in docs:
        v = {t: tf * idf[t] for t, tf in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    postings: dict[str, list[tuple[int, float]]] = {}
    for n, v in enumerate(vectors):
        for t, x in v.items():
            postings.setdefault(t, []).append((n, x))
    inverted = {
        t: (np.array([n for n, _ in p]), np.array([x for _, x in p])) for t, p in postings.items()
    }

    def scores(n: int) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
        total = np.zeros(size)
        for t, w in vectors[n].items():
            docs_t, weights = inverted[t]
            total[docs_t] += w * weights
        return total

    return scores


def planner_ranking(programme: Programme, with_session: bool) -> Scorer:
    """The planner's likeness ranking (``--like-item``); on content alone, the session field's
    weight is 0."""
    weights = dict(likeness.FIELD_WEIGHTS)
    if not with_session:
        weights["session"] = 0.0
    index = likeness.SimilarityIndex(programme, weights)

    def scores(n: int) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
        return index.scores(index.item_query(index.ids[n]))

    return scores


def precision_at_5(labels: list[str], scores: Scorer) -> tuple[float, int]:
    """Mean share of each query's top 5 (itself left out) that share its label, over the
    contributions whose label at least one other has."""
    count = Counter(labels)
    shares = []
    for n, label in enumerate(labels):
        if count[label] < 2:
            continue
        s = scores(n).astype(float)
        s[n] = -np.inf
        top = sorted(range(len(labels)), key=lambda j: (-s[j], j))[:5]
        shares.append(sum(labels[j] == label for j in top) / 5)
    return statistics.fmean(shares), len(shares)


def quality(name: str, programme: Programme, labels: list[str]) -> None:
    print(f"\n{name}: {len(labels)} contributions, {len(set(labels))} labels")
    for with_session in (True, False):
        what = "as indexed (with session/track)" if with_session else "content only"
        base, n = precision_at_5(labels, tfidf_baseline(programme, with_session))
        ours, _ = precision_at_5(labels, planner_ranking(programme, with_session))
        print(
            f"  {what:34s} queries {n:4d}  p@5 planner {ours:.3f}  TF-IDF cosine {base:.3f}"
            f"  ratio {ours / base:.2f}x"
        )


def keyword_cases(programmes: dict[str, Programme]) -> None:
    print("\nREADME keyword cases (points, id, title):")
    for which, keyword in KEYWORD_CASES:
        programme = programmes.get(which)
        if programme is None:
            continue
        scores = score_programme(programme, InterestProfile(keyword=[keyword]))
        ranked = sorted((i.score, cid) for cid, i in scores.items() if i.score > 0)[::-1]
        print(f"  {which} --keyword {keyword!r}: {len(ranked)} items of interest")
        for points, cid in ranked[:6]:
            print(f"    {points:5.1f}  {cid:>6}  {programme.contribution_by_id[cid].title[:70]}")


def timing(programme: Programme) -> None:
    """A ``--like`` file (five FOSDEM abstracts, as a long paper) ranked after the programme is
    loaded: the first time (the likeness index built too: an empty cache folder each time, so
    none is read from disk) and again (index kept in memory). ``likeness_cache_bench`` measures
    fresh processes with and without the index kept on disk."""
    with_abstracts = [c for c in programme.contributions if len(c.abstract) > 400][:5]
    with tempfile.TemporaryDirectory() as folder:
        paper = Path(folder) / "paper.txt"
        paper.write_text("\n\n".join(c.abstract for c in with_abstracts), encoding="utf-8")
        profile = InterestProfile(like={str(paper): 10})
        cold = []
        saved = os.environ.get(CACHE_ENV)
        for n in range(3):
            os.environ[CACHE_ENV] = str(Path(folder) / f"cache{n}")
            fresh = programme.model_copy(deep=True)
            start = time.perf_counter()
            score_programme(fresh, profile)
            cold.append(time.perf_counter() - start)
        if saved is None:
            os.environ.pop(CACHE_ENV)
        else:
            os.environ[CACHE_ENV] = saved
        start = time.perf_counter()
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            scores = score_programme(fresh, profile.model_copy(update={"min_relevance": 0.2}))
            runs.append(time.perf_counter() - start)
    kept = sum(1 for i in scores.values() if i.score > 0)
    print(
        f"\nFOSDEM --like (5 abstracts, {paper.name}): first ranking with the index built "
        f"{statistics.median(cold) * 1000:.0f} ms (median of 3), again "
        f"{statistics.median(runs) * 1000:.0f} ms (median of 5); {kept} items of interest; "
        "target 200 ms"
    )


def main() -> int:
    ml4astro = load_programme(None)
    programmes = {"ml4astro": ml4astro}
    quality(
        "ML4Astro 2022 (sessions)",
        ml4astro,
        [ml4astro.session_of(c).title for c in ml4astro.contributions],
    )
    if FOSDEM.is_file():
        fosdem = load_programme(FOSDEM)
        programmes["fosdem"] = fosdem
        quality("FOSDEM 2026 (tracks)", fosdem, [fosdem.track_of(c) for c in fosdem.contributions])
    keyword_cases(programmes)
    if "fosdem" in programmes:
        timing(programmes["fosdem"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
