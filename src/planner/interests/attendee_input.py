"""What the attendee types, read into profile values: the flags of ``planner plan``, the TUI's
form fields and a profile file's entries, merged into a profile.

Pure functions: each turns one flag's text into a value of :class:`InterestProfile`, or raises a
:class:`PlannerError` that names the flag and the text.

- ``--star ID[=WEIGHT]``: no weight is one star (:data:`STAR_LEVELS` [1]); ``ID=**`` is two stars.
- ``--session NAME[=WEIGHT]``: no weight is :data:`SESSION_WEIGHT`.
- ``--arrive``, ``--leave``, ``--busy START/END``: read leniently by python-dateutil
  ("2022-05-31 14:00", "31 May 2pm", "14:00"). A time without a date is on the conference's
  first day for ``--arrive`` and ``--busy``, its last day for ``--leave``; an END without a date
  is on START's day. A time without an offset is in the conference's zone.

Daylight saving time: a local time that a DST change skips (2022-03-27 02:30 in Europe/Rome)
does not exist, and is refused rather than guessed. A local time that happens twice (2022-10-30
02:30) is read so that the plan stays inside what the attendee said: ``--arrive`` takes the later
of the two instants, ``--leave`` the earlier, and ``--busy`` the widest interval (its start the
earlier, its end the later).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from planner.errors import CommandLineError, PlannerError
from planner.interests.checks import session_keys
from planner.interests.folding import fold
from planner.interests.profile import (
    LIKE_WEIGHT,
    STAR_LEVELS,
    BusyInterval,
    InterestProfile,
    check_texts,
)
from planner.model import Programme

SESSION_WEIGHT = 10.0
"""Weight of ``--session NAME`` without ``=WEIGHT``: as much as a best keyword match."""

Prefer = Literal["earlier", "later"]

_LISTS = (
    "keyword",
    "speaker",
    "must",
    "skip",
    "own",
    "busy",
    "busy_ics",
    "like_item",
    "type",
    "skip_type",
    "language",
)
_DICTS = ("session", "star", "walk_between", "like")
_ID_FLAGS = ("star", "must", "skip", "own", "like_item")


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def star_weight(text: str) -> float:
    """A star's weight as ``--star ID=WEIGHT`` writes it: ``*``, ``**``, ``***`` or a number of
    0 or more. Raises ValueError with the reason in words."""
    text = text.strip()
    if text and set(text) == {"*"}:
        level = len(text)
        if level not in STAR_LEVELS:
            raise ValueError(f"at most {max(STAR_LEVELS)} stars")
        return STAR_LEVELS[level]
    weight = _number(text)
    if weight is None or weight < 0:
        raise ValueError(f"weight {text!r} is not a number of 0 or more (or *, **, ***)")
    return weight


def star_entry(text: str) -> tuple[str, float]:
    """``"30"`` -> ("30", one star); ``"30=25"`` -> ("30", 25.0); ``"30=**"`` -> two stars.
    Raises ValueError with the reason in words."""
    ident, sep, weight_text = (part.strip() for part in text.partition("="))
    if not ident:
        raise ValueError("give a contribution id, e.g. 30 or 30=25")
    return ident, star_weight(weight_text) if sep else STAR_LEVELS[1]


def parse_star(text: str) -> tuple[str, float]:
    """:func:`star_entry` of ``--star TEXT``."""
    try:
        return star_entry(text)
    except ValueError as error:
        raise PlannerError(f"--star {text!r}: {error}") from None


def _unknown(programme: Programme, ids: Iterable[str]) -> list[str]:
    known = programme.contribution_by_id
    return list(dict.fromkeys(i for i in ids if i not in known))


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(repr(i) for i in items)


def parse_stars(values: Iterable[str], programme: Programme | None = None) -> dict[str, float]:
    """Every ``--star``; with ``programme``, unknown ids are one error listing them all."""
    stars = dict(parse_star(v) for v in values)
    if programme is not None:
        check_ids(programme, stars, "--star")
    return stars


def check_ids(programme: Programme, ids: Iterable[str], flag: str) -> None:
    """Raise listing the ids of ``flag`` that are not contributions of ``programme``."""
    unknown = _unknown(programme, ids)
    if unknown:
        raise PlannerError(
            f"{flag}: no contribution with id {_quoted(unknown)} in "
            f"{programme.conference.name} (`planner show` lists the ids)"
        )


def check_profile(programme: Programme, profile: InterestProfile, source: str = "") -> None:
    """Raise one error listing every contribution id and session of ``profile`` that
    ``programme`` does not have, by setting; ``source`` (a file name) starts the message:
    ``t5.toml: star: no contribution with id '999' in ML4Astro 2022 (...)``."""
    problems: list[str] = []
    for name in _ID_FLAGS:
        unknown = _unknown(programme, getattr(profile, name))
        if unknown:
            problems.append(f"{name}: no contribution with id {_quoted(unknown)}")
    keys = session_keys(programme)
    sessions = [k for k in profile.session if fold(k).strip() not in keys]
    if sessions:
        problems.append(f"session: no session or track {_quoted(sessions)}")
    if not problems:
        return
    prefix = f"{source}: " if source else ""
    where = f"in {programme.conference.name} (`planner show` lists the ids)"
    if len(problems) == 1:
        raise PlannerError(f"{prefix}{problems[0]} {where}")
    raise PlannerError(
        f"{prefix}{len(problems)} problems {where}:\n" + "\n".join(f"  - {p}" for p in problems)
    )


def _both(wish: Iterable[str], skip: Iterable[str]) -> list[str]:
    skipped = set(skip)
    return list(dict.fromkeys(i for i in wish if i in skipped))


def _contribution_ids(ids: list[str]) -> str:
    return f"contribution{'s' if len(ids) > 1 else ''} {', '.join(ids)}"


def check_contradictions(
    wishes: dict[str, Iterable[str]], skip: Iterable[str], *, flags: bool, source: str = ""
) -> None:
    """Refuse an item that is both a wish (``must``, ``own``: the keys of ``wishes``) and
    skipped. On the command line (``flags``) it is a usage error naming the two flags; in a
    profile file, an error naming the file and its keys."""
    skip = list(skip)
    for name, ids in wishes.items():
        both = _both(ids, skip)
        if not both:
            continue
        choose = "choose one for each" if len(both) > 1 else "choose one"
        if flags:
            raise CommandLineError(
                f"--{name} and --skip both name {_contribution_ids(both)}: {choose}"
            )
        prefix = f"{source}: " if source else ""
        raise PlannerError(f"{prefix}{name} and skip both name {_contribution_ids(both)}: {choose}")


def session_entry(text: str) -> tuple[str, float]:
    """``"Anomaly Detection=8"`` -> ("Anomaly Detection", 8.0); no weight is SESSION_WEIGHT.
    Raises ValueError with the reason in words."""
    name, sep, weight_text = text.rpartition("=")
    if not sep:
        name, weight_text = text, ""
    name = name.strip()
    if not name:
        raise ValueError("give a session title, id or track")
    if not sep:
        return name, SESSION_WEIGHT
    weight = _number(weight_text.strip())
    if weight is None:
        raise ValueError(f"weight {weight_text.strip()!r} is not a number")
    return name, weight


def like_entry(text: str) -> tuple[str, float]:
    """``"paper.txt=5"`` -> ("paper.txt", 5.0); ``"paper.txt"`` -> ("paper.txt", LIKE_WEIGHT).
    A file name may hold '=' itself: only a number after the last one is a weight. Raises
    ValueError with the reason in words."""
    name, sep, weight_text = text.rpartition("=")
    weight = _number(weight_text.strip()) if sep else None
    if weight is None:
        name, weight = text, LIKE_WEIGHT
    name = name.strip()
    if not name:
        raise ValueError("give a file, e.g. mypaper.txt or mypaper.txt=5")
    if weight < 0:
        raise ValueError(f"weight {weight_text.strip()!r} is below 0")
    return name, weight


def parse_like(text: str) -> tuple[str, float]:
    """:func:`like_entry` of ``--like TEXT``."""
    try:
        return like_entry(text)
    except ValueError as error:
        raise PlannerError(f"--like {text!r}: {error}") from None


def parse_session(text: str) -> tuple[str, float]:
    """:func:`session_entry` of ``--session TEXT``."""
    try:
        return session_entry(text)
    except ValueError as error:
        raise PlannerError(f"--session {text!r}: {error}") from None


def localize(naive: datetime, zone: ZoneInfo, prefer: Prefer = "earlier") -> datetime:
    """``naive`` as a wall-clock time in ``zone``; ``prefer`` picks between the two instants of
    an hour that happens twice. Raises ValueError for a time a DST change skips."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks skip that hour "
            "when daylight saving time begins"
        )
    if first.utcoffset() == second.utcoffset():
        return first
    earlier, later = sorted((first, second), key=lambda d: d.astimezone(UTC))
    return earlier if prefer == "earlier" else later


