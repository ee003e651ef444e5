"""Following a published schedule from its URL: a loopback server serves version A of a small
frab XML, then version B (a planned talk moved, one cancelled, one added, one retitled), then
goes away. The plan, the change list, the calendar updated in place, the conditional request
and the offline fallback are each asserted."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner, Result
from icalendar import Calendar

from http_support import Served
from planner.cli import main

TALKS_A = [
    ("1", "10:00", "Ada", "Rust basics"),
    ("2", "11:00", "Ada", "Rust async"),
    ("3", "12:00", "Babbage", "Rust embedded"),
    ("4", "14:00", "Ada", "Rust macros"),
]
TALKS_B = [
    ("1", "10:00", "Ada", "Rust basics"),
    ("2", "15:00", "Ada", "Rust async"),  # moved
    ("3", "12:00", "Babbage", "CANCELLED Rust embedded"),  # cancelled
    ("4", "14:00", "Ada", "Rust macros in depth"),  # retitled
    ("5", "16:00", "Babbage", "Rust tooling"),  # added
]


def _frab(talks: list[tuple[str, str, str, str]]) -> bytes:
    rooms: dict[str, list[str]] = {}
    for cid, start, room, title in talks:
        rooms.setdefault(room, []).append(
            f'<event guid="g{cid}" id="{cid}"><date>2019-12-27T{start}:00+01:00</date>'
            f"<start>{start}</start><duration>00:30</duration><room>{room}</room>"
            f"<title>{title}</title><track>Rust</track><type>lecture</type></event>"
        )
    body = "".join(
        f'<room name="{room}">{"".join(events)}</room>' for room, events in rooms.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><schedule><conference><title>Follow Conf</title>'
        "<start>2019-12-27</start><end>2019-12-27</end><days>1</days>"
        "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
        '<day index="1" date="2019-12-27" start="2019-12-27T09:00:00+01:00" '
        f'end="2019-12-27T18:00:00+01:00">{body}</day></schedule>'
    ).encode()


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})


def _json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _events(path: Any) -> dict[str, Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_a_followed_url_through_two_versions_and_offline(server: Served, tmp_path: Any) -> None:
    url = server.url()
    ics = tmp_path / "plan.ics"
    server.site.serve(_frab(TALKS_A), '"a"')
    first = _json(run("plan", "--programme", url, "--keyword", "rust", "--ics", str(ics), "--json"))
    assert {i["id"] for i in first["items"]} == {"1", "2", "3", "4"}
    assert first["programme_changes"] == []
    before = _events(ics)

    server.site.serve(_frab(TALKS_B), '"b"')
    args = ("--programme", url, "--keyword", "rust", "--ics", str(ics))
    second = _json(run("update", *args, "--json"))
    changes = {(c["id"], c["change"]): c["affects_plan"] for c in second["programme_changes"]}
    assert changes == {
        ("2", "moved"): True,
        ("3", "cancelled"): True,
        ("4", "edited"): True,
        ("5", "added"): True,
    }
    planned = {i["id"]: i for i in second["items"]}
    assert set(planned) == {"1", "2", "4", "5"}
    assert planned["2"]["start"] == "2019-12-27T15:00:00+01:00"

    after = _events(ics)
    cancelled = after["Rust embedded"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(before["Rust embedded"].get("SEQUENCE", 0))
    moved = after["Rust async"]
    assert moved.decoded("DTSTART").isoformat() == "2019-12-27T15:00:00+01:00"
    assert int(moved["SEQUENCE"]) > int(before["Rust async"].get("SEQUENCE", 0))
    assert str(after["Rust basics"]["UID"]) == str(before["Rust basics"]["UID"])
    assert int(after["Rust basics"].get("SEQUENCE", 0)) == int(
        before["Rust basics"].get("SEQUENCE", 0)
    )
    assert "Rust tooling" in after and "Rust macros in depth" in after

    # the same version again: a conditional request, answered 304 with no body
    text = run("update", *args)
    assert text.exit_code == 0, text.output
    assert "No change to the programme since it was last seen" in text.stdout
    last = server.site.requests()[-1]
    assert last.headers.get("if-none-match") == '"b"'
    assert (last.status, last.body_bytes) == (304, 0)

    # the server goes away: the copy fetched last is used, and the command says so
    server.stop()
    offline = run("plan", "--programme", url, "--keyword", "rust", "--json")
    assert f"using the copy of {url} fetched" in offline.stderr
    assert {i["id"] for i in _json(offline)["items"]} == {"1", "2", "4", "5"}
