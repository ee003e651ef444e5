"""The interests panel: keywords, speakers, liked papers and items, and session weights, with
the contributions they rank highest, updated at each change."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Label, OptionList, Static

from planner.errors import PlannerError
from planner.interests import InterestProfile
from planner.interests.attendee_input import SESSION_WEIGHT
from planner.interests.checks import unmatched_wishes
from planner.interests.profile import LIKE_WEIGHT
from planner.interests.scoring import Interest
from planner.model import Programme
from planner.tui.messages import ProfileEdited
from planner.tui.profile_edits import revised
from planner.tui.rows import session_titles
from planner.tui.screens.state_screen import StateScreen
from planner.tui.widgets.footer import KeysFooter
from planner.tui.widgets.likes import DOC, LikeList, LikesPanel

if TYPE_CHECKING:
    pass

#: How much one + or - changes a session's weight.
WEIGHT_STEP = 5.0
#: How many ranked matches are listed.
TOP = 40
#: The ranked matches' columns: ids are cut past this width; titles keep at least this one.
MAX_ID = 12
MIN_TITLE = 20


def ranked(
    programme: Programme, scores: dict[str, Interest], top: int = TOP
) -> list[tuple[str, Interest]]:
    """Contributions of positive interest, best first (ties in programme order)."""
    order = {c.id: n for n, c in enumerate(programme.contributions)}
    found = [(cid, i) for cid, i in scores.items() if i.score > 0]
    found.sort(key=lambda pair: (-pair[1].score, order.get(pair[0], 0)))
    return found[:top]


class WordList(OptionList):
    """Keywords or speakers; Delete removes the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "remove", "Remove", id="words.remove"),
    ]

    def action_remove(self) -> None:
        if self.highlighted is not None:
            screen = self.screen
            assert isinstance(screen, InterestsScreen)
            screen.remove_word(self, self.highlighted)


class SessionWeights(DataTable[Text | str]):
    """Session titles and their weights; + and - change the highlighted one, 0 clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "weight(1)", "Weight +", id="sessions.more"),
        Binding("minus", "weight(-1)", "Weight -", id="sessions.less"),
        Binding("0", "weight(0)", "No weight", id="sessions.clear"),
    ]

    def action_weight(self, step: int) -> None:
        screen = self.screen
        assert isinstance(screen, InterestsScreen)
        titles = screen.titles
        if 0 <= self.cursor_row < len(titles):
            screen.change_weight(titles[self.cursor_row], step)


class RankedTable(DataTable[Text | str]):
    """The ranked matches; the title column takes the width the score and id leave, and is
    fitted again whenever the table's width changes (the first time when it is laid out)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.matches: list[tuple[str, str, str]] = []  # id, score, title
        self._width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.show(self.matches, row=self.cursor_row)

    def show(self, matches: list[tuple[str, str, str]], row: int = 0) -> None:
        """Show these (id, score, title) rows, the cursor on ``row``."""
        self.matches = matches
        score = max([len("Score")] + [len(s) for _, s, _ in matches])
        ident = min(max([1] + [len(cid) for cid, _, _ in matches]), MAX_ID)
        scrollbar = self.styles.scrollbar_size_vertical
        title = max(self._width - score - ident - 2 * self.cell_padding * 3 - scrollbar, MIN_TITLE)
        self.clear(columns=True)
        self.add_column("Score", key="score", width=score)
        self.add_column("#", key="id", width=ident)
        self.add_column("Title", key="title", width=title)
        for cid, points, name in matches:
            self.add_row(points, _cut(cid, ident), _cut(name, title), key=cid)
        if matches:
            self.move_cursor(row=min(max(row, 0), len(matches) - 1), animate=False)


def _cut(text: str, width: int) -> Text:
    out = Text(text, no_wrap=True, overflow="ellipsis")
    out.truncate(width, overflow="ellipsis")
    return out