def _read(text: str, default: datetime) -> datetime:
    """dateutil's reading of ``text``; fields it lacks come from ``default``. (Its parser loads
    here: most runs read no moment the attendee typed.)"""
    from dateutil import parser as dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names: the time is taken as local
        return dateparser.parse(text, default=default)


def read_moment(text: str, zone: ZoneInfo | None, default: datetime, prefer: Prefer) -> datetime:
    """``text`` read leniently, in ``zone`` unless it gives an offset; fields it lacks come from
    ``default``. Raises ValueError with the reason in words (with ``zone`` None, for a time
    without an offset)."""
    if not text.strip():
        raise ValueError("no date or time given")
    try:
        parsed = _read(text, default)
    except (ValueError, OverflowError, TypeError, LookupError):
        raise ValueError("not a date and time I can read (e.g. 2022-05-31 14:00)") from None
    if parsed.tzinfo is not None and parsed.utcoffset() is not None:
        return parsed.astimezone(zone) if zone is not None else parsed
    if zone is None:
        raise ValueError("no UTC offset, and no conference time zone to read it in")
    return localize(parsed.replace(tzinfo=None), zone, prefer)


def parse_datetime(
    text: str,
    zone: ZoneInfo,
    flag: str,
    *,
    default_day: date,
    prefer: Prefer = "earlier",
) -> datetime:
    """An aware datetime from ``text``; missing date fields come from ``default_day``."""
    try:
        return read_moment(text, zone, datetime.combine(default_day, time()), prefer)
    except ValueError as error:
        raise PlannerError(f"{flag} {text!r}: {error}") from None


