"""Keyword relevance on the embedded ML4Astro 2022 programme, and on small hand-built ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from interests_support import programme_fixture, tiny_programme  # noqa: F401
from planner.interests.folding import fold
from planner.interests.relevance import RelevanceIndex, relevance_index, tokenize
from planner.model import Programme
from planner.sources import load_programme


def top(index: RelevanceIndex, keyword: str, n: int) -> list[str]:
    return [m.id for m in index.search(keyword)[:n]]


def test_anomaly_detection_ranks_the_session_the_invited_talk_and_the_poster_first(
    programme: Programme,
) -> None:
    index = relevance_index(programme)
    assert set(top(index, "anomaly detection", 6)) == {"16", "15", "163", "14", "30", "95"}


def test_ska_finds_the_radio_contributions(programme: Programme) -> None:
    index = relevance_index(programme)
    found = set(index.scores("SKA"))
    assert {"32", "33", "37", "38", "39", "41", "80", "93"} <= found
    # the invited SKA talk and the SKA session lead
    assert set(top(index, "SKA", 6)) == {"33", "37", "38", "39", "40", "41"}
    # nothing unrelated: every match mentions SKA somewhere
    for cid in found:
        c = programme.contribution_by_id[cid]
        text = " ".join([c.title, c.abstract, programme.session_of(c).title])
        assert "ska" in fold(text)


def test_scores_are_descending_and_positive(programme: Programme) -> None:
    matches = relevance_index(programme).search("deep learning")
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)


def test_explain_says_where_each_word_was_found(programme: Programme) -> None:
    index = relevance_index(programme)
    assert index.explain("anomaly detection", "16") == (
        "'anomaly detection' in the title, session 'Anomaly Detection', "
        "'anomaly' 4 times in the abstract"
    )
    # stemming is told: "detecting" in the title matched "detection"
    assert "'detection' (as 'detecting') in the title" in index.explain("anomaly detection", "163")
    assert index.explain("SKA", "40") == "session 'SKA and Precursors'"
    assert index.explain("SKA", "32") == "'SKA' 7 times in the abstract"
    assert index.explain("SKA", "28") == ""


def test_speakers_and_affiliations_are_searched(programme: Programme) -> None:
    index = relevance_index(programme)
    assert index.explain("Lochner", "30") == "speaker 'Michelle Lochner'"
    assert index.explain("inaf", "116") == "affiliation 'Unict-INAF'"


def test_accents_and_case_do_not_matter(programme: Programme) -> None:
    index = relevance_index(programme)
    # "Jose Ramón Rodón" presents poster 137
    assert "137" in index.scores("rodon")
    assert index.scores("RODÓN") == index.scores("rodon")


def test_a_phrase_in_order_beats_the_same_words_apart(programme: Programme) -> None:
    index = relevance_index(programme)
    together = index.scores("anomaly detection")
    apart = index.scores("detection anomaly")
    # 95's title reads "anomaly detection": the phrase counts only in that order
    assert together["95"] > apart["95"]


def test_stop_words_alone_match_nothing(programme: Programme) -> None:
    index = relevance_index(programme)
    assert index.search("the of and") == []
    assert index.search("") == []
    assert index.search("zzzqqq") == []


def test_tokenize_stems_and_folds() -> None:
    assert [t.stem for t in tokenize("Detecting ANOMALIES in the Galaxies")] == [
        "detect",
        "anomali",
        "galaxi",
    ]
    assert [t.word for t in tokenize("Ramón's X-ray")] == ["ramon", "ray"]


def test_the_index_is_built_once_per_programme(programme: Programme) -> None:
    assert relevance_index(programme) is relevance_index(programme)
    other = programme.model_copy(deep=True)
    assert relevance_index(other) is not relevance_index(programme)


def test_a_title_match_outweighs_an_abstract_match() -> None:
    programme = tiny_programme(
        [
            {"title": "Neutrino telescopes", "abstract": "We build detectors."},
            {"title": "Detectors", "abstract": "We build neutrino telescopes."},
        ]
    )
    assert [m.id for m in relevance_index(programme).search("neutrino")] == ["0", "1"]


def test_a_programme_without_speakers_or_abstracts_is_searchable() -> None:
    programme = tiny_programme([{"title": "Radio galaxies"}, {"title": "Optical spectra"}])
    index = relevance_index(programme)
    assert index.scores("radio").keys() == {"0"}
    assert index.explain("radio", "0") == "'radio' in the title"


def test_a_track_is_searched_with_its_session() -> None:
    programme = tiny_programme([{"title": "Pulsar timing"}], track="Radio Astronomy")
    index = relevance_index(programme)
    assert index.explain("radio", "0") == "track 'Radio Astronomy'"
    assert index.explain("morning radio", "0") == "session 'Morning', track 'Radio Astronomy'"


_EMBEDDED = load_programme(None)
_VOCABULARY = sorted({w for c in _EMBEDDED.contributions for w in c.title.split()})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCABULARY) | st.text(max_size=8), min_size=0, max_size=4).map(
        " ".join
    )
)
def test_any_keyword_gives_sorted_positive_explained_matches(keyword: str) -> None:
    index = relevance_index(_EMBEDDED)
    matches = index.search(keyword)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    for m in matches[:10]:
        assert m.score > 0
        assert m.explain(), (keyword, m.id)


def test_the_phrase_beats_its_words_scattered_over_title_and_abstract() -> None:
    """Seen on the 36C3 schedule: "Learning from Open Hardware" (machines, learning) ranked
    above "Der Deep Learning Hype" for "machine learning" until a phrase scored as a term."""
    programme = tiny_programme(
        [
            {"title": "Learn to solder", "abstract": "Every machine needs soldering. Learn it."},
            {
                "title": "Der Deep Learning Hype",
                "abstract": "What machine learning can do, and what machine learning cannot do.",
            },
            {
                "title": "Learning from open hardware: machines",
                "abstract": "Machines build machines.",
            },
            {"title": "Telescopes", "abstract": "Optics."},
            {"title": "Radio", "abstract": "Interferometry."},
            {"title": "Lectures", "abstract": "Learning how to teach."},
        ]
    )
    assert [m.id for m in relevance_index(programme).search("machine learning")][:3] == [
        "1",
        "2",
        "0",
    ]


def test_a_keyword_of_several_words_scores_by_how_much_of_it_matches() -> None:
    """One common word of a two-word keyword counts for little: "anomaly detection" is about
    anomalies found, not about every detection."""
    common = [{"title": f"Detection of sources {n}", "abstract": "detection"} for n in range(6)]
    programme = tiny_programme(
        [
            {"title": "Anomaly detection in light curves"},
            {"title": "Detection of anomalies in light curves"},
            {"title": "Anomaly zoo in light curves"},
            *common,
        ]
    )
    scores = relevance_index(programme).scores("anomaly detection")
    phrase, both, rare_only, common_only = scores["0"], scores["1"], scores["2"], scores["3"]
    assert phrase > both > rare_only > common_only > 0
    # the common word alone is worth under a tenth of the phrase, the rare one alone more
    assert common_only < 0.1 * phrase
    assert rare_only > 2 * common_only


def test_anomaly_detection_ranks_detection_alone_far_below_the_phrase(
    programme: Programme,
) -> None:
    scores = relevance_index(programme).scores("anomaly detection")
    best = max(scores.values())
    # 38, 42, 65 and 141 say "detection" only (source, gravitational-wave, point-source and
    # supernova-neutrino detection)
    for cid in ("38", "42", "65", "141", "93"):
        assert scores[cid] < 0.05 * best, cid
