"""HTML abstracts to plain text (planner.sources.html_text): chosen cases, and properties on
generated HTML and on junk."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planner.sources.html_text import _Lines, _TextMaker, plain_text


def test_a_bare_less_than_is_text() -> None:
    assert plain_text("<p>flux < a threshold and S/N > 5.</p>") == "flux < a threshold and S/N > 5."
    assert plain_text("<p>1<2 and 3 >2</p>") == "1<2 and 3 >2"


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    text = "<p>First &amp; <em>second</em></p>\r\n<P >Third</p><h2>Head</h2>tail"
    assert plain_text(text) == "First & second\n\nThird\n\nHead\n\ntail"


def test_list_items_are_lines() -> None:
    text = "<p>Topics:</p>\r\n<ul>\r\n  <li>one</li>\r\n  <li> two </li>\r\n</ul><p>After.</p>"
    assert plain_text(text) == "Topics:\n\n- one\n- two\n\nAfter."


def test_numbered_lists_count_from_their_start() -> None:
    assert plain_text("<ol><li>a</li><li>b</li></ol>") == "1. a\n2. b"
    assert plain_text("<ol start='4'><li>a</li><li>b</li></ol>") == "4. a\n5. b"


def test_nested_lists_are_indented() -> None:
    text = "<ul><li>outer<ul><li>inner</li><li>inner 2<br>more</li></ul></li><li>last</li></ul>"
    assert plain_text(text) == "- outer\n  - inner\n  - inner 2\n    more\n- last"


def test_a_paragraph_in_an_item_stays_on_its_line() -> None:
    assert plain_text("<ul><li><p>a</p></li><li><p>b</p></li></ul>") == "- a\n- b"


def test_br_and_the_texts_own_line_breaks_end_lines() -> None:
    assert plain_text("<p>one<br>two<br/>three</p>") == "one\ntwo\nthree"
    assert plain_text("<p>one<br><br>two</p>") == "one\n\ntwo"
    assert plain_text("<p>such as:\n* a\n* b</p>") == "such as:\n* a\n* b"
    assert plain_text("Lecture.<br>\r\n\r\nThe topics:") == "Lecture.\n\nThe topics:"


def test_spaces_are_collapsed_but_pre_is_kept() -> None:
    assert plain_text("<p>a  \t b <b>c</b> <i>d</i></p>") == "a b c d"
    assert plain_text("<p>x</p><pre>  indented\n    more</pre>") == "x\n\n  indented\n    more"


def test_entities_are_decoded() -> None:
    assert plain_text("<p>&lt;b&gt; &amp; &eacute; &#8211; &#x3b1; &nbsp;x</p>") == "<b> & é – α x"


def test_scripts_styles_and_comments_are_dropped() -> None:
    text = "<style>p { color: red }</style><p>Hi<!-- note --></p><script>if (a<b) x()</script>!"
    assert plain_text(text) == "Hi\n\n!"


def test_tags_that_are_no_html_element_stay_text() -> None:
    text = "<p>See <https://example.org> and run <cmd> with </version></p>"
    assert plain_text(text) == "See <https://example.org> and run <cmd> with </version>"


def test_table_rows_are_lines() -> None:
    text = "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
    assert plain_text(text) == "a | b\n1 | 2"


def test_links_keep_their_text() -> None:
    assert plain_text('<p>By <a href="https://x.org">the team</a>.</p>') == "By the team."


def test_text_without_html_is_kept_as_it_is() -> None:
    assert plain_text("  I <3 it: 1 < 2 > 0 &amp; more \n") == "I <3 it: 1 < 2 > 0 &amp; more"
    assert plain_text("Use <name> and <https://x.org>\n\n- a\n- b ") == (
        "Use <name> and <https://x.org>\n\n- a\n- b"
    )
    assert plain_text(None) == ""
    assert plain_text("") == ""


def test_a_tag_holding_another_is_one_tag() -> None:
    # the first '>' ends a tag, so "<a <p>" is one (inline) tag
    assert plain_text("x<a <p>y") == "xy"


# --- properties ------------------------------------------------------------------------------

_WORDS = st.text(
    alphabet=st.sampled_from("abcdefxyz0123 .,;:!?'\"()-=+>&"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() != "")
_INLINE = ["b", "em", "a", "code", "span", "strong"]
_BLOCK = ["p", "div", "h2", "blockquote", "section"]


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[str]]:
    """Well-formed HTML, and the texts it holds in order."""
    parts: list[str] = []
    texts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 4 if depth < 3 else 0))
        if choice == 0:
            word = draw(_WORDS)
            parts.append(word.replace("&", "&amp;").replace(">", "&gt;"))  # as HTML writes it
            texts.append(word)
        elif choice in (1, 2):
            tag = draw(st.sampled_from(_INLINE if choice == 1 else _BLOCK))
            inner, found = draw(_html(depth + 1))
            parts.append(f"<{tag}>{inner}</{tag}>")
            texts += found
        elif choice == 3:
            tag = draw(st.sampled_from(["ul", "ol"]))
            items = draw(st.lists(_html(depth + 1), min_size=1, max_size=3))
            parts.append(f"<{tag}>" + "".join(f"<li>{i}</li>" for i, _ in items) + f"</{tag}>")
            texts += [t for _, found in items for t in found]
        else:
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<hr>", "<!-- x -->"])))
    return "".join(parts), texts


_ANY_TAG = re.compile(
    r"</?(?:b|em|a|code|span|strong|p|div|h2|blockquote|section|ul|ol|li|br|hr)\b"
)


@given(_html())
def test_well_formed_html_gives_its_text_without_tags(case: tuple[str, list[str]]) -> None:
    html, texts = case
    got = plain_text(f"<p>{html}</p>")
    assert _ANY_TAG.search(got) is None
    assert "<!--" not in got
    # each text outside the tags is there, in order (spaces may be collapsed or cut at a line)
    flat = " ".join(got.split())
    position = 0
    for text in texts:
        words = " ".join(text.split())
        if words:
            found = flat.find(words, position)
            assert found >= 0, (words, flat)
            position = found + len(words)


@given(_WORDS, _WORDS)
def test_a_less_than_before_a_space_is_kept(before: str, after: str) -> None:
    got = plain_text(f"<p>{before.replace('&', '&amp;')} < {after.replace('&', '&amp;')}</p>")
    assert got == " ".join(f"{before} < {after}".split())


@given(st.text(max_size=300))
def test_junk_never_raises(text: str) -> None:
    got = plain_text(text)
    assert isinstance(got, str)
    assert got == got.strip() or got == ""


_JUNK_PARTS = st.sampled_from(
    ["<p>", "</p>", "<li>", "</ul>", "<ol start=x>", "<pre>", "</pre>", "<br/>", "<script>",
     "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE", "<?x", "&", "&#", "&#x110000;",
     "&amp", "<", ">", "</", "<a href='", "\"", "\n", "\r", " ", "text", "<td>", "<tr>", "<x>"]
)  # fmt: skip


@given(st.lists(_JUNK_PARTS, max_size=40).map("".join))
def test_broken_html_never_raises(text: str) -> None:
    assert isinstance(plain_text(text), str)


@given(st.text(alphabet=st.characters(blacklist_characters="<"), max_size=200))
def test_text_without_a_tag_comes_back_stripped(text: str) -> None:
    assert plain_text(text) == text.strip()


# --- the parser's way and the quick way give the same text -----------------------------------


def _both(text: str) -> tuple[str, str | None]:
    """The text through the parser, and through the quick reading (None if it declines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = _TextMaker()
    parsed.feed(text)
    parsed.close()
    quick = _Lines()
    return parsed.result(), quick.result() if quick.read_simple(text) else None


_SIMPLE_PARTS = st.sampled_from(
    ["<p>", "</p>", "<P class='x'>", "<li>", "</li>", "<ul>", "</ul>", "<ol start=\"3\">",
     "<ol start=2>", "</ol>", "<br>", "<br/>", "<br />", "<hr>", "<b>", "</b>", "<em>",
     "<a href=\"https://x.org/?a=1&amp;b=2\" title='a > b'>", "</a>", "<pre>", "</pre>",
     "<table>", "<tr>", "<td>", "</td>", "<th>", "</tr>", "</table>", "<version>", "</version>",
     "<h2 id=x>", "</h2>", "<span data-x>", "</span>", "<x/>", "text", "more text", " ", "  ",
     "\n", "\n\n", "\t", "&amp;", "&lt;", "&eacute;", "&#8211;", "&", "< ", "<3", "a< ", "1 <= 2",
     "\xa0"]
)  # fmt: skip


@given(st.lists(_SIMPLE_PARTS, max_size=40).map("".join))
def test_the_quick_reading_gives_what_the_parser_gives(text: str) -> None:
    parsed, quick = _both(text)
    assert quick is not None  # every part above is simple
    assert quick == parsed


@given(st.lists(_JUNK_PARTS, max_size=30).map("".join))
def test_the_quick_reading_declines_or_agrees_on_junk(text: str) -> None:
    parsed, quick = _both(text)
    assert quick is None or quick == parsed


def test_the_quick_reading_declines_comments_scripts_and_odd_tags() -> None:
    for text in ("<p>a<!-- b --></p>", "<p>a</p><script>x</script>", "<p><https://x.org></p>",
                 "<p>a</ p>", "<p-x>", "<?php ?>"):  # fmt: skip
        assert _both(text)[1] is None, text
