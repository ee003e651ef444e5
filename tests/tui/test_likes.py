"""More like this: the l key on the main screen, liked documents on the Interests screen (read
in a worker), and profiles whose liked documents cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import DataTable, Input, Static

from planner.interests import InterestProfile
from planner.interests.storage import load_profile, save_profile
from planner.tui.app import PlannerApp, make_app
from planner.tui.screens.interests import InterestsScreen
from planner.tui.widgets.likes import LikeList, LikesPanel, PathSuggester

from .conftest import FIXED_NOW, running, settle
from .test_browse import details_text

pytestmark = pytest.mark.asyncio

Make = Callable[..., PlannerApp]


def ranked_ids(app: PlannerApp) -> list[str]:
    table = app.screen.query_one("#ranked", DataTable)
    return [str(key.value) for key in table.rows]


def positive(app: PlannerApp) -> set[str]:
    return {cid for cid, interest in app.scores.items() if interest.score > 0}


class Seen:
    """The messages of some kinds the app's widgets received, in order."""

    def __init__(self, *kinds: type[Message]) -> None:
        self.kinds = kinds
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, self.kinds):
            self.messages.append(message)

    def notes(self) -> list[str]:
        return [m.notification.message for m in self.messages if isinstance(m, Notify)]


async def wait_for(pilot: object, seen: Seen, kind: type[Message]) -> Message:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.app.workers.wait_for_complete()
    for _ in range(200):
        found = [m for m in seen.messages if isinstance(m, kind)]
        if found:
            await pilot.pause()
            return found[-1]
        await pilot.pause(0.02)
    raise AssertionError(f"no {kind.__name__} message")


def abstract_of(app: PlannerApp, cid: str, folder: Path) -> Path:
    c = app.programme.contribution_by_id[cid]
    path = folder / "my-abstract.txt"
    path.write_text(f"{c.title}\n\n{c.abstract}\n", encoding="utf-8")
    return path


async def test_l_likes_the_highlighted_item_and_the_ranking_and_plan_follow(
    make: Make, tmp_path: Path
) -> None:
    profile_path = tmp_path / "profile.toml"
    app = make(profile_path=profile_path)
    async with running(app) as pilot:
        assert app.main.select_contribution("16")
        await pilot.pause()
        assert positive(app) == set()
        await pilot.press("l")
        assert app.profile.like_item == ["16"]
        assert load_profile(profile_path, app.programme).like_item == ["16"], "saved"
        liked = positive(app)
        assert liked and "16" not in liked, "items like 16 rank, not 16 itself"
        best = max(liked, key=lambda cid: app.scores[cid].score)
        assert any(r.startswith("more like 16") for r in app.scores[best].reasons)
        assert "More like this: items like it rank higher" in details_text(app)
        await settle(pilot)
        assert app.itinerary is not None
        planned = {i.id for i in app.itinerary.items if i.id in app.programme.contribution_by_id}
        assert planned and planned <= liked, "the plan is made of items like 16"
        await pilot.press("l")
        assert app.profile.like_item == []
        assert positive(app) == set()
        assert "More like this" not in details_text(app)


async def test_more_like_this_is_in_the_help_and_the_command_palette(make: Make) -> None:
    app = make()
    async with running(app) as pilot:
        entries = dict(app.binding_help())
        assert entries["l"] == "More like this: rank items like it higher (again: undo)"
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert app.main.select_contribution("30")
        commands["More like this"].callback()
        await pilot.pause()
        assert app.profile.like_item == ["30"]


async def test_adding_a_text_document_ranks_its_likes_and_delete_removes_it(
    make: Make, tmp_path: Path
) -> None:
    app = make()
    seen = Seen(LikesPanel.Read, LikesPanel.Unreadable)
    async with running(app, message_hook=seen) as pilot:
        path = abstract_of(app, "16", tmp_path)
        await pilot.press("i")
        assert isinstance(app.screen, InterestsScreen)
        box = app.screen.query_one("#like-input", Input)
        box.focus()
        box.value = str(path)
        await pilot.press("enter")
        read = await wait_for(pilot, seen, LikesPanel.Read)
        assert isinstance(read, LikesPanel.Read) and read.path == str(path)
        assert app.profile.like == {str(path): 10.0}
        ids = ranked_ids(app)
        assert ids[0] == "16", "the abstract's own contribution ranks first"
        assert any("my-abstract.txt" in r for r in app.scores[ids[1]].reasons)
        likes = app.screen.query_one(LikeList)
        assert [str(likes.get_option_at_index(0).prompt)] == [f"10  my-abstract.txt  ({tmp_path})"]
        assert box.value == "", "the box is cleared for the next file"
        likes.focus()
        await pilot.press("plus")
        assert app.profile.like == {str(path): 15.0}
        assert app.scores[ids[0]].score == 15.0, "its best match is worth its weight"
        await pilot.press("minus", "minus", "minus", "minus")
        assert app.profile.like == {str(path): 0.0}, "not below nothing"
        await pilot.press("plus", "plus")
        assert str(likes.get_option_at_index(0).prompt).startswith("10  my-abstract.txt")
        await pilot.press("delete")
        assert app.profile.like == {}
        assert ranked_ids(app) == []
        assert likes.option_count == 0


