"""Parsing the interest flags of `planner plan`, and merging them into a profile file's."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interests_support import programme_fixture, tiny_programme  # noqa: F401
from planner.errors import CommandLineError, PlannerError
from planner.interests import InterestProfile
from planner.interests.attendee_input import (
    SESSION_WEIGHT,
    apply_flags,
    check_profile,
    merge_profile,
    parse_arrive,
    parse_busy,
    parse_busy_in,
    parse_datetime,
    parse_leave,
    parse_session,
    parse_star,
    parse_stars,
)
from planner.interests.profile import STAR_LEVELS, BusyInterval
from planner.model import Programme

ROME = ZoneInfo("Europe/Rome")


# --star ID[=WEIGHT]


def test_star_without_weight_is_one_star() -> None:
    assert parse_star("30") == ("30", STAR_LEVELS[1])


def test_star_with_a_weight_or_stars() -> None:
    assert parse_star("30=25") == ("30", 25.0)
    assert parse_star(" 30 = 2.5 ") == ("30", 2.5)
    assert parse_star("30=0") == ("30", 0.0)
    assert parse_star("30=**") == ("30", STAR_LEVELS[2])
    assert parse_star("30=***") == ("30", STAR_LEVELS[3])


@pytest.mark.parametrize("text", ["30=lots", "30=-2", "30=nan", "30=inf", "=5", "", "30=****"])
def test_bad_stars_name_the_flag_and_the_text(text: str) -> None:
    with pytest.raises(PlannerError) as error:
        parse_star(text)
    assert str(error.value).startswith(f"--star {text!r}: ")


def test_unknown_ids_are_listed(programme: Programme) -> None:
    assert parse_stars(["30", "16=40"], programme) == {"30": STAR_LEVELS[1], "16": 40.0}
    with pytest.raises(PlannerError, match=r"--star: no contribution with id '999', 'x1'"):
        parse_stars(["30", "999", "x1=3"], programme)


def test_check_profile_lists_unknown_ids_per_flag(programme: Programme) -> None:
    check_profile(programme, InterestProfile(star={"30": 1}, must=["16"], skip=["14"]))
    profile = InterestProfile(star={"998": 1}, must=["16", "997"], skip=["996"], own=["995"])
    with pytest.raises(PlannerError) as error:
        check_profile(programme, profile, "profile.toml")
    message = str(error.value)
    assert message.startswith("profile.toml: 4 problems in Machine Learning for Astrophysics")
    for part in ("star", "must", "skip", "own"):
        assert f"\n  - {part}: no contribution with id '99" in message
    assert "'16'" not in message


def test_check_profile_names_unknown_sessions(programme: Programme) -> None:
    check_profile(programme, InterestProfile(session={"anomaly detection": 5, "invited-30": 3}))
    with pytest.raises(PlannerError, match=r"^session: no session or track 'Quantum Gravity' in"):
        check_profile(programme, InterestProfile(session={"Quantum Gravity": 5}))


# --session NAME[=WEIGHT]


def test_session_weights() -> None:
    assert parse_session("Anomaly Detection") == ("Anomaly Detection", SESSION_WEIGHT)
    assert parse_session("Anomaly Detection=4") == ("Anomaly Detection", 4.0)
    assert parse_session("Poster Session Day 2=-3") == ("Poster Session Day 2", -3.0)
    with pytest.raises(PlannerError, match=r"--session 'SKA=high': weight 'high' is not a number"):
        parse_session("SKA=high")


# --arrive / --leave


def test_datetimes_are_read_leniently_in_the_conference_zone(programme: Programme) -> None:
    expected = datetime(2022, 5, 31, 14, 0, tzinfo=ROME)
    for text in ("2022-05-31 14:00", "2022-05-31T14:00", "31 May 2022 2pm", "May 31, 14:00"):
        assert parse_arrive(text, programme) == expected, text
    # an explicit offset or UTC is kept as the same instant
    assert parse_arrive("2022-05-31T12:00Z", programme) == expected
    assert parse_arrive("2022-05-31 14:00+02:00", programme) == expected


def test_a_time_alone_is_on_the_first_day_to_arrive_and_the_last_to_leave(
    programme: Programme,
) -> None:
    assert parse_arrive("13:00", programme) == datetime(2022, 5, 30, 13, 0, tzinfo=ROME)
    assert parse_leave("13:00", programme) == datetime(2022, 6, 1, 13, 0, tzinfo=ROME)


def test_results_are_aware_in_the_conference_zone(programme: Programme) -> None:
    moment = parse_arrive("2022-05-31 14:00", programme)
    assert moment.tzinfo is not None
    assert moment.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("text", ["soonish", "", "2022-13-45 10:00", "99:99"])
def test_unreadable_times_name_the_flag_and_text(programme: Programme, text: str) -> None:
    with pytest.raises(PlannerError) as error:
        parse_leave(text, programme)
    assert str(error.value).startswith(f"--leave {text!r}: ")


# Daylight saving time in Europe/Rome: 2022-03-27 02:00 -> 03:00, 2022-10-30 03:00 -> 02:00.


def test_a_local_time_skipped_by_dst_is_refused() -> None:
    with pytest.raises(PlannerError) as error:
        parse_datetime("2022-03-27 02:30", ROME, "--arrive", default_day=date(2022, 3, 27))
    message = str(error.value)
    assert message.startswith("--arrive '2022-03-27 02:30': ")
    assert "does not exist in Europe/Rome" in message


def test_the_hours_around_the_spring_change_are_fine() -> None:
    before = parse_datetime("2022-03-27 01:59", ROME, "--arrive", default_day=date(2022, 3, 27))
    after = parse_datetime("2022-03-27 03:00", ROME, "--arrive", default_day=date(2022, 3, 27))
    assert before.utcoffset() == timedelta(hours=1)
    assert after.utcoffset() == timedelta(hours=2)
    # (subtract in UTC: Python subtracts wall-clock times within one zone)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(minutes=1)


def test_an_ambiguous_autumn_time_takes_the_reading_that_keeps_the_plan_inside() -> None:
    day = date(2022, 10, 30)
    earlier = parse_datetime("2022-10-30 02:30", ROME, "--leave", default_day=day, prefer="earlier")
    later = parse_datetime("2022-10-30 02:30", ROME, "--arrive", default_day=day, prefer="later")
    assert earlier.astimezone(UTC) == datetime(2022, 10, 30, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert later.astimezone(UTC) == datetime(2022, 10, 30, 1, 30, tzinfo=UTC)  # 02:30 CET
    assert later.astimezone(UTC) - earlier.astimezone(UTC) == timedelta(hours=1)


def test_arrive_late_and_leave_early_on_the_ambiguous_hour(programme: Programme) -> None:
    autumn = programme.model_copy(
        update={
            "conference": programme.conference.model_copy(
                update={"days": [date(2022, 10, 29), date(2022, 10, 30)]}
            )
        }
    )
    arrive = parse_arrive("2022-10-30 02:30", autumn)
    leave = parse_leave("2022-10-30 02:30", autumn)
    assert arrive.utcoffset() == timedelta(hours=1)
    assert leave.utcoffset() == timedelta(hours=2)


# --busy START/END


def test_busy_interval(programme: Programme) -> None:
    busy = parse_busy("2022-05-31 16:00/2022-05-31 17:30", programme)
    assert busy == BusyInterval(
        start=datetime(2022, 5, 31, 16, 0, tzinfo=ROME),
        end=datetime(2022, 5, 31, 17, 30, tzinfo=ROME),
    )
    # an end without a date is on the start's day
    assert parse_busy("2022-05-31 16:00/17:30", programme) == busy
    assert parse_busy("2022-05-31T16:00/2022-05-31T17:30", programme) == busy


def test_busy_across_the_autumn_change_is_widest() -> None:
    busy = parse_busy_in("2022-10-30 02:30/02:45", ROME, default_day=date(2022, 10, 30))
    # from the first 02:30 (CEST) to the second 02:45 (CET)
    assert busy.start == datetime(2022, 10, 30, 0, 30, tzinfo=UTC)
    assert busy.end == datetime(2022, 10, 30, 1, 45, tzinfo=UTC)
    assert busy.end - busy.start == timedelta(hours=1, minutes=15)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2022-05-31 16:00", "expected START/END"),
        ("2022-05-31 17:00/16:00", "ends"),
        ("soon/later", "not a date and time"),
    ],
)
def test_bad_busy_intervals(programme: Programme, text: str, why: str) -> None:
    with pytest.raises(PlannerError) as error:
        parse_busy(text, programme)
    assert str(error.value).startswith(f"--busy {text!r}: ")
    assert why in str(error.value)


@given(st.text(max_size=40) | st.from_regex(r"[0-9 :/\-APMTZapmtz+.,]{0,25}", fullmatch=True))
def test_junk_is_either_a_planner_error_or_a_sound_value(text: str) -> None:
    """No other exception escapes, and what is accepted is well-formed."""
    try:
        moment = parse_datetime(text, ROME, "--arrive", default_day=date(2022, 5, 30))
        assert moment.utcoffset() is not None
    except PlannerError as error:
        assert str(error).startswith(f"--arrive {text!r}: ")
    try:
        busy = parse_busy_in(text, ROME, default_day=date(2022, 5, 30))
        assert busy.end > busy.start
    except PlannerError as error:
        assert str(error).startswith(f"--busy {text!r}: ")
    try:
        ident, weight = parse_star(text)
        assert ident and "=" not in ident
        assert weight >= 0 and math.isfinite(weight)
    except PlannerError as error:
        assert str(error).startswith(f"--star {text!r}: ")
    try:
        name, weight = parse_session(text)
        assert name and math.isfinite(weight)
    except PlannerError as error:
        assert str(error).startswith(f"--session {text!r}: ")


# merge_profile


def test_flags_add_to_lists_and_override_scalars() -> None:
    base = InterestProfile(keyword=["SKA"], star={"30": 15, "16": 30}, walk=5, must=["14"])
    merged = merge_profile(
        base,
        keyword=("anomaly detection", "SKA"),
        star={"30": 60},
        walk=0,
        leave=None,
        skip=(),
        max_talks_per_day=6,
    )
    assert merged.keyword == ["SKA", "anomaly detection"]
    assert merged.star == {"30": 60, "16": 30}
    assert merged.walk == 0
    assert merged.max_talks_per_day == 6
    assert merged.must == ["14"]
    assert base.keyword == ["SKA"]  # the base is not changed


def test_a_flag_moves_an_id_between_must_and_skip() -> None:
    base = InterestProfile(must=["14", "15"], skip=["16"])
    merged = merge_profile(base, skip=["14"], must=["16"])
    assert merged.must == ["15", "16"]
    assert merged.skip == ["14"]


def test_busy_flags_add_to_the_file_busy_times() -> None:
    one = BusyInterval(
        start=datetime(2022, 5, 31, 9, tzinfo=ROME), end=datetime(2022, 5, 31, 10, tzinfo=ROME)
    )
    two = BusyInterval(
        start=datetime(2022, 6, 1, 9, tzinfo=ROME), end=datetime(2022, 6, 1, 10, tzinfo=ROME)
    )
    assert merge_profile(InterestProfile(busy=[one]), busy=[two, one]).busy == [one, two]


def test_an_inconsistent_merge_names_the_flags() -> None:
    base = InterestProfile(arrive=datetime(2022, 5, 31, 14, tzinfo=ROME))
    with pytest.raises(PlannerError, match=r"leave .* is not after arrive"):
        merge_profile(base, leave=datetime(2022, 5, 31, 9, tzinfo=ROME))
    with pytest.raises(PlannerError, match="--walk"):
        merge_profile(base, walk=-1)


def test_an_unknown_flag_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="keywords"):
        merge_profile(InterestProfile(), keywords=["SKA"])


# apply_flags: the command line as typed


def test_apply_flags_reads_every_flag(programme: Programme) -> None:
    base = InterestProfile(keyword=["SKA"], star={"33": 30})
    profile = apply_flags(
        programme,
        base,
        keyword=("anomaly detection",),
        session=("Anomaly Detection=8", "Invited Talk"),
        star=("30", "95=**"),
        skip=("14",),
        arrive="2022-05-30 13:00",
        leave="17:00",
        busy=("2022-05-31 16:00/17:00",),
        walk=3,
        max_talks_per_day=None,
    )
    assert profile.keyword == ["SKA", "anomaly detection"]
    assert profile.session == {"Anomaly Detection": 8.0, "Invited Talk": SESSION_WEIGHT}
    assert profile.star == {"33": 30.0, "30": STAR_LEVELS[1], "95": STAR_LEVELS[2]}
    assert profile.skip == ["14"]
    assert profile.arrive == datetime(2022, 5, 30, 13, tzinfo=ROME)
    assert profile.leave == datetime(2022, 6, 1, 17, tzinfo=ROME)
    assert profile.busy[0].end == datetime(2022, 5, 31, 17, tzinfo=ROME)
    assert profile.walk == 3
    assert profile.max_talks_per_day is None


def test_apply_flags_names_the_flag_or_the_file(programme: Programme) -> None:
    with pytest.raises(PlannerError, match=r"^--must: no contribution with id '12345'"):
        apply_flags(programme, InterestProfile(), must=("16", "12345"))
    with pytest.raises(
        PlannerError,
        match=r"^profile\.toml: skip: no contribution with id '777' in Machine Learning for "
        r"Astrophysics \(ML4Astro 2022\) \(`planner show` lists the ids\)$",
    ):
        apply_flags(programme, InterestProfile(skip=["777"]), source="profile.toml")
    with pytest.raises(PlannerError, match=r"^--arrive 'teatime': "):
        apply_flags(programme, InterestProfile(), arrive="teatime")


# contradictions: a must-see or your own talk cannot also be skipped


@pytest.mark.parametrize("wish", ["must", "own"])
def test_a_wish_and_skip_for_one_item_is_a_usage_error(programme: Programme, wish: str) -> None:
    with pytest.raises(CommandLineError) as error:
        apply_flags(programme, InterestProfile(), **{wish: ("16", "30", "14")}, skip=("14", "16"))
    assert str(error.value) == (
        f"--{wish} and --skip both name contributions 16, 14: choose one for each"
    )
    assert error.value.exit_code == 2


def test_a_star_on_a_skipped_item_is_allowed_and_skip_wins(programme: Programme) -> None:
    profile = apply_flags(programme, InterestProfile(), star=("16",), skip=("16",))
    assert profile.skip == ["16"]


def test_own_and_skip_in_a_profile_file_name_the_file(programme: Programme) -> None:
    with pytest.raises(PlannerError, match=r"^me\.toml: own and skip both name contribution 16: "):
        apply_flags(programme, InterestProfile(own=["16"], skip=["16"]), source="me.toml")


def test_a_flag_overrides_the_file_between_own_and_skip() -> None:
    merged = merge_profile(InterestProfile(own=["14"], skip=["16"]), skip=["14"], own=["16"])
    assert merged.own == ["16"]
    assert merged.skip == ["14"]
