"""Where the zone came from, on the command line: ``show``, ``plan``, ``import`` and the agendas
say it; a calendar is refused while the zone is unknown, until ``--zone`` names it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import main
from tests.test_zone_inference import event, frab, write

INFERRED = "times in Europe/Brussels (CET, UTC+01:00), inferred from the city 'Brussels'"
UNKNOWN = "local clock times of an unknown zone"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def brussels(tmp_path: Path) -> Path:
    return write(tmp_path, frab(event("1", "09:30") + event("2", "11:00")), "brussels.xml")


def nowhere(tmp_path: Path) -> Path:
    return write(tmp_path, frab(event("1", "09:30"), city=None, title="Meeting"), "nowhere.xml")


def test_show_says_where_the_zone_came_from(tmp_path: Path) -> None:
    code, out, err = run("show", "--programme", str(brussels(tmp_path)))
    assert code == 0, err
    assert "T" + INFERRED[1:] + "; --zone ZONE to change it" in " ".join(out.split())
    assert "09:30–10:00" in out
    code, out, _ = run("show", "--programme", str(brussels(tmp_path)), "--json")
    conference = json.loads(out)["conference"]
    assert conference["timezone_source"] == "inferred from city 'Brussels'"
    assert json.loads(out)["contributions"][0]["start"] == "2019-02-02T09:30:00+01:00"


def test_show_says_loudly_that_the_zone_is_unknown(tmp_path: Path) -> None:
    code, out, err = run("show", "--programme", str(nowhere(tmp_path)))
    assert code == 0, err
    assert UNKNOWN in " ".join(out.split()) and "--zone ZONE names it" in " ".join(out.split())
    assert "09:30–10:00" in out  # the clock time, as written
    code, out, _ = run("show", "--programme", str(nowhere(tmp_path)), "--json")
    assert json.loads(out)["conference"]["timezone_source"] == "unknown"


def test_plan_says_where_the_zone_came_from(tmp_path: Path) -> None:
    code, out, err = run("plan", "--programme", str(brussels(tmp_path)), "--star", "1")
    assert code == 0, err
    assert "Times in Europe/Brussels, inferred from the city 'Brussels'" in " ".join(out.split())
    code, out, _ = run("plan", "--programme", str(brussels(tmp_path)), "--star", "1", "--json")
    plan = json.loads(out)
    assert plan["timezone"] == "Europe/Brussels"
    assert plan["timezone_source"] == "inferred from city 'Brussels'"
    assert plan["items"][0]["start"] == "2019-02-02T09:30:00+01:00"


def test_a_calendar_of_an_unknown_zone_is_refused_until_the_zone_is_named(tmp_path: Path) -> None:
    source = str(nowhere(tmp_path))
    ics = tmp_path / "plan.ics"
    code, out, err = run("plan", "--programme", source, "--star", "1", "--ics", str(ics))
    assert code == 2
    assert "no calendar written" in err and "add --zone ZONE" in err
    assert "Traceback" not in out + err and not ics.exists()
    code, out, err = run("export", "--programme", source, "--programme-ics", str(ics))
    assert code == 2 and "add --zone ZONE" in err and not ics.exists()
    group = tmp_path / "group.yaml"
    group.write_text("members:\n  - name: Ada\n    star: ['1']\n")
    code, _, err = run("group", str(group), "--out", str(tmp_path / "g"), "--programme", source)
    assert code == 2 and "add --zone ZONE" in err and not (tmp_path / "g").exists()
    # named: the calendar is written, at the instant of the clock time in that zone
    code, _, err = run(
        "plan", "--programme", source, "--star", "1", "--ics", str(ics), "--zone", "Europe/Brussels"
    )
    assert code == 0, err
    [vevent] = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start.isoformat() == "2019-02-02T09:30:00+01:00"


def test_plan_says_the_zone_is_unknown_and_agendas_are_still_written(tmp_path: Path) -> None:
    source = str(nowhere(tmp_path))
    markdown = tmp_path / "plan.md"
    code, out, err = run("plan", "--programme", source, "--star", "1", "--markdown", str(markdown))
    assert code == 0, err
    assert UNKNOWN in " ".join(out.split())
    assert "their zone is unknown" in markdown.read_text()


def test_import_names_the_zone_and_keeps_its_source(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    code, _, err = run("import", str(brussels(tmp_path)), "-o", str(out))
    assert code == 0, err
    assert "local times in Europe/Brussels, inferred from the city 'Brussels'" in err
    assert "timezone_source: inferred from city 'Brussels'" in out.read_text()
    code, shown, err = run("show", "--programme", str(out), "--json")
    assert code == 0, err
    assert json.loads(shown)["conference"]["timezone_source"] == "inferred from city 'Brussels'"
