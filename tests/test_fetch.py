"""Fetching a published schedule (:func:`planner.sources.fetch.fetch`) from a server on
127.0.0.1: the cache of versions, conditional requests, the offline fallback, and the limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from planner.dirs import cache_dir
from planner.durations import age
from planner.errors import PlannerError, ProgrammeError
from planner.sources import import_programme
from planner.sources.fetch import FetchError, fetch
from planner.sources.fetch_cache import META, Store, Version, prune
from planner.userfiles import MB
from tests.http_support import BOMB, ENDLESS_CAP, VERSION_A, VERSION_B, Served


def make_older(url: str, hours: float) -> None:
    """Pretend the server last gave or confirmed the newest copy ``hours`` ago."""
    store = Store(url)
    store.confirm(store.load(), datetime.now(UTC) - timedelta(hours=hours), None, None)


def test_the_first_fetch_is_kept_and_the_second_is_a_304(server: Served) -> None:
    url = server.url()
    first = fetch(url)
    assert first.data == VERSION_A
    assert not first.from_cache and first.note is None
    assert first.version_path is not None
    assert first.version_path.read_bytes() == VERSION_A
    assert first.version_path.is_relative_to(cache_dir() / "fetched")
    plain = server.site.requests()[0]
    assert "if-none-match" not in plain.headers and "if-modified-since" not in plain.headers
    assert plain.status == 200 and plain.body_bytes == len(VERSION_A)

    second = fetch(url)
    asked = server.site.requests()[1]
    assert asked.headers["if-none-match"] == '"a"'
    assert asked.headers["if-modified-since"] == server.site.last_modified
    assert asked.status == 304 and asked.body_bytes == 0  # the server sent no body
    assert second.data == VERSION_A and not second.from_cache and second.note is None
    assert second.version_path == first.version_path
    assert second.fetched_at >= first.fetched_at
    meta = json.loads((first.version_path.parent / META).read_text())
    assert meta["url"] == url and meta["etag"] == '"a"'
    assert meta["last_modified"] == server.site.last_modified
    assert [v["file"] for v in meta["versions"]] == [first.version_path.name]
    assert datetime.fromisoformat(meta["fetched_at"]) == second.fetched_at


def test_only_the_last_modified_date_is_enough_for_a_304(server: Served) -> None:
    server.site.etag = None
    fetch(server.url())
    again = fetch(server.url())
    asked = server.site.requests()[1]
    assert "if-none-match" not in asked.headers
    assert asked.status == 304 and again.data == VERSION_A


def test_a_new_version_is_kept_beside_the_old(server: Served) -> None:
    url = server.url()
    first = fetch(url)
    server.site.serve(VERSION_B, '"b"', "Sat, 28 Dec 2019 08:00:00 GMT")
    second = fetch(url)
    asked = server.site.requests()[1]
    assert asked.headers["if-none-match"] == '"a"' and asked.status == 200
    assert second.data == VERSION_B and second.version_path != first.version_path
    assert first.version_path is not None and second.version_path is not None
    assert first.version_path.read_bytes() == VERSION_A  # both versions kept
    assert second.version_path.read_bytes() == VERSION_B
    meta = Store(url).load()
    assert [v.sha256 for v in meta.versions] == [first_hash(VERSION_A), first_hash(VERSION_B)]
    assert meta.etag == '"b"'
    third = fetch(url)  # and the next request asks with the new version's validators
    assert server.site.requests()[2].headers["if-none-match"] == '"b"'
    assert third.data == VERSION_B


def first_hash(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_the_same_body_without_validators_is_kept_once(server: Served) -> None:
    server.site.serve(VERSION_A, None, None)
    fetch(server.url())
    fetch(server.url())
    assert [entry.status for entry in server.site.requests()] == [200, 200]
    assert len(Store(server.url()).load().versions) == 1


def test_offline_the_newest_copy_is_used_and_its_age_said(server: Served) -> None:
    url = server.url()
    fetch(url)
    server.site.serve(VERSION_B, '"b"')
    fetch(url)
    make_older(url, 3.2)
    server.stop()
    used = fetch(url)
    assert used.from_cache and used.data == VERSION_B
    assert used.note is not None
    assert used.note.startswith(f"using the copy of {url} fetched 3 h ago: cannot connect (")
    assert datetime.now(UTC) - used.fetched_at > timedelta(hours=3)


@pytest.mark.parametrize(
    ("status", "reason"), [(503, "503 Service Unavailable"), (500, "500 Internal Server Error")]
)
def test_a_server_error_uses_the_copy(server: Served, status: int, reason: str) -> None:
    url = server.url()
    fetch(url)
    server.site.fail_with = status
    used = fetch(url)
    assert used.from_cache and used.data == VERSION_A
    assert used.note == f"using the copy of {url} fetched 0 s ago: the server answered {reason}"


def test_a_timeout_uses_the_copy(server: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    url = server.url()
    fetch(url)
    make_older(url, 26)
    server.site.delay = 3
    monkeypatch.setenv("PLANNER_FETCH_TIMEOUT", "0.5")
    used = fetch(url)
    assert used.from_cache
    assert used.note == f"using the copy of {url} fetched 26 h ago: no answer within 0.5 s"


def test_a_404_is_an_error_even_with_a_copy(server: Served) -> None:
    url = server.url()
    fetch(url)
    server.site.fail_with = 404
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == f"{url}: the server answered 404 Not Found"


def test_unreachable_with_no_copy_is_one_error(server: Served) -> None:
    url = server.url()
    server.stop()
    with pytest.raises(FetchError) as raised:
        fetch(url)
    message = str(raised.value)
    assert message.startswith(f"{url}: cannot fetch it: cannot connect (")
    assert message.endswith("); no copy of it is kept from earlier")


def test_redirects_are_followed_within_the_limit(server: Served) -> None:
    got = fetch(server.url("/hop/5"))  # 5 redirects in all
    assert got.data == VERSION_A
    assert len(server.site.log) == 6
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(server.url("/hop/6"))


def test_a_redirect_loop_is_one_error(server: Served) -> None:
    url = server.url("/loop")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == f"{url}: more than 5 redirects (a redirect loop?)"
    assert len(server.site.log) == 6  # the request and five redirects: then it stops


def test_a_redirect_to_a_file_url_is_refused(server: Served) -> None:
    url = server.url("/to-file")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == (
        f"{url}: redirected to a file: URL; only http:// and https:// URLs are fetched"
    )


def test_an_endless_body_is_stopped_at_the_limit(
    server: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_MAX_IMPORT_MB", "1")
    url = server.url("/endless")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == (
        f"{url}: more than 1 MB, over the import limit of 1 MB (set PLANNER_MAX_IMPORT_MB to "
        "raise it); download stopped"
    )
    sent = server.site.requests("/endless")[0]
    assert sent.finished.wait(10)
    # the client hung up: the server wrote the limit and what fits in the sockets' buffers,
    # not the 200 MB it would have sent
    assert 1 * MB < sent.body_bytes < ENDLESS_CAP / 10
    assert not (cache_dir() / "fetched").exists() or not any((cache_dir() / "fetched").iterdir())


def test_a_compressed_body_is_read_decompressed(server: Served) -> None:
    got = fetch(server.url("/gzip"))
    assert got.data == VERSION_A
    assert server.site.requests("/gzip")[0].body_bytes < len(VERSION_A)


def test_the_limit_counts_the_decompressed_bytes(
    server: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_MAX_IMPORT_MB", "1")
    url = server.url("/gzip-bomb")
    assert len(BOMB) < 1 * MB  # under the limit as sent...
    with pytest.raises(FetchError) as raised:  # ...but 20 MB once decompressed
        fetch(url)
    assert str(raised.value).endswith("; download stopped")


def test_a_broken_or_cut_compressed_body_is_one_error(server: Served) -> None:
    url = server.url("/gzip-broken")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value).startswith(f"{url}: the server sent a body that cannot be decoded (")
    url = server.url("/gzip-cut")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == f"{url}: the server's compressed body is cut short"


def test_a_declared_size_over_the_limit_is_refused_before_the_body(server: Served) -> None:
    url = server.url("/declared-huge")
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert str(raised.value) == (
        f"{url}: 953.7 MB is over the import limit of 50 MB (set PLANNER_MAX_IMPORT_MB to raise it)"
    )


@pytest.mark.parametrize(
    "location", ["ftp://127.0.0.1/schedule.xml", "file:///etc/passwd", "FILE:schedule.xml"]
)
def test_other_schemes_are_refused(location: str) -> None:
    with pytest.raises(ProgrammeError) as raised:
        import_programme(location)
    assert str(raised.value).startswith(f"{location}: only http:// and https:// URLs are fetched")
    with pytest.raises(ProgrammeError):
        fetch(location)


def test_a_fetched_yaml_programme_is_read_as_yaml_and_named_by_its_url(server: Served) -> None:
    url = server.url("/p.yaml")
    with pytest.raises(ProgrammeError) as raised:
        import_programme(url)
    message = str(raised.value)
    assert message.startswith(f"{url}:")
    assert "not a programme or schedule" not in message  # the YAML error, as for a .yaml file


def test_a_fetched_schedule_reads_as_the_same_file(server: Served, tmp_path: object) -> None:
    from tests.http_support import FRAB

    fetched = import_programme(server.url())
    local = import_programme(FRAB)
    assert fetched.source == server.url() and fetched.notes == ()
    assert fetched.programme == local.programme
    assert fetched.format == local.format and fetched.warnings == local.warnings


def test_the_offline_note_reaches_the_import(server: Served) -> None:
    url = server.url()
    import_programme(url)
    make_older(url, 5)
    server.stop()
    imported = import_programme(url)
    assert len(imported.notes) == 1
    assert imported.notes[0].startswith(f"using the copy of {url} fetched 5 h ago: ")
    assert imported.warnings == ()


def test_an_unwritable_cache_is_a_note_not_an_error(
    server: Served, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from pathlib import Path

    blocker = Path(str(tmp_path)) / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(blocker))
    got = fetch(server.url())
    assert got.data == VERSION_A and got.version_path is None
    assert got.note is not None
    assert got.note.startswith(f"cannot keep a copy of {server.url()} in the cache (")


def test_a_copy_gone_bad_is_fetched_again_whole(server: Served) -> None:
    url = server.url()
    first = fetch(url)
    assert first.version_path is not None
    first.version_path.write_bytes(b"<schedule>tampered</schedule>")
    again = fetch(url)
    asked = server.site.requests()[1]
    assert "if-none-match" not in asked.headers and asked.status == 200
    assert again.data == VERSION_A


def test_the_oldest_versions_are_pruned_beyond_the_limit(
    server: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.url()
    monkeypatch.setenv("PLANNER_FETCH_KEEP_MB", str(2.5 * len(VERSION_A) / MB))
    bodies = [VERSION_A, VERSION_B, VERSION_B.replace(b"Ann", b"Anne")]
    paths = []
    for number, body in enumerate(bodies):
        server.site.serve(body, f'"{number}"')
        got = fetch(url)
        assert got.version_path is not None
        paths.append(got.version_path)
    assert not paths[0].exists()  # the oldest, beyond 2.5 versions' worth
    assert paths[1].read_bytes() == bodies[1] and paths[2].read_bytes() == bodies[2]
    kept = Store(url).load().versions
    assert [v.file for v in kept] == [paths[1].name, paths[2].name]
    assert sorted(p.name for p in paths[2].parent.iterdir()) == sorted(
        [META, paths[1].name, paths[2].name]
    )


def _version(size: int, hour: int) -> Version:
    return Version(f"v{hour}", "0" * 64, size, datetime(2026, 1, 1, hour, tzinfo=UTC))


def test_prune_keeps_the_newest_within_the_limit_and_always_the_newest() -> None:
    versions = [_version(5, 1), _version(5, 2), _version(4, 3)]
    assert prune(versions, 9) == (versions[1:], versions[:1])
    assert prune(versions, 14) == (versions, [])
    assert prune(versions, 8) == (versions[2:], versions[:2])
    assert prune(versions, 1) == (versions[2:], versions[:2])  # the newest, even over the limit
    assert prune([], 1) == ([], [])


def test_a_bad_timeout_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_FETCH_TIMEOUT", "soon")
    with pytest.raises(PlannerError) as raised:
        fetch("http://127.0.0.1:9/schedule.xml")
    assert (
        str(raised.value) == "PLANNER_FETCH_TIMEOUT='soon': expected a positive number of seconds"
    )


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0 s"),
        (59.9, "59 s"),
        (60, "1 min"),
        (3599, "59 min"),
        (3 * 3600 + 5, "3 h"),
        (47 * 3600, "47 h"),
        (49 * 3600, "2 days"),
        (-5, "0 s"),
    ],
)
def test_ages_are_worded_for_people(seconds: float, shown: str) -> None:
    assert age(seconds) == shown


def test_a_url_without_a_host_is_refused_before_any_request() -> None:
    with pytest.raises(ProgrammeError) as raised:
        fetch("http:///schedule.xml")
    assert str(raised.value) == "http:///schedule.xml: not a URL that can be fetched (no host)"
    assert not (cache_dir() / "fetched").exists()
