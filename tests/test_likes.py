"""``--like FILE`` and ``--like-item ID``: the programme ranked by its likeness to a whole
document or to a contribution, explained by the terms they share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from interests_support import programme_fixture, tiny_programme  # noqa: F401
from planner.cli import main
from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.documents import read_document
from planner.interests.scoring import score_programme
from planner.interests.similarity import Query, SimilarityIndex, terms
from planner.interests.similarity_store import similarity_index
from planner.model import Programme
from planner.sources import load_programme


def rank_json(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["rank", "--json", *args])
    assert result.exit_code == 0, result.output
    items: list[dict[str, object]] = json.loads(result.stdout)["items"]
    return items


@pytest.fixture(name="abstract")
def abstract_fixture(programme: Programme, tmp_path: Path) -> Path:
    """The title and abstract of ML4Astro contribution 16, as its author would keep them."""
    c = programme.contribution_by_id["16"]
    path = tmp_path / "my-abstract.txt"
    path.write_text(f"{c.title}\n\n{c.abstract}\n", encoding="utf-8")
    return path


def test_rank_like_my_abstract_puts_it_first_then_anomaly_detection_and_transients(
    abstract: Path,
) -> None:
    items = rank_json("--like", str(abstract))
    ids = [item["id"] for item in items]
    assert ids[0] == "16"
    assert ids[1] == "15"  # 'Searching for changing-state AGNs ... with anomaly detection'
    # the other anomaly-detection talk and the time-domain (transients) invited talk follow
    assert {"163", "31"} <= set(ids[2:8])
    assert items[0]["score"] == 10
    why = items[0]["why"]
    assert isinstance(why, list)
    assert why[0].startswith("like your paper 'my-abstract.txt' (10): shares 'anomaly'")
    assert "'transient universe'" in why[0]


def test_like_item_finds_more_like_it_and_not_itself(programme: Programme) -> None:
    scores = score_programme(programme, InterestProfile(like_item=["16"]))
    assert scores["16"].score == 0
    best = max(scores, key=lambda cid: scores[cid].score)
    assert best == "15"
    assert scores["15"].score == 10
    assert scores["15"].reasons[0].startswith("more like 16 (10): shares 'anomaly'")


def test_a_like_weight_scales_its_points(abstract: Path, programme: Programme) -> None:
    one = score_programme(programme, InterestProfile(like={str(abstract): 10}))
    half = score_programme(programme, InterestProfile(like={str(abstract): 5}))
    assert one["16"].score == 10 and half["16"].score == 5
    assert half["15"].score == pytest.approx(one["15"].score / 2, abs=0.1)


def test_a_shared_phrase_counts_more_than_its_words_apart(tmp_path: Path) -> None:
    programme = tiny_programme(
        [
            {"title": "Light curves of pulsars", "abstract": "Curves drawn from light."},
            {"title": "Pulsars in light", "abstract": "Curves of pulsars."},
            {"title": "Radio galaxies", "abstract": "Jets."},
        ]
    )
    paper = tmp_path / "paper.md"
    paper.write_text("# Light curves\n\nWe fit light curves of binaries.", encoding="utf-8")
    scores = score_programme(programme, InterestProfile(like={str(paper): 10}))
    assert scores["0"].score == 10
    assert 0 < scores["1"].score < scores["0"].score
    assert scores["2"].score == 0
    assert "shares 'light curves'" in scores["0"].reasons[0]


def test_like_flags_reach_the_plan(abstract: Path) -> None:
    result = CliRunner().invoke(main, ["plan", "--json", "--like", f"{abstract}=20"])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    assert items["16"]["score"] == 20


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("paper.pdf", b"%PDF", "not a PDF"),
        ("missing.txt", None, "no such file"),
        ("latin.txt", "Ramón".encode("latin-1"), "not UTF-8 text"),
        ("empty.md", b"  \n", "no text found in it"),
    ],
)
def test_an_unreadable_document_is_one_message_naming_it(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PlannerError, match=message) as error:
        read_document(path)
    assert str(path) in str(error.value)
    result = CliRunner().invoke(main, ["rank", "--like", str(path)])
    assert result.exit_code != 0
    assert result.output.startswith(f"planner: {path}")
    assert "Traceback" not in result.output


def test_a_document_is_read_as_its_name_and_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("\ufeffLight curves", encoding="utf-8")
    document = read_document(path)
    assert (document.name, document.text) == ("notes.md", "Light curves")


def test_an_unknown_like_item_is_refused_naming_it() -> None:
    result = CliRunner().invoke(main, ["rank", "--like-item", "999"])
    assert result.exit_code != 0
    assert "--like-item: no contribution with id '999'" in result.output


@pytest.mark.parametrize("kind", ["bib", "pdf"])
def test_rank_like_my_abstract_as_bibtex_or_pdf(
    programme: Programme, tmp_path: Path, kind: str
) -> None:
    """The same abstract as a BibTeX entry or a PDF ranks contribution 16 first, then 15 and
    the other anomaly-detection talk."""
    from test_documents import make_pdf

    c = programme.contribution_by_id["16"]
    if kind == "bib":
        text = c.abstract.replace("{", "").replace("}", "")
        data = f"@article{{me22,\n  title = {{{c.title}}},\n  abstract = {{{text}}}\n}}\n"
        path = tmp_path / "mine.bib"
        path.write_text(data, encoding="utf-8")
    else:
        words = f"{c.title} {c.abstract}".encode("latin-1", "replace").decode("latin-1").split()
        lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
        safe = [line.replace("\\", "").replace("(", "").replace(")", "") for line in lines]
        path = tmp_path / "mine.pdf"
        path.write_bytes(make_pdf(safe))
    items = rank_json("--like", str(path))
    ids = [item["id"] for item in items]
    assert ids[:2] == ["16", "15"]
    assert "163" in ids[2:8]
    why = items[0]["why"]
    assert isinstance(why, list) and why[0].startswith(f"like your paper '{path.name}' (10)")


def test_a_liked_document_that_shares_no_word_is_warned_about(tmp_path: Path) -> None:
    unrelated = tmp_path / "recipe.txt"
    unrelated.write_text("Knead zucchini; simmer quinces.", encoding="utf-8")
    related = tmp_path / "notes.txt"
    related.write_text("Anomaly detection in light curves", encoding="utf-8")
    result = CliRunner().invoke(main, ["rank", "--like", str(unrelated), "--like", str(related)])
    assert result.exit_code == 0, result.output
    assert f"--like '{unrelated}' shares no word with any contribution" in result.output
    assert str(related) not in result.output.split("shares no word")[0].splitlines()[-1]
    assert result.output.count("shares no word") == 1


def first_forms(texts: tuple[str, str, str]) -> dict[str, str]:
    """Each term of a contribution as written where it is first found: every term of its
    title, then of its session, then of its abstract, read whole."""
    found: dict[str, str] = {}
    for text in texts:
        for term, form in terms(text):
            found.setdefault(term, form)
    return found


def test_each_shared_term_is_named_as_first_written(programme: Programme) -> None:
    index = similarity_index(programme)
    checked = 0
    for i in range(len(index.ids)):
        expected = first_forms(index.texts[i])
        written = index.written(i)
        held = index.term[index.row[i] : index.row[i + 1]].tolist()
        assert {index.name(t) for t in held} == set(expected)
        for t in held:
            assert written(index.name(t)) == expected[index.name(t)]
            checked += 1
    assert checked > 10_000


def reference_shared(index: SimilarityIndex, query: Query, i: int) -> tuple[str, ...]:
    """The shared terms named, found the plain way: every term the contribution shares with
    the query, by what it adds (ties by name), as first written; a term whose words an
    earlier named one holds is skipped; three at most."""
    term = index.term[index.row[i] : index.row[i + 1]].tolist()
    adds = {
        index.name(t): float(index.weight[index.row[i] + k] * query.vector[t])
        for k, t in enumerate(term)
    }
    forms = first_forms(index.texts[i])
    chosen: list[str] = []
    for name in sorted((n for n in adds if adds[n] > 0), key=lambda n: (-adds[n], n)):
        if not set(forms[name].split()) & {w for c in chosen for w in c.split()}:
            chosen.append(forms[name])
    return tuple(chosen[:3])


def assert_explained_as_reference(index: SimilarityIndex, item_ids: list[str]) -> int:
    compared = 0
    for cid in item_ids:
        query = index.item_query(cid)
        for match in index.rank(query, leave_out=cid)[:30]:
            assert match.shared() == reference_shared(index, query, match.position), (cid, match.id)
            compared += 1
    return compared


def test_shared_terms_are_those_a_plain_reading_names(programme: Programme) -> None:
    index = similarity_index(programme)
    assert assert_explained_as_reference(index, [c.id for c in programme.contributions]) > 1000


def test_shared_terms_on_fosdem_are_those_a_plain_reading_names(
    real_file: Callable[[str], Path],
) -> None:
    fosdem = load_programme(real_file("fosdem-2026.schedule.xml"))
    index = similarity_index(fosdem)
    assert assert_explained_as_reference(index, [c.id for c in fosdem.contributions[::25]]) > 500
