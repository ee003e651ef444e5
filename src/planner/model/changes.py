"""What changed between two versions of a programme, contribution by contribution.

A contribution is ``added`` (new, or reinstated after a cancellation), ``removed`` (gone from the
programme), ``cancelled`` (still listed, marked cancelled), ``moved`` (another time or room; a
poster moves with its session) or ``edited`` (title, speakers or abstract). A move and an edit
of the same contribution are two changes; a cancelled contribution is only cancelled. A
contribution that is new and already cancelled is no news, and an instant written in another
offset is the same instant."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.model.programme import Contribution, Programme

ChangeKind = Literal["added", "removed", "cancelled", "moved", "edited"]
EDITABLE = ("title", "speakers", "abstract")


class ProgrammeChange(BaseModel):
    """One change of one contribution; ``title`` is its title in the newer version (the older
    one for a removed contribution), ``detail`` says what changed in words."""

    model_config = ConfigDict(frozen=True)

    id: str
    change: ChangeKind
    title: str
    detail: str = ""


def _when(programme: Programme, moment: datetime) -> str:
    return programme.local(moment).strftime("%a %d %b %H:%M %Z")


def _place(programme: Programme, c: Contribution) -> str:
    return f"{_when(programme, programme.window(c)[0])} in {programme.room_of(c)}"


def _moved(old: Programme, new: Programme, before: Contribution, after: Contribution) -> bool:
    return old.window(before) != new.window(after) or old.room_of(before) != new.room_of(after)


def _move(old: Programme, new: Programme, before: Contribution, after: Contribution) -> str:
    """``from Sat 29 Oct 09:30 CEST to Sat 29 Oct 11:00 CEST in A``, ``from A to B (Sat ...)``,
    or both the time and the room when both changed."""
    was, now = _when(old, old.window(before)[0]), _when(new, new.window(after)[0])
    rooms = old.room_of(before), new.room_of(after)
    if was == now and rooms[0] == rooms[1]:  # the same start: another end
        return f"now ends at {_when(new, new.window(after)[1])} (was {_when(old, old.window(before)[1])})"
    if was == now:
        return f"from {rooms[0]} to {rooms[1]} ({now})"
    if rooms[0] == rooms[1]:
        return f"from {was} to {now} in {rooms[1]}"
    return f"from {_place(old, before)} to {_place(new, after)}"


def _edited(before: Contribution, after: Contribution) -> list[str]:
    return [field for field in EDITABLE if getattr(before, field) != getattr(after, field)]


def _one(
    old: Programme, new: Programme, before: Contribution, after: Contribution
) -> list[ProgrammeChange]:
    title = after.title
    if after.cancelled and not before.cancelled:
        return [
            ProgrammeChange(
                id=after.id, change="cancelled", title=title, detail=_place(old, before)
            )
        ]
    if before.cancelled and not after.cancelled:
        detail = f"reinstated: {_place(new, after)}"
        return [ProgrammeChange(id=after.id, change="added", title=title, detail=detail)]
    changes = []
    if _moved(old, new, before, after):
        detail = _move(old, new, before, after)
        changes.append(ProgrammeChange(id=after.id, change="moved", title=title, detail=detail))
    edited = _edited(before, after)
    if edited:
        detail = "new " + ", ".join(edited)
        if "title" in edited:
            detail += f" (was '{before.title}')"
        changes.append(ProgrammeChange(id=after.id, change="edited", title=title, detail=detail))
    return changes


def programme_changes(old: Programme, new: Programme) -> list[ProgrammeChange]:
    """The changes from ``old`` to ``new``: the newer version's contributions in its order,
    then the removed ones in the older version's order."""
    earlier = old.contribution_by_id
    changes: list[ProgrammeChange] = []
    for after in new.contributions:
        before = earlier.get(after.id)
        if before is None:
            if not after.cancelled:
                detail = _place(new, after)
                changes.append(
                    ProgrammeChange(id=after.id, change="added", title=after.title, detail=detail)
                )
        else:
            changes.extend(_one(old, new, before, after))
    later = new.contribution_by_id
    for before in old.contributions:
        if before.id not in later:
            detail = _place(old, before)
            changes.append(
                ProgrammeChange(id=before.id, change="removed", title=before.title, detail=detail)
            )
    return changes
