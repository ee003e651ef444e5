"""Profiles on disk as TOML: exact round trips, atomic writes, errors naming file and field."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.profile import BusyInterval
from planner.interests.storage import (
    default_profile_path,
    load_profile,
    profile_from_toml,
    profile_to_toml,
    save_profile,
)

ROME = ZoneInfo("Europe/Rome")

names = st.text(min_size=1, max_size=20)
weights = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
stars = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)  # as --star
aware = st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from(
        [
            ROME,
            UTC,
            ZoneInfo("America/St_Johns"),
            ZoneInfo("Asia/Kathmandu"),
            ZoneInfo("Europe/Amsterdam"),
        ]
    ),
)


@st.composite
def busy_intervals(draw: st.DrawFn) -> BusyInterval:
    start = draw(aware)
    length = draw(st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=3)))
    label = draw(st.none() | names)
    # add in UTC: within one zone Python adds wall-clock time, wrong across a DST change
    end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    return BusyInterval(start=start, end=end, label=label)


@st.composite
def profiles(draw: st.DrawFn) -> InterestProfile:
    arrive = draw(st.none() | aware)
    leave = draw(st.none() | aware)
    if arrive and leave and leave.astimezone(UTC) <= arrive.astimezone(UTC):
        leave = arrive.astimezone(UTC) + timedelta(hours=1)
    ids = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=6)
    must = draw(st.lists(ids, max_size=3, unique=True))
    skip = [i for i in draw(st.lists(ids, max_size=3, unique=True)) if i not in must]
    return InterestProfile(
        keyword=draw(st.lists(names, max_size=4)),
        session=draw(st.dictionaries(names, weights, max_size=3)),
        speaker=draw(st.lists(names, max_size=3)),
        star=draw(st.dictionaries(ids, stars, max_size=4)),
        must=must,
        skip=skip,
        own=draw(st.lists(ids, max_size=2)),
        arrive=arrive,
        leave=leave,
        busy=draw(st.lists(busy_intervals(), max_size=3)),
        busy_ics=draw(st.lists(names, max_size=2)),
        walk=draw(st.integers(0, 120)),
        walk_between=draw(st.dictionaries(names, st.integers(0, 60), max_size=3)),
        lunch=draw(st.integers(0, 120)),
        lunch_window=tuple(sorted(draw(st.lists(st.times(), min_size=2, max_size=2)))),
        max_talks_per_day=draw(st.none() | st.integers(0, 40)),
        max_hours_per_day=draw(st.none() | st.floats(0, 24)),
        poster_visit=draw(st.integers(1, 60)),
        poster_duty_share=draw(st.floats(0, 1)),
    )


def _same_instants_and_offsets(a: InterestProfile, b: InterestProfile) -> None:
    for x, y in [(a.arrive, b.arrive), (a.leave, b.leave)] + [
        (p.start, q.start) for p, q in zip(a.busy, b.busy, strict=True)
    ]:
        assert x == y
        offset = x.utcoffset() if x is not None else None
        if y is not None and offset is not None and offset % timedelta(minutes=1) == timedelta(0):
            # TOML offsets are whole minutes: others (old local mean times) are kept in UTC
            assert y.utcoffset() == offset


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_toml_round_trip_is_exact(profile: InterestProfile) -> None:
    text = profile_to_toml(profile)
    tomllib.loads(text)  # valid TOML
    again = profile_from_toml(text, "profile.toml")
    assert again == profile
    _same_instants_and_offsets(profile, again)


def test_save_then_load_on_disk(tmp_path: Path) -> None:
    profile = InterestProfile(
        keyword=["anomaly detection", "SKA"],
        session={"Anomaly Detection": 8},
        star={"30": 15.0, "95": 2.5},
        arrive=datetime(2022, 5, 30, 13, 0, tzinfo=ROME),
        busy=[
            BusyInterval(
                start=datetime(2022, 5, 31, 16, 0, tzinfo=ROME),
                end=datetime(2022, 5, 31, 17, 0, tzinfo=ROME),
                label="call",
            )
        ],
        lunch_window=(time(12, 0), time(14, 0)),
        walk_between={"Main Hall | Poster Area": 3},
    )
    path = tmp_path / "sub" / "profile.toml"
    assert save_profile(profile, path) == path
    assert load_profile(path) == profile
    text = path.read_text()
    # the file reads like the command line: flag names, native TOML times
    assert 'keyword = [\n    "anomaly detection",\n    "SKA",\n]' in text
    assert "arrive = 2022-05-30 13:00:00+02:00" in text
    assert "lunch_window = [\n    12:00:00,\n    14:00:00,\n]" in text
    assert (
        "busy = [\n    { start = 2022-05-31 16:00:00+02:00, end = 2022-05-31 17:00:00+02:00" in text
    )
    assert not [p for p in path.parent.iterdir() if p.name != "profile.toml"]  # no temp file left


def test_defaults_are_not_written(tmp_path: Path) -> None:
    assert profile_to_toml(InterestProfile()).strip().splitlines()[-1].startswith("#")
    path = save_profile(InterestProfile(), tmp_path / "p.toml")
    assert load_profile(path) == InterestProfile()


def test_a_bad_field_names_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('walk = -3\nstar = { "30" = "lots" }\n')
    with pytest.raises(PlannerError) as error:
        load_profile(path)
    message = str(error.value)
    assert str(path) in message
    assert "walk:" in message
    assert "star.30:" in message


def test_an_unknown_field_is_named(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('keywords = ["SKA"]\n')
    with pytest.raises(
        PlannerError,
        match=r"(?s)profile\.toml.*keywords: not a profile setting \(did you mean 'keyword'\?\)",
    ):
        load_profile(path)


def test_a_naive_datetime_is_refused_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("arrive = 2022-05-30T13:00:00\n")
    with pytest.raises(PlannerError, match="arrive"):
        load_profile(path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("keyword = [unterminated\n")
    with pytest.raises(PlannerError, match=r"profile\.toml: not valid TOML"):
        load_profile(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="no such file"):
        load_profile(tmp_path / "nothing.toml")
    assert load_profile(tmp_path / "nothing.toml", missing_ok=True) == InterestProfile()


def test_a_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.toml"
    save_profile(InterestProfile(keyword=["old"]), path)

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("planner.storage.os.replace", broken)
    with pytest.raises(PlannerError, match=r"profile\.toml: cannot write it \(disk full\)"):
        save_profile(InterestProfile(keyword=["new"]), path)
    monkeypatch.undo()
    assert load_profile(path).keyword == ["old"]
    assert [p.name for p in tmp_path.iterdir()] == ["profile.toml"]


def test_default_path_is_in_the_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_profile_path() == tmp_path / "planner" / "profile.toml"
    save_profile(InterestProfile(keyword=["SKA"]))
    assert load_profile().keyword == ["SKA"]


def test_profiles_refuse_non_finite_weights() -> None:
    with pytest.raises(ValueError):
        InterestProfile(star={"30": float("nan")})


def test_an_ambiguous_autumn_time_round_trips_as_its_instant(tmp_path: Path) -> None:
    # 2022-10-30 02:30 happens twice in Rome; fold=1 is the second time (CET, +01:00)
    second = datetime(2022, 10, 30, 2, 30, fold=1, tzinfo=ROME)
    profile = InterestProfile(arrive=second)
    assert profile.arrive is not None
    assert profile.arrive.astimezone(UTC) == datetime(2022, 10, 30, 1, 30, tzinfo=UTC)
    path = save_profile(profile, tmp_path / "p.toml")
    assert "arrive = 2022-10-30 02:30:00+01:00" in path.read_text()
    assert load_profile(path) == profile
