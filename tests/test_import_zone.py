"""A schedule's real time zone given on import (``--zone``), when the file says UTC or gives
only offsets: the instants are kept, the conference's zone becomes the one given (views and
exports show local times there), and every event stays on the day the file puts it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.errors import PlannerError
from planner.model.io import read_programme_file
from planner.sources import import_programme

BERLIN = ZoneInfo("Europe/Berlin")


def frab(events: str, zone: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Zone Conference</title>{zone}</conference>
  <day index="1" date="2021-07-07"><room name="Main">{events}</room></day>
</schedule>
"""


def xml_event(ident: str, when: str, clock: str = "", length: str = "00:30") -> str:
    date_element = f"<date>{when}</date>" if when else ""
    return f"""
      <event id="{ident}">{date_element}<start>{clock or when[11:16]}</start>
        <duration>{length}</duration><title>Talk {ident}</title><track>Main</track>
        <persons><person>Ada Lovelace</person></persons>
      </event>"""


def write(tmp_path: Path, text: str, name: str = "schedule.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_utc_times_keep_their_instants_in_the_zone_given(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        frab(
            xml_event("1", "2021-07-07T09:15:00Z")
            + xml_event("2", "2021-07-07T23:30:00Z")  # 01:30 on the 8th in Berlin
        ),
    )
    imported = import_programme(path, zone="Europe/Berlin")
    programme = imported.programme
    assert programme.conference.timezone == "Europe/Berlin"
    assert programme.conference.days == [date(2021, 7, 7)]
    first, late = programme.contributions
    assert first.start == datetime(2021, 7, 7, 9, 15, tzinfo=UTC)  # the same instant
    assert first.start is not None and first.start.utcoffset() == timedelta(hours=2)
    assert programme.local(first.start).strftime("%H:%M") == "11:15"
    # listed under the 7th: it stays there, though it is the 8th in Berlin
    assert late.start == datetime(2021, 7, 7, 23, 30, tzinfo=UTC)
    assert programme.day_of(late) == date(2021, 7, 7)
    assert late.day == date(2021, 7, 7)
    warnings = "\n".join(imported.warnings)
    assert "gives its times in UTC" in warnings
    assert "shown in Europe/Berlin (the zone given), at the same instants" in warnings
    assert "kept as UTC" not in warnings


def test_without_a_zone_utc_stays_utc(tmp_path: Path) -> None:
    path = write(tmp_path, frab(xml_event("1", "2021-07-07T09:15:00Z")))
    programme = import_programme(path).programme
    assert programme.conference.timezone == "UTC"


def test_offsets_only_are_shown_in_the_zone_given(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        frab(
            xml_event("1", "2021-07-07T10:00:00+02:00")
            + xml_event("2", "2021-07-07T12:00:00+01:00")
        ),
    )
    imported = import_programme(path, zone="Europe/Berlin")
    programme = imported.programme
    assert programme.conference.timezone == "Europe/Berlin"
    one, two = programme.contributions
    assert one.start == datetime(2021, 7, 7, 8, 0, tzinfo=UTC)
    assert two.start == datetime(2021, 7, 7, 11, 0, tzinfo=UTC)
    assert {c.start.utcoffset() for c in programme.contributions if c.start} == {timedelta(hours=2)}
    assert any("offsets vary" in w and "Europe/Berlin" in w for w in imported.warnings)


def test_a_named_zone_is_replaced_for_showing_only(tmp_path: Path) -> None:
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    path = write(tmp_path, frab(xml_event("1", "2021-07-07T10:00:00+02:00"), zone))
    imported = import_programme(path, zone="America/New_York")
    programme = imported.programme
    assert programme.conference.timezone == "America/New_York"
    [talk] = programme.contributions
    assert talk.start == datetime(2021, 7, 7, 8, 0, tzinfo=UTC)
    assert programme.local(talk.start).strftime("%H:%M") == "04:00"
    assert programme.day_of(talk) == date(2021, 7, 7)
    assert any(
        "names the time zone 'Europe/Brussels'" in w and "America/New_York" in w
        for w in imported.warnings
    )


