"""What a published schedule says of each event beyond its time: cancelled, its event type and
language, whether it will be recorded, its links; and what the attendee does with them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from planner.cli import main
from planner.interests.profile import InterestProfile
from planner.model import Programme
from planner.planning import make_plan
from planner.solver import validate
from planner.sources import import_programme
from planner.sources.cancellation import _ANY_CANCEL_WORD, _has_cancel_word, cancelled_title

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>Records Conf</title>
    <time_zone_name>Europe/Brussels</time_zone_name>
    <start>2024-02-03</start><end>2024-02-03</end><days>1</days>
  </conference>
  <day index="1" date="2024-02-03">
"""


def event(
    ident: str,
    start: str,
    title: str,
    *,
    room: str = "H.1",
    kind: str = "lecture",
    language: str = "en",
    optout: str | None = None,
    links: str = "",
    abstract: str = "rust ownership borrow checker",
    extra: str = "",
) -> str:
    recording = f"<recording><license/><optout>{optout}</optout></recording>" if optout else ""
    return f"""
      <event id="{ident}">
        <date>2024-02-03T{start}:00+01:00</date><start>{start}</start><duration>00:30</duration>
        <room>{room}</room><title>{title}</title><track>Rust</track><type>{kind}</type>
        <language>{language}</language>{recording}
        <abstract>{abstract}</abstract>
        <persons><person id="1">Ada</person></persons>
        <links>{links}</links>{extra}
      </event>"""


def schedule(tmp_path: Path, rooms: dict[str, list[str]]) -> Path:
    body = "".join(
        f'<room name="{room}">{"".join(events)}</room>' for room, events in rooms.items()
    )
    path = tmp_path / "schedule.xml"
    path.write_text(HEAD + body + "</day></schedule>\n", encoding="utf-8")
    return path


@pytest.fixture
def replaced(tmp_path: Path) -> Path:
    """A cancelled talk and the talk that replaced it, in the same room and slot, beside a talk
    in another room at the same time."""
    return schedule(
        tmp_path,
        {
            "H.1": [
                event("1", "10:00", "CANCELLED Rust in space", abstract="rust rust rust"),
                event("2", "10:00", "Rust on the desktop (replacement)"),
                event("3", "11:00", "Workshop: rust macros", kind="workshop", optout="true"),
            ],
            "H.2": [
                event("4", "10:00", "Rust auf Deutsch", language="de", optout="false"),
                event(
                    "5",
                    "11:00",
                    "Rust embedded",
                    links='<link href="https://ex.org/slides.pdf">Slides</link>'
                    '<link href="https://ex.org/video.mp4">Video recording (mp4)</link>',
                ),
            ],
        },
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "120"})


def plan_json(*args: str) -> dict[str, Any]:
    result = run("plan", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- cancellation markers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("CANCELLED Open and federated identities", "Open and federated identities"),
        ("CANCELED Restoring a Minitel server", "Restoring a Minitel server"),
        ("Canceled: Rust in space", "Rust in space"),
        ("Cancelled - Rust in space", "Rust in space"),
        ("[cancelled] Rust in space", "Rust in space"),
        ("(Canceled) Rust in space", "Rust in space"),
        ("ABGESAGT Ein Vortrag", "Ein Vortrag"),
        ("Abgesagt: Ein Vortrag", "Ein Vortrag"),
        ("Rust in space [CANCELLED]", "Rust in space"),
        ("Rust in space (cancelled)", "Rust in space"),
        ("Rust in space - CANCELED", "Rust in space"),
        ("CANCELLED", ""),
        ("ENTFÄLLT: Ein Vortrag über Käse", "Ein Vortrag über Käse"),
        ("Café numérique (annulée)", "Café numérique"),
        ("Rust für Einsteiger (Abgesagt)", "Rust für Einsteiger"),
    ],
)
def test_cancellation_markers_are_found_and_taken_out_of_the_title(title: str, kept: str) -> None:
    assert cancelled_title(title) == kept


@pytest.mark.parametrize(
    "title",
    [
        "Cancelled flights and what they teach us",
        "Cancellation in async Rust",
        "Timeouts and cancellation for humans",
        "Why talks get cancelled",
        "The cancelled-order problem",
        "Canceling futures",
    ],
)
def test_a_title_about_cancelling_is_not_a_cancelled_talk(title: str) -> None:
    assert cancelled_title(title) is None


