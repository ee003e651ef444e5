"""Events a schedule lists that are breaks, not talks (:func:`planner.sources.raw.is_break`):
taken out of the events and kept as the programme's breaks, with their kind."""

from __future__ import annotations

from collections import Counter

from planner.sources.raw import RawBreak, RawSchedule, is_break


def break_kind(title: str) -> str:
    lowered = title.lower()
    if "lunch" in lowered or "mittag" in lowered:
        return "lunch"
    if "coffee" in lowered or "kaffee" in lowered or "tea" in lowered.split():
        return "coffee"
    return "other"


def separate_breaks(raw: RawSchedule, warnings: list[str]) -> None:
    """Events that are breaks (:func:`planner.sources.raw.is_break`) become breaks."""
    found = [
        event
        for event in raw.events
        if event.start is not None and is_break(event.title, event.event_type, event.speakers)
    ]
    if found:
        taken = {id(event) for event in found}
        raw.events = [event for event in raw.events if id(event) not in taken]
        raw.breaks += [
            RawBreak(event.title, event.start, event.end or event.start, event.room)
            for event in found
            if event.start is not None
        ]
        titles = Counter(event.title for event in found)
        shown = ", ".join(
            f"{title!r}" + (f" x{n}" if n > 1 else "") for title, n in list(titles.items())[:5]
        )
        more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
        count = len(found)
        warnings.append(
            f"{count} event{'s are breaks, not talks' if count != 1 else ' is a break, not a talk'}"
            f" ({shown}{more}): imported as break{'s' if count != 1 else ''}"
        )