def parse_arrive(text: str, programme: Programme) -> datetime:
    conference = programme.conference
    return parse_datetime(
        text, conference.zone, "--arrive", default_day=conference.start, prefer="later"
    )


def parse_leave(text: str, programme: Programme) -> datetime:
    conference = programme.conference
    return parse_datetime(
        text, conference.zone, "--leave", default_day=conference.end, prefer="earlier"
    )


def parse_busy_in(
    text: str, zone: ZoneInfo | None, *, default_day: date, flag: str = "--busy"
) -> BusyInterval:
    """``START/END``, then a label if you like (``2022-05-31 22:00/2022-06-01 01:00 night
    train``): the most words that read as START/END, the rest the label. END without a date is
    on START's day."""
    words = text.split()
    first_error: PlannerError | None = None
    for cut in range(len(words), 0, -1):
        head = " ".join(words[:cut])
        if "/" not in head:
            break
        try:
            interval = _busy_span(head, zone, default_day, f"{flag} {text!r}")
        except PlannerError as error:
            first_error = first_error or error
            continue
        return interval.model_copy(update={"label": " ".join(words[cut:]) or None})
    if first_error is None:
        raise PlannerError(f"{flag} {text!r}: expected START/END, e.g. 2022-05-31 14:00/16:00")
    raise first_error


def _busy_span(text: str, zone: ZoneInfo | None, default_day: date, where: str) -> BusyInterval:
    """``START/END`` alone; problems are told after ``where`` (the flag and the text as given)."""
    readings: list[tuple[datetime, datetime]] = []
    reasons: list[str] = []
    for cut in (i for i, ch in enumerate(text) if ch == "/"):
        head, tail = text[:cut], text[cut + 1 :]
        try:
            start = read_moment(head, zone, datetime.combine(default_day, time()), "earlier")
            end = read_moment(tail, zone, start.replace(tzinfo=None), "later")
        except ValueError as error:
            reasons.append(str(error))
            continue
        readings.append((start, end))
    if not readings:
        if not reasons:
            raise PlannerError(f"{where}: expected START/END, e.g. 2022-05-31 14:00/16:00")
        raise PlannerError(f"{where}: {reasons[0]}")
    if len(readings) > 1:
        raise PlannerError(
            f"{where}: the '/' between START and END is ambiguous; write dates as 2022-05-31"
        )
    start, end = readings[0]
    if end <= start:
        raise PlannerError(f"{where}: ends ({end:%Y-%m-%d %H:%M}) before it starts")
    return BusyInterval(start=start, end=end)


