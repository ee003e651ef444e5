"""The plan as Markdown and HTML agendas."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from export_support import TRICKY_TITLE, dst_programme, embedded, golden, plan, with_backup
from planner.errors import PlannerError
from planner.export.agenda import MARKER, html_agenda, markdown_agenda
from planner.itinerary import Change, Itinerary, LeftOut, PlannedItem


class _Text(HTMLParser):
    """The text of each table cell and list item, and every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag in ("td", "li", "h2", "p", "title"):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "li", "h2", "p", "title") and self._open is not None:
            self.cells.append("".join(self._open))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _read(html: str) -> _Text:
    reader = _Text()
    reader.feed(html)
    reader.close()
    return reader


def _dst_plan() -> Itinerary:
    programme = dst_programme()
    left = [
        LeftOut(id="d", score=2.0, reason="clashes with a | b <i>", blocking=["a"]),
        LeftOut(id="b", score=5.0, reason="over the daily cap"),
    ]
    planned = plan(programme, ["a", "c", "p1"], left_out=left)
    # c, at the second 02:30 of the night, has the talk across the change as its backup
    items = [with_backup(programme, i, "b", walk=2) if i.id == "c" else i for i in planned.items]
    return planned.model_copy(update={"items": items})


def test_agendas_match_their_golden_files() -> None:
    programme = dst_programme()
    golden("agenda-dst-autumn.md", markdown_agenda(_dst_plan(), programme).encode())
    golden("agenda-dst-autumn.html", html_agenda(_dst_plan(), programme).encode())
    ml4astro = plan(embedded(), ["28", "1", "2"])
    golden("agenda-ml4astro.html", html_agenda(ml4astro, embedded()).encode())


def test_markdown_renders_back_to_the_same_text() -> None:
    """Render the Markdown with a CommonMark parser: titles with Markdown and HTML syntax in
    them come out as the same text, one row per item."""
    text = markdown_agenda(_dst_plan(), dst_programme())
    assert text.startswith(MARKER)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    reader = _read(rendered)
    assert "script" not in reader.tags and "b" not in reader.tags and "i" not in reader.tags
    rows = [reader.cells[i : i + 6] for i, c in enumerate(reader.cells) if ":" in c and "–" in c]
    assert rows[0] == [
        "10:00–10:30",
        "a",
        "Aula Magna, first floor; east wing",
        TRICKY_TITLE,
        "Ramón García (Universidad de La Laguna, Tenerife); Anja Göhre (Å Institute; Lund)",
        "likes a",
    ]
    # The day the clocks go back shows the zone; 02:30 is the second one (CET).
    assert rows[1][:4] == ["02:30 CET–02:50 CET", "c", "Room B", "At the repeated half hour"]
    assert rows[2][3] == "Poster visit: A poster, on board B7"
    assert "Poster Hall, poster board B7" in rows[2][2]
    days = [c for c in reader.cells if c.endswith("2022")]
    assert days == ["Saturday 29 October 2022", "Sunday 30 October 2022", "Monday 31 October 2022"]
    # Left out, highest interest first, with its id, the reason and what kept it out.
    left = [c for c in reader.cells if "cap" in c or "clashes" in c]
    assert left == [
        "b A talk across the change — over the daily cap",
        f"d Monday invited talk — clashes with a | b <i> (instead: {TRICKY_TITLE})",
    ]


def test_html_escapes_everything_and_is_self_contained() -> None:
    html = html_agenda(_dst_plan(), dst_programme())
    assert html.startswith("<!DOCTYPE html>\n" + MARKER)
    reader = _read(html)
    assert TRICKY_TITLE in reader.cells
    assert "b" not in reader.tags and "i" not in reader.tags and "script" not in reader.tags
    assert (
        f"d Monday invited talk — clashes with a | b <i> (instead: {TRICKY_TITLE})" in reader.cells
    )
    # No external resources: no scripts, stylesheets, images or fonts; the only link is the
    # talk's own URL.
    assert not {"script", "link", "img", "iframe"} & set(reader.tags)
    assert ("href", "https://example.org/dst/a?x=1&y=2") in reader.attributes
    assert [a for a in reader.attributes if a[0] in ("src", "href")] == [
        ("href", "https://example.org/dst/a?x=1&y=2")
    ]
    assert "@media print" in html


