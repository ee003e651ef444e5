"""A programme's URL as the planner shows it: credentials (userinfo) and the values of query
parameters that look secret become ``***``; everything else is kept byte for byte."""

from __future__ import annotations

import pytest

from planner.errors import ProgrammeError
from planner.locations import check_url, display_name, location_of, secrets_of, shown_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (  # Indico's signed export: the API key and the signature, not the timestamp
            "https://indico.example.org/export/event/123.json?ak=0d2b7f3a-KEY&signature=SIG9f"
            "&timestamp=1764820800&detail=contributions",
            "https://indico.example.org/export/event/123.json?ak=***&signature=***"
            "&timestamp=1764820800&detail=contributions",
        ),
        (  # a user name and a password: the whole userinfo goes
            "https://user:password@host.example/schedule.xml",
            "https://***@host.example/schedule.xml",
        ),
        (  # a token as the user name (https://TOKEN@host) is userinfo too
            "https://ghp_abc123@host.example/schedule.xml",
            "https://***@host.example/schedule.xml",
        ),
        (
            "https://pretalx.example/conf/schedule/export/schedule.json?token=t0k3n",
            "https://pretalx.example/conf/schedule/export/schedule.json?token=***",
        ),
        ("https://h.example/s.xml?key=abc&lang=en", "https://h.example/s.xml?key=***&lang=en"),
        (  # names in any case; names ending in token, key or secret
            "https://h.example/s?API_KEY=a&Access_Token=b&X-Amz-Security-Token=c&clientSecret=d"
            "&Sig=e&SessionID=f&pass=g&password=h&auth=i&apikey=j&secret=k&session=l",
            "https://h.example/s?API_KEY=***&Access_Token=***&X-Amz-Security-Token=***"
            "&clientSecret=***&Sig=***&SessionID=***&pass=***&password=***&auth=***"
            "&apikey=***&secret=***&session=***",
        ),
        (  # a name written with percent-encoding is still a name; a value's encoding goes
            "https://h.example/s?%61k=a%20b%2Fc&title=Caf%C3%A9+%26+more",
            "https://h.example/s?%61k=***&title=Caf%C3%A9+%26+more",
        ),
        (  # IPv6 host, port, userinfo
            "http://u:p@[2001:db8::1]:8080/x.xml?token=z",
            "http://***@[2001:db8::1]:8080/x.xml?token=***",
        ),
        (  # the fragment is kept, unless it carries a secret itself
            "https://h.example/s.json?key=k#day-2",
            "https://h.example/s.json?key=***#day-2",
        ),
        (
            "https://h.example/cb#access_token=abc&state=x",
            "https://h.example/cb#access_token=***&state=x",
        ),
        ("https://h.example/x?a=1;token=2", "https://h.example/x?a=1;token=***"),  # ";" too
        (  # a parameter repeated, one without a value, one empty
            "https://h.example/s?token=a&token=b&flag&key=&x=1",
            "https://h.example/s?token=***&token=***&flag&key=&x=1",
        ),
    ],
)
def test_secrets_are_hidden(url: str, shown: str) -> None:
    assert shown_url(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "https://fosdem.org/2026/schedule/xml",
        "https://h.example/a%20b/schedule.xml?day=1&lang=de&keyword=rust#top",
        "HTTP://Host.Example:8443/x?",  # scheme case, an empty query
        "https://h.example/x?#",
        "http://[::1]/schedule.xml",
        "https://h.example/x?keys=2&tokens=3&sessions=4&keyword=ai",  # not secret names
        "https://h.example/@notes/schedule.xml",  # "@" in the path is no userinfo
        "https://h.example/x?next=https://u:p@other/",  # nor in the query
    ],
)
def test_a_url_with_nothing_secret_is_unchanged(url: str) -> None:
    assert shown_url(url) == url


def test_secrets_of_names_what_is_hidden() -> None:
    url = "https://me:pw@h.example/x?ak=A%2FB&signature=SIG&t=1"
    assert secrets_of(url) == ["me:pw", "pw", "A%2FB", "A/B", "SIG"]
    assert secrets_of("https://h.example/x?t=1") == []


def test_a_file_name_is_shown_as_its_name() -> None:
    from pathlib import Path

    assert display_name(Path("/tmp/talks/schedule.xml")) == "schedule.xml"
    assert (
        display_name("https://u:p@h.example/s.xml?key=1") == "https://***@h.example/s.xml?key=***"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://u:SECRETPW@h.example:99999/x?token=SECRETTOK",  # a port out of range
        "https://u:SECRETPW@[::1/x?token=SECRETTOK",  # a broken IPv6 host
        "https://u:SECRETPW@h.example/a b?token=SECRETTOK",  # a space
    ],
)
def test_a_refused_url_is_named_without_its_secrets(url: str) -> None:
    with pytest.raises(ProgrammeError) as refused:
        check_url(url)
    assert "SECRETPW" not in str(refused.value) and "SECRETTOK" not in str(refused.value)
    assert "not a URL that can be fetched" in str(refused.value)


def test_another_scheme_is_refused_without_its_secrets() -> None:
    with pytest.raises(ProgrammeError) as refused:
        location_of("ftp://u:SECRETPW@h.example/x.xml")
    assert "SECRETPW" not in str(refused.value)
    assert "ftp://***@h.example/x.xml" in str(refused.value)
