"""Edits the UI makes to an attendee's profile, as pure functions (no Textual here).

Each returns a new, validated :class:`InterestProfile`; the old one is never changed."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.errors import PlannerError
from planner.interests import InterestProfile


def revised(profile: InterestProfile, **changes: Any) -> InterestProfile:
    """``profile`` with ``changes``, validated as a whole (a must-see cannot also be skipped)."""
    data = profile.model_dump()
    data.update(changes)
    try:
        return InterestProfile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "profile"
        raise PlannerError(f"{where}: {first['msg']}") from None


def set_star(profile: InterestProfile, item: str, weight: float) -> InterestProfile:
    """Star ``item`` with ``weight``; a star takes it out of skip."""
    return revised(
        profile,
        star={**profile.star, item: weight},
        skip=[x for x in profile.skip if x != item],
    )


def toggle_must(profile: InterestProfile, item: str) -> InterestProfile:
    """Make ``item`` a must-see (out of skip), or no longer one."""
    if item in profile.must:
        return revised(profile, must=[x for x in profile.must if x != item])
    return revised(profile, must=[*profile.must, item], skip=[x for x in profile.skip if x != item])


def toggle_skip(profile: InterestProfile, item: str) -> InterestProfile:
    """Skip ``item`` (no longer a must-see, starred, nor one you present: a profile may not
    both skip and present an item), or no longer skip it."""
    if item in profile.skip:
        return revised(profile, skip=[x for x in profile.skip if x != item])
    star = {k: v for k, v in profile.star.items() if k != item}
    return revised(
        profile,
        skip=[*profile.skip, item],
        must=[x for x in profile.must if x != item],
        own=[x for x in profile.own if x != item],
        star=star,
    )


def clear_item(profile: InterestProfile, item: str) -> InterestProfile:
    """Forget every explicit wish about ``item``: star, must-see, skip."""
    return revised(
        profile,
        star={k: v for k, v in profile.star.items() if k != item},
        must=[x for x in profile.must if x != item],
        skip=[x for x in profile.skip if x != item],
    )


def toggle_like_item(profile: InterestProfile, item: str) -> InterestProfile:
    """Rank items like ``item`` higher ("more like this"), or no longer."""
    if item in profile.like_item:
        return revised(profile, like_item=[x for x in profile.like_item if x != item])
    return revised(profile, like_item=[*profile.like_item, item])
