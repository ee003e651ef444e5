"""Group files: YAML and CSV, inline and path profiles, errors naming the member and line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.group.groupfile import read_group_file
from planner.group.profiles import resolve_members
from planner.model import Programme

ROME = ZoneInfo("Europe/Rome")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_inline_and_path_profiles(tmp_path: Path, ml4astro: Programme) -> None:
    write(tmp_path, "profiles/bo.toml", 'keyword = ["radio"]\nmust = ["33"]\n')
    path = write(
        tmp_path,
        "group.yaml",
        """name: Readers
policy: cover
share: 0.7
max_per_poster: 2
members:
  - name: Ana
    keyword: [anomaly detection]
    star: {"30": 25, 16: "**"}
    must: ["57"]
    skip: [29]
    arrive: 2022-05-30 14:00
    leave: "2022-06-01 12:00"
    busy: [["2022-05-31 09:00", "10:30"], "2022-05-31 16:00/17:00"]
    walk: 3
  - name: Bo
    profile: profiles/bo.toml
    keyword: [galaxy]
""",
    )
    group = read_group_file(path)
    assert (group.name, group.policy, group.share, group.max_per_poster) == (
        "Readers",
        "cover",
        0.7,
        2,
    )
    assert [(m.name, m.line) for m in group.members] == [("Ana", 6), ("Bo", 15)]
    members, errors = resolve_members(group, ml4astro)
    assert errors == []
    ana, bo = (m.profile for m in members)
    assert ana.keyword == ["anomaly detection"]
    assert ana.star == {"30": 25.0, "16": 30.0}
    assert ana.must == ["57"] and ana.skip == ["29"] and ana.walk == 3
    assert ana.arrive == datetime(2022, 5, 30, 14, 0, tzinfo=ROME)
    assert ana.leave == datetime(2022, 6, 1, 12, 0, tzinfo=ROME)
    assert [(b.start, b.end) for b in ana.busy] == [
        (datetime(2022, 5, 31, 9, 0, tzinfo=ROME), datetime(2022, 5, 31, 10, 30, tzinfo=ROME)),
        (datetime(2022, 5, 31, 16, 0, tzinfo=ROME), datetime(2022, 5, 31, 17, 0, tzinfo=ROME)),
    ]
    # the profile file, with the inline settings added as flags are
    assert bo.keyword == ["radio", "galaxy"] and bo.must == ["33"]


def test_yaml_timestamps_without_offset_are_in_the_conference_zone(
    tmp_path: Path, ml4astro: Programme
) -> None:
    # YAML reads these as datetimes itself; the first has no offset, the second has one
    path = write(
        tmp_path,
        "g.yaml",
        "members:\n  - name: A\n    arrive: 2022-05-30 14:00:00\n"
        "    leave: 2022-06-01 10:00:00+00:00\n",
    )
    (member,), _ = resolve_members(read_group_file(path), ml4astro)
    assert member.profile.arrive == datetime(2022, 5, 30, 14, 0, tzinfo=ROME)
    assert member.profile.leave == datetime(2022, 6, 1, 12, 0, tzinfo=ROME)


def test_csv_group(tmp_path: Path, ml4astro: Programme) -> None:
    write(tmp_path, "cat.toml", "walk = 2\n")
    path = write(
        tmp_path,
        "g.csv",
        "name,keyword,must,skip,star,arrive,leave,profile\n"
        "Ana,anomaly detection;galaxy,57,29,30=25;16=**,2022-05-30 14:00,,\n"
        '"Bo, Jr.",radio,,,,,2022-06-01 12:00,\n'
        "Cat,,,,,,,cat.toml\n",
    )
    group = read_group_file(path)
    assert group.name == "g" and group.policy is None
    assert [(m.name, m.line) for m in group.members] == [("Ana", 2), ("Bo, Jr.", 3), ("Cat", 4)]
    members, errors = resolve_members(group, ml4astro)
    assert errors == []
    ana, bo, cat = (m.profile for m in members)
    assert ana.keyword == ["anomaly detection", "galaxy"]
    assert ana.star == {"30": 25.0, "16": 30.0} and ana.must == ["57"] and ana.skip == ["29"]
    assert bo.leave == datetime(2022, 6, 1, 12, 0, tzinfo=ROME)
    assert cat.walk == 2


def test_a_broken_member_is_named_with_its_line_and_the_others_kept(
    tmp_path: Path, ml4astro: Programme
) -> None:
    path = write(
        tmp_path,
        "group.yaml",
        """members:
  - name: Good
    keyword: [galaxy]
  - name: Typo
    keywords: [radio]
  - name: Unknown id
    must: ["no-such-talk"]
  - name: Bad time
    arrive: "the day after tomorrow at teatime"
  - name: Missing file
    profile: nowhere.toml
  - keyword: [no name]
  - name: good
    keyword: [same name, other case]
