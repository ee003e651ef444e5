"""A programme URL with secrets in it (a password, an Indico API key and signature) followed
through ``plan``, ``update``, a changed version, the offline fallback and the errors: the
request carries them all (Basic auth from the userinfo, the query as given), and no output,
written file or file in the cache holds any of them."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner import history
from planner.dirs import cache_dir
from planner.locations import shown_url
from planner.sources.fetch import FetchError, fetch
from planner.sources.fetch_cache import Store, url_folder
from tests.http_support import Served
from tests.test_follow_url import TALKS_A, TALKS_B, _frab

USER, PASSWORD, KEY, SIGNATURE = "ana-user", "pw0rd-x7", "SECRET-KEY-41", "SIG-9e2f"
SECRETS = (USER, PASSWORD, KEY, SIGNATURE)


def secret_url(server: Served, path: str = "/schedule.xml") -> str:
    return (
        f"http://{USER}:{PASSWORD}@127.0.0.1:{server.port}{path}"
        f"?ak={KEY}&signature={SIGNATURE}&timestamp=1764820800"
    )


def shown(server: Served, path: str = "/schedule.xml") -> str:
    return f"http://***@127.0.0.1:{server.port}{path}?ak=***&signature=***&timestamp=1764820800"


def run(*args: str) -> Result:
    return CliRunner().invoke(main_command(), list(args), env={"COLUMNS": "200"})


def main_command() -> Any:
    from planner.cli import main

    return main


def assert_no_secret(where: str, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    for secret in SECRETS:
        assert secret.encode() not in raw, f"{secret!r} in {where}"


def assert_no_secret_in_files(folder: Path) -> int:
    """Every file under ``folder`` read whole; how many there were."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    for path in files:
        assert_no_secret(str(path), path.read_bytes())
        assert_no_secret(str(path), str(path.relative_to(folder)))
    return len(files)


def checked(result: Result, code: int = 0) -> Result:
    assert result.exit_code == code, result.output
    assert_no_secret("stdout", result.stdout)
    assert_no_secret("stderr", result.stderr)
    return result


def test_a_url_with_secrets_is_followed_and_never_shown(server: Served, tmp_path: Path) -> None:
    url = secret_url(server)
    outputs = {name: tmp_path / f"plan.{name}" for name in ("ics", "md", "html")}
    written = ("--ics", str(outputs["ics"]), "--markdown", str(outputs["md"]))
    written += ("--html", str(outputs["html"]))
    server.site.serve(_frab(TALKS_A), '"a"')

    first = checked(run("plan", "--programme", url, "--keyword", "rust", "--json", *written))
    data = json.loads(first.stdout)
    assert {i["id"] for i in data["items"]} == {"1", "2", "3", "4"}
    assert data["objective"] > 0
    assert "Rust basics" in outputs["md"].read_text(encoding="utf-8")
    # the request had it all: the query as given, the userinfo as Basic auth
    (request,) = server.site.requests()
    assert request.path == f"/schedule.xml?ak={KEY}&signature={SIGNATURE}&timestamp=1764820800"
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {basic}"

    same = checked(run("update", "--programme", url, "--keyword", "rust"))
    assert "No change to the programme since it was last seen" in same.stdout
    assert server.site.requests()[-1].status == 304
    assert server.site.requests()[-1].headers["authorization"] == f"Basic {basic}"

    server.site.serve(_frab(TALKS_B), '"b"')
    changed = checked(run("update", "--programme", url, "--keyword", "rust", "--json", *written))
    moved = {(c["id"], c["change"]) for c in json.loads(changed.stdout)["programme_changes"]}
    assert ("2", "moved") in moved and ("5", "added") in moved
    text = checked(run("show", "--programme", url))
    assert "Rust tooling" in text.stdout

    imported = tmp_path / "programme.yaml"
    checked(run("import", url, "-o", str(imported)))
    assert f"planner import {shown(server)}" in imported.read_text(encoding="utf-8")

    server.stop()
    offline = checked(run("plan", "--programme", url, "--keyword", "rust", "--json"))
    assert f"using the copy of {shown(server)} fetched" in offline.stderr
    assert {i["id"] for i in json.loads(offline.stdout)["items"]} == {"1", "2", "4", "5"}
    again = checked(run("update", "--programme", url, "--keyword", "rust"))
    assert f"using the copy of {shown(server)} fetched" in again.stderr

    gone = checked(run("plan", "--programme", secret_url(server, "/other.xml")), 1)
    assert gone.stderr.startswith(f"planner: {shown(server, '/other.xml')}: cannot fetch it: ")

    for path in outputs.values():
        assert_no_secret(str(path), path.read_bytes())
    assert_no_secret(str(imported), imported.read_bytes())
    cache = Path(os.environ["PLANNER_CACHE_DIR"])
    assert cache == cache_dir()
    assert assert_no_secret_in_files(cache) >= 6  # versions, their meta, what was seen, plans


