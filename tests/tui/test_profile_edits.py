"""Profile edits made from the UI, and the constraints form's parsing (no Textual)."""

from __future__ import annotations

from datetime import UTC, time, timedelta
from pathlib import Path

import pytest

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.model import Programme
from planner.tui.constraints import apply_form, form_values, parse_form
from planner.tui.profile_edits import clear_item, set_star, toggle_must, toggle_skip


def empty() -> InterestProfile:
    return InterestProfile.model_validate({})


def test_must_and_skip_exclude_each_other() -> None:
    profile = toggle_skip(empty(), "99")
    assert profile.skip == ["99"]
    profile = toggle_must(profile, "99")
    assert (profile.must, profile.skip) == (["99"], [])
    profile = toggle_skip(profile, "99")
    assert (profile.must, profile.skip) == ([], ["99"])
    assert toggle_skip(profile, "99").skip == []


def test_skipping_an_own_presentation_stops_presenting_it(tmp_path: Path) -> None:
    from planner.interests.storage import load_profile, save_profile

    profile = toggle_skip(empty().model_copy(update={"own": ["95", "16"]}), "95")
    assert (profile.own, profile.skip) == (["16"], ["95"])
    path = tmp_path / "p.toml"
    save_profile(profile, path)
    assert load_profile(path).skip == ["95"]  # the saved file reads back, as `plan` reads it


def test_a_star_unskips_and_a_skip_unstars() -> None:
    profile = set_star(toggle_skip(empty(), "1"), "1", 30.0)
    assert profile.star == {"1": 30.0} and profile.skip == []
    profile = toggle_skip(profile, "1")
    assert profile.star == {} and profile.skip == ["1"]


def test_clear_forgets_every_wish_about_one_item_only() -> None:
    profile = toggle_must(set_star(set_star(empty(), "1", 15.0), "2", 60.0), "1")
    cleared = clear_item(profile, "1")
    assert cleared.star == {"2": 60.0} and cleared.must == []
    assert profile.must == ["1"], "the original is unchanged"


def test_a_star_with_a_bad_weight_is_a_user_error() -> None:
    with pytest.raises(PlannerError, match="star"):
        set_star(empty(), "1", "lots")  # type: ignore[arg-type]


def test_form_round_trips_a_profile(programme: Programme) -> None:
    zone = programme.conference.zone
    values = form_values(empty(), programme)
    values.update(
        arrive="2022-05-30 10:00",
        busy="2022-05-31 14:00-15:00 call with the PI\n\n2022-06-01 09:00–09:30",
        lunch="30",
        lunch_window="12:00-14:00",
        walk="3",
        max_talks_per_day="6",
        max_hours_per_day="4.5",
        own="99, 1",
    )
    profile, errors = apply_form(empty(), values, programme)
    assert errors == {}
    assert profile is not None
    assert profile.arrive is not None and profile.arrive.utcoffset() == timedelta(hours=2)
    assert profile.arrive.astimezone(zone).strftime("%Y-%m-%d %H:%M") == "2022-05-30 10:00"
    assert [b.label for b in profile.busy] == ["call with the PI", None]
    assert profile.lunch_window == (time(12), time(14))
    assert (profile.lunch, profile.walk, profile.max_talks_per_day) == (30, 3, 6)
    assert profile.max_hours_per_day == 4.5
    assert profile.own == ["99", "1"]
    again = form_values(profile, programme)
    # shown with an en dash, as the CLI's time columns
    assert again["busy"] == "2022-05-31 14:00–15:00 call with the PI\n2022-06-01 09:00–09:30"
    assert again["lunch_window"] == "12:00–14:00"
    assert apply_form(empty(), again, programme)[0] == profile


def test_busy_times_in_the_clis_start_end_form(programme: Programme) -> None:
    """``planner plan --busy START/END`` lines work in the form too, with a label after them;
    the form's own HH:MM-HH:MM lines still do."""
    zone = programme.conference.zone
    values = form_values(empty(), programme)
    values.update(
        busy="\n".join(
            [
                "2022-05-31 14:00/15:00 call with the PI",
                "2022-05-31 22:00/2022-06-01 01:00 night train",
                "31 May 2022 9am / 10am",
                "2022-06-01 12:00-12:30 lunch meeting",
            ]
        ),
        lunch_window="12:00/14:00",
    )
    parsed = parse_form(values, programme)
    assert parsed.errors == {}
    busy = parsed.changes["busy"]
    shown = [
        (
            f"{b.start.astimezone(zone):%m-%d %H:%M}",
            f"{b.end.astimezone(zone):%m-%d %H:%M}",
            b.label,
        )
        for b in busy
    ]
    assert shown == [
        ("05-31 14:00", "05-31 15:00", "call with the PI"),
        ("05-31 22:00", "06-01 01:00", "night train"),
        ("05-31 09:00", "05-31 10:00", None),
        ("06-01 12:00", "06-01 12:30", "lunch meeting"),
    ]
    assert parsed.changes["lunch_window"] == (time(12), time(14))
    profile, errors = apply_form(empty(), values, programme)
    assert errors == {} and profile is not None
    again = form_values(profile, programme)
    # a busy time over midnight is written in the START/END form, which can say so
    assert again["busy"].splitlines()[1] == "2022-05-31 22:00/2022-06-01 01:00 night train"
    assert apply_form(empty(), again, programme)[0] == profile


