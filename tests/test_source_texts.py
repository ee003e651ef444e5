"""The text helpers every schedule reader shares: HTML abstracts to plain text, and the c3voc
reader's joining of subtitle, abstract and description. Each is checked against a plain
statement of its rule (the reference functions below), on chosen and generated texts."""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from planner.sources.c3voc_json import _abstract
from planner.sources.jsonread import Where
from planner.sources.raw import join_texts, localized, plain_text

_REF_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_REF_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "hr", "tr", "table", "blockquote", "pre"}
_REF_BLOCKS |= {"section", "h1", "h2", "h3", "h4", "h5", "h6"}


def reference_plain_text(text: str | None) -> str:
    """Each tag, left to right: a block tag becomes a line break, any other goes; then entities
    are decoded, line ends made ``\\n`` and runs of blank lines one blank line."""
    if not text:
        return ""
    untagged, tags = _REF_TAG.subn(
        lambda m: "\n" if m.group(2).lower() in _REF_BLOCKS else "", text
    )
    if tags:
        text = html.unescape(untagged).replace("\r\n", "\n")
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text)
    return text.strip()


def reference_abstract(event: dict[str, Any]) -> str:
    values = (event.get("subtitle"), event.get("abstract"), event.get("description"))
    return join_texts(*(plain_text(localized(v)) for v in values if v))


def test_html_becomes_paragraphs() -> None:
    text = "<p>First &amp; <em>second</em></p>\r\n<P >Third</p><br/>  <ul><li>a</li></ul>"
    assert plain_text(text) == "First & second\n\nThird\n\na"


def test_text_without_tags_is_kept_as_it_is() -> None:
    assert plain_text("  I <3 it: 1 < 2 > 0 &amp; more \n") == "I <3 it: 1 < 2 > 0 &amp; more"
    assert plain_text(None) == ""


def test_a_tag_holding_another_is_one_tag() -> None:
    # the first '>' ends a tag, so "<a <p>" is one (inline) tag
    assert plain_text("x<a <p>y") == "xy"


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


@given(_html)
def test_plain_text_follows_its_rule(text: str) -> None:
    assert plain_text(text) == reference_plain_text(text)


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
