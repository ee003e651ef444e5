"""The c3voc reader's joining of subtitle, abstract and description, checked against a plain
statement of its rule (the reference function below), on chosen and generated texts. HTML to
plain text has its own tests (test_html_text.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.sources.c3voc_json import _abstract
from planner.sources.html_text import plain_text
from planner.sources.jsonread import Where
from planner.sources.raw import join_texts, localized


def reference_abstract(event: dict[str, Any]) -> str:
    values = (event.get("subtitle"), event.get("abstract"), event.get("description"))
    return join_texts(*(plain_text(localized(v)) for v in values if v))


_html = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<br/>",
            "<PRE>",
            "<em>",
            "</em>",
            "< li >",
            "<a <p>",
            "<h2 x='1'>",
            "text",
            " ",
            "\n",
            "\r\n",
            "\t",
            "&amp;",
            "&lt;",
            "<",
            ">",
            "<3",
            "pre",
            "\n \n",
        ]
    ),
    max_size=25,
).map("".join)


_field = st.one_of(
    st.none(),
    st.just(""),
    _html,
    st.sampled_from(["Same text.", "Same", "text."]),
    st.fixed_dictionaries({"en": st.sampled_from(["English.", ""]), "de": st.just("Deutsch.")}),
)


@given(_field, _field, _field)
def test_c3voc_abstract_joins_its_texts(subtitle: Any, abstract: Any, description: Any) -> None:
    event = {"subtitle": subtitle, "abstract": abstract, "description": description}
    assert _abstract(Where("f.json"), event, "e") == reference_abstract(event)


def test_a_description_repeating_the_abstract_is_shown_once() -> None:
    event = {"subtitle": "", "abstract": "Radio waves.", "description": "Radio"}
    assert _abstract(Where("f.json"), event, "e") == "Radio waves."
    event = {"subtitle": "", "abstract": "Radio", "description": "Radio waves."}
    assert _abstract(Where("f.json"), event, "e") == "Radio\n\nRadio waves."
