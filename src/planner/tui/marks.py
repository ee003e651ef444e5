"""The mark column of the programme: must-see, skip, stars, in the plan (no Textual here)."""

from __future__ import annotations

from rich.text import Text

from planner.interests import InterestProfile

MUST, SKIP = "!", "✗"


def mark(item: str, profile: InterestProfile) -> Text:
    """The mark of one contribution for this profile."""
    text = Text()
    if item in profile.must:
        text.append(MUST, style="bold red")
    elif item in profile.skip:
        text.append(SKIP, style="dim")
    return text
