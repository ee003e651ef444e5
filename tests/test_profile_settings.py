"""A profile file is read as the flags are: local times in the conference's zone, lenient dates,
stars as *, ** or ***, one value where a list is expected; errors name the file and the key."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.attendee_input import parse_arrive, parse_busy, parse_leave
from planner.interests.profile import STAR_LEVELS
from planner.interests.settings import read_settings
from planner.interests.storage import load_profile, profile_to_toml, save_profile
from planner.model import Programme

ROME = ZoneInfo("Europe/Rome")


def read(tmp_path: Path, text: str, programme: Programme) -> InterestProfile:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path, programme)


def problem(tmp_path: Path, text: str, programme: Programme) -> str:
    with pytest.raises(PlannerError) as caught:
        read(tmp_path, text, programme)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("arrive = 2022-05-30T14:00:00", "2022-05-30 14:00"),  # a TOML local date-time
        ("arrive = 2022-05-30 14:00:00", "2022-05-30 14:00"),
        ('arrive = "31 May 2pm"', "31 May 2pm"),
        ('arrive = "2022-05-31 10:00"', "2022-05-31 10:00"),
        ("arrive = 14:00:00", "14:00"),  # a TOML local time: the conference's first day
        ("arrive = 2022-05-31", "2022-05-31"),  # a TOML local date
        ('arrive = "2022-05-31 10:00 UTC"', "2022-05-31 10:00 UTC"),
    ],
)
def test_arrive_reads_like_the_flag(
    tmp_path: Path, ml4astro: Programme, text: str, flag: str
) -> None:
    assert read(tmp_path, text, ml4astro).arrive == parse_arrive(flag, ml4astro)


def test_leave_and_busy_read_like_their_flags(tmp_path: Path, ml4astro: Programme) -> None:
    profile = read(
        tmp_path,
        'leave = "17:00"\n'
        'busy = ["2022-05-31 16:00/17:00", ["31 May 9am", "10:30"],'
        ' { start = 2022-06-01T09:00:00, end = "11:00", label = "call" }]\n',
        ml4astro,
    )
    assert profile.leave == parse_leave("17:00", ml4astro)  # the conference's last day
    assert profile.leave == datetime(2022, 6, 1, 17, 0, tzinfo=ROME)
    assert [(b.start, b.end, b.label) for b in profile.busy] == [
        (*_pair(parse_busy("2022-05-31 16:00/17:00", ml4astro)), None),
        (
            datetime(2022, 5, 31, 9, 0, tzinfo=ROME),
            datetime(2022, 5, 31, 10, 30, tzinfo=ROME),
            None,
        ),
        (datetime(2022, 6, 1, 9, 0, tzinfo=ROME), datetime(2022, 6, 1, 11, 0, tzinfo=ROME), "call"),
    ]


def _pair(busy: object) -> tuple[datetime, datetime]:
    return busy.start, busy.end  # type: ignore[attr-defined]


def test_an_instant_with_its_offset_is_kept_as_written(tmp_path: Path, ml4astro: Programme) -> None:
    profile = read(tmp_path, "arrive = 2022-05-30T13:00:00+01:00", ml4astro)
    assert profile.arrive == datetime(2022, 5, 30, 14, 0, tzinfo=ROME)
    assert profile.arrive is not None and profile.arrive.utcoffset() == ROME.utcoffset(
        datetime(2022, 1, 1)
    )


def test_a_local_time_skipped_by_daylight_saving_is_refused(
    tmp_path: Path, ml4astro: Programme
) -> None:
    message = problem(tmp_path, "arrive = 2022-03-27T02:30:00", ml4astro)
    assert "arrive" in message and "does not exist in Europe/Rome" in message


def test_stars_as_levels_or_numbers(tmp_path: Path, ml4astro: Programme) -> None:
    profile = read(
        tmp_path, 'star.41 = "***"\nstar.30 = "*"\nstar.16 = 4.5\nstar.12 = "2.5"\n', ml4astro
    )
    assert profile.star == {"41": STAR_LEVELS[3], "30": STAR_LEVELS[1], "16": 4.5, "12": 2.5}
    listed = read(tmp_path, 'star = ["41=**", "30", 16]\n', ml4astro)
    assert listed.star == {"41": STAR_LEVELS[2], "30": STAR_LEVELS[1], "16": STAR_LEVELS[1]}


def test_one_value_where_a_list_is_expected(tmp_path: Path, ml4astro: Programme) -> None:
    profile = read(
        tmp_path,
        'keyword = "anomaly detection"\nspeaker = "Lochner"\nmust = 30\nskip = "14"\n'
        'session = "Anomaly Detection"\n',
        ml4astro,
    )
    assert profile.keyword == ["anomaly detection"]
    assert profile.speaker == ["Lochner"]
    assert profile.must == ["30"] and profile.skip == ["14"]
    assert profile.session == {"Anomaly Detection": 10.0}


def test_numbers_may_be_written_as_text(tmp_path: Path, ml4astro: Programme) -> None:
    profile = read(tmp_path, 'walk = "3"\nmax_talks_per_day = "4"\n', ml4astro)
    assert (profile.walk, profile.max_talks_per_day) == (3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('arrive = "31 June"', "arrive '31 June': not a date and time I can read"),
        ('star.41 = "lots"', "star.41: weight 'lots' is not a number of 0 or more (or *, **, ***)"),
        ('star.41 = "****"', "star.41: at most 3 stars"),
        ("star.41 = -2", "star.41: weight '-2' is not a number of 0 or more"),
        ("walk = -3", "walk: -3 should be 0 or more"),
        ('max_talks_per_day = "lots"', "max_talks_per_day: 'lots' is not a whole number"),
        ("keyword = { a = 1 }", "keyword: {'a': 1} should be a text or a list of them"),
        ("busy = [[1, 2, 3]]", 'busy[0]: give [START, END], "START/END" or { start, end }'),
        ('busy = ["16:00/15:00"]', "busy[0] '16:00/15:00': ends (2022-05-30 15:00) before it"),
        ("keywords = ['x']", "keywords: not a profile setting (did you mean 'keyword'?)"),
        ("poster_duty_share = 2", "poster_duty_share: 2 should be 1.0 or less"),
    ],
)
def test_errors_name_the_file_and_key_in_plain_words(
    tmp_path: Path, ml4astro: Programme, text: str, expected: str
) -> None:
    message = problem(tmp_path, text + "\n", ml4astro)
    assert message.startswith(f"{tmp_path / 'p.toml'}: {expected}")
    assert "Input should" not in message and "Extra inputs" not in message


def test_every_problem_is_listed_one_a_line(tmp_path: Path, ml4astro: Programme) -> None:
    message = problem(tmp_path, 'walk = -3\narrive = "teatime"\nkeyword = 3.5e400\n', ml4astro)
    head, *lines = message.splitlines()
    assert head == f"{tmp_path / 'p.toml'}: 3 problems:"
    assert [re.match(r"  - (\w+)", line)[1] for line in lines] == [  # type: ignore[index]
        "walk",
        "arrive",
        "keyword",
    ]


def test_unknown_ids_read_like_the_command_line(ml4astro: Programme, tmp_path: Path) -> None:
    path = tmp_path / "t5.toml"
    path.write_text("star.999 = 3\n")
    result = CliRunner().invoke(main, ["plan", "--profile", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        f"{path}: star: no contribution with id '999' in Machine Learning for Astrophysics "
        "(ML4Astro 2022) (`planner show` lists the ids)"
    )


def test_the_cli_reads_a_local_arrival(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('keyword = "anomaly detection"\narrive = 2022-05-31T10:00:00\n')
    result = CliRunner().invoke(
        main, ["plan", "--profile", str(path), "--max-talks-per-day", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    # 16, 15, 163 on 31 May from 10:00 and poster 95 (items matching only "detection" are
    # not planned)
    assert '"objective": 28.8' in result.output


def test_saved_profiles_read_back_the_same_against_a_programme(
    tmp_path: Path, ml4astro: Programme
) -> None:
    profile = read(
        tmp_path,
        'keyword = "SKA"\nstar.41 = "***"\narrive = "31 May 2pm"\n'
        'busy = ["2022-06-01 09:00/10:00"]\nlunch_window = ["12:00", "13:30"]\n',
        ml4astro,
    )
    path = save_profile(profile, tmp_path / "saved.toml")
    assert load_profile(path, ml4astro) == profile
    assert load_profile(path) == profile  # offsets written: readable without the programme
    assert "arrive = 2022-05-31 14:00:00+02:00" in profile_to_toml(profile)


def test_without_a_programme_a_local_time_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("arrive = 2022-05-30T14:00:00\n")
    with pytest.raises(PlannerError, match=r"p\.toml: arrive '2022-05-30 14:00:00': no UTC offset"):
        load_profile(path)


def test_group_entries_share_the_reader(ml4astro: Programme) -> None:
    settings = read_settings({"keyword": "radio", "star": {"41": "**"}}, ml4astro)
    assert settings == {"keyword": ["radio"], "star": {"41": STAR_LEVELS[2]}}