def test_status_lines() -> None:
    programme = dst_programme()
    optimal = plan(programme, ["a"])
    assert "Optimal plan (score 1)" in markdown_agenda(optimal, programme)
    feasible = Itinerary(status="feasible", objective=9, bound=10, items=optimal.items)
    assert "not proven optimal: score 9, best bound 10 (gap 10.0%)" in html_agenda(
        feasible, programme
    )
    infeasible = Itinerary(status="infeasible", relaxed=["must-see 'b' (clashes with 'c')"])
    text = markdown_agenda(infeasible, programme)
    assert "infeasible" in text and "Nothing is planned." in text
    assert "- Relaxed: must-see 'b' (clashes with 'c')" in text


def test_reconstructed_times_are_noted_and_marked() -> None:
    programme = embedded()
    text = markdown_agenda(plan(programme, ["1"]), programme)
    assert "Times are reconstructed" in text
    assert "| 09:40–10:00\\* | 1 | Main Hall |" in text
    html = html_agenda(plan(programme, ["1"]), programme)
    assert "Times are reconstructed" in html and ">09:40–10:00*</td>" in html
    published = dst_programme()
    assert "reconstructed" not in markdown_agenda(plan(published, ["a"]), published)
    assert "reconstructed" not in html_agenda(plan(published, ["a"]), published)


def test_unknown_item_is_an_error() -> None:
    with pytest.raises(PlannerError, match=r"not in DST Workshop.*: 1$"):
        markdown_agenda(plan(embedded(), ["1"]), dst_programme())


def test_changes_since_the_last_plan_and_programme_notes() -> None:
    programme = embedded()
    itinerary = plan(programme, ["1"]).model_copy(
        update={
            "changes": [
                Change(id="1", change="added"),
                Change(id="2", change="removed", detail="clashes with a must-see"),
            ]
        }
    )
    rendered = (
        MarkdownIt("commonmark").enable("table").render(markdown_agenda(itinerary, programme))
    )
    for reader in (_read(rendered), _read(html_agenda(itinerary, programme))):
        assert "Changes since the last plan" in reader.cells
        title_1 = programme.contribution_by_id["1"].title
        title_2 = programme.contribution_by_id["2"].title
        assert f"Added: {title_1}" in reader.cells
        assert f"Removed: {title_2} (clashes with a must-see)" in reader.cells
        assert any(c.startswith("Clock times are reconstructed: the book") for c in reader.cells)


def test_lunch_is_a_row_of_its_day_in_both_agendas() -> None:
    programme = embedded()
    planned = plan(programme, ["1"])
    zone = programme.conference.zone
    lunch = PlannedItem(
        id="lunch-2022-05-30",
        kind="lunch",
        start=datetime(2022, 5, 30, 12, 50, tzinfo=zone),
        end=datetime(2022, 5, 30, 13, 35, tzinfo=zone),
        room="",
        score=0,
        title="Lunch",
        why=["lunch: 45 minutes inside your lunch window"],
    )
    with_lunch = planned.model_copy(update={"items": [*planned.items, lunch]})
    text = markdown_agenda(with_lunch, programme)
    monday = text.split("## Monday 30 May 2022")[1].split("##")[0]
    rows = [line for line in monday.splitlines() if line.startswith("| ")][1:]
    assert rows == [
        rows[0],
        "| 12:50–13:35 |  |  | Lunch |  | lunch: 45 minutes inside your lunch window |",
    ]
    assert rows[0].startswith("| 09:40–10:00\\* | 1 | Main Hall |")
    html = html_agenda(with_lunch, programme)
    assert '<td class="time">12:50–13:35</td><td class="id"></td><td></td><td>Lunch</td>' in html