async def test_an_unreadable_path_is_a_field_error_naming_the_file(
    make: Make, tmp_path: Path
) -> None:
    app = make()
    seen = Seen(LikesPanel.Read, LikesPanel.Unreadable)
    async with running(app, message_hook=seen) as pilot:
        await pilot.press("i")
        box = app.screen.query_one("#like-input", Input)
        error = app.screen.query_one("#like-error", Static)
        box.focus()
        missing = tmp_path / "gone.pdf"
        box.value = str(missing)
        await pilot.press("enter")
        await wait_for(pilot, seen, LikesPanel.Unreadable)
        assert str(error.render()) == f"{missing}: no such file"
        assert box.value == str(missing), "kept, to be corrected"
        broken = tmp_path / "broken.pdf"
        broken.write_text("not a pdf at all", encoding="utf-8")
        box.value = str(broken)
        seen.messages.clear()
        await pilot.press("enter")
        await wait_for(pilot, seen, LikesPanel.Unreadable)
        assert str(error.render()).startswith(f"{broken}: not a PDF")
        assert app.profile.like == {}
        assert isinstance(app.screen, InterestsScreen), "no crash, still on the screen"


async def test_the_path_box_completes_file_and_folder_names(tmp_path: Path) -> None:
    (tmp_path / "my-abstract.txt").write_text("x", encoding="utf-8")
    (tmp_path / "papers").mkdir()
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    suggest = PathSuggester()
    assert await suggest.get_suggestion(f"{tmp_path}/my") == f"{tmp_path}/my-abstract.txt"
    assert await suggest.get_suggestion(f"{tmp_path}/pa") == f"{tmp_path}/papers/"
    assert await suggest.get_suggestion(f"{tmp_path}/") == f"{tmp_path}/my-abstract.txt"
    assert await suggest.get_suggestion(f"{tmp_path}/.h") == f"{tmp_path}/.hidden.txt"
    assert await suggest.get_suggestion(f"{tmp_path}/zz") is None
    assert await suggest.get_suggestion(f"{tmp_path}/nowhere/x") is None


async def test_a_profile_whose_liked_file_is_missing_opens_and_plans_the_rest(
    tmp_path: Path,
) -> None:
    gone = tmp_path / "moved-away.pdf"
    profile_path = tmp_path / "profile.toml"
    save_profile(
        InterestProfile.model_validate(
            {"keyword": ["anomaly detection"], "like": {str(gone): 10.0}}
        ),
        profile_path,
    )
    app = make_app(profile_path=profile_path, clock=lambda: FIXED_NOW)
    seen = Seen(Notify)
    async with running(app, message_hook=seen) as pilot:
        await settle(pilot)
        assert [n for n in seen.notes() if str(gone) in n] == [
            f"{gone}: no such file. The rest of your interests still count."
        ]
        assert "16" in positive(app), "the keyword still ranks"
        assert app.itinerary is not None and app.itinerary.items, "and plans"
        assert app.profile.like == {str(gone): 10.0}, "kept, for the attendee to fix"
        # Further edits do not repeat the notification, nor fail.
        assert app.main.select_contribution("16")
        await pilot.press("m")
        await settle(pilot)
        assert app.profile.must == ["16"]
        assert len([n for n in seen.notes() if str(gone) in n]) == 1
        # The Interests screen lists it, and it can be removed there.
        await pilot.press("i")
        likes = app.screen.query_one(LikeList)
        assert str(likes.get_option_at_index(0).prompt) == "10  moved-away.pdf  (not found)"
        likes.focus()
        await pilot.press("delete")
        assert app.profile.like == {}
        assert load_profile(profile_path, app.programme).like == {}


