"""The rows of each day of a programme, as every listing shows them: talks, poster sessions with
their posters, and breaks, in time order, each on the day the schedule lists it under
(:meth:`Programme.day_of`). ``planner show`` and the terminal UI's day tables both print these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from planner.model import Contribution, Programme
from planner.views.timefmt import later_mark, span

RowKind = Literal["invited", "talk", "poster", "posters", "coffee", "lunch", "other"]


@dataclass(frozen=True)
class Row:
    """One line of a day: a talk, a poster, a poster session's heading, or a break."""

    key: str
    kind: RowKind
    day: date
    """The day the row is listed under (a talk after midnight: the day before its start)."""
    start: datetime
    end: datetime
    room: str
    title: str
    speaker: str
    reconstructed: bool
    contribution: Contribution | None = None

    @property
    def is_contribution(self) -> bool:
        return self.contribution is not None

    @property
    def time_text(self) -> str:
        """``23:30–00:20 +1d``: the times, marked when reconstructed, and the days after the
        listed day they start on."""
        return span(self.start, self.end, self.reconstructed) + later_mark(self.day, self.start)


def poster_heading(title: str, count: int) -> str:
    return f"{title} ({count} poster{'' if count == 1 else 's'})"


def rows_by_day(
    programme: Programme,
    keep: Callable[[Contribution], bool] | None = None,
    breaks: bool = True,
) -> dict[date, list[Row]]:
    """Every day's rows in time order, days in order (days with no row are absent). Only the
    contributions ``keep`` keeps (all without it), a poster session's heading when it keeps some
    of its posters, and the breaks when ``breaks``."""
    local = programme.local
    entries: dict[date, list[tuple[datetime, int, str, Row]]] = defaultdict(list)
    posters: dict[str, list[Contribution]] = defaultdict(list)

    def speakers(c: Contribution) -> str:
        return ", ".join(s.name for s in c.speakers)

    for c in programme.contributions:
        if keep is not None and not keep(c):
            continue
        if c.is_poster:
            posters[c.session].append(c)
            continue
        start, end = programme.window(c)
        day = programme.day_of(c)
        row = Row(
            c.id,
            c.kind,
            day,
            local(start),
            local(end),
            programme.room_of(c),
            c.title,
            speakers(c),
            programme.times_reconstructed(c),
            c,
        )
        entries[day].append((start, 1, c.id, row))
    for session_id, items in posters.items():
        session = programme.session_by_id[session_id]
        day = programme.day_of(session)
        start, end = local(session.start), local(session.end)
        key = f"session:{session.id}"
        heading = Row(
            key,
            "posters",
            day,
            start,
            end,
            session.room,
            poster_heading(session.title, len(items)),
            "",
            session.times_reconstructed,
        )
        entries[day].append((start, 0, key, heading))
        for order, c in enumerate(items, start=1):
            row = Row(
                c.id,
                "poster",
                day,
                start,
                end,
                programme.room_of(c),
                c.title,
                speakers(c),
                session.times_reconstructed,
                c,
            )
            entries[day].append((start, 0, f"{key}:{order:04d}", row))
    for b in programme.breaks if breaks else ():
        day = programme.day_of(b)
        key = f"break:{b.id}"
        row = Row(
            key,
            b.kind,
            day,
            local(b.start),
            local(b.end),
            b.room or "",
            b.title,
            "",
            b.times_reconstructed,
        )
        entries[day].append((b.start, 2, key, row))
    return {
        day: [row for *_, row in sorted(found, key=lambda e: (e[0], e[1], e[2]))]
        for day, found in sorted(entries.items())
    }


def day_rows(
    programme: Programme,
    day: date,
    keep: Callable[[Contribution], bool] | None = None,
    breaks: bool = True,
) -> list[Row]:
    """One day's rows (see :func:`rows_by_day`)."""
    return rows_by_day(programme, keep, breaks).get(day, [])
