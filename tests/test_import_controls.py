"""Control characters are removed on import, by every reader, in one place (model/text.py):
titles, abstracts, speakers, affiliations, rooms, sessions, breaks and the conference's name
lose their C0 characters (but tab and line feed) and DEL; line breaks and tabs stay. The
calendar export writes text by the same definition."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile.seeds import C3VOC, FRAB_XML, ICS_PROGRAMME, INDICO, PRETALX, SMALL_PROGRAMME
from planner.export import ics
from planner.model.programme import Programme
from planner.model.text import CONTROLS, UNTITLED, text_value
from planner.sources import import_programme

BOOK = Path(__file__).resolve().parents[1] / "programme" / "sources"


def texts(value: Any) -> list[str]:
    """Every string in a programme's data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def assert_clean(programme: Programme) -> None:
    dirty = [t for t in texts(programme.model_dump(mode="json")) if set(map(ord, t)) & CONTROLS]
    assert dirty == []


def _c3voc() -> dict[str, Any]:
    data = copy.deepcopy(C3VOC)
    day = data["schedule"]["conference"]["days"][0]  # type: ignore[index]
    event = day["rooms"].pop("Ada")[0]
    event.update(
        title="Talk\x07 1",
        abstract="First\x0b line\r\nsecond\tline\x1b[31m",
        room="Ada\x00",
        persons=[{"public_name": "bleep\x08track"}],
    )
    day["rooms"]["Ada\x00"] = [event]
    data["schedule"]["conference"]["title"] = "Test\x7f Congress"  # type: ignore[index]
    return data


def _pretalx() -> dict[str, Any]:
    data = copy.deepcopy(PRETALX)
    data["talks"][0]["title"] = "Typed\x07 Python at scale"  # type: ignore[index]
    data["talks"][0]["abstract"] = "<p>Types\x0c help.</p>"  # type: ignore[index]
    data["rooms"][0]["name"] = {"en": "Hall\x1f A"}  # type: ignore[index]
    data["speakers"][0]["name"] = "Ada\x00 Lovelace"  # type: ignore[index]
    return data


def _indico() -> dict[str, Any]:
    data = copy.deepcopy(INDICO)
    day = data["results"]["1234"]["20240330"]  # type: ignore[index]
    day["c1"].update(
        title="Wel\x07come",
        description="About\x0b it.\nTwo lines.",
        presenters=[{"name": "Marie\x1b Curie", "affiliation": "Sor\x00bonne"}],
    )
    day["s10"]["title"] = "Detec\x7ftors"
    return data


CASES = {
    "c3voc-json": ("schedule.json", lambda: json.dumps(_c3voc())),
    "pretalx-json": ("widget.json", lambda: json.dumps(_pretalx())),
    "indico-json": ("1234.json", lambda: json.dumps(_indico())),
    # XML cannot hold a control character; its abstracts are HTML, where &#7; can
    "frab-xml": (
        "schedule.xml",
        lambda: FRAB_XML.replace("Abstract &amp;amp; more.", "Abs&amp;#7;tract&amp;#x1b;."),
    ),
    "ics-programme": (
        "programme.ics",
        lambda: ICS_PROGRAMME.replace("SUMMARY:Typed", "SUMMARY:Ty\x07ped").replace(
            "LOCATION:Hall A", "LOCATION:Hall\x0b A"
        ),
    ),
    # YAML cannot either, unescaped; its double-quoted strings can ("\a" is BEL)
    "planner-yaml": (
        "small.yaml",
        lambda: (
            SMALL_PROGRAMME.replace(
                "title: Galaxy morphology with deep learning",
                'title: "Galaxy\\a morphology\\e with deep learning"',
            )
            .replace(
                "{name: Ada Rossi, affiliation: INAF}",
                '{name: "Ada\\x00 Rossi", affiliation: INAF}',
            )
            .replace(
                "abstract: Convolutional networks classify galaxy images.",
                'abstract: "Two\\vlines:\\nConvolutional\\tnetworks."',
            )
        ),
    ),
}


