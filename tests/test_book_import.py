"""The book-of-abstracts importer on the real ML4Astro 2022 book."""

from __future__ import annotations

from collections import Counter

import pytest

from planner.errors import ProgrammeError
from planner.model import Programme
from planner.sources.book import Book, parse_book, parse_speakers, read_book
from tests.conftest import BOOK

ALL_IDS = {
    "28", "1", "2", "4", "5", "3", "162", "99", "106", "113", "117", "57", "158", "156", "137",
    "29", "8", "7", "9", "10", "151", "30", "26", "13", "173", "12", "16", "15", "163", "14",
    "139", "88", "95", "87", "134", "62", "144", "93", "80", "31", "20", "152", "17", "19",
    "164", "32", "33", "37", "38", "40", "39", "41", "85", "121", "65", "168", "75", "130",
    "49", "128", "34", "35", "36", "42", "43", "81", "119", "116", "77", "102", "56", "68",
    "141",
}  # fmt: skip


@pytest.fixture(scope="module")
def book() -> Book:
    return read_book(BOOK)


def test_every_contribution_once_in_book_order(book: Book) -> None:
    numbers = [r.number for r in book.records]
    assert len(numbers) == 73
    assert set(numbers) == ALL_IDS
    assert numbers[:9] == ["28", "1", "2", "4", "5", "3", "162", "99", "106"]
    assert numbers[-1] == "141"


def test_invited_talks_are_28_to_34(book: Book) -> None:
    assert {r.number for r in book.records if r.invited} == {str(n) for n in range(28, 35)}


def test_session_labels_as_printed(book: Book) -> None:
    counts = Counter(r.label for r in book.records)
    assert counts == {
        "Supervised Learning": 6,
        "Deep Learning": 5,
        "Unsupervised Learning and Pattern Discovery": 4,
        "Anomaly Detection": 4,
        "Transients and Time Series": 5,
        "SKA and Precursors": 5,
        "Deep Learning for Astroparticle Physics": 2,
        "Outreach and Citizen Science": 2,
        "Poster Session Day 1": 7,
        "Poster Session Day 2": 9,
        "Poster Session Day 3.1": 8,
        "Poster Session Day 3.2": 8,
        None: 8,  # the seven invited talks and contribution 99
    }


def test_records_run_together_with_bold_markers_are_split(book: Book) -> None:
    by = {r.number: r for r in book.records}
    assert (
        by["163"].title
        == "Predicting and detecting very-high-energy blazar flares with deep learning"
    )
    assert by["163"].label == "Anomaly Detection"
    assert by["163"].speakers[0].name == "Hermann Stolte"
    assert by["34"].title == (
        "HPC-cloud convergence is the missing link between scientific computing and applied-AI"
    )
    assert by["34"].invited and by["34"].speakers[0].affiliation == "Università di Torino"
    assert by["128"].speakers[0].name == "Alessia Sbriglio"


def test_titles_exact_including_wrapped_one(book: Book) -> None:
    by = {r.number: r for r in book.records}
    assert by["137"].title == (
        "Obtaining a classification of A-F stars through clustering analyzing the morphology of "
        "the light curves"
    )
    assert by["121"].title == (
        "Machine learning investigations for LSST: Strong Lens Mass Modeling and Photometric "
        "Redshift estimation"
    )
    assert by["31"].title == "Time Domain Astroinformatics"
    assert by["3"].title == (
        "QSOs selection in highly unbalanced photometric datasets: The “Michelangelo” "
        "reverse-selection method."
    )


def test_speakers_and_affiliations(book: Book) -> None:
    by = {r.number: r for r in book.records}
    assert [(s.name, s.affiliation) for s in by["38"].speakers] == [
        ("Daniel Magro", "University of Malta"),
        ("Renato Sortino", "Istituto Nazionale di Astrofisica"),
    ]
    assert (by["2"].speakers[0].name, by["2"].speakers[0].affiliation) == (
        "Victor Almedros",
        "CENTRA, FCUL, Universidade de Lisboa",
    )
    assert by["137"].speakers[0].name == "Jose Ramón Rodón"
    assert by["30"].speakers[0].affiliation == "University of the Western Cape/SARAO"
    assert by["31"].speakers[0].name == "Massimo Brescia"


def test_page_breaks_repaired(book: Book) -> None:
    by = {r.number: r for r in book.records}
    assert "comparison of the low mass population statistics" in by["2"].abstract
    assert "the brightness and color in astronomical" in by["5"].abstract
    assert "retrieve the mean density and surface gravity" in by["8"].abstract
    assert "as part of the Next Generation Transit Survey (NGTS) pipeline" in by["152"].abstract
    assert "the proper definition of learning samples." in by["33"].abstract
    assert "\n\n" not in by["106"].abstract  # one paragraph split by a page break
    # a paragraph that starts in lower case after a full stop stays a paragraph
    assert "\n\nsCMOS images are well suited" in by["77"].abstract


def test_math_made_readable(book: Book) -> None:
    by = {r.number: r for r in book.records}
    assert "covers 2 176 deg² using" in by["117"].abstract
    assert "∼ 90,000 galaxies" in by["26"].abstract
    assert "9 811 candidate UCDs" in by["117"].abstract
    assert "σ(z) / (1+z) < 0.01" in by["151"].abstract
    assert "log g" in by["137"].abstract and "T_eff" in by["137"].abstract
    for record in book.records:
        assert "$" not in record.abstract, record.number
        assert "\\" not in record.abstract, record.number
        assert "**" not in record.abstract + record.title, record.number


def test_contribution_99_has_no_label_in_the_book(book: Book) -> None:
    record = next(r for r in book.records if r.number == "99")
    assert record.label is None and not record.invited
    assert record.title == "Planetary Markers in Stellar Spectra: Jupiter-host Star Classification"


def test_parse_speakers_keeps_commas_inside_parentheses() -> None:
    people = parse_speakers("Ann Lee (Univ. A, Dept. (B)), Bo Ng, Cy Do (C)")
    assert [(p.name, p.affiliation) for p in people] == [
        ("Ann Lee", "Univ. A, Dept. (B)"),
        ("Bo Ng", None),
        ("Cy Do", "C"),
    ]


def test_not_a_book_is_refused() -> None:
    with pytest.raises(ProgrammeError, match="not a book of abstracts"):
        parse_book("hello\nworld\n", "notes.txt")


def test_missing_title_names_the_contribution() -> None:
    text = "Contents\n\nA talk 7\t1\n\nSomething else\n\nSpeaker: X (Y)\n\nAbstract.\n"
    with pytest.raises(ProgrammeError, match="contribution 7: cannot find its title"):
        parse_book(text, "b.txt")


def test_embedded_programme_sessions_and_kinds(ml4astro: Programme) -> None:
    kinds = Counter(c.kind for c in ml4astro.contributions)
    assert kinds == {"invited": 7, "talk": 34, "poster": 32}
    per_session = Counter(ml4astro.session_of(c).title for c in ml4astro.contributions)
    assert per_session["Supervised Learning"] == 7  # six labelled talks and contribution 99
    assert per_session["Poster Session Day 2"] == 9
    assert per_session["Invited Talk"] == 7
    c99 = ml4astro.contribution_by_id["99"]
    assert c99.kind == "talk" and ml4astro.session_of(c99).title == "Supervised Learning"
    assert c99.notes and "no session" in c99.notes[0]
    assert all(ml4astro.times_reconstructed(c) for c in ml4astro.contributions)
    assert {r.name: r.kind for r in ml4astro.rooms} == {
        "Main Hall": "hall",
        "Poster Area": "poster-area",
    }