""",
    )
    group = read_group_file(path)
    members, errors = resolve_members(group, ml4astro)
    assert [m.name for m in members] == ["Good"]
    found = {(e.name, e.line): e.message for e in errors}
    assert set(found) == {
        ("Typo", 4),
        ("Unknown id", 6),
        ("Bad time", 8),
        ("Missing file", 10),
        ("?", 12),
        ("good", 13),
    }
    assert "keywords: not a profile setting (did you mean 'keyword'?)" in found[("Typo", 4)]
    assert "'no-such-talk'" in found[("Unknown id", 6)]
    assert "arrive 'the day after tomorrow at teatime': not a date" in found[("Bad time", 8)]
    assert "nowhere.toml: no such file" in found[("Missing file", 10)]
    assert "no name" in found[("?", 12)]
    assert "already used on line 2" in found[("good", 13)]
    text = str(next(e for e in errors if e.name == "Typo"))
    assert text.startswith(f"{path}:4: member 'Typo': ")


def test_csv_errors_name_the_row(tmp_path: Path, ml4astro: Programme) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "name,star,arrive\nAna,30=lots,\nBo,,31 June\nCat,30=2,\nDan,1,2,3\n",
    )
    members, errors = resolve_members(read_group_file(path), ml4astro)
    assert [m.name for m in members] == ["Cat"]
    assert [(e.name, e.line) for e in errors] == [("Ana", 2), ("Bo", 3), ("Dan", 5)]
    assert "star '30=lots': weight 'lots' is not a number" in errors[0].message


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("g.yaml", "members: [\n", "g.yaml:2: not valid YAML"),
        ("g.yaml", "- just a list\n", "expected a mapping with 'members'"),
        ("g.yaml", "name: x\n", "'members' should be a list"),
        ("g.yaml", "members: []\n", "no members"),
        ("g.yaml", "policy: everyone\nmembers: [{name: a}]\n", "g.yaml:1: policy 'everyone'"),
        ("g.yaml", "share: 1.5\nmembers: [{name: a}]\n", "g.yaml:1: share 1.5"),
        ("g.yaml", "members: [{name: a}]\nmax_per_poster: 0\n", "g.yaml:2: max_per_poster 0"),
        ("g.yaml", "members: [{name: a}]\ncolour: red\n", "g.yaml:2: 'colour' is not a group"),
        ("g.csv", "who,keyword\nAna,x\n", "g.csv:1: the header needs a 'name' column"),
        ("g.csv", "name,colour\nAna,red\n", "g.csv:1: unknown column 'colour'"),
    ],
)
def test_file_errors(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(PlannerError) as caught:
        read_group_file(write(tmp_path, name, text))
    assert message in str(caught.value)


def test_missing_group_file(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="no such group file"):
        read_group_file(tmp_path / "absent.yaml")


def test_inline_calendar_paths_are_relative_to_the_group_file(
    tmp_path: Path, ml4astro: Programme
) -> None:
    path = write(tmp_path, "sub/g.yaml", "members:\n  - name: A\n    busy_ics: [cal.ics]\n")
    (member,), errors = resolve_members(read_group_file(path), ml4astro)
    assert errors == []
    assert member.profile.busy_ics == [str(tmp_path / "sub" / "cal.ics")]


JUNK = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(["members:", "  - name: A", "    star: {1: x}", "- ", "name,",
                              "keyword", "[", "{", ":", "\t", "policy: cover", "share: 2",
                              "    busy: [[1, 2]]", "    arrive: 31 June", '"', ";", "\x00"]),
             max_size=12).map("\n".join),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=JUNK, suffix=st.sampled_from([".yaml", ".csv"]))
def test_junk_group_files_give_messages_not_tracebacks(
    tmp_path: Path, ml4astro: Programme, text: str, suffix: str
) -> None:
    path = write(tmp_path, f"junk{suffix}", text)
    try:
        group = read_group_file(path)
    except PlannerError as error:
        assert str(path) in str(error)
        return
    members, errors = resolve_members(group, ml4astro)
    assert len(members) + len(errors) >= 1
    for e in errors:
        assert e.line >= 1 and e.message


def test_a_repeated_members_key_keeps_the_last_with_its_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", "members: [{name: a}]\nmembers:\n  - name: b\n  - name: c\n")
    assert [(m.name, m.line) for m in read_group_file(path).members] == [("b", 3), ("c", 4)]


def test_a_member_likes_a_document_beside_the_group_file_and_an_item(
    tmp_path: Path, ml4astro: Programme
) -> None:
    write(tmp_path, "papers/ana.txt", "Anomaly detection in transient light curves.")
    path = write(
        tmp_path,
        "group.yaml",
        """members:
  - name: Ana
    like: ["papers/ana.txt=5"]
    like_item: 16
    min_relevance: 0.3
    min_score: 2
""",
    )
    members, errors = resolve_members(read_group_file(path), ml4astro)
    assert errors == []
    ana = members[0].profile
    assert ana.like == {str(tmp_path / "papers/ana.txt"): 5.0}
    assert ana.like_item == ["16"]
    assert (ana.min_relevance, ana.min_score) == (0.3, 2.0)
