"""A programme the TUI follows (a file or a URL): the changes since the version seen
last, the plan made last as the hint, and the programme read again on a key.

The rules are the command line's (:mod:`planner.history`, :mod:`planner.views.changes_view`):
the TUI and ``planner plan``/``planner update`` share what they remember, so a change shown by
one is not news to the other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner import history
from planner.itinerary import Itinerary
from planner.locations import display_name
from planner.model import Programme
from planner.model.changes import ProgrammeChange

if TYPE_CHECKING:
    from planner.interests import InterestProfile
    from planner.interests.scoring import Interest


class Following:
    """Where the programme comes from, and the changes not yet shown with a plan."""

    def __init__(
        self,
        source: Path | str,
        zone: str | None,
        profile_path: Path | None,
        notes: list[str] | None = None,
    ) -> None:
        self.source = source
        self.zone = zone
        self.profile_path = profile_path
        self.key = history.source_key(source) or ""
        self.shown = display_name(source) if isinstance(source, str) else str(source)
        """The source as notifications name it (a URL without its secrets)."""
        self.pending: list[ProgrammeChange] = []
        self.hint: Itinerary | None = None
        """The plan made last from this programme and profile: the first plan's hint."""
        self.notes: list[str] = notes or []
        """What the last reading says about its source (a URL's cached copy used offline)."""

    def start(self, programme: Programme) -> list[str]:
        """Compare the programme read at start with the one seen last (off the UI thread,
        after the first screen); warnings."""
        seen = history.see(self.key, programme)
        self.pending = seen.changes
        self.hint = history.last_plan(self.key, self.profile_path)
        return history.keep(seen)

    def read_again(
        self, profile: InterestProfile
    ) -> tuple[Programme, history.Seen, dict[str, Interest]]:
        """The programme read again from its source (a URL fetched again; in a worker thread),
        with its changes and, when it changed, the scores of ``profile`` on it; :attr:`notes`
        says how it was read."""
        from planner.interests.scoring import score_programme
        from planner.sources import import_programme

        imported = import_programme(self.source, zone=self.zone)
        self.notes = list(imported.notes)
        programme = imported.programme
        seen = history.see(self.key, programme)
        return programme, seen, score_programme(programme, profile) if seen.changes else {}

    def news(self, before: Itinerary | None, after: Itinerary, programme: Programme) -> list[str]:
        """The pending changes as lines for the banner (those touching the plan, one sentence
        each, then a count of the others); they are then shown."""
        from planner.views.changes_view import summary

        changes, self.pending = self.pending, []
        if not changes:
            return []
        mine, rest = summary(changes, before, after, programme)
        return [*(f"• {line}" for line in mine), *([f"{rest} to the programme."] if rest else [])]

    def keep_plan(self, itinerary: Itinerary, programme: Programme) -> list[str]:
        """Keep the plan as the next run's hint (the command line's too); warnings."""
        from planner.views.itinerary_view import itinerary_json

        return history.keep_plan(self.key, self.profile_path, itinerary_json(itinerary, programme))