def test_errors_from_the_server_name_the_url_without_its_secrets(server: Served) -> None:
    for path, words in [
        ("/missing", "the server answered 404"),
        ("/loop", "redirects (a redirect loop?)"),
        ("/to-file", "redirected to a file: URL"),
        ("/gzip-broken", "cannot be decoded"),
    ]:
        with pytest.raises(FetchError) as failed:
            fetch(secret_url(server, path))
        message = str(failed.value)
        assert message.startswith(f"{shown(server, path)}: ") and words in message
        assert_no_secret(path, message)


def test_urls_differing_only_in_a_secret_keep_apart(server: Served) -> None:
    one = secret_url(server)
    other = one.replace(KEY, "ANOTHER-KEY")
    assert shown_url(one) == shown_url(other)
    assert url_folder(one) != url_folder(other)
    fetch(one)
    assert len(Store(one).load().versions) == 1
    assert Store(other).load().versions == []
    assert json.loads(Store(one).meta_path.read_bytes())["url"] == shown(server)


def test_a_cache_kept_before_with_the_whole_url_is_used_and_then_rewritten(
    server: Served,
) -> None:
    url = secret_url(server)
    fetch(url)
    store = Store(url)
    meta = json.loads(store.meta_path.read_bytes())
    store.meta_path.write_text(json.dumps({**meta, "url": url}), encoding="utf-8")  # old form
    assert len(store.load().versions) == 1
    assert fetch(url).data == server.site.body
    assert server.site.requests()[-1].status == 304  # the copy was known: a conditional request
    assert json.loads(store.meta_path.read_bytes())["url"] == shown(server)


def test_a_record_of_what_was_seen_kept_before_is_rewritten_without_secrets(
    server: Served, ml4astro: Any
) -> None:
    url = secret_url(server)
    seen = history.see(url, ml4astro)
    assert seen.first
    assert history.keep(seen) == []
    folder = cache_dir() / "seen"
    (meta_path,) = folder.glob("*/meta.json")
    record = json.loads(meta_path.read_bytes())
    assert record["source"] == shown(server)
    meta_path.write_text(json.dumps({**record, "source": url}), encoding="utf-8")  # old form
    again = history.see(url, ml4astro)
    assert not again.first and again.changes == []
    assert history.keep(again) == []
    assert json.loads(meta_path.read_bytes())["source"] == shown(server)
    assert_no_secret_in_files(cache_dir())


def test_the_tui_names_the_url_without_its_secrets(server: Served, tmp_path: Path) -> None:
    from planner.tui.app import make_app

    url = secret_url(server)
    make_app(url, tmp_path / "profile.toml")
    server.stop()
    app = make_app(url, tmp_path / "profile.toml")
    assert app.following is not None
    assert app.following.shown == shown(server)
    (note,) = app.following.notes
    assert note.startswith(f"using the copy of {shown(server)} fetched ")
