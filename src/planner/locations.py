"""Where a programme is: a file (a :class:`~pathlib.Path`) or a published schedule's URL (a
``str`` starting with ``http://`` or ``https://``).

Only http and https URLs are fetched; a location with any other scheme (``file:``, ``ftp://``)
is refused with one message rather than taken for a file name. Nothing here touches the network.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from planner.errors import ProgrammeError

Location = Path | str
"""A programme file, or the URL of a published schedule."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")
_FETCHED = ("http", "https")
_REFUSED = ("file", "ftp", "ftps", "sftp", "data", "gopher", "ws", "wss", "mailto", "javascript")


def is_url(value: object) -> bool:
    """``value`` is a string naming an http or https URL."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


def scheme_of(value: str) -> str | None:
    """The URL scheme ``value`` starts with (``ftp`` for ``ftp://host/x``, ``file`` for
    ``file:x``), or ``None`` for a file name. A drive letter (``C:``) is no scheme."""
    found = _SCHEME.match(value)
    if found is None:
        return None
    scheme = found.group(1).lower()
    if value[found.end() :].startswith("//") or scheme in _REFUSED:
        return scheme
    return None


def refused_scheme(value: str) -> ProgrammeError:
    return ProgrammeError(
        f"{value}: only http:// and https:// URLs are fetched, not {scheme_of(value)}:; give a "
        "file name or an http(s) URL"
    )


def check_url(url: str) -> str:
    """``url`` when it is an http(s) URL with a host (and a valid port), else one
    :class:`ProgrammeError` naming it."""
    if not is_url(url):
        raise refused_scheme(url)
    problem = ""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        problem = "it holds spaces or control characters"
    else:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 (raises for a port out of range)
        except ValueError as error:
            problem = str(error)
        else:
            problem = "" if parts.hostname else "no host"
    if problem:
        raise ProgrammeError(f"{url}: not a URL that can be fetched ({problem})")
    return url


def location_of(value: Path | str) -> Location:
    """A URL stays a string (checked by :func:`check_url`); a file name becomes a
    :class:`Path`; any other URL is refused."""
    if isinstance(value, Path):
        return value
    if is_url(value):
        return check_url(value)
    scheme = scheme_of(value)
    if scheme is not None and scheme not in _FETCHED:
        raise refused_scheme(value)
    return Path(value)


def url_suffix(url: str) -> str:
    """The suffix of the URL's path (``.xml`` for ``https://host/2026/schedule.xml?x=1``), lower
    case; ``""`` when it has none. Readers use it as they use a file's suffix."""
    return PurePosixPath(urlsplit(url).path).suffix.lower()


def display_name(location: Location) -> str:
    """A file's name, or the whole URL (what the planner's messages and headers show)."""
    return location if isinstance(location, str) else location.name
