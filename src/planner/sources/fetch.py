"""Fetching a published schedule: ``planner plan --programme https://.../schedule.xml``.

:func:`fetch` asks the server for the URL with the validators of the copy kept last
(``If-None-Match`` from its ``ETag``, ``If-Modified-Since`` from its ``Last-Modified``), keeps
each new version in the cache (:mod:`planner.sources.fetch_cache`) and gives back the bytes for
the same readers a file goes through.

- Offline: when the server cannot be reached (no connection, a timeout) or answers a server
  error (5xx, also 408 and 429), the newest cached copy is used, with a note saying so and how
  old it is; with no copy, one :class:`FetchError` naming the URL and the reason.
- A client error (404, 403, ...) is an error, not a fallback: the URL is wrong or gone, and an
  old copy would hide it.
- Redirects: at most :data:`MAX_REDIRECTS`, to http or https only. The body is streamed and
  stopped beyond ``PLANNER_MAX_IMPORT_MB`` (the limit for files). ``PLANNER_FETCH_TIMEOUT``
  (seconds, 20 by default) bounds the connection, each wait for data and the whole download.
"""

from __future__ import annotations

import os
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from planner.durations import age
from planner.errors import PlannerError, ProgrammeError
from planner.locations import check_url, shown_url, without_secrets
from planner.sources.fetch_cache import Meta, Store, Version
from planner.userfiles import MAX_IMPORT_ENV, MB, max_import_bytes

TIMEOUT_ENV = "PLANNER_FETCH_TIMEOUT"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "planner (conference itinerary planner)"

#: Answers that say the server is down or busy for now, not that the URL is wrong.
_TRANSIENT = frozenset({408, 425, 429})


class FetchError(ProgrammeError):
    """A URL that cannot be fetched, with no cached copy to use instead."""


@dataclass(frozen=True)
class Fetched:
    """The body of a URL: fresh from the server, confirmed by it (304), or the cached copy."""

    data: bytes
    url: str
    fetched_at: datetime
    """When the server last gave or confirmed this copy."""
    from_cache: bool
    """The server was not reached (or failed): this is the newest copy kept."""
    note: str | None
    """What the user should be told (``using the copy of URL fetched 3 h ago: ...``)."""
    version_path: Path | None
    """The cached file of this version (``None`` when it could not be kept)."""


class _Unreachable(Exception):
    """The server did not answer usefully for now: the cached copy may stand in."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Answer:
    status: int
    data: bytes | None
    etag: str | None
    last_modified: str | None


def fetch_timeout() -> float:
    """Seconds from ``PLANNER_FETCH_TIMEOUT`` (20 by default)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise PlannerError(f"{TIMEOUT_ENV}={raw!r}: expected a positive number of seconds")
    return seconds


def fetch(url: str) -> Fetched:
    """The body of the http(s) ``url``; see the module's notes for the cache and the fallback.
    Raises :class:`FetchError` (a :class:`ProgrammeError`) when there is nothing to use."""
    check_url(url)
    limit = max_import_bytes()
    timeout = fetch_timeout()
    store = Store(url)
    meta = store.load()
    newest = store.newest(meta)
    copy = store.read(newest, limit) if newest is not None else None
    headers = {}
    if newest is not None and copy is not None:  # a copy gone bad is fetched again whole
        if meta.etag:
            headers["If-None-Match"] = meta.etag
        if meta.last_modified:
            headers["If-Modified-Since"] = meta.last_modified
    try:
        answer = _get(url, headers, limit, timeout)
    except _Unreachable as problem:
        return _cached(store, meta, newest, copy, problem.reason)
    now = datetime.now(UTC)
    if answer.status == 304:
        if newest is None or copy is None or not headers:
            raise FetchError(
                f"{shown_url(url)}: the server answered 304 Not Modified to a plain request"
            )
        note = _keep(lambda: store.confirm(meta, now, answer.etag, answer.last_modified), store)
        return Fetched(copy, url, now, False, note, store.path_of(newest))
    del copy
    return _fresh(store, meta, url, answer, now)


def _fresh(store: Store, meta: Meta, url: str, answer: _Answer, now: datetime) -> Fetched:
    if answer.status != 200 or answer.data is None:
        raise FetchError(f"{shown_url(url)}: the server answered {answer.status}, not the schedule")
    data = answer.data
    kept: list[Version] = []

    def add() -> None:
        kept.append(store.add(meta, data, now, answer.etag, answer.last_modified)[1])

    note = _keep(add, store)
    return Fetched(data, url, now, False, note, store.path_of(kept[0]) if kept else None)


def _keep(write: Callable[[], object], store: Store) -> str | None:
    """Run ``write`` (a change to the cache); a cache that cannot be written is a note, not an
    error: the schedule was fetched all the same."""
    try:
        write()
    except PlannerError as error:
        return f"cannot keep a copy of {store.shown} in the cache ({error})"
    return None


