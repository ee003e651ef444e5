"""The likeness index of a programme (:mod:`planner.interests.similarity`), kept in memory for
the last few programmes and on disk between runs: its arrays in the cache folder
(:mod:`planner.interests.index_files`), under a hash of the programme's texts and of all the
index is built with (:func:`index_key`). A run on a programme seen before reads the index
(about a tenth of the time it takes to build it on FOSDEM) and ranks exactly as with the index
built afresh; a file that cannot be read is built again."""

from __future__ import annotations

import contextlib
import unicodedata
from functools import cache
from itertools import chain

import Stemmer

from planner.interests import index_files
from planner.interests.index_cache import PerProgramme
from planner.interests.relevance import _STOPWORDS, K1, B
from planner.interests.similarity import (
    FIELD_WEIGHTS,
    HELD,
    VERSION,
    SimilarityIndex,
    contribution_texts,
)
from planner.interests.words import WORD
from planner.model import Programme

KIND = "likeness"
"""The files' name in the cache folder: ``likeness-KEY.npz``."""


@cache
def _version() -> str:
    """All that the index's arrays follow from besides the texts: the way it is built
    (:data:`planner.interests.similarity.VERSION`), its parameters, the words it leaves out,
    how it finds and stems words."""
    return "\n".join(
        [
            VERSION,
            repr(sorted(FIELD_WEIGHTS.items())),
            repr((K1, B)),
            " ".join(sorted(_STOPWORDS)),
            WORD.pattern,
            f"PyStemmer {Stemmer.version()} english",
            f"unicode {unicodedata.unidata_version}",
        ]
    )


def index_key(programme: Programme) -> str:
    """What the programme's likeness index is kept under on disk: a hash of its texts and of
    :func:`_version`."""
    return index_files.text_key(_version(), chain.from_iterable(contribution_texts(programme)))


def kept_or_built(programme: Programme) -> SimilarityIndex:
    """The programme's likeness index as kept on disk by an earlier run, or built (and kept)
    when there is none or it cannot be read."""
    key = index_key(programme)
    held = index_files.load(KIND, key, HELD)
    if held is not None:
        with contextlib.suppress(ValueError):
            return SimilarityIndex(programme, held=held)
    index = SimilarityIndex(programme)
    index_files.save(KIND, key, index.arrays())
    return index


similarity_index: PerProgramme[SimilarityIndex] = PerProgramme(kept_or_built)
"""The likeness index of a programme, read from disk or built on first use, and kept
(thread-safe)."""