@given(
    st.text(alphabet=st.sampled_from("cancelCANCELdwithrawnWITHDRAWN İıſK äÄé-:[]("), max_size=30)
)
def test_the_quick_look_for_a_marker_word_agrees_with_a_search_ignoring_case(title: str) -> None:
    assert _has_cancel_word(title) == (_ANY_CANCEL_WORD.search(title) is not None)


@given(st.text(max_size=80))
def test_a_stripped_title_is_never_longer_and_never_marked_again(title: str) -> None:
    kept = cancelled_title(title)
    if kept is not None:
        assert len(kept) < len(title)


# --- import --------------------------------------------------------------------------------


def test_frab_fields_are_kept(replaced: Path) -> None:
    imported = import_programme(replaced)
    by_id = imported.programme.contribution_by_id
    assert by_id["1"].cancelled and by_id["1"].title == "Rust in space"
    assert not by_id["2"].cancelled
    assert by_id["3"].event_type == "workshop" and by_id["3"].recorded is False
    assert by_id["4"].language == "de" and by_id["4"].recorded is True
    assert by_id["2"].recorded is None  # the file says nothing of it
    assert [(link.url, link.title) for link in by_id["5"].links] == [
        ("https://ex.org/slides.pdf", "Slides"),
        ("https://ex.org/video.mp4", "Video recording (mp4)"),
    ]
    assert by_id["5"].url == "https://ex.org/slides.pdf"  # no <url>: its first link
    # the cancelled talk and its replacement share a slot: no overlap, none reported
    assert imported.programme.room_overlaps == "error"
    assert not [w for w in imported.warnings if "overlap" in w]
    assert any("1 event is cancelled" in w and "'Rust in space'" in w for w in imported.warnings)


def test_a_state_field_cancels_in_c3voc_json(tmp_path: Path) -> None:
    def item(ident: int, title: str, **more: Any) -> dict[str, Any]:
        return {
            "id": ident,
            "guid": f"g{ident}",
            "date": "2019-12-27T11:00:00+01:00",
            "start": "11:00",
            "duration": "00:30",
            "room": "Ada",
            "title": title,
            "track": "CCC",
            "type": "lecture",
            "persons": [],
            **more,
        }

    data = {
        "schedule": {
            "conference": {
                "title": "C",
                "time_zone_name": "Europe/Berlin",
                "days": [
                    {
                        "index": 1,
                        "date": "2019-12-27",
                        "rooms": {
                            "Ada": [
                                item(1, "Gone", state="canceled", language="de"),
                                item(
                                    2,
                                    "Here",
                                    do_not_record=True,
                                    links=[{"url": "https://x.org/a", "title": "Page"}],
                                ),
                            ]
                        },
                    }
                ],
            }
        }
    }
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    by_id = import_programme(path).programme.contribution_by_id
    assert by_id["1"].cancelled and by_id["1"].language == "de"
    assert by_id["2"].recorded is False
    assert by_id["2"].links[0].url == "https://x.org/a" and by_id["2"].url == "https://x.org/a"


def test_show_json_contract(replaced: Path) -> None:
    result = run("show", "--programme", str(replaced), "--json")
    assert result.exit_code == 0, result.output
    items = {c["id"]: c for c in json.loads(result.stdout)["contributions"]}
    assert items["1"]["cancelled"] is True and items["2"]["cancelled"] is False
    assert items["3"]["type"] == "workshop"
    assert items["4"]["language"] == "de"
    assert [items[i]["recorded"] for i in ("2", "3", "4")] == [None, False, True]
    assert items["5"]["links"][1] == {
        "url": "https://ex.org/video.mp4",
        "title": "Video recording (mp4)",
    }


def test_show_marks_cancelled_and_says_type_language_recording(replaced: Path) -> None:
    out = run("show", "--programme", str(replaced)).stdout
    line = next(line for line in out.splitlines() if "Rust in space" in line)
    assert "CANCELLED" in line
    assert "workshop" in out and "not recorded" in out
    assert "CANCELLED Rust" not in out.replace("CANCELLED Rust in space", "")