def parse_busy(text: str, programme: Programme) -> BusyInterval:
    conference = programme.conference
    return parse_busy_in(text, conference.zone, default_day=conference.start)


def merge_profile(base: InterestProfile, **flags: Any) -> InterestProfile:
    """``base`` (the profile file) with the command line's flags: list flags add to the
    file's lists, mapping flags add or replace entries, other flags replace the value. A flag
    that is None or empty is not given. ``--must X`` and ``--own X`` take X out of the file's
    skip list, and ``--skip X`` out of its must and own lists."""
    data = base.model_dump()
    for name, value in flags.items():
        if name not in InterestProfile.model_fields:
            raise TypeError(f"merge_profile: unknown flag {name!r}")
        if value is None or (name in _LISTS + _DICTS and not value):
            continue
        if name in _LISTS:
            items = [v.model_dump() if isinstance(v, BusyInterval) else v for v in value]
            data[name] = list(data[name])
            data[name] += [v for v in items if v not in data[name]]
        elif name in _DICTS:
            data[name] = {**data[name], **dict(value)}
        else:
            data[name] = value
    for wanted, others in (("must", ("skip",)), ("own", ("skip",)), ("skip", ("must", "own"))):
        given = set(flags.get(wanted) or ())
        for other in others:
            data[other] = [i for i in data[other] if i not in given]
    try:
        return InterestProfile.model_validate(data)
    except ValidationError as error:
        raise PlannerError("; ".join(_flag_problems(error))) from None


def _flag_problems(error: ValidationError) -> list[str]:
    """One line per problem, naming the flag: "--walk: Input should be greater than ..."."""
    lines: list[str] = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        message = str(item["msg"]).removeprefix("Value error, ")
        if loc:
            flag = "--" + loc[0].replace("_", "-")
            message = f"{' '.join([flag, *loc[1:]])}: {message}"
        lines.append(message)
    return lines


def apply_flags(
    programme: Programme,
    base: InterestProfile,
    *,
    source: str = "the profile",
    keyword: Iterable[str] = (),
    session: Iterable[str] = (),
    speaker: Iterable[str] = (),
    star: Iterable[str] = (),
    must: Iterable[str] = (),
    skip: Iterable[str] = (),
    own: Iterable[str] = (),
    like: Iterable[str] = (),
    like_item: Iterable[str] = (),
    arrive: str | None = None,
    leave: str | None = None,
    busy: Iterable[str] = (),
    **other: Any,
) -> InterestProfile:
    """The whole command line at once: ``base`` (read from ``source``) and the flags as typed
    (strings), checked against ``programme``. ``other`` are the flags that need no parsing
    (walk, lunch, max_talks_per_day, ...), as :func:`merge_profile` takes them."""
    check_profile(programme, base, source)
    for flag, texts in (("--keyword", keyword), ("--speaker", speaker), ("--session", session)):
        try:
            check_texts(list(texts), flag)
        except ValueError as error:
            raise PlannerError(str(error)) from None
    check_contradictions(
        {"must": base.must, "own": base.own}, base.skip, flags=False, source=source
    )
    must, skip, own, like_item = list(must), list(skip), list(own), list(like_item)
    for flag, ids in (
        ("--must", must),
        ("--skip", skip),
        ("--own", own),
        ("--like-item", like_item),
    ):
        check_ids(programme, ids, flag)
    check_contradictions({"must": must, "own": own}, skip, flags=True)
    return merge_profile(
        base,
        keyword=list(keyword),
        session=dict(parse_session(s) for s in session),
        speaker=list(speaker),
        star=parse_stars(star, programme),
        must=must,
        skip=skip,
        own=own,
        like=dict(parse_like(text) for text in like),
        like_item=like_item,
        arrive=parse_arrive(arrive, programme) if arrive is not None else None,
        leave=parse_leave(leave, programme) if leave is not None else None,
        busy=[parse_busy(b, programme) for b in busy],
        **other,
    )