@pytest.mark.parametrize("reader", sorted(CASES))
def test_every_reader_removes_control_characters(reader: str, tmp_path: Path) -> None:
    name, make = CASES[reader]
    path = tmp_path / name
    path.write_text(make(), encoding="utf-8", newline="")
    programme = import_programme(path).programme
    assert_clean(programme)
    titles = {c.title for c in programme.contributions}
    expected = {
        "c3voc-json": "Talk 1",
        "pretalx-json": "Typed Python at scale",
        "indico-json": "Welcome",
        "frab-xml": "Typed Go",
        "ics-programme": "Typed Python at scale",
        "planner-yaml": "Galaxy morphology with deep learning",
    }[reader]
    assert expected in titles


def test_line_breaks_and_tabs_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(_c3voc()), encoding="utf-8")
    programme = import_programme(path).programme
    talk = next(c for c in programme.contributions if c.title == "Talk 1")
    assert talk.abstract == "First line\nsecond\tline[31m"
    assert [s.name for s in talk.speakers] == ["bleeptrack"]
    assert programme.room_of(talk) == "Ada"
    assert programme.conference.name == "Test Congress"


def test_indico_speakers_sessions_and_affiliations(tmp_path: Path) -> None:
    path = tmp_path / "1234.json"
    path.write_text(json.dumps(_indico()), encoding="utf-8")
    programme = import_programme(path).programme
    welcome = programme.contribution_by_id["c1"]
    assert [(s.name, s.affiliation) for s in welcome.speakers] == [("Marie Curie", "Sorbonne")]
    assert welcome.abstract.startswith("About it.\nTwo lines.")
    assert "Detectors: Morning" in {s.title for s in programme.sessions}


def test_a_book_of_abstracts_loses_them_too(tmp_path: Path) -> None:
    book = (BOOK / "ml4astro-2022-book-of-abstracts.txt").read_text(encoding="utf-8")
    title = "Stellar dating using chemical clocks and Bayesian inference"
    assert title in book
    (tmp_path / "book.txt").write_text(
        book.replace(
            title, "Stellar\x07 dating using chemical clocks and Bayesian inference"
        ).replace("Massive young star clusters", "Massive\x07 young\x1b star clusters"),
        encoding="utf-8",
    )
    template = tmp_path / "book.timetable.yaml"
    template.write_bytes((BOOK / "ml4astro-2022.timetable.yaml").read_bytes())
    programme = import_programme(tmp_path / "book.txt", template).programme
    assert_clean(programme)
    assert title in {c.title for c in programme.contributions}
    assert "Massive young star clusters" in programme.contribution_by_id["1"].abstract


def test_the_export_uses_the_same_definition() -> None:
    assert ics.text_value is text_value
    every = "".join(map(chr, range(0x80)))
    assert text_value(every) == "\t\n" + "".join(map(chr, range(0x20, 0x7F)))


_ANY_CHARACTER = st.one_of(
    st.characters(max_codepoint=0x7F),
    st.characters(),
    st.characters(categories=["Cs"]),  # lone surrogates, as JSON's \ud800 gives
)


@given(st.text(alphabet=_ANY_CHARACTER, max_size=200))
def test_text_value_removes_exactly_the_control_characters(text: str) -> None:
    # any text, lone surrogates and characters whose UTF-8 bytes are all high included
    assert text_value(text) == "".join(c for c in text if ord(c) not in CONTROLS)


def test_a_title_of_only_control_characters_is_untitled(tmp_path: Path) -> None:
    data = _c3voc()
    day = data["schedule"]["conference"]["days"][0]  # type: ignore[index]
    day["rooms"]["Ada\x00"][0]["title"] = "\x07\x1b\x08 "
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    programme = import_programme(path).programme
    talk = next(c for c in programme.contributions if programme.room_of(c) == "Ada")
    assert talk.title == UNTITLED
    assert all(c.title.strip() for c in programme.contributions)


def test_a_programme_file_title_of_only_spaces_is_untitled(tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text(
        SMALL_PROGRAMME.replace(
            "title: Galaxy morphology with deep learning", 'title: " \\x01\\t"'
        ),
        encoding="utf-8",
    )
    programme = import_programme(path).programme
    assert UNTITLED in {c.title for c in programme.contributions}
