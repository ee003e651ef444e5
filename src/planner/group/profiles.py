"""A group member's profile from their entry in the group file, checked against the programme.

Inline settings are read as the command line's flags are (:mod:`planner.interests.cli_parsing`):
``star`` as ``{ID: WEIGHT}`` (a weight may be ``**``) or a list of ``ID=WEIGHT``; ``arrive``,
``leave`` and each ``busy`` ``[START, END]`` (or ``"START/END"``) leniently, in the conference's
zone unless an offset is given; every other key is a profile setting under its own name. With a
``profile`` file as well, the inline settings add to it as flags do.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.errors import PlannerError
from planner.group.groupfile import GroupFile, MemberEntry, MemberError
from planner.interests.cli_parsing import (
    apply_flags,
    merge_profile,
    parse_busy,
    parse_datetime,
)
from planner.interests.profile import BusyInterval, InterestProfile
from planner.interests.storage import load_profile
from planner.model import Programme
from planner.model.io import describe_validation_error

PARSED = ("star", "arrive", "leave", "busy")
"""Inline keys read like flags; every other key is taken as the profile setting itself."""


@dataclass(frozen=True)
class Member:
    """A member ready to plan."""

    name: str
    line: int
    profile: InterestProfile


def _text(value: Any) -> str:
    """YAML reads ``2022-05-31 09:00:00`` as a datetime and ``2022-05-31`` as a date; the
    planner reads them as it reads a flag (no offset: the conference's zone)."""
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def _ids(value: Any, key: str) -> list[str]:
    if isinstance(value, str | int):
        return [str(value)]
    if value is None:
        return []
    if not isinstance(value, list):
        raise PlannerError(f"{key}: give a list of contribution ids")
    return [str(v) for v in value]


def _stars(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{k}={_text(v)}" for k, v in value.items()]
    return [_text(v) for v in _ids(value, "star")]


def _busy(value: Any, programme: Programme) -> list[BusyInterval]:
    if not isinstance(value, list):
        raise PlannerError("busy: give a list of [START, END] pairs")
    zone = programme.conference.zone
    found: list[BusyInterval] = []
    for each in value:
        if isinstance(each, str):
            found.append(parse_busy(each, programme))
            continue
        if not isinstance(each, list | tuple) or len(each) != 2:
            raise PlannerError(f"busy {each!r}: give [START, END]")
        start = parse_datetime(
            _text(each[0]), zone, "busy start", default_day=programme.conference.start
        )
        end = parse_datetime(
            _text(each[1]),
            zone,
            "busy end",
            default_day=start.astimezone(zone).date(),
            prefer="later",
        )
        if end <= start:
            raise PlannerError(f"busy {each!r}: ends before it starts")
        found.append(BusyInterval(start=start, end=end))
    return found


def _settings(fields: dict[str, Any]) -> dict[str, Any]:
    """The plain settings, validated as a profile's so that errors name the setting."""
    plain = {k: v for k, v in fields.items() if k not in PARSED}
    for key in plain:
        if key not in InterestProfile.model_fields:
            close = difflib.get_close_matches(key, [*InterestProfile.model_fields, "profile"], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise PlannerError(f"{key}: not a profile setting{hint}")
    for key in ("must", "skip", "own"):
        if key in plain:
            plain[key] = _ids(plain[key], key)
    if isinstance(plain.get("keyword"), str):
        plain["keyword"] = [plain["keyword"]]
    try:
        checked = InterestProfile.model_validate(plain)
    except ValidationError as error:
        raise PlannerError("; ".join(describe_validation_error(error, plain))) from None
    return {key: getattr(checked, key) for key in plain}


def member_profile(entry: MemberEntry, programme: Programme, source: str) -> InterestProfile:
    """The member's profile; raises :class:`PlannerError` with the reason."""
    base = InterestProfile()
    origin = source
    if entry.profile_path is not None:
        base = load_profile(entry.profile_path)
        origin = str(entry.profile_path)
    fields = entry.fields
    profile = merge_profile(base, **_settings(fields))
    profile = apply_flags(
        programme,
        profile,
        source=origin,
        star=_stars(fields["star"]) if "star" in fields else (),
        arrive=_text(fields["arrive"]) if fields.get("arrive") is not None else None,
        leave=_text(fields["leave"]) if fields.get("leave") is not None else None,
    )
    if "busy" in fields:
        profile = merge_profile(profile, busy=_busy(fields["busy"], programme))
    inline_ics = set(_ids(fields.get("busy_ics", []), "busy_ics"))
    if inline_ics:  # relative to the group file, as profile paths are
        folder = Path(source).parent
        resolved = [str(folder / p) if p in inline_ics else p for p in profile.busy_ics]
        profile = profile.model_copy(update={"busy_ics": resolved})
    return profile


def resolve_members(
    group: GroupFile, programme: Programme
) -> tuple[list[Member], list[MemberError]]:
    """Every member's profile; a broken one is an error naming the member and line, and the
    others are still returned."""
    source = str(group.path)
    members: list[Member] = []
    errors = list(group.errors)
    for entry in group.members:
        try:
            profile = member_profile(entry, programme, source)
        except PlannerError as error:
            errors.append(MemberError(entry.name, entry.line, str(error), source))
            continue
        members.append(Member(entry.name, entry.line, profile))
    errors.sort(key=lambda e: e.line)
    return members, errors
