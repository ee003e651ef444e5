"""Member file names: safe (no traversal, no separators, no device names), distinct, readable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planner.group.naming import MAX_STEM, distinct_stems, stem_for

SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_readable_stems() -> None:
    assert stem_for("José María / Ñ") == "jose-maria-n"
    assert stem_for("Eun-ji Kim") == "eun-ji-kim"


def test_traversal_and_separators_are_neutralised() -> None:
    for name in ("../../etc/passwd", "..\\..\\boot.ini", "/abs/path", "a/../b", "~root"):
        stem = stem_for(name)
        assert SAFE.fullmatch(stem), stem
        assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert stem_for("../../etc/passwd") == "etc-passwd"


def test_no_empty_dot_or_device_names() -> None:
    assert stem_for("...") == "member"
    assert stem_for("") == "member"
    assert stem_for("李明") == "member"
    assert stem_for("CON") == "member-con"
    assert stem_for("lpt1") == "member-lpt1"


def test_clashes_get_numbers_in_order() -> None:
    assert distinct_stems(["Ana", "ana", "Aña", "ANA"]) == ["ana", "ana-2", "ana-3", "ana-4"]
    assert distinct_stems(["李明", "王芳"]) == ["member", "member-2"]
    # a name that looks like a numbered stem does not take another's file
    assert distinct_stems(["Ana", "Ana", "ana-2"]) == ["ana", "ana-2", "ana-2-2"]


def test_long_names_are_cut() -> None:
    stem = stem_for("x" * 500)
    assert len(stem) == MAX_STEM


@given(st.lists(st.text(max_size=80), max_size=30))
def test_stems_are_safe_and_distinct(names: list[str]) -> None:
    stems = distinct_stems(names)
    assert len(stems) == len(names)
    assert len(set(stems)) == len(stems)
    for stem in stems:
        assert SAFE.fullmatch(stem), stem


def test_the_groups_own_file_names_are_never_a_members() -> None:
    names = ["Overview", "GROUP", "overview", "Group!", "member-overview"]
    stems = distinct_stems(names)
    assert len(set(stems)) == len(stems)
    files = {f"{s}.{ext}" for s in stems for ext in ("ics", "md")}
    assert not files & {"overview.md", "overview.html", "group.json", ".planner-group"}
    assert stems[:2] == ["member-overview", "member-group"]


@given(st.lists(st.text(max_size=12), max_size=12))
def test_member_files_never_clash_with_each_other_or_the_group_files(names: list[str]) -> None:
    stems = distinct_stems(names)
    folded = [s.casefold() for s in stems]
    assert len(set(folded)) == len(folded)
    assert not {f"{s}.md" for s in folded} & {"overview.md", "group.md"}
    assert not {f"{s}.json" for s in folded} & {"group.json"}