async def test_pasted_text_is_kept_as_a_document_and_ranks(make: Make, user_dirs: Path) -> None:
    app = make()
    seen = Seen(LikesPanel.Read, LikesPanel.Unreadable)
    async with running(app, message_hook=seen) as pilot:
        c = app.programme.contribution_by_id["16"]
        await pilot.press("i")
        box = app.screen.query_one("#like-input", Input)
        box.focus()
        box.post_message(events.Paste(f"{c.title}\n\n{c.abstract}"))
        read = await wait_for(pilot, seen, LikesPanel.Read)
        assert isinstance(read, LikesPanel.Read)
        kept = Path(read.path)
        assert kept.parent == user_dirs / "xdg_data_home" / "planner" / "pasted"
        assert kept.read_text(encoding="utf-8").startswith(c.title)
        assert app.profile.like == {str(kept): 10.0}
        assert box.value == "", "the text went to the document, not into the box"
        assert ranked_ids(app)[0] == "16"


async def test_reading_a_document_does_not_block_the_screen(
    make: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import planner.interests.likes as likes

    real = likes.document
    gate = threading.Event()

    def slow(path: str) -> object:  # a long PDF: the screen goes on meanwhile
        gate.wait(30)
        return real(path)

    monkeypatch.setattr(likes, "document", slow)
    app = make()
    seen = Seen(LikesPanel.Read, LikesPanel.Unreadable)
    async with running(app, message_hook=seen) as pilot:
        path = abstract_of(app, "16", tmp_path)
        await pilot.press("i")
        box = app.screen.query_one("#like-input", Input)
        box.focus()
        box.value = str(path)
        await pilot.press("enter")
        assert str(app.screen.query_one("#like-error", Static).render()) == "reading…"
        keyword = app.screen.query_one("#keyword-input", Input)
        keyword.focus()
        await pilot.press(*"galaxy", "enter")
        assert app.profile.keyword == ["galaxy"], "keys work while the document is read"
        assert app.profile.like == {} and not seen.messages
        gate.set()
        await wait_for(pilot, seen, LikesPanel.Read)
        assert app.profile.like == {str(path): 10.0}
        assert app.profile.keyword == ["galaxy"]


async def test_the_liked_papers_list_marks_a_file_that_is_there_but_cannot_be_read(
    tmp_path: Path,
) -> None:
    good = tmp_path / "my-abstract.txt"
    good.write_text("Anomaly detection in light curves of the transient sky.\n", encoding="utf-8")
    broken = tmp_path / "draft.txt"
    broken.write_bytes(b"\x80\x81\x82 draft\x00\x01")  # there, but no text
    gone = tmp_path / "moved-away.pdf"
    profile_path = tmp_path / "profile.toml"
    like = {str(good): 10.0, str(broken): 5.0, str(gone): 10.0}
    save_profile(InterestProfile.model_validate({"like": like}), profile_path)
    app = make_app(profile_path=profile_path, clock=lambda: FIXED_NOW)
    seen = Seen(Notify)
    async with running(app, message_hook=seen) as pilot:
        await pilot.press("i")  # before the warm-up has read the files: marked once it has
        await settle(pilot)
        assert isinstance(app.screen, InterestsScreen)
        likes = app.screen.query_one(LikeList)
        prompts = [likes.get_option_at_index(n).prompt for n in range(likes.option_count)]
        assert [str(p) for p in prompts[:3]] == [
            f"10  my-abstract.txt  ({tmp_path})",
            "5  draft.txt  (cannot be read: not a PDF, BibTeX or text file (it holds binary data))",
            "10  moved-away.pdf  (not found)",
        ]
        assert isinstance(prompts[1], Text)
        assert any("red" in str(span.style) for span in prompts[1].spans), "marked as an error"
        assert not any("red" in str(span.style) for span in prompts[0].spans)
        assert any(str(broken) in n for n in seen.notes()), "and told once, as before"
        assert "16" in positive(app), "the readable paper still ranks"
        # Fixed on disk: the next edit reads it again, and the mark goes.
        broken.write_text("Variational autoencoders for radio galaxies.\n", encoding="utf-8")
        keyword = app.screen.query_one("#keyword-input", Input)
        keyword.focus()
        await pilot.press(*"galaxy", "enter")
        await settle(pilot)
        assert str(likes.get_option_at_index(1).prompt) == f"5  draft.txt  ({tmp_path})"
        assert str(broken) not in app.unreadable
        assert app.profile.like == like, "the profile kept every file throughout"