class InterestsScreen(StateScreen):
    """Edits the interest part of the profile; every change goes to the app as a message. It
    shows the app's profile and scores, and watches them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="interests.close"),
    ]

    def __init__(self, programme: Programme) -> None:
        super().__init__()
        self.programme = programme
        self.titles = session_titles(programme)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="interests-body"):
            with Vertical(id="interests-edit"):
                yield Label("Keywords (Enter adds, Delete removes)", classes="section")
                yield Input(placeholder="e.g. anomaly detection", id="keyword-input", compact=True)
                yield WordList(id="keywords")
                yield Label("Speakers", classes="section")
                yield Input(placeholder="e.g. Polsterer", id="speaker-input", compact=True)
                yield WordList(id="speakers")
                yield LikesPanel(self.programme, id="likes-panel")
                yield Label("Sessions (+ / - weight, 0 none)", classes="section")
                yield SessionWeights(id="sessions", cursor_type="row")
            with Vertical(id="interests-ranked"):
                yield Label("Ranked matches (Enter: show in the programme)", classes="section")
                yield RankedTable(id="ranked")
                yield Static(id="ranked-why")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Interests"
        sessions = self.query_one(SessionWeights)
        sessions.add_column("Weight", key="weight", width=6)
        sessions.add_column("Session", key="title")
        for title in self.titles:
            sessions.add_row("", title, key=title)
        self.watch(self.app, "profile", self.show_profile)
        self.watch(self.app, "scores", self.show_scores)
        self.watch(self.app, "unreadable", self.show_unreadable)
        self.query_one("#keyword-input", Input).focus()

    def show_profile(self, profile: InterestProfile) -> None:
        keywords = self.query_one("#keywords", WordList)
        keywords.clear_options()
        keywords.add_options(profile.keyword)
        keywords.highlighted = 0 if profile.keyword else None
        speakers = self.query_one("#speakers", WordList)
        speakers.clear_options()
        speakers.add_options(profile.speaker)
        speakers.highlighted = 0 if profile.speaker else None
        self.query_one(LikesPanel).show(profile, self.state.unreadable)
        sessions = self.query_one(SessionWeights)
        for title in self.titles:
            weight = profile.session.get(title)
            sessions.update_cell(title, "weight", "" if weight is None else f"{weight:g}")
        self.show_why()

    def show_unreadable(self, unreadable: dict[str, str]) -> None:
        self.query_one(LikesPanel).show(self.profile, unreadable)

    def show_scores(self, scores: dict[str, Interest]) -> None:
        titles = self.programme.contribution_by_id
        self.query_one(RankedTable).show(
            [(cid, f"{i.score:g}", titles[cid].title) for cid, i in ranked(self.programme, scores)]
        )
        self.show_why()

    def show_why(self) -> None:
        """The reasons of the highlighted match, under the list."""
        table = self.query_one("#ranked", DataTable)
        why = self.query_one("#ranked-why", Static)
        matches = ranked(self.programme, self.scores)
        if not matches:
            unmatched = [
                line.removeprefix("--") for line in unmatched_wishes(self.programme, self.profile)
            ]
            if unmatched:
                why.update(Text("Nothing matches yet: " + "; ".join(unmatched) + ".", style="dim"))
            else:
                why.update(
                    Text("Add keywords, speakers, papers or session weights to rank.", style="dim")
                )
            return
        cid, interest = matches[min(max(table.cursor_row, 0), len(matches) - 1)]
        c = self.programme.contribution_by_id[cid]
        why.update(Text.assemble((c.title, "bold"), "\n", ("; ".join(interest.reasons), "italic")))

    @on(DataTable.RowHighlighted, "#ranked")
    def ranked_highlighted(self) -> None:
        self.show_why()

    # Up to the app
    def _post(self, what: str, **changes: object) -> None:
        try:
            profile = revised(self.profile, **changes)
        except PlannerError as error:
            self.notify(str(error), title="Error", severity="error")
            return
        self.post_message(ProfileEdited(profile, what))

    @on(Input.Submitted, "#keyword-input")
    def add_keyword(self, event: Input.Submitted) -> None:
        word = event.value.strip()
        event.input.value = ""
        if word and word not in self.profile.keyword:
            self._post(f"keyword {word}", keyword=[*self.profile.keyword, word])

    @on(Input.Submitted, "#speaker-input")
    def add_speaker(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        event.input.value = ""
        if name and name not in self.profile.speaker:
            self._post(f"speaker {name}", speaker=[*self.profile.speaker, name])

    def remove_word(self, words: WordList, index: int) -> None:
        if words.id == "keywords":
            gone = self.profile.keyword[index]
            self._post(f"no keyword {gone}", keyword=[k for k in self.profile.keyword if k != gone])
        else:
            gone = self.profile.speaker[index]
            self._post(f"no speaker {gone}", speaker=[k for k in self.profile.speaker if k != gone])

    def on_likes_panel_read(self, message: LikesPanel.Read) -> None:
        path = message.path
        weight = self.profile.like.get(path, LIKE_WEIGHT)
        self._post(f"like {path}", like={**self.profile.like, path: weight})

    def on_like_list_removed(self, message: LikeList.Removed) -> None:
        if message.key.startswith(DOC):
            path = message.key.removeprefix(DOC)
            like = {k: v for k, v in self.profile.like.items() if k != path}
            self._post(f"no like {path}", like=like)
        else:
            item = message.key.split(":", 1)[1]
            items = [x for x in self.profile.like_item if x != item]
            self._post(f"no more like {item}", like_item=items)

    def on_like_list_weighted(self, message: LikeList.Weighted) -> None:
        if not message.key.startswith(DOC):
            self.notify(f"A liked item weighs {LIKE_WEIGHT:g}; only papers' weights change.")
            return
        path = message.key.removeprefix(DOC)
        weight = max(self.profile.like.get(path, LIKE_WEIGHT) + message.step * WEIGHT_STEP, 0.0)
        self._post(f"like {path}", like={**self.profile.like, path: weight})

    def change_weight(self, title: str, step: int) -> None:
        weights = dict(self.profile.session)
        if step == 0:
            weights.pop(title, None)
        else:
            start = weights.get(title, SESSION_WEIGHT - WEIGHT_STEP if step > 0 else 0.0)
            weights[title] = start + step * WEIGHT_STEP
            if weights[title] == 0:
                del weights[title]
        self._post(f"session {title}", session=weights)

    @on(DataTable.RowSelected, "#ranked")
    def show_in_programme(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.dismiss()
        if key is not None:
            self.state.main.select_contribution(key)

    def action_close(self) -> None:
        self.dismiss()