# --- planning ------------------------------------------------------------------------------


def test_a_cancelled_talk_is_never_planned_and_left_out_as_cancelled(replaced: Path) -> None:
    data = plan_json("--programme", str(replaced), "--keyword", "rust", "--star", "1")
    assert "1" not in [item["id"] for item in data["items"]]
    left = {item["id"]: item for item in data["left_out"]}
    assert left["1"]["reason"] == "cancelled" and left["1"]["blocking"] == []
    # nothing is "chosen over" the cancelled talk
    assert all("1" not in item["blocking"] for item in data["left_out"])


def test_a_must_see_of_a_cancelled_talk_is_a_warning_not_an_error(replaced: Path) -> None:
    result = run("plan", "--programme", str(replaced), "--must", "1", "--keyword", "rust")
    assert result.exit_code == 0, result.output
    assert "--must 1: 'Rust in space' is cancelled: it is not planned" in result.stderr
    assert "Rust in space" not in result.stdout.split("Left out")[0]


def test_type_and_language_filters(replaced: Path) -> None:
    rust = ("--programme", str(replaced), "--keyword", "rust")
    planned = {i["id"] for i in plan_json(*rust)["items"]}
    assert "3" in planned or "5" in planned  # 11:00: the workshop or the embedded talk
    skipped = plan_json(*rust, "--skip-type", "Workshop")
    assert "3" not in {i["id"] for i in skipped["items"]}
    reasons = {i["id"]: i["reason"] for i in skipped["left_out"]}
    assert reasons["3"] == "a workshop, a type you skip (--skip-type)"
    english = plan_json(*rust, "--language", "en")
    assert "4" not in {i["id"] for i in english["items"]}
    assert {i["id"]: i["reason"] for i in english["left_out"]}["4"] == (
        "in 'de', not a language you chose (--language)"
    )
    only = plan_json(*rust, "--type", "workshop")
    assert {i["id"] for i in only["items"]} == {"3"}


def test_a_filter_that_matches_nothing_is_a_warning(replaced: Path) -> None:
    result = run("plan", "--programme", str(replaced), "--keyword", "rust", "--type", "keynote")
    assert result.exit_code == 0
    assert "--type 'keynote' matches no event type of the programme (lecture, workshop)" in (
        result.stderr
    )


def test_a_must_see_overrides_a_type_filter(replaced: Path) -> None:
    data = plan_json("--programme", str(replaced), "--must", "3", "--skip-type", "workshop")
    assert "3" in {i["id"] for i in data["items"]}


def test_prefer_live_weighs_talks_that_will_not_be_recorded(replaced: Path) -> None:
    # 11:00: the workshop (not recorded) against the embedded talk; equal keyword interest
    programme = import_programme(replaced).programme
    base = InterestProfile(keyword=["rust"])
    plain = make_plan(programme, base).interests
    live = make_plan(programme, base.model_copy(update={"prefer_live": 2.0}))
    assert live.interests["3"].score == pytest.approx(2 * plain["3"].score, abs=0.01)
    assert live.interests["5"].score == plain["5"].score
    assert "not recorded: worth more in person (x2)" in live.interests["3"].reasons
    assert validate(live.itinerary, programme, base) == []
    data = plan_json("--programme", str(replaced), "--keyword", "rust", "--prefer-live")
    chosen = {i["id"]: i for i in data["items"]}
    assert "3" in chosen and any("x1.5" in w for w in chosen["3"]["why"])


def test_profile_keys_for_filters(tmp_path: Path, replaced: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'keyword = "rust"\nskip_type = "workshop"\nlanguage = ["en"]\nprefer_live = 1.2\n',
        encoding="utf-8",
    )
    data = plan_json("--programme", str(replaced), "--profile", str(profile))
    planned = {i["id"] for i in data["items"]}
    assert not planned & {"1", "3", "4"} and planned


# --- exports -------------------------------------------------------------------------------


