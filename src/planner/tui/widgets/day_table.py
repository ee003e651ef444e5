"""One day of the programme as a table: time, room, kind, title, speaker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from planner.tui.rows import Row

#: A mark for a row (its key), e.g. stars or "in the plan"; empty for none.
Marker = Callable[[str], Text]

FIXED_WIDTHS = {"mark": 5, "kind": 7}
CANCELLED = "cancelled"
"""The kind column of a cancelled item (the column widens for it on a day that has one)."""
TIME_WIDTH = 12
"""``09:30–10:30*``; wider on a day with a talk after midnight (``00:50–01:30 +1d``)."""
ROOM_WIDTH = 11
"""The room column's width on narrow terminals; on wider ones it grows to the longest room name
of the day, up to :data:`ROOM_SHARE` of the width (longer names are cut with "…")."""
ROOM_SHARE = 0.12
SPEAKER_SHARE = 0.3
MIN_TITLE = 20

COLUMNS = {
    "mark": "",
    "time": "Time",
    "room": "Room",
    "kind": "Kind",
    "title": "Title",
    "speaker": "Speaker",
}

KIND_STYLE = {
    "invited": "bold",
    "posters": "bold",
    "coffee": "dim",
    "lunch": "dim",
    "other": "dim",
}


def _no_mark(_: str) -> Text:
    return Text("")


class CellText(Text):
    """The text of a cell in a column of set width, which the table does not measure.

    A DataTable measures each cell of each new row (for the widths of columns that fit their
    content) unless the cell has no ``__rich_measure__``. Every column here has a set width,
    so the measures went unused: on a FOSDEM day of 484 rows, 58 ms of the first screen and
    half of each refill (clearing a search)."""

    __rich_measure__ = None  # type: ignore[assignment]

    @classmethod
    def of(cls, text: Text) -> CellText:
        return cls(text.plain, style=text.style, spans=list(text.spans), no_wrap=True)


def _fit(text: str, width: int, style: str) -> CellText:
    """``text`` cut to ``width`` cells with an ellipsis (the details pane shows it all)."""
    out = CellText(text, style=style, no_wrap=True)
    out.truncate(width, overflow="ellipsis")
    return out


class DayTable(DataTable[Text | str]):
    """The rows of one day. The screen gives it rows (already filtered) and a marker; it keeps
    the cursor on the same item across refreshes and fits the title column to its width."""

    DEFAULT_CSS = """
    DayTable { height: 1fr; }
    """

    def __init__(self, day: date, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.day = day
        self.rows_shown: list[Row] = []
        self.marker: Marker = _no_mark
        self._width = 0
        self._built: dict[str, int] = {}
        self._wanted: str | None = None

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._fill()

    def widths(self) -> dict[str, int]:
        """Each column's width for the rows shown at the table's width: the time and room as
        wide as they need (the room within its share), the title and speaker the rest."""
        time = max([TIME_WIDTH, *(len(r.time_text) for r in self.rows_shown)])
        room = max([ROOM_WIDTH, *(len(r.room) for r in self.rows_shown)])
        room = min(room, max(ROOM_WIDTH, int(self._width * ROOM_SHARE)))
        fixed = dict(FIXED_WIDTHS)
        if any(r.contribution is not None and r.contribution.cancelled for r in self.rows_shown):
            fixed["kind"] = len(CANCELLED)
        padding = 2 * (len(fixed) + 4)
        rest = max(self._width - sum(fixed.values()) - time - room - padding - 2, MIN_TITLE + 10)
        speaker = max(int(rest * SPEAKER_SHARE), 10)
        return {
            **fixed,
            "time": time,
            "room": room,
            "title": rest - speaker,
            "speaker": speaker,
        }

    def _build_columns(self, widths: dict[str, int]) -> None:
        self.clear(columns=True)
        for key, label in COLUMNS.items():
            self.add_column(label, width=widths[key], key=key)
        self._built = widths

    @property
    def highlighted_key(self) -> str | None:
        row = self.highlighted_row
        return row.key if row is not None else None

    @property
    def highlighted_row(self) -> Row | None:
        """The row under the cursor; in a table not filled yet (a day not shown before), the
        row the cursor will be put on when it is (:meth:`select_key`), not the first."""
        if self._wanted is not None:
            return next((row for row in self.rows_shown if row.key == self._wanted), None)
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def show(self, rows: list[Row], marker: Marker | None = None) -> None:
        """Show these rows, keeping the cursor on the same item when it is still shown."""
        keep = self.highlighted_key
        self.rows_shown = rows
        if marker is not None:
            self.marker = marker
        self._fill(keep)

    def refresh_marks(self) -> None:
        if not self.columns:  # not laid out yet: marks come with the first fill
            return
        for row in self.rows_shown:
            if row.is_contribution:
                self.update_cell(row.key, "mark", self.marker(row.key))

    def _fill(self, keep: str | None = None) -> None:
        keep = keep or self._wanted or self.highlighted_key
        if not self._width:  # not laid out yet: filled on the first resize
            return
        widths = self.widths()
        if widths != self._built:
            self._build_columns(widths)
        self._wanted = None
        self.clear()
        under_heading = False  # a poster under its session's heading keeps its time there
        for row in self.rows_shown:
            style = KIND_STYLE.get(row.kind, "")
            under_heading = row.kind == "posters" or (under_heading and row.kind == "poster")
            previous_poster = under_heading and row.kind == "poster"
            kind = CellText(row.kind, style="dim" if style == "dim" else "")
            if row.contribution is not None and row.contribution.cancelled:
                style, kind = f"{style} strike dim".strip(), CellText(CANCELLED, style="bold red")
            self.add_row(
                CellText.of(self.marker(row.key)) if row.is_contribution else CellText(""),
                CellText("" if previous_poster else row.time_text),
                _fit(row.room, widths["room"], ""),
                kind,
                _fit(("  " if previous_poster else "") + row.title, widths["title"], style),
                _fit(row.speaker, widths["speaker"], "italic"),
                key=row.key,
            )
        if keep is not None:
            self.select_key(keep)

    def select_key(self, key: str) -> bool:
        """Move the cursor to the row with this key; False when it is not shown. A table not
        laid out yet moves there when it is first filled."""
        for index, row in enumerate(self.rows_shown):
            if row.key == key:
                if self.row_count:
                    self.move_cursor(row=index, animate=False)
                else:
                    self._wanted = key
                return True
        return False
