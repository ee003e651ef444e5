"""``planner now``: the plan's item now and next, the walk, and the alternatives starting soon,
at fixed clocks on the embedded ML4Astro programme (Europe/Rome, times reconstructed) and on a
schedule with a talk after midnight."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.interests.profile import InterestProfile
from planner.now import now_and_next
from planner.planning import make_plan
from planner.sources import load_programme
from planner.views.itinerary_view import itinerary_json

ROME = ZoneInfo("Europe/Rome")
BERLIN = ZoneInfo("Europe/Berlin")
MIDNIGHT = Path(__file__).parent / "fixtures" / "schedules" / "after-midnight.schedule.xml"
#: Talk 1 (Mon 09:40-10:00, Main Hall), talk 5 (Mon 11:10-11:30), poster 144's visit (Tue).
STARS = ("--star", "1", "--star", "5", "--star", "144")
# 28 (09:00) and 2 (10:00) are of some interest but left out by the daily cap: alternatives
WITH_ALTERNATIVES = (*STARS, "--star", "2=1", "--star", "28=1", "--max-talks-per-day", "2")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["now", *args], env={"COLUMNS": "200"})


def now_json(*args: str) -> dict[str, Any]:
    result = run("--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def plan_items(*args: str) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(main, ["plan", "--json", *args])
    assert result.exit_code == 0, result.output
    return {item["id"]: item for item in json.loads(result.stdout)["items"]}


def test_json_contract_during_an_item() -> None:
    data = now_json(*WITH_ALTERNATIVES, "--at", "2022-05-30 09:45")
    assert list(data) == ["now", "next", "walk_minutes", "alternatives"]
    planned = plan_items(*WITH_ALTERNATIVES)
    # the items are those of plan --json, exactly
    assert data["now"] == planned["1"]
    assert data["next"] == planned["5"]
    assert data["now"]["start"] == "2022-05-30T09:40:00+02:00"
    assert data["walk_minutes"] == 0  # the same hall
    # talk 2 starts at 10:00, within 30 minutes; talk 4 (10:20) does not
    assert [a["id"] for a in data["alternatives"]] == ["2"]
    assert data["alternatives"][0]["start"] == "2022-05-30T10:00:00+02:00"
    assert data["alternatives"][0]["room"] == "Main Hall"


def test_text_during_an_item() -> None:
    result = run(*WITH_ALTERNATIVES, "--at", "2022-05-30 09:45")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Monday 30 May 2022, 09:45 (CEST, UTC+02:00)"
    assert "* reconstructed time" in lines
    now = next(line for line in lines if line.startswith("Now:"))
    assert "09:40–10:00*" in now and "Main Hall" in now and "(15 min left)" in now
    following = next(line for line in lines if line.startswith("Next:"))
    assert "11:10–11:30*" in following and "(in 1 h 25 min; same room)" in following
    assert any(line.startswith("  10:00–10:20*  Main Hall  2 ") for line in lines)


def test_an_offset_keeps_its_instant() -> None:
    # 07:45 UTC is 09:45 in Rome
    assert now_json(*STARS, "--at", "2022-05-30T07:45:00+00:00") == now_json(
        *STARS, "--at", "2022-05-30 09:45"
    )


def test_between_items_walks_from_the_room_just_left() -> None:
    # Tuesday 13:40: lunch is over, the poster visit in the Poster Area comes next
    stars = ("--star", "144", "--star", "14")
    planned = plan_items(*stars)
    talk, poster = planned["14"], planned["144"]
    assert talk["room"] == "Main Hall" and talk["end"] == "2022-05-31T12:50:00+02:00"
    data = now_json(*stars, "--at", "2022-05-31 13:40")
    assert data["now"] is None
    assert data["next"] == poster
    assert data["walk_minutes"] == 5  # the default walk, Main Hall to the Poster Area
    result = run(*stars, "--at", "2022-05-31 13:40")
    assert "Now:   nothing in your plan" in result.stdout
    assert "(in 10 min; 5 min walk from Main Hall)" in result.stdout


def test_before_the_first_item() -> None:
    data = now_json(*WITH_ALTERNATIVES, "--at", "2022-05-30 08:45")
    assert data["now"] is None
    assert data["next"]["id"] == "1"
    assert data["walk_minutes"] is None  # nowhere to walk from yet
    # the opening invited talk (09:00) is not planned, and starts within 30 minutes
    assert [(a["id"], a["kind"]) for a in data["alternatives"]] == [("28", "invited")]
    # an item of no interest is no alternative
    assert now_json(*STARS, "--at", "2022-05-30 08:45")["alternatives"] == []


def test_after_the_last_item() -> None:
    data = now_json(*STARS, "--at", "2022-06-01 21:00")
    assert data == {"now": None, "next": None, "walk_minutes": None, "alternatives": []}
    result = run(*STARS, "--at", "2022-06-01 21:00")
    assert result.exit_code == 0
    assert "Now:   nothing in your plan" in result.stdout
    assert "Next:  nothing more in your plan" in result.stdout
    assert "No other talk starts in the next 30 minutes." in result.stdout


def test_alternatives_highest_interest_first(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text("max_talks_per_day = 1\n", encoding="utf-8")
    stars = ("--star", "1=20", "--star", "2=5", "--star", "4=8")
    data = now_json("--profile", str(profile), *stars, "--at", "2022-05-30 09:55")
    assert data["now"]["id"] == "1"
    alternatives = [(a["id"], a["score"]) for a in data["alternatives"]]
    # talk 4 (10:20) before talk 2 (10:00): more interest
    assert alternatives == [("4", 8.0), ("2", 5.0)]
    assert data["alternatives"][0]["why"] == ["starred: weight 8"]


def test_skipped_talks_are_no_alternative() -> None:
    data = now_json(*STARS, "--skip", "2", "--at", "2022-05-30 09:45")
    assert data["alternatives"] == []


def test_across_midnight() -> None:
    args = ("--programme", str(MIDNIGHT), *[f for i in "1234" for f in ("--star", i)])
    before = now_json(*args, "--at", "2019-12-27 23:20")
    assert before["now"]["id"] == "1"
    assert before["next"]["id"] == "2"
    assert before["next"]["start"] == "2019-12-28T00:50:00+01:00"
    assert before["walk_minutes"] == 0  # the same room, and the same conference day
    text = run(*args, "--at", "2019-12-27 23:20").stdout
    assert "(10 min left)" in text and "(in 1 h 30 min; same room)" in text
    after = now_json(*args, "--at", "2019-12-28 01:00")
    assert after["now"]["id"] == "2"
    assert after["next"]["id"] == "4"
    # Saturday morning is another conference day: no walk from last night's room
    assert after["walk_minutes"] is None
    assert "(30 min left)" in run(*args, "--at", "2019-12-28 01:00").stdout
    evening = now_json(*args, "--at", "2019-12-27 20:40")
    assert evening["now"] is None and evening["next"]["id"] == "1"
    assert evening["walk_minutes"] == 5  # from Ada to Saal Y 06


def test_now_and_next_at_fixed_clocks() -> None:
    programme = load_programme(MIDNIGHT)
    profile = InterestProfile(star={"1": 10, "2": 10, "3": 10, "4": 10}, walk=7)
    result = make_plan(programme, profile)
    at = datetime(2019, 12, 27, 20, 40, tzinfo=BERLIN)
    state = now_and_next(programme, result.itinerary, result.interests, profile, at)
    assert state.now is None
    assert state.next is not None and state.next.id == "1"
    assert state.walk_minutes == 7 and state.walk_from == "Ada"
    assert state.minutes_to_next == 140
    # the same instant in UTC says the same
    utc = now_and_next(programme, result.itinerary, result.interests, profile, at.astimezone(UTC))
    assert utc.next == state.next and utc.minutes_to_next == 140
    planned = {i["id"] for i in itinerary_json(result.itinerary, programme)["items"]}
    assert planned == {"1", "2", "3", "4"}


def test_a_naive_clock_is_refused() -> None:
    programme = load_programme(MIDNIGHT)
    profile = InterestProfile()
    result = make_plan(programme, profile)
    with pytest.raises(ValueError, match="timezone-aware"):
        now_and_next(programme, result.itinerary, result.interests, profile, datetime(2019, 1, 1))


def test_an_unreadable_clock() -> None:
    result = run("--at", "teatime")
    assert result.exit_code != 0
    assert "--at 'teatime'" in result.output


def test_without_at_uses_the_real_clock() -> None:
    # the conference was in 2022: now, there is nothing in the plan and nothing next
    data = now_json(*STARS)
    assert data == {"now": None, "next": None, "walk_minutes": None, "alternatives": []}


def test_the_plans_constraints_apply() -> None:
    # the walk of --walk; --max-talks-per-day leaves talk 4 out, so it is an alternative
    stars = ("--star", "144", "--star", "14")
    assert now_json(*stars, "--walk", "9", "--at", "2022-05-31 13:40")["walk_minutes"] == 9
    data = now_json(
        "--star", "1=20", "--star", "4=8", "--max-talks-per-day", "1", "--at", "2022-05-30 09:55"
    )
    assert data["now"]["id"] == "1"
    assert [a["id"] for a in data["alternatives"]][:1] == ["4"]
    # arriving later: the morning is not planned, so nothing is on at 09:45
    late = now_json(*STARS, "--arrive", "2022-05-30 11:00", "--at", "2022-05-30 09:45")
    assert late["now"] is None and late["next"]["id"] == "5"


def test_ml4astro_across_midnight() -> None:
    # Monday 23:30: nothing now; next is Tuesday's first item, with no walk from Monday's rooms
    data = now_json(*STARS, "--at", "2022-05-30 23:30")
    assert data["now"] is None
    assert data["next"]["id"] == "144" and data["next"]["start"].startswith("2022-05-31")
    assert data["walk_minutes"] is None
    assert data["alternatives"] == []


def test_the_backup_is_shown_for_now_and_next() -> None:
    from planner.itinerary import Backup
    from planner.now import NowAndNext
    from planner.views.now_view import now_lines

    programme = load_programme(None)
    result = make_plan(programme, InterestProfile(star={"1": 10, "2": 10}))
    one, two = (i for i in result.itinerary.items if i.kind != "lunch")
    other = programme.contribution_by_id["4"]
    start, end = programme.window(other)
    backup = Backup(id="4", title=other.title, room="Main Hall", start=start, end=end)
    state = NowAndNext(
        at=one.start,
        now=one.model_copy(update={"backup": backup}),
        next=two.model_copy(update={"backup": backup.model_copy(update={"walk_minutes": 2})}),
        walk_minutes=0,
        walk_from="Main Hall",
    )
    lines = [line.plain for line in now_lines(state, programme)]
    now = next(n for n, line in enumerate(lines) if line.startswith("Now:"))
    title = other.title
    assert lines[now + 1] == f"       if full: '{title}' in Main Hall at 10:20, same room"
    assert lines[now + 2].startswith("Next:")
    assert lines[now + 3] == f"       if full: '{title}' in Main Hall at 10:20, 2 min walk"


# --- FOSDEM 2026 (a real schedule: Brussels, two days, many rooms) -----------------------------

FOSDEM = Path("/work/shared/realdata/fosdem-2026.schedule.xml")
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(scope="module")
def fosdem() -> tuple[Any, Any, InterestProfile]:
    if not FOSDEM.is_file():
        pytest.skip(f"the real FOSDEM 2026 schedule is absent ({FOSDEM})")
    programme = load_programme(FOSDEM)
    profile = InterestProfile(keyword=["rust"])
    return programme, make_plan(programme, profile), profile


def test_fosdem_before_the_first_and_after_the_last(fosdem: tuple[Any, Any, Any]) -> None:
    programme, result, profile = fosdem
    items = sorted((i for i in result.itinerary.items if i.kind != "lunch"), key=lambda i: i.start)
    early = datetime(2026, 1, 31, 8, 0, tzinfo=BRUSSELS)
    state = now_and_next(programme, result.itinerary, result.interests, profile, early)
    assert state.now is None and state.next == items[0]
    assert state.walk_minutes is None
    late = datetime(2026, 2, 1, 21, 0, tzinfo=BRUSSELS)
    state = now_and_next(programme, result.itinerary, result.interests, profile, late)
    assert (state.now, state.next, state.walk_minutes, state.alternatives) == (None, None, None, [])


def test_fosdem_across_midnight(fosdem: tuple[Any, Any, Any]) -> None:
    programme, result, profile = fosdem
    sunday = [i for i in result.itinerary.items if i.kind != "lunch" and i.start.day == 1]
    first = min(sunday, key=lambda i: i.start)
    for at in (
        datetime(2026, 1, 31, 23, 59, tzinfo=BRUSSELS),
        datetime(2026, 2, 1, 0, 1, tzinfo=BRUSSELS),
    ):
        state = now_and_next(programme, result.itinerary, result.interests, profile, at)
        assert state.now is None and state.next == first
        assert state.walk_minutes is None  # Saturday's last room is not where Sunday starts
        assert state.minutes_to_next == -(-int((first.start - at).total_seconds()) // 60)


def test_fosdem_during_an_item_with_its_backup(fosdem: tuple[Any, Any, Any]) -> None:
    programme, result, profile = fosdem
    item = next(i for i in result.itinerary.items if i.backup is not None)
    at = item.start + (item.end - item.start) / 2
    state = now_and_next(programme, result.itinerary, result.interests, profile, at)
    assert state.now == item
    clock = programme.local(at).strftime("%Y-%m-%d %H:%M")
    text = run("--programme", str(FOSDEM), "--keyword", "rust", "--at", clock).stdout
    assert f"if full: '{item.backup.title}' in {item.backup.room}" in text
