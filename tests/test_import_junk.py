"""Junk in, one clear PlannerError out: never a traceback (property tests)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.sources import import_programme
from test_c3voc_json import SCHEDULE2, v1_event, v1_schedule  # type: ignore[import-not-found]
from test_pretalx_indico_json import INDICO, PRETALX  # type: ignore[import-not-found]

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("junk")


def outcome(path: Path) -> str:
    try:
        imported = import_programme(path)
    except PlannerError as error:
        assert str(error)
        return "refused"
    assert imported.programme.contributions
    return "imported"


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes(folder: Path, data: bytes) -> None:
    path = folder / "junk.bin"
    path.write_bytes(data)
    outcome(path)


@SETTINGS
@given(
    prefix=st.sampled_from(["<", "{", "[", "<schedule>", '{"schedule": ']),
    text=st.text(max_size=200),
)
def test_random_text_after_a_format_opening(folder: Path, prefix: str, text: str) -> None:
    path = folder / "junk.txt"
    path.write_text(prefix + text, encoding="utf-8")
    outcome(path)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _leaves(child, (*path, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    result = copy.deepcopy(value)
    node = result
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = new
    return result


FIXTURES = {
    "c3voc": v1_schedule(
        {
            "Ada": [
                v1_event(1, "2019-12-27T11:00:00+01:00"),
                v1_event(2, "2019-12-27T12:00:00+01:00"),
            ]
        }
    ),
    "schedule2": SCHEDULE2,
    "pretalx": PRETALX,
    "indico": INDICO,
}


@SETTINGS
@given(data=st.data(), name=st.sampled_from(sorted(FIXTURES)), junk=json_values)
def test_one_value_replaced_by_junk(
    folder: Path, data: st.DataObject, name: str, junk: Any
) -> None:
    fixture = FIXTURES[name]
    where = data.draw(st.sampled_from(_leaves(fixture)))
    path = folder / "schedule.json"
    path.write_text(json.dumps(_replace(fixture, where, junk)), encoding="utf-8")
    outcome(path)


FRAB = """<?xml version="1.0"?>
<schedule><conference><title>{title}</title>{zone}</conference>
<day date="{day}" index="1"><room name="{room}">
<event id="{ident}" guid=""><date>{when}</date><start>10:00</start><duration>{duration}</duration>
<title>Talk</title><track>{track}</track><persons><person>{person}</person></persons></event>
</room></day></schedule>"""

xml_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="<&\x00"), max_size=30
)


@SETTINGS
@given(
    title=xml_text,
    zone=st.sampled_from(
        [
            "",
            "<time_zone_name>Europe/Brussels</time_zone_name>",
            "<time_zone_name>Mars/Olympus</time_zone_name>",
        ]
    ),
    day=st.one_of(xml_text, st.dates().map(str)),
    room=xml_text,
    ident=xml_text,
    when=st.one_of(xml_text, st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())),
    duration=st.one_of(xml_text, st.sampled_from(["00:30", "PT45M", "", "99:99", "P1Y"])),
    track=xml_text,
    person=xml_text,
)
def test_frab_fields_replaced_by_junk(folder: Path, **fields: str) -> None:
    path = folder / "schedule.xml"
    path.write_text(
        FRAB.format(**{k: v.replace('"', "'") for k, v in fields.items()}), encoding="utf-8"
    )
    outcome(path)


def test_indico_person_roles_that_are_not_a_list_are_refused(folder: Path) -> None:
    """Regression (found by the property test above): a person link whose roles are a number."""
    fixture = json.loads(json.dumps(INDICO))
    entry = fixture["results"]["1234"]["20240330"]["s10"]["entries"]["c3"]
    entry["personLinks"][1]["roles"] = 1
    path = folder / "schedule.json"
    path.write_text(json.dumps(fixture), encoding="utf-8")
    with pytest.raises(PlannerError, match=r"personLinks\[1\].*roles|roles.*personLinks\[1\]"):
        import_programme(path)