def test_times_without_offset_are_read_in_the_zone_given(tmp_path: Path) -> None:
    # clock times only (no <date>, no offset, no zone name): local times of the zone given
    path = write(tmp_path, frab(xml_event("1", "", clock="10:00")))
    imported = import_programme(path, zone="Europe/Berlin")
    [talk] = imported.programme.contributions
    assert talk.start == datetime(2021, 7, 7, 10, 0, tzinfo=BERLIN)
    assert imported.programme.conference.timezone == "Europe/Berlin"
    warnings = "\n".join(imported.warnings)
    assert "gives no offsets: times read in Europe/Berlin (the zone given)" in warnings
    assert "read as UTC" not in warnings


def pretalx(start: str, end: str) -> dict[str, Any]:
    return {
        "talks": [
            {
                "code": "AAA",
                "title": "Late talk",
                "speakers": [],
                "start": start,
                "end": end,
                "room": 1,
            }
        ],
        "rooms": [{"id": 1, "name": "Hall"}],
        "speakers": [],
        "tracks": [],
        "name": "Zone Fest",
        "event_start": "2024-05-06",
        "event_end": "2024-05-07",
    }


def test_a_day_is_the_files_own_when_no_day_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(pretalx("2024-05-06T23:30:00+00:00", "2024-05-07T00:15:00+00:00")))
    programme = import_programme(path, zone="Europe/Berlin").programme
    [talk] = programme.contributions
    assert programme.local(talk.start).date() == date(2024, 5, 7)  # type: ignore[arg-type]
    assert programme.day_of(talk) == date(2024, 5, 6)  # as the file (in UTC) puts it


def test_an_unknown_zone_is_refused_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, frab(xml_event("1", "2021-07-07T09:15:00Z")))
    with pytest.raises(PlannerError, match=r"unknown time zone 'Europe/Berln'"):
        import_programme(path, zone="Europe/Berln")
    out = tmp_path / "out.yaml"
    code, stdout, err = run("import", str(path), "-o", str(out), "--zone", "Europe/Berln")
    assert code == 2  # a bad option value, as for every option
    assert "'--zone': 'Europe/Berln' is not a known time zone" in err
    assert "Traceback" not in stdout + err
    assert not out.exists()
    code, stdout, err = run("show", "--programme", str(path), "--zone", "Mars/Olympus")
    assert code == 2 and "'Mars/Olympus'" in err and "Traceback" not in stdout + err


def test_a_planner_programme_names_its_own_zone(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="names its own time zone"):
        import_programme(None, zone="Europe/Berlin")
    code, stdout, err = run("show", "--zone", "Europe/Berlin")
    assert code == 1
    assert "names its own time zone (conference.timezone: Europe/Rome)" in err
    assert "Traceback" not in stdout + err


def test_import_command_writes_the_zone(real_file: Callable[[str], Path], tmp_path: Path) -> None:
    out = tmp_path / "lswt.yaml"
    source = str(real_file("lswt2021.schedule.xml"))
    code, _, err = run("import", source, "-o", str(out), "--zone", "Europe/Berlin")
    assert code == 0, err
    programme = read_programme_file(out)
    assert programme.conference.timezone == "Europe/Berlin"
    keynote = programme.contribution_by_id["102"]
    assert keynote.start == datetime(2021, 7, 7, 9, 15, tzinfo=UTC)
    assert programme.local(keynote.start).strftime("%H:%M") == "11:15"  # type: ignore[arg-type]
    assert "--zone Europe/Berlin" in out.read_text().splitlines()[2]  # the header says so


