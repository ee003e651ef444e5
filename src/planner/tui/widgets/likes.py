"""The attendee's liked documents and items on the Interests screen: a path box that completes
file names, the list of what is liked with its weight (Delete removes one), and the reading of
a new document in a worker thread (a long PDF takes a second or two), reported back with a
message. Unreadable files are a field error naming the file.

Text pasted into the path box (more than one line) is kept as a document of its own, a file
in the planner's data folder (``pasted/pasted-HASH.txt``): the profile names it like any
other, it is read the same way, and pasting the same text again adds nothing new."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.profile import LIKE_WEIGHT
from planner.model import Programme
from planner.tui.readable_likes import why_unreadable

#: Option ids of the list: a document's path or an item's id, after its kind.
DOC, ITEM = "doc:", "item:"


class PathSuggester(Suggester):
    """Completes the last part of a path from the entries of its folder (folders end in /).
    Hidden entries are offered only once a dot is typed."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # folders change

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, prefix = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(
                (entry.name, entry.is_dir())
                for entry in os.scandir(folder)
                if entry.name.startswith(prefix) and (prefix or not entry.name.startswith("."))
            )
        except OSError:
            return None
        for name, is_folder in names:
            rest = name[len(prefix) :] + (os.sep if is_folder else "")
            if rest:
                return value + rest
        return None


def pasted_path(text: str) -> Path:
    """Where pasted ``text`` is kept: named by its content, in the planner's data folder."""
    from planner.interests.storage import default_profile_path

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return default_profile_path().parent / "pasted" / f"pasted-{digest}.txt"


class LikeInput(Input):
    """The path box: text of more than one line pasted into it is a document, not a path."""

    def _on_paste(self, event: events.Paste) -> None:
        text = event.text.strip()
        if "\n" in text:
            event.prevent_default()
            event.stop()
            panel = next(a for a in self.ancestors if isinstance(a, LikesPanel))
            panel.keep_text(text)


class LikeList(OptionList):
    """Liked documents and items; Delete removes the highlighted one, + and - change a
    document's weight."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove", "Remove", id="likes.remove"),
        Binding("plus,equals_sign", "weight(1)", "Weight +", id="likes.more"),
        Binding("minus", "weight(-1)", "Weight -", id="likes.less"),
    ]

    @dataclass
    class Weighted(Message):
        """The attendee changed a liked document's weight by ``step`` steps."""

        key: str
        step: int

    def action_weight(self, step: int) -> None:
        if self.highlighted is not None:
            key = self.get_option_at_index(self.highlighted).id
            if key is not None:
                self.post_message(self.Weighted(key, step))

    @dataclass
    class Removed(Message):
        """The attendee removed a liked document (``doc:PATH``) or item (``item:ID``)."""

        key: str

    def action_remove(self) -> None:
        if self.highlighted is not None:
            key = self.get_option_at_index(self.highlighted).id
            if key is not None:
                self.post_message(self.Removed(key))


class LikesPanel(Vertical):
    """The path box, its error, and the list of liked documents and items."""

    @dataclass
    class Read(Message):
        """A document was read (in the worker): ``path`` may be liked now."""

        path: str

    @dataclass
    class Unreadable(Message):
        """A document could not be read; ``problem`` names the file."""

        path: str
        problem: str

    def __init__(self, programme: Programme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.programme = programme

    def compose(self) -> ComposeResult:
        yield Label("Liked papers (Enter adds, → completes)", classes="section")
        yield LikeInput(
            placeholder="~/paper.pdf, .bib, .md, .txt, or paste",
            suggester=PathSuggester(),
            id="like-input",
            compact=True,
        )
        yield Static("", id="like-error", classes="field-error")
        yield LikeList(id="likes")

    def show(self, profile: InterestProfile, unreadable: Mapping[str, str]) -> None:
        """List what ``profile`` likes, keeping the highlight where it can; a document in
        ``unreadable`` (path: what is wrong with it) is marked so."""
        likes = self.query_one(LikeList)
        at = likes.highlighted
        likes.clear_options()
        for path, weight in profile.like.items():
            likes.add_option(Option(_document_line(path, weight, unreadable), id=DOC + path))
        titles = self.programme.contribution_by_id
        for cid in profile.like_item:
            title = titles[cid].title if cid in titles else ""
            likes.add_option(Option(f"{LIKE_WEIGHT:g}  more like {cid}: {title}", id=ITEM + cid))
        count = likes.option_count
        likes.highlighted = None if not count else min(at or 0, count - 1)

    @on(Input.Submitted, "#like-input")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        path = str(Path(text).expanduser().absolute())
        self.query_one("#like-error", Static).update("reading…")
        self.read(path)

    def keep_text(self, text: str) -> None:
        """Keep pasted text as a document, and like it."""
        self.query_one("#like-error", Static).update("keeping the pasted text…")
        self.read(str(pasted_path(text)), text)

    @work(thread=True, exclusive=True, group="read-like", exit_on_error=False)
    def read(self, path: str, pasted: str | None = None) -> None:
        """Read the document off the UI thread (it is kept, so scoring it later is quick);
        with ``pasted`` text, write it to ``path`` first."""
        from planner.interests.likes import document

        try:
            if pasted is not None:
                _write(Path(path), pasted)
            document(path)
        except PlannerError as error:
            self.post_message(self.Unreadable(path, str(error)))
        except Exception as error:  # a bug in a reader: still a message, never a traceback
            self.post_message(self.Unreadable(path, f"{path}: cannot read it ({error!r})"))
        else:
            self.post_message(self.Read(path))

    def on_likes_panel_read(self) -> None:
        self.query_one("#like-error", Static).update("")
        self.query_one("#like-input", Input).value = ""

    def on_likes_panel_unreadable(self, message: LikesPanel.Unreadable) -> None:
        self.query_one("#like-error", Static).update(message.problem)


def _document_line(path: str, weight: float, unreadable: Mapping[str, str]) -> Text:
    """``10  paper.pdf  (/home/ana/papers)``; ``(not found)`` when there is no such file, and
    ``(cannot be read: not a PDF ...)`` for a file the planner cannot read."""
    line = Text(f"{weight:g}  {Path(path).name}  ")
    problem = unreadable.get(path)
    if not os.path.lexists(path):
        line.append("(not found)", style="bold red" if problem is not None else "")
    elif problem is not None:
        line.append(f"(cannot be read: {why_unreadable(path, problem)})", style="bold red")
    else:
        line.append(f"({Path(path).parent})")
    return line


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise PlannerError(f"{path}: cannot keep the pasted text ({error.strerror})") from None
