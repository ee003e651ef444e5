"""A group member's profile from their entry in the group file, checked against the programme.

Inline settings are read as a profile file's are, like the command line's flags
(:mod:`planner.interests.settings`): ``star`` as ``{ID: WEIGHT}`` (a weight may be ``**``) or a
list of ``ID=WEIGHT``; ``arrive``, ``leave`` and each ``busy`` ``[START, END]`` (or
``"START/END"``) leniently, in the conference's zone unless an offset is given; one value where
a list is expected. With a ``profile`` file as well, the inline settings add to it as flags do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError
from planner.group.groupfile import GroupFile, MemberEntry, MemberError
from planner.interests.attendee_input import check_profile, merge_profile
from planner.interests.profile import InterestProfile
from planner.interests.settings import read_settings
from planner.interests.storage import load_profile
from planner.model import Programme


@dataclass(frozen=True)
class Member:
    """A member ready to plan."""

    name: str
    line: int
    profile: InterestProfile


def member_profile(entry: MemberEntry, programme: Programme, source: str) -> InterestProfile:
    """The member's profile; raises :class:`PlannerError` with the reason."""
    base = InterestProfile()
    if entry.profile_path is not None:
        base = load_profile(entry.profile_path, programme)
        check_profile(programme, base, str(entry.profile_path))
    settings = read_settings(entry.fields, programme, extra_keys=("profile",))
    folder = Path(source).parent
    if "busy_ics" in settings:  # relative to the group file, as profile paths are
        settings["busy_ics"] = [str(folder / p) for p in settings["busy_ics"]]
    if "like" in settings:  # likewise
        settings["like"] = {str(folder / p): w for p, w in settings["like"].items()}
    profile = merge_profile(base, **settings)
    check_profile(programme, profile)
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
            if group.folder:  # the message names the profile file
                errors.append(MemberError(entry.name, 0, str(error)))
            else:
                errors.append(MemberError(entry.name, entry.line, str(error), source))
            continue
        members.append(Member(entry.name, entry.line, profile))
    errors.sort(key=lambda e: e.line)
    return members, errors
