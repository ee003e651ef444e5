"""What an exported plan says about each item, shared by the calendar and the agendas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planner.errors import PlannerError
from planner.itinerary import Itinerary, PlannedItem
from planner.model.programme import Contribution, Programme
from planner.views.timefmt import clock

RECONSTRUCTED_NOTE = (
    "Times are reconstructed, not published: check the official schedule on the day."
)


def speakers_line(contribution: Contribution) -> str:
    return "; ".join(str(s) for s in contribution.speakers)


def facts(contribution: Contribution) -> list[str]:
    """What the source says of an item beyond its title: its event type, its language, and
    that it will not be recorded (``["workshop", "de", "not recorded"]``)."""
    found = [contribution.event_type or "", contribution.language or ""]
    if contribution.recorded is False:
        found.append("not recorded")
    return [part for part in found if part]


def main_url(contribution: Contribution) -> str | None:
    """The item's own page, else its first link."""
    if contribution.url:
        return contribution.url
    return contribution.links[0].url if contribution.links else None


def link_lines(contribution: Contribution) -> list[str]:
    """Every link of the item, one a line: ``Slides: https://...`` (its page first)."""
    lines = [contribution.url] if contribution.url else []
    for link in contribution.links:
        if link.url != contribution.url:
            lines.append(f"{link.title}: {link.url}" if link.title else link.url)
    return lines


def location(programme: Programme, contribution: Contribution, room: str | None = None) -> str:
    """The room, and the poster board when there is one."""
    place = room or programme.room_of(contribution)
    if contribution.board:
        return f"{place}, poster board {contribution.board}"
    return place


@dataclass(frozen=True)
class Entry:
    """A planned item with its contribution, its times in the conference's zone."""

    item: PlannedItem
    contribution: Contribution
    start: datetime
    end: datetime

    @property
    def kind_label(self) -> str:
        return {
            "talk": "Talk",
            "invited": "Invited talk",
            "poster-visit": "Poster visit",
            "poster-duty": "Presenting your poster",
        }[self.item.kind]


def entries(itinerary: Itinerary, programme: Programme) -> list[Entry]:
    """The plan's items in time order, each with its contribution. An item whose id is not in the
    programme is an error naming the ids (the plan was made for another programme). Lunch, which
    the plan places freely each day, is not an entry."""
    items = [i for i in itinerary.items if i.kind != "lunch"]
    unknown = [i.id for i in items if i.id not in programme.contribution_by_id]
    if unknown:
        raise PlannerError(
            f"the plan names contributions that are not in {programme.conference.name}: "
            + ", ".join(unknown)
        )
    found = [
        Entry(
            item=i,
            contribution=programme.contribution_by_id[i.id],
            start=programme.local(i.start),
            end=programme.local(i.end),
        )
        for i in items
    ]
    return sorted(found, key=lambda e: (e.start, e.end, e.item.id))


def backup_text(item: PlannedItem, programme: Programme, *, day: bool = False) -> str:
    """``if full: 'Title' in ROOM, 2 min walk``, with the backup's start where it is not the
    item's (``day`` adds its weekday); empty without a backup."""
    backup = item.backup
    if backup is None:
        return ""
    start = programme.local(backup.start)
    when = ""
    if backup.start != item.start or day:
        when = f" at {start:%a} {clock(start)}" if day else f" at {clock(start)}"
    walk = "same room" if backup.walk_minutes == 0 else f"{backup.walk_minutes} min walk"
    return f"if full: '{backup.title or backup.id}' in {backup.room}{when}, {walk}"
