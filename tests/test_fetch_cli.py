"""``--programme URL`` in every command that takes ``--programme``, and ``planner import URL``:
the schedule is fetched from a server on 127.0.0.1, the offline note reaches stderr, and a URL
that cannot be fetched is one message and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli import main
from planner.sources.fetch import fetch
from planner.sources.fetch_cache import Store
from tests.http_support import FRAB, Served
from tests.test_fetch import make_older


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})


def test_plan_json_from_a_url(server: Served) -> None:
    result = run("plan", "--programme", server.url(), "--keyword", "Rust", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [item["title"] for item in data["items"]] == ["Rust before midnight"]
    assert data["objective"] == 10.0
    assert len(Store(server.url()).load().versions) == 1  # kept for the next time


def test_plan_from_a_url_is_the_plan_from_the_file(server: Served) -> None:
    by_url = run("plan", "--programme", server.url(), "--keyword", "Rust", "--json")
    by_file = run("plan", "--programme", str(FRAB), "--keyword", "Rust", "--json")
    drop = ("solve_seconds",)
    assert {k: v for k, v in json.loads(by_url.stdout).items() if k not in drop} == {
        k: v for k, v in json.loads(by_file.stdout).items() if k not in drop
    }


def commands(tmp_path: Path) -> dict[str, list[str]]:
    group_file = tmp_path / "group.yaml"
    group_file.write_text("members:\n  - name: Ana\n    keyword: [Rust]\n", encoding="utf-8")
    return {
        "show": ["show"],
        "plan": ["plan", "--keyword", "Rust"],
        "rank": ["rank", "--keyword", "Rust"],
        "now": ["now", "--keyword", "Rust", "--at", "2019-12-27 23:10"],
        "export": ["export", "--programme-ics", str(tmp_path / "all.ics")],
        "group": [
            "group", str(group_file), "--out", str(tmp_path / "plans"), "--json",
            "--workers", "1",
        ],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["show", "plan", "rank", "now", "export", "group"])
def test_every_command_uses_the_cached_copy_offline_and_says_so(
    server: Served, tmp_path: Path, command: str
) -> None:
    url = server.url()
    fetch(url)
    make_older(url, 3)
    server.stop()
    result = run(*commands(tmp_path)[command], "--programme", url)
    assert result.exit_code == 0, result.output
    assert f"planner: using the copy of {url} fetched 3 h ago: cannot connect (" in result.stderr
    if command == "show":
        assert "Rust before midnight" in result.stdout


@pytest.mark.parametrize("command", ["show", "plan", "rank", "now", "export", "group"])
def test_every_command_fails_cleanly_with_no_copy(
    server: Served, tmp_path: Path, command: str
) -> None:
    url = server.url()
    server.stop()
    result = run(*commands(tmp_path)[command], "--programme", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"planner: {url}: cannot fetch it: cannot connect (")
    assert result.stderr.endswith("); no copy of it is kept from earlier\n")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_an_unreachable_url_in_a_real_run_is_one_line(server: Served) -> None:
    url = server.url()
    server.stop()
    done = subprocess.run(
        [sys.executable, "-m", "planner", "show", "--programme", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"planner: {url}: cannot fetch it: ")
    assert done.stderr.count("\n") == 1, done.stderr


def test_a_redirect_loop_ends_the_command_with_one_message(server: Served) -> None:
    url = server.url("/loop")
    result = run("show", "--programme", url)
    assert result.exit_code == 1
    assert result.stderr == f"planner: {url}: more than 5 redirects (a redirect loop?)\n"


def test_a_404_ends_the_command_with_one_message(server: Served) -> None:
    url = server.url("/nothing-here.xml")
    result = run("rank", "--programme", url, "--keyword", "Rust")
    assert result.exit_code == 1
    assert result.stderr == f"planner: {url}: the server answered 404 Not Found\n"


@pytest.mark.parametrize("location", ["ftp://example.org/schedule.xml", "file:///etc/passwd"])
def test_other_schemes_are_refused_on_the_command_line(location: str) -> None:
    result = run("show", "--programme", location)
    assert result.exit_code == 2
    assert "only http:// and https:// URLs are fetched" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://", "no host"),
        ("http://[::1/x.xml", "Invalid IPv6 URL"),
        ("https://exa mple.org/x.xml", "it holds spaces or control characters"),
        ("http://127.0.0.1:99999/x.xml", "Port out of range 0-65535"),
    ],
)
def test_a_malformed_url_is_refused_on_the_command_line(url: str, problem: str) -> None:
    result = run("show", "--programme", url)
    assert result.exit_code == 2
    assert f"{url}: not a URL that can be fetched ({problem})" in result.stderr
    assert "Traceback" not in result.output


def test_import_converts_a_url(server: Served, tmp_path: Path) -> None:
    out = tmp_path / "night.yaml"
    result = run("import", server.url(), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"`planner import {server.url()}`" in out.read_text(encoding="utf-8")
    shown = run("show", "--programme", str(out), "--json")
    assert shown.exit_code == 0, shown.output
    titles = {c["title"] for c in json.loads(shown.stdout)["contributions"]}
    assert "Trusted computing after midnight" in titles


def test_import_of_a_book_at_a_url_asks_for_its_template(server: Served, tmp_path: Path) -> None:
    server.site.yaml_body = b"Book of Abstracts\n\nContents\n"
    url = server.url("/p.yaml")
    result = run("import", url, "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"planner: {url}: a book of abstracts has no clock times; give a timetable template "
        "with --timetable FILE (`planner import --help` shows a template)\n"
    )


def test_a_group_file_may_name_a_url(tmp_path: Path) -> None:
    from planner.group.groupfile import read_group_file

    path = tmp_path / "group.yaml"
    path.write_text(
        "programme: https://example.org/schedule.xml\nmembers:\n  - name: Ana\n", encoding="utf-8"
    )
    assert read_group_file(path).programme == "https://example.org/schedule.xml"


def test_the_tui_loads_a_url(server: Served, tmp_path: Path) -> None:
    from planner.tui.app import make_app

    app = make_app(server.url(), tmp_path / "profile.toml")
    assert app.programme.conference.name == "Night Conf"
    make_older(server.url(), 2)
    server.stop()
    again = make_app(server.url(), tmp_path / "profile.toml")
    assert again.programme == app.programme
    assert again.following is not None
    (note,) = again.following.notes  # shown as a notification once the screen is up
    assert note.startswith(f"using the copy of {server.url()} fetched 2 h ago: ")


def test_help_names_file_or_url() -> None:
    result = run("plan", "--help")
    assert "--programme FILE|URL" in result.stdout


def test_tui_passes_the_url_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.tui import launch

    calls: list[object] = []
    monkeypatch.setattr(launch, "run_tui", lambda programme, profile: calls.append(programme))
    url = "https://example.org/2026/schedule.xml"
    result = run("tui", "--programme", url)
    assert result.exit_code == 0, result.output
    assert calls == [url]
