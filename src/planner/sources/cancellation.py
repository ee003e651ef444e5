"""Events that will not take place: a cancellation marker in the title, or a state field.

Schedules write it in the title ("CANCELLED Title", "CANCELED Title", "Canceled: Title",
"[cancelled] Title", "Title (ABGESAGT)") or in a state field (pretalx, c3voc: ``canceled``,
``withdrawn``). A cancelled event is kept, with its title without the marker, shown as cancelled
and never planned.
"""

from __future__ import annotations

import re

from planner.model.text import UNTITLED
from planner.sources.raw import RawEvent, RawSchedule

_CANCEL_WORD = r"(?:cancel+ed|abgesagt|entf(?:ä|ae)llt|annul(?:é|e)e?|withdrawn)"
_CANCELLED_TITLE = (
    # "CANCELLED Title", "CANCELED: Title", "ABGESAGT - Title": the marker in capitals
    re.compile(r"^\s*(?:CANCEL+ED|ABGESAGT|ENTF(?:Ä|AE)LLT|WITHDRAWN)\b\s*[:\-–—!]*\s*(?=\S)"),
    # "Cancelled: Title", "Canceled - Title": any case, with a separator
    re.compile(rf"^\s*{_CANCEL_WORD}\s*[:\-–—!]+\s*(?=\S)", re.IGNORECASE),
    # "[cancelled] Title", "(Canceled) Title"
    re.compile(rf"^\s*[\[(]\s*{_CANCEL_WORD}\s*[\])]\s*[:\-–—]*\s*(?=\S)", re.IGNORECASE),
    # "Title [cancelled]", "Title (CANCELED)", "Title - cancelled"
    re.compile(
        rf"(?<=\S)\s*(?:[\[(]\s*{_CANCEL_WORD}\s*[\])]|\s[\-–—]\s*{_CANCEL_WORD}\s*!*)\s*$",
        re.IGNORECASE,
    ),
)
_ANY_CANCEL_WORD = re.compile(_CANCEL_WORD, re.IGNORECASE)
_ANY_LOWER_CANCEL_WORD = re.compile(_CANCEL_WORD)
_ONLY_CANCEL_WORD = re.compile(rf"\W*{_CANCEL_WORD}\W*", re.IGNORECASE)
CANCELLED_STATES = frozenset({"cancelled", "canceled", "withdrawn", "rejected", "deleted"})
"""States a source writes for an event that will not take place (pretalx, c3voc)."""


def cancelled_title(title: str) -> str | None:
    """The title without its cancellation marker when it has one ("CANCELLED Title",
    "Canceled: Title", "[cancelled] Title", "Title (ABGESAGT)"), else None. A word such as
    "Cancelled" opening a title counts only in capitals or followed by a separator, so a talk
    titled "Cancelled flights and what they teach us" stays a talk."""
    if not _has_cancel_word(title):  # most titles: no marker can be there
        return None
    if _ONLY_CANCEL_WORD.fullmatch(title):
        return ""
    for pattern in _CANCELLED_TITLE:
        stripped = pattern.sub("", title, count=1)
        if stripped != title:
            return stripped.strip()
    return None


def _has_cancel_word(title: str) -> bool:
    """Whether a marker's word is in ``title``, in any case. An ASCII title is looked at in
    lower case (the same folding there, and three times faster than a search ignoring case)."""
    if title.isascii():
        return _ANY_LOWER_CANCEL_WORD.search(title.lower()) is not None
    return _ANY_CANCEL_WORD.search(title) is not None


def cancelled_state(state: object) -> bool:
    """Whether a source's state or status field says the event will not take place."""
    return isinstance(state, str) and state.strip().lower() in CANCELLED_STATES


def mark_cancelled(raw: RawSchedule, warnings: list[str]) -> None:
    """Events whose title carries a cancellation marker ("CANCELLED ...", "[cancelled] ...")
    or whose state says so are cancelled: kept, with the title without the marker."""
    found: list[RawEvent] = []
    for event in raw.events:
        title = cancelled_title(event.title)
        if title is not None:
            event.title = title or UNTITLED
            event.cancelled = True
        if event.cancelled:
            found.append(event)
    if found:
        shown = ", ".join(event.ref for event in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        count = len(found)
        warnings.append(
            f"{count} event{'s are' if count != 1 else ' is'} cancelled ({shown}{more}): "
            "kept as cancelled, never planned"
        )