def test_a_busy_line_in_neither_form_names_both(programme: Programme) -> None:
    values = form_values(empty(), programme)
    values.update(busy="2022-05-31 14:00/soon", lunch_window="12:00 to 14:00")
    errors = parse_form(values, programme).errors
    assert errors["busy"].startswith("line 1: '2022-05-31 14:00/soon': ")
    values.update(busy="after lunch")
    errors = parse_form(values, programme).errors
    assert errors["busy"] == (
        "line 1: expected YYYY-MM-DD HH:MM–HH:MM or START/END (as planner plan --busy), "
        "then a label if you like; got 'after lunch'"
    )
    assert errors["lunch_window"] == "not understood: '12:00 to 14:00' (HH:MM–HH:MM)"


def test_every_bad_field_gets_its_own_message(programme: Programme, tmp_path: Path) -> None:
    values = form_values(empty(), programme)
    values.update(
        arrive="tomorrow",
        leave="",
        busy="2022-05-31 15:00-14:00",
        busy_ics=str(tmp_path / "missing.ics"),
        lunch="-5",
        lunch_window="noon",
        walk="five",
        max_hours_per_day="x",
        own="99, 12345",
    )
    parsed = parse_form(values, programme)
    assert set(parsed.errors) == {
        "arrive",
        "busy",
        "busy_ics",
        "lunch",
        "lunch_window",
        "walk",
        "max_hours_per_day",
        "own",
    }
    assert (
        parsed.errors["arrive"]
        == "'tomorrow': not a date and time I can read (e.g. 2022-05-31 14:00)"
    )
    assert parsed.errors["busy"] == "line 1: ends at 14:00, before it starts"
    assert parsed.errors["own"] == "not in the programme: 12345"
    assert (
        parsed.errors["busy_ics"] == f"{tmp_path / 'missing.ics'}: no such calendar file or folder"
    )
    assert apply_form(empty(), values, programme)[0] is None


def test_departure_before_arrival_is_named_on_the_departure(programme: Programme) -> None:
    values = form_values(empty(), programme)
    values.update(arrive="2022-05-31 10:00", leave="2022-05-30 18:00")
    assert parse_form(values, programme).errors == {"leave": "departure is not after arrival"}


def test_form_times_follow_the_zone_across_a_dst_change(programme: Programme) -> None:
    # Europe/Rome moved from UTC+1 to UTC+2 at 02:00 on 27 March 2022.
    values = form_values(empty(), programme)
    values.update(arrive="2022-03-27 01:30", leave="2022-03-27 03:30")
    parsed = parse_form(values, programme)
    assert parsed.errors == {}
    arrive, leave = parsed.changes["arrive"], parsed.changes["leave"]
    assert arrive.utcoffset() == timedelta(hours=1)
    assert leave.utcoffset() == timedelta(hours=2)
    # Same-zone subtraction in Python is wall-clock; the real interval is one hour.
    assert leave.astimezone(UTC) - arrive.astimezone(UTC) == timedelta(hours=1)


def test_a_time_the_clocks_skip_is_refused(programme: Programme) -> None:
    values = form_values(empty(), programme)
    values.update(arrive="2022-03-27 02:30", busy="2022-03-27 02:15-03:30 flight")
    errors = parse_form(values, programme).errors
    assert "does not exist in Europe/Rome" in errors["arrive"]
    assert errors["busy"].startswith("line 1: 2022-03-27 02:15 does not exist in Europe/Rome")


def test_a_time_that_happens_twice_keeps_the_attendee_inside_their_wishes(
    programme: Programme,
) -> None:
    # 2022-10-30 02:30 happens twice in Europe/Rome (CEST, then CET).
    values = form_values(empty(), programme)
    values.update(arrive="2022-10-30 02:30", busy="2022-10-30 02:10-02:40")
    changes = parse_form(values, programme).changes
    assert changes["arrive"].utcoffset() == timedelta(hours=1), "arrive: the later instant"
    busy = changes["busy"][0]
    assert busy.start.utcoffset() == timedelta(hours=2), "busy starts at the earlier instant"
    assert busy.end.utcoffset() == timedelta(hours=1), "and ends at the later one"