def _cached(
    store: Store, meta: Meta, newest: Version | None, data: bytes | None, reason: str
) -> Fetched:
    if newest is None or data is None:
        raise FetchError(
            f"{store.shown}: cannot fetch it: {reason}; no copy of it is kept from earlier"
        )
    at = meta.fetched_at or newest.fetched_at
    ago = age((datetime.now(UTC) - at).total_seconds())
    note = f"using the copy of {store.shown} fetched {ago} ago: {reason}"
    return Fetched(data, store.url, at, True, note, store.path_of(newest))


def _detail(error: Exception, url: str) -> str:
    """``Connection refused`` for ``[Errno 111] Connection refused`` (with no secret of
    ``url`` in it, should the library's message quote the URL)."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(error).strip())
    return without_secrets(text, url) or type(error).__name__


def _get(url: str, headers: dict[str, str], limit: int, timeout: float) -> _Answer:
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            return _answer(url, response, limit, deadline, timeout)
    except httpx.TooManyRedirects:
        raise FetchError(
            f"{shown_url(url)}: more than {MAX_REDIRECTS} redirects (a redirect loop?)"
        ) from None
    except httpx.UnsupportedProtocol as error:
        scheme = error.request.url.scheme if _has_request(error) else "another"
        raise FetchError(
            f"{shown_url(url)}: redirected to a {scheme}: URL; only http:// and https:// URLs are fetched"
        ) from None
    except httpx.TimeoutException:
        raise _Unreachable(f"no answer within {timeout:g} s") from None
    except httpx.ConnectError as error:
        raise _Unreachable(f"cannot connect ({_detail(error, url)})") from None
    except (httpx.DecodingError, zlib.error) as error:
        raise FetchError(
            f"{shown_url(url)}: the server sent a body that cannot be decoded ({_detail(error, url)})"
        ) from None
    except (httpx.InvalidURL, httpx.LocalProtocolError) as error:
        raise FetchError(
            f"{shown_url(url)}: not a URL that can be fetched ({_detail(error, url)})"
        ) from None
    except httpx.TransportError as error:
        raise _Unreachable(f"the connection failed ({_detail(error, url)})") from None


def _has_request(error: httpx.RequestError) -> bool:
    try:
        error.request  # noqa: B018 (raises when the error has no request)
    except RuntimeError:
        return False
    return True


def _answer(
    url: str, response: httpx.Response, limit: int, deadline: float, timeout: float
) -> _Answer:
    status = response.status_code
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    if status >= 500 or status in _TRANSIENT:
        raise _Unreachable(f"the server answered {status} {response.reason_phrase}".rstrip())
    if status == 304:
        return _Answer(status, None, etag, last_modified)
    if status >= 400:
        raise FetchError(
            f"{shown_url(url)}: the server answered {status} {response.reason_phrase}".rstrip()
        )
    if status != 200:
        raise FetchError(
            f"{shown_url(url)}: the server answered {status} {response.reason_phrase}, not the schedule"
        )
    hint = f"the import limit of {limit / MB:.3g} MB (set {MAX_IMPORT_ENV} to raise it)"
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{shown_url(url)}: {int(declared) / MB:.1f} MB is over {hint}")
    body = _Body(
        limit, f"{shown_url(url)}: more than {limit / MB:.3g} MB, over {hint}; download stopped"
    )
    decoder = _decoder(url, response.headers.get("Content-Encoding", ""))
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise _Unreachable(f"the download took longer than {timeout:g} s")
        body.count_raw(len(raw))
        if decoder is None:
            body.add(raw)
            continue
        while raw and not decoder.eof:  # never more out of one call than the limit allows
            body.add(decoder.decompress(raw, body.room()))
            raw = decoder.unconsumed_tail
        if decoder.eof:  # anything after the end of the compressed stream is ignored
            break
    if decoder is not None:
        body.add(decoder.flush())  # what is pending (the input is all taken already)
        if not decoder.eof:
            raise FetchError(f"{shown_url(url)}: the server's compressed body is cut short")
    return _Answer(status, body.data(), etag, last_modified)


class _Body:
    """The body as it arrives, refused as soon as it grows beyond ``limit`` bytes."""

    def __init__(self, limit: int, refusal: str) -> None:
        self.limit = limit
        self.refusal = refusal
        self.chunks: list[bytes] = []
        self.size = 0
        self.raw = 0

    def room(self) -> int:
        """How many bytes to ask a decompressor for: at most a megabyte at a time, and one more
        than the limit allows."""
        return min(self.limit - self.size + 1, MB)

    def count_raw(self, size: int) -> None:
        self.raw += size
        if self.raw > self.limit:
            raise FetchError(self.refusal)

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise FetchError(self.refusal)
        self.chunks.append(chunk)

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _decoder(url: str, encoding: str) -> Any:
    """A zlib decompressor for a gzip (or deflate) body, ``None`` for an uncompressed one; only
    gzip is asked for (``Accept-Encoding: gzip``)."""
    coding = encoding.strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    if coding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise FetchError(
        f"{shown_url(url)}: the server sent the schedule in {encoding!r} encoding, not gzip"
    )
