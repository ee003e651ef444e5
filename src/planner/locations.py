"""Where a programme is: a file (a :class:`~pathlib.Path`) or a published schedule's URL (a
``str`` starting with ``http://`` or ``https://``).

Only http and https URLs are fetched; a location with any other scheme (``file:``, ``ftp://``)
is refused with one message rather than taken for a file name. Nothing here touches the network.

A URL may carry secrets (``https://user:pw@host/...``, Indico's ``?ak=KEY&signature=SIG``,
``?token=...``): :func:`shown_url` is the URL as messages, notes and every file written for
people to read name it, those secrets replaced by ``***``; only the request uses the whole URL.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, unquote_plus, urlsplit

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
        f"{shown_url(value)}: only http:// and https:// URLs are fetched, not {scheme_of(value)}:; give a "
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
        raise ProgrammeError(f"{shown_url(url)}: not a URL that can be fetched ({problem})")
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
    """A file's name, or the URL as :func:`shown_url` shows it (what the planner's messages and
    headers show)."""
    return shown_url(location) if isinstance(location, str) else location.name


HIDDEN = "***"
"""What stands for a secret in a URL that is shown."""

#: The parts of a URL, as RFC 3986 (appendix B) takes it apart: this never fails, and the
#: parts put back together give the very same string (``urlsplit`` and ``urlunsplit`` drop an
#: empty ``?`` or ``#``, lower the scheme's case and take out tabs and newlines).
_PARTS = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", re.S)
_PAIR_SEPARATOR = re.compile(r"([&;])")
_SECRET_NAMES = frozenset(
    {
        "ak",
        "apikey",
        "auth",
        "authorization",
        "jwt",
        "key",
        "pass",
        "passwd",
        "password",
        "pwd",
        "secret",
        "session",
        "sessionid",
        "sid",
        "sig",
        "signature",
        "token",
    }
)
_SECRET_ENDINGS = ("token", "key", "secret", "password", "signature", "credential")


def secret_name(name: str) -> bool:
    """A query parameter's name that says its value is a secret (``ak``, ``api_key``,
    ``Access-Token``, ``X-Amz-Signature``, any name ending in ``token``, ``key``, ``secret``):
    case, percent-encoding and the ``-``, ``_``, ``.`` between words do not count."""
    plain = re.sub(r"[-_.\s]", "", unquote_plus(name)).lower()
    return plain in _SECRET_NAMES or plain.endswith(_SECRET_ENDINGS)


def _pairs(text: str) -> list[tuple[str, str | None]]:
    """``a=1&b`` as ``[("a", "1"), ("&", None), ("b", None)]``: each pair's name and value
    (``None`` when it has no ``=``), separators as names without a value."""
    found: list[tuple[str, str | None]] = []
    for piece in _PAIR_SEPARATOR.split(text):
        name, equals, value = piece.partition("=")
        found.append((name, value if equals else None))
    return found


def _hidden_pairs(text: str) -> str:
    return "".join(
        name if value is None else f"{name}={HIDDEN if value and secret_name(name) else value}"
        for name, value in _pairs(text)
    )


def shown_url(url: str) -> str:
    """``url`` as the planner may show it or write it for people to read: its userinfo (a user
    name and password, or a token given as the user name) becomes ``***``, and so does the value
    of each query parameter whose name looks secret (:func:`secret_name`), and of such a
    parameter in the fragment (``#access_token=...``). Everything else is kept as written: the
    parameters' order and encoding, the path, the host, the port. The request itself uses the
    full ``url``.

    ``https://user:pw@host/x.json?ak=KEY&timestamp=1`` is shown as
    ``https://***@host/x.json?ak=***&timestamp=1``."""
    parts = _PARTS.match(url)
    if parts is None:  # cannot happen: every part of the pattern may be empty
        return url
    scheme, authority, path, query, fragment = parts.groups()
    shown = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        _, at, host = authority.rpartition("@")
        shown += f"//{HIDDEN}@{host}" if at else f"//{host}"
    shown += path
    if query is not None:
        shown += f"?{_hidden_pairs(query)}"
    if fragment is not None:
        shown += f"#{_hidden_pairs(fragment) if '=' in fragment else fragment}"
    return shown


def secrets_of(url: str) -> list[str]:
    """The secrets :func:`shown_url` hides in ``url``, as written there and decoded (the
    userinfo, its password, each secret parameter's value): what no message may hold."""
    parts = _PARTS.match(url)
    if parts is None:
        return []
    _, authority, _, query, fragment = parts.groups()
    found: list[str] = []
    userinfo, at, _ = (authority or "").rpartition("@")
    if at and userinfo:
        found.append(userinfo)
        password = userinfo.partition(":")[2]
        found += [password, unquote(password)] if password else []
    for text in (query, fragment):
        for name, value in _pairs(text or ""):
            if value and secret_name(name):
                found += [value, unquote_plus(value)]
    return list(dict.fromkeys(piece for piece in found if piece))


def without_secrets(text: str, url: str) -> str:
    """``text`` (a message from a library about ``url``) with ``url`` shown by
    :func:`shown_url` and any secret of it (:func:`secrets_of`) as ``***``."""
    text = text.replace(url, shown_url(url))
    for secret in sorted(secrets_of(url), key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text
