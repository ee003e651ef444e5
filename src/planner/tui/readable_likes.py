"""The part of a profile the planner can use when some liked documents cannot be read (moved,
deleted, not a document): the rest still ranks and plans, and the attendee is told which
file is wrong (no Textual here)."""

from __future__ import annotations

from planner.errors import PlannerError
from planner.interests import InterestProfile


def without_unreadable(profile: InterestProfile) -> tuple[InterestProfile, dict[str, str]]:
    """``profile`` without the liked documents that cannot be read, and what is wrong with
    each, by path (a message naming the file). A document is read once while its file is
    unchanged, so this is quick after the first time."""
    if not profile.like:
        return profile, {}
    from planner.interests.likes import document

    keep: dict[str, float] = {}
    problems: dict[str, str] = {}
    for path, weight in profile.like.items():
        try:
            document(path)
        except PlannerError as error:
            problems[path] = str(error)
        else:
            keep[path] = weight
    if not problems:
        return profile, {}
    return profile.model_copy(update={"like": keep}), problems


def why_unreadable(path: str, problem: str) -> str:
    """What is wrong with the file, without its path (the list it is shown in names it):
    ``not a PDF (...)``."""
    return problem.removeprefix(f"{path}: ")
