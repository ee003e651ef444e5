"""The details of the highlighted item: title, speakers, session, time, room, abstract, notes."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.export.details import facts, link_lines
from planner.model import Programme
from planner.tui.rows import Row
from planner.views.timefmt import RECONSTRUCTED_MARK, day_title

RECONSTRUCTED_NOTE = f"{RECONSTRUCTED_MARK} reconstructed time (not published)"


def details_renderable(
    programme: Programme, row: Row | None, extra: list[Text] | None = None
) -> RenderableType:
    """What the pane shows for ``row``; ``extra`` are lines about the attendee's interest and plan."""
    if row is None:
        return Text("Nothing to show: no item matches.", style="dim")
    when = Text.assemble(
        ("When   ", "bold"),
        f"{day_title(row.day)}, {row.time_text}",
    )
    if row.reconstructed:
        when.append(f"  {RECONSTRUCTED_NOTE}", style="yellow")
    parts: list[RenderableType] = []
    c = row.contribution
    if c is None:
        parts += [Text(row.title, style="bold"), when]
        if row.room:
            parts.append(Text.assemble(("Where  ", "bold"), row.room))
        return Group(*parts)
    session = programme.session_of(c)
    if c.cancelled:
        parts.append(Text("CANCELLED: it will not take place, and is never planned", "bold red"))
    parts.append(Text(c.title, style="bold strike" if c.cancelled else "bold"))
    kind = [c.kind, c.id, *([f"board {c.board}"] if c.board else []), *facts(c)]
    parts.append(Text(" · ".join(kind), style="dim"))
    parts.append(Text(""))
    for speaker in c.speakers:
        line = Text(speaker.name, style="italic")
        if speaker.affiliation:
            line.append(f" — {speaker.affiliation}", style="dim")
        parts.append(line)
    if c.speakers:
        parts.append(Text(""))
    parts.append(Text.assemble(("Session ", "bold"), session.title))
    parts.append(when)
    parts.append(Text.assemble(("Where  ", "bold"), programme.room_of(c)))
    if extra:
        parts.append(Text(""))
        parts.extend(extra)
    if c.abstract:
        parts += [Text(""), Text(c.abstract)]
    for note in c.notes:
        parts += [Text(""), Text.assemble(("Note: ", "bold yellow"), (note, "yellow"))]
    links = link_lines(c)
    if links:
        parts.append(Text(""))
        parts += [Text(line, style="underline") for line in links]
    return Group(*parts)


class DetailsPane(VerticalScroll):
    """A scrollable pane; the screen calls :meth:`show` when the highlighted item changes."""

    DEFAULT_CSS = """
    DetailsPane { padding: 0 1; }
    DetailsPane > #details-body { width: 1fr; }
    """

    def __init__(self, programme: Programme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.programme = programme
        self.row: Row | None = None
        self.content: RenderableType = ""
        self.can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(id="details-body")

    def show(self, row: Row | None, extra: list[Text] | None = None) -> None:
        self.row = row
        self.content = details_renderable(self.programme, row, extra)
        self.query_one("#details-body", Static).update(self.content)
        self.scroll_home(animate=False)
