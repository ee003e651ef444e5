"""The mark column of the programme: in the plan, must-see, skip, stars (no Textual here)."""

from __future__ import annotations

from rich.text import Text

from planner.interests import InterestProfile

PLANNED, MUST, SKIP, STAR, CUSTOM_STAR = "✓", "!", "✗", "★", "☆"


def mark(item: str, profile: InterestProfile, planned: bool = False) -> Text:
    """``✓`` when in the plan, then ``!`` must-see, ``✗`` skip, or one to three stars
    (``☆`` for a star with a custom weight)."""
    text = Text(PLANNED if planned else " ", style="bold green")
    if item in profile.must:
        text.append(MUST, style="bold red")
    elif item in profile.skip:
        text.append(SKIP, style="dim")
    elif item in profile.star:
        from planner.interests.scoring import star_level  # only with stars: a costly import

        level = star_level(profile.star[item])
        text.append(STAR * level if level else CUSTOM_STAR, style="bold yellow")
    return text if text.plain.strip() else Text("")
