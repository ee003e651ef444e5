"""For any small schedule of local clock times whose zone is inferred from its city, the instants
of ``show --json``, ``plan --json`` and the .ics agree, and are the clock times as written,
read in that zone (on days when clocks change too)."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from planner.cli import main
from tests.test_zone_inference import event, frab

CITIES = {
    "Brussels": "Europe/Brussels",
    "New York": "America/New_York",
    "Sydney": "Australia/Sydney",
}
DAYS = [
    date(2024, 3, 31),
    date(2024, 10, 27),
    date(2024, 3, 10),
    date(2024, 4, 7),
    date(2024, 7, 1),
]

talks = st.lists(
    st.tuples(st.integers(0, 287), st.integers(1, 24)),  # start and length, in 5 minutes
    min_size=1,
    max_size=4,
)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(city="Brussels", day=date(2024, 3, 31), chosen=[(24, 1), (30, 6)])  # 02:00, 02:30
@example(city="Brussels", day=date(2024, 10, 27), chosen=[(30, 12), (18, 24)])  # 02:30, 01:30
@given(city=st.sampled_from(sorted(CITIES)), day=st.sampled_from(DAYS), chosen=talks)
def test_show_plan_and_calendar_agree_on_the_instants(
    city: str, day: date, chosen: list[tuple[int, int]]
) -> None:
    zone = ZoneInfo(CITIES[city])
    written = {
        f"t{n}": (
            datetime.combine(day, datetime.min.time()) + timedelta(minutes=5 * start),
            5 * length,
        )
        for n, (start, length) in enumerate(chosen)
    }
    events = "".join(
        event(ident, f"{clock:%H:%M}", f"{minutes // 60:02d}:{minutes % 60:02d}")
        for ident, (clock, minutes) in written.items()
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schedule.xml"
        path.write_text(frab(events, day=day.isoformat(), city=city), encoding="utf-8")
        ics = Path(folder) / "plan.ics"
        shown = json.loads(run("show", "--programme", str(path), "--json"))
        stars = [arg for ident in written for arg in ("--star", ident)]
        plan_args = ["plan", "--programme", str(path), *stars, "--walk", "0", "--lunch", "0"]
        planned = json.loads(run(*plan_args, "--json"))
        run(*plan_args, "--ics", str(ics))
        calendar = Calendar.from_ical(ics.read_bytes())
    assert shown["conference"]["timezone_source"] == f"inferred from city {city!r}"
    show_times = {
        c["id"]: (datetime.fromisoformat(c["start"]), datetime.fromisoformat(c["end"]))
        for c in shown["contributions"]
    }
    for ident, (clock, minutes) in written.items():
        start, end = show_times[ident]
        # as calendars read a clock time (RFC 5545); compared in UTC, as a time in a gap or a
        # fold compares unequal to any time of another zone (PEP 495)
        assert utc(start) == utc(clock.replace(tzinfo=zone))
        assert end - start == timedelta(minutes=minutes)  # the length as written
    show_times = {key: (utc(start), utc(end)) for key, (start, end) in show_times.items()}
    ics_times = {
        str(e["UID"]).split("-")[0]: (utc(e.decoded("DTSTART")), utc(e.decoded("DTEND")))
        for e in calendar.walk("VEVENT")
    }
    items = planned["items"]
    assert items and set(ics_times) == {item["id"] for item in items}
    for item in items:
        instants = (
            utc(datetime.fromisoformat(item["start"])),
            utc(datetime.fromisoformat(item["end"])),
        )
        assert instants == show_times[item["id"]] == ics_times[item["id"]]
