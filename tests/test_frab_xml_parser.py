"""The schedule XML parser (planner.sources.frab_xml.parse_xml): defusedxml's parser with its
elements handed straight to the tree builder gives the tree defusedxml's own parse gives, and
keeps its guards."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import given
from hypothesis import strategies as st

from planner.errors import ProgrammeError
from planner.sources.frab_xml import parse_xml

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
if not REALDATA.is_dir():
    REALDATA = Path("/work/shared/realdata")


def _same_tree(data: bytes) -> None:
    ours = parse_xml(data, "s.xml")
    theirs = fromstring(data)
    assert ET.tostring(ours) == ET.tostring(theirs)
    assert [(e.tag, e.attrib, e.text, e.tail) for e in ours.iter()] == [
        (e.tag, e.attrib, e.text, e.tail) for e in theirs.iter()
    ]


_NAMES = st.sampled_from(["event", "title", "p", "room", "a", "x-y", "é"])
_TEXT = st.text(alphabet=st.sampled_from("ab <>&\"'\n\té€\U0001f600"), max_size=8)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(_NAMES)
    attrs = draw(st.dictionaries(st.sampled_from(["id", "name", "href", "ä"]), _TEXT, max_size=3))
    written = "".join(
        f' {key}="{value.replace("&", "&amp;").replace("<", "&lt;").replace(chr(34), "&quot;")}"'
        for key, value in attrs.items()
    )
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            parts.append(draw(_TEXT).replace("&", "&amp;").replace("<", "&lt;"))
        elif choice == 1:
            parts.append(draw(_element(depth + 1)))
        elif choice == 2:
            parts.append("<!-- a comment -->")
        elif choice == 3:
            parts.append("<![CDATA[<p>a &amp; b</p>]]>")
        else:
            parts.append(
                draw(st.sampled_from(["&amp;", "&lt;", "&#233;", "&#x1F600;", "<?pi x?>"]))
            )
    inner = "".join(parts)
    return (
        f"<{name}{written}>{inner}</{name}>"
        if inner or draw(st.booleans())
        else f"<{name}{written}/>"
    )


@given(_element())
def test_the_tree_is_the_one_defusedxml_gives(document: str) -> None:
    _same_tree(f'<?xml version="1.0" encoding="UTF-8"?>\n{document}\n'.encode())


def test_a_real_schedule_gives_the_same_tree() -> None:
    path = REALDATA / "fosdem-2026.schedule.xml"
    if not path.is_file():
        pytest.skip(f"real schedules absent: {REALDATA}")
    _same_tree(path.read_bytes())


def test_an_element_in_a_namespace_keeps_its_name() -> None:
    root = parse_xml(b'<schedule xmlns="urn:x"><day date="2024-01-01"/></schedule>', "s.xml")
    assert root.tag.rsplit("}", 1)[-1] == "schedule"
    assert [child.get("date") for child in root] == ["2024-01-01"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<!DOCTYPE s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><s>&b;</s>',
            "refused: the XML declares entities",
        ),
        ('<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><s>&x;</s>', "refused"),
        ('<!DOCTYPE s SYSTEM "http://example.org/s.dtd"><s/>', None),  # not fetched: no entity
        ("<s>&undefined;</s>", "not well-formed XML"),
        ("<s><a></s>", "not well-formed XML"),
        ("", "not well-formed XML"),
    ],
)
def test_the_guards_hold(text: str, message: str | None) -> None:
    if message is None:
        assert parse_xml(text.encode(), "s.xml").tag == "s"
        return
    with pytest.raises(ProgrammeError, match=message):
        parse_xml(text.encode(), "s.xml")
