"""A schedule server on 127.0.0.1 for the fetch tests: serves one body at ``/schedule.xml`` (and
``/p.yaml``) with its ``ETag`` and ``Last-Modified``, answers conditional requests with 304, and
has paths that misbehave (redirect loops, endless bodies, errors, silence). Every request is
logged with its path (and query), its headers, the status sent and how many body bytes were
written."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FRAB = Path(__file__).parent / "fixtures" / "schedules" / "after-midnight.schedule.xml"
VERSION_A = FRAB.read_bytes()
VERSION_B = VERSION_A.replace(b"Saturday morning", b"Saturday morning, moved to Ada")
ENDLESS_CAP = 200 * 1024 * 1024
BOMB = gzip.compress(b"<schedule>" + bytes(20 * 1024 * 1024))


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    status: int = 0
    body_bytes: int = 0
    finished: threading.Event = field(default_factory=threading.Event)


@dataclass
class Site:
    """What the server serves; tests change it between fetches."""

    body: bytes = VERSION_A
    etag: str | None = '"a"'
    last_modified: str | None = "Fri, 27 Dec 2019 08:00:00 GMT"
    conditional: bool = True
    fail_with: int | None = None
    delay: float = 0.0
    yaml_body: bytes = b"conference: {name: X\n"
    bomb: bytes = BOMB
    log: list[Logged] = field(default_factory=list)

    def serve(self, body: bytes, etag: str | None, last_modified: str | None = None) -> None:
        self.body, self.etag, self.last_modified = body, etag, last_modified

    def requests(self, path: str = "/schedule.xml") -> list[Logged]:
        """The requests for ``path`` (whatever their query)."""
        return [entry for entry in self.log if entry.path.partition("?")[0] == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, entry: Logged, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304 and body:
            self.wfile.write(body)
            entry.body_bytes = len(body)
        entry.status = status

    def do_GET(self) -> None:
        site = self.server.site
        entry = Logged(self.path, {k.lower(): v for k, v in self.headers.items()})
        site.log.append(entry)
        try:
            self._answer(site, entry)
        finally:
            entry.finished.set()

    def _answer(self, site: Site, entry: Logged) -> None:
        path = self.path.partition("?")[0]  # a query (a signed URL's key) changes nothing
        if path == "/schedule.xml":
            self._schedule(site, entry)
        elif path == "/p.yaml":
            self._send(entry, 200, site.yaml_body)
        elif path == "/loop":
            self._send(entry, 302, Location="/loop")
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            self._send(entry, 302, Location=f"/hop/{left - 1}" if left > 1 else "/schedule.xml")
        elif path == "/to-file":
            self._send(entry, 302, Location="file:///etc/passwd")
        elif path == "/endless":
            self._endless(entry)
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            entry.status = 200
        elif path == "/gzip":
            self._send(entry, 200, gzip.compress(site.body), Content_Encoding="gzip")
        elif path == "/gzip-bomb":  # 20 MB of zeros in 20 KB
            self._send(entry, 200, site.bomb, Content_Encoding="gzip")
        elif path == "/gzip-broken":
            broken = gzip.compress(site.body)[:12] + b"not deflate at all" * 10
            self._send(entry, 200, broken, Content_Encoding="gzip")
        elif path == "/gzip-cut":
            self._send(entry, 200, gzip.compress(site.body)[:-30], Content_Encoding="gzip")
        elif path == "/error":
            self._send(entry, 503, b"down for maintenance")
        elif path == "/slow":
            time.sleep(3)
            self._send(entry, 200, site.body)
        else:
            self._send(entry, 404, b"not here")

    def _schedule(self, site: Site, entry: Logged) -> None:
        time.sleep(site.delay)
        if site.fail_with is not None:
            self._send(entry, site.fail_with, b"failed")
            return
        headers = {}
        if site.etag:
            headers["ETag"] = site.etag
        if site.last_modified:
            headers["Last_Modified"] = site.last_modified
        matches = (site.etag and self.headers.get("If-None-Match") == site.etag) or (
            site.last_modified and self.headers.get("If-Modified-Since") == site.last_modified
        )
        if site.conditional and matches:
            self._send(entry, 304, **headers)
        else:
            self._send(entry, 200, site.body, **headers)

    def _endless(self, entry: Logged) -> None:
        """A body without a length that never ends (up to a cap): the client must stop it."""
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.end_headers()
        entry.status = 200
        chunk = b"<schedule>" + b"x" * 65526
        try:
            while entry.body_bytes < ENDLESS_CAP:
                self.wfile.write(chunk)
                entry.body_bytes += len(chunk)
        except OSError:  # the client closed the connection
            pass
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: Site


class Served:
    """A running server: ``url(path)``, ``site`` to change what it serves, ``stop()``."""

    def __init__(self) -> None:
        self.site = Site()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self.site
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.running = True

    def url(self, path: str = "/schedule.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.running:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self.running = False


def gzip_bomb(megabytes: int) -> bytes:
    """A gzip body of ``megabytes`` MB of zeros after ``<schedule>`` (about 1 KB a MB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(b"<schedule>")]
    parts += [packer.compress(zeros) for _ in range(megabytes)]
    return b"".join([*parts, packer.flush()])