def test_the_calendar_carries_links_and_facts(replaced: Path, tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = run(
        "plan", "--programme", str(replaced), "--star", "5", "--star", "2", "--ics", str(ics)
    )
    assert result.exit_code == 0, result.output
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    embedded = events["Rust embedded"]
    assert str(embedded["URL"]) == "https://ex.org/slides.pdf"
    assert "Video recording (mp4): https://ex.org/video.mp4" in str(embedded["DESCRIPTION"])
    assert "Type: lecture\nLanguage: en\n" in str(embedded["DESCRIPTION"])


def test_the_programme_calendar_keeps_a_cancelled_talk_as_cancelled(
    replaced: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "all.ics"
    result = run("export", "--programme", str(replaced), "--programme-ics", str(ics))
    assert result.exit_code == 0, result.output
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    gone = next(e for e in events if "Rust in space" in str(e["SUMMARY"]))
    assert str(gone["STATUS"]) == "CANCELLED"
    assert {str(e["STATUS"]) for e in events if e is not gone} == {"CONFIRMED"}


def test_the_agenda_names_a_cancelled_item_left_out(replaced: Path, tmp_path: Path) -> None:
    md = tmp_path / "plan.md"
    result = run(
        "plan", "--programme", str(replaced), "--star", "1", "--star", "5", "--markdown", str(md)
    )
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert "cancelled" in text.split("Left out")[1]
    assert "[Rust embedded](<https://ex.org/slides.pdf>)" in text


# --- real schedules ------------------------------------------------------------------------


def test_fosdem_2019_cancelled_events_are_never_planned(
    real_file: Callable[[str], Path],
) -> None:
    path = real_file("fosdem-2019.schedule.xml")
    programme = import_programme(path).programme
    cancelled = {c.id for c in programme.contributions if c.cancelled}
    assert cancelled == {"8398", "8261", "7663", "7584"}
    assert all(
        not programme.contribution_by_id[i].title.upper().startswith("CANCEL") for i in cancelled
    )
    profile = InterestProfile(
        keyword=["blockchain", "search", "identity", "minitel"], star=dict.fromkeys(cancelled, 60)
    )
    result = make_plan(programme, profile)
    planned = {item.id for item in result.itinerary.items}
    assert not planned & cancelled
    assert validate(result.itinerary, programme, profile) == []
    # the checker itself refuses a plan that holds a cancelled item
    first = result.itinerary.items[0]
    data = programme.model_dump()
    for item in data["contributions"]:
        item["cancelled"] = item["cancelled"] or item["id"] == first.id
    changed = Programme.model_validate(data)
    assert f"{first.id!r}" in " ".join(validate(result.itinerary, changed, profile))
    left = {o.id: o.reason for o in result.itinerary.left_out}
    assert {left[i] for i in cancelled} == {"cancelled"}
    assert all(r != "cancelled" or i in cancelled for i, r in left.items())
    fosdem_types = {c.event_type for c in programme.contributions}
    assert {"devroom", "keynote", "lightningtalk", "workshop"} <= fosdem_types
    assert any(link.title == "Submit feedback" for c in programme.contributions for link in c.links)


def test_36c3_recordings_and_languages(real_file: Callable[[str], Path]) -> None:
    programme = import_programme(real_file("36c3-everything.schedule.json")).programme
    recorded = [c.recorded for c in programme.contributions]
    assert recorded.count(False) > 0 and recorded.count(True) > 0
    languages = {c.language for c in programme.contributions}
    assert {"de", "en"} <= languages


# --- the TUI's filters (pure functions of tui.rows) ----------------------------------------


def test_tui_filters_offer_the_schedule_types_and_languages(replaced: Path) -> None:
    from planner.tui.rows import Filters, day_rows, kind_options, language_options

    programme = import_programme(replaced).programme
    assert kind_options(programme) == [
        ("lecture (4)", "type:lecture"),
        ("workshop (1)", "type:workshop"),
    ]
    assert language_options(programme) == [("de (1)", "de"), ("en (4)", "en")]
    day = programme.conference.days[0]

    def shown(filters: Filters) -> set[str]:
        return {row.key for row in day_rows(programme, day, filters) if row.is_contribution}

    assert shown(Filters(kind="type:workshop")) == {"3"}
    assert shown(Filters(language="de")) == {"4"}
    assert shown(Filters().picked("language", "en").picked("kind", "type:lecture")) == {
        "1",
        "2",
        "5",
    }
    with pytest.raises(ValueError, match="no filter named 'room'"):
        Filters().picked("room", "H.1")
