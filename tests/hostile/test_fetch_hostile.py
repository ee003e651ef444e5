"""A hostile server: a body that never ends, or a small compressed body that expands to
hundreds of megabytes, is stopped at the import limit (50 MB) by a real ``planner show``
process under 200 MB of address space and 2 s of CPU: one message, exit 1."""

from __future__ import annotations

from pathlib import Path

from hostile.limits import assert_refused, run_planner
from tests.http_support import Served, gzip_bomb


def test_an_endless_body_is_stopped(server: Served, tmp_path: Path) -> None:
    url = server.url("/endless")
    outcome = run_planner("show", "--programme", url, cwd=tmp_path)
    assert_refused(outcome, url, "over the import limit of 50 MB", "download stopped")
    assert server.site.requests("/endless")[0].finished.wait(10)
    assert server.site.requests("/endless")[0].body_bytes < 100 * 1024 * 1024


def test_a_compressed_bomb_is_stopped(server: Served, tmp_path: Path) -> None:
    server.site.bomb = gzip_bomb(400)  # 400 MB once decompressed, in about 400 KB
    assert len(server.site.bomb) < 1024 * 1024
    url = server.url("/gzip-bomb")
    outcome = run_planner("show", "--programme", url, cwd=tmp_path)
    assert_refused(outcome, url, "over the import limit of 50 MB", "download stopped")