def test_show_and_plan_take_the_zone(real_file: Callable[[str], Path], tmp_path: Path) -> None:
    source = str(real_file("lswt2021.schedule.xml"))
    code, out, err = run("show", "--programme", source, "--zone", "Europe/Berlin")
    assert code == 0, err
    assert "times in Europe/Berlin" in out
    assert "11:15–11:55" in out  # the keynote, 09:15Z
    code, out, err = run(
        "plan", "--programme", source, "--zone", "Europe/Berlin", "--star", "102", "--json"
    )
    assert code == 0, err
    items = json.loads(out)["items"]
    assert any(item["id"] == "102" and "T11:15:00+02:00" in item["start"] for item in items)
    ics = tmp_path / "all.ics"
    code, _, err = run(
        "export", "--programme", source, "--zone", "Europe/Berlin", "--programme-ics", str(ics)
    )
    assert code == 0, err
    assert "X-WR-TIMEZONE:Europe/Berlin" in ics.read_text() or "Europe/Berlin" in ics.read_text()


def test_tui_and_group_load_with_the_zone(
    real_file: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.tui.app import make_app

    source = real_file("lswt2021.schedule.xml")
    app = make_app(source, tmp_path / "profile.toml", zone="Europe/Berlin")
    assert app.programme.conference.timezone == "Europe/Berlin"

    from planner.group import command

    seen: list[str] = []

    def fake_run(request: Any, group: Any, programme: Any, options: Any, show: bool) -> int:
        seen.append(programme.conference.timezone)
        return 0

    monkeypatch.setattr(command, "_run", fake_run)
    group_file = tmp_path / "group.yaml"
    group_file.write_text("members:\n  - name: Ada\n    keyword: [linked data]\n")
    code, _, err = run(
        "group", str(group_file), "--out", str(tmp_path / "out"), "--programme", str(source),
        "--zone", "Europe/Berlin",
    )  # fmt: skip
    assert code == 0, err
    assert seen == ["Europe/Berlin"]


def test_local_times_read_the_clock_times_in_the_zone_given(tmp_path: Path) -> None:
    """A file that writes local times with a wrong offset ("Z"): --local-times keeps the clock
    times and puts them in the zone given, on both sides of a DST change."""
    path = write(
        tmp_path,
        frab(
            xml_event("1", "2021-07-07T09:15:00Z")
            + xml_event("2", "2021-07-07T23:30:00Z", length="01:00")
        ),
    )
    imported = import_programme(path, zone="Europe/Berlin", local_times=True)
    programme = imported.programme
    assert programme.conference.timezone == "Europe/Berlin"
    first, late = programme.contributions
    assert first.start == datetime(2021, 7, 7, 9, 15, tzinfo=BERLIN)
    assert first.start is not None and first.start.utcoffset() == timedelta(hours=2)
    assert late.start == datetime(2021, 7, 7, 23, 30, tzinfo=BERLIN)
    assert late.end == datetime(2021, 7, 8, 0, 30, tzinfo=BERLIN)
    assert programme.day_of(late) == date(2021, 7, 7)
    assert any("local times in Europe/Berlin" in w for w in imported.warnings)
    winter = write(tmp_path, frab(xml_event("3", "2021-12-01T09:15:00Z")), "winter.xml")
    c = import_programme(winter, zone="Europe/Berlin", local_times=True).programme.contributions
    assert c[0].start is not None and c[0].start.utcoffset() == timedelta(hours=1)


def test_local_times_on_the_real_file_that_needs_them(
    real_file: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "lswt.yaml"
    source = str(real_file("lswt2021.schedule.xml"))
    code, _, err = run("import", source, "-o", str(out), "--zone", "Europe/Berlin", "--local-times")
    assert code == 0, err
    programme = read_programme_file(out)
    keynote = programme.contribution_by_id["102"]
    assert keynote.start == datetime(2021, 7, 7, 9, 15, tzinfo=BERLIN)
    assert "--zone Europe/Berlin --local-times" in out.read_text().splitlines()[2]


def test_local_times_need_a_zone(tmp_path: Path) -> None:
    path = write(tmp_path, frab(xml_event("1", "2021-07-07T09:15:00Z")))
    code, _, err = run("import", str(path), "-o", str(tmp_path / "out.yaml"), "--local-times")
    assert code != 0
    assert "--local-times" in err and "--zone" in err
    assert not (tmp_path / "out.yaml").exists()
