"""The browser's rows, search and filters (no Textual)."""

from __future__ import annotations

from datetime import date

from planner.model import Programme
from planner.tui.rows import Filters, day_rows, matches, search_texts, session_titles

MONDAY = date(2022, 5, 30)


def test_a_day_lists_talks_breaks_and_posters_in_time_order(programme: Programme) -> None:
    rows = day_rows(programme, MONDAY)
    starts = [r.start for r in rows]
    assert starts == sorted(starts)
    kinds = [r.kind for r in rows]
    assert kinds[0] == "invited"
    assert {"coffee", "lunch", "posters", "poster", "talk"} <= set(kinds)
    heading = kinds.index("posters")
    assert kinds[heading + 1] == "poster"
    monday_items = {c.id for c in programme.contributions if programme.day_of(c) == MONDAY}
    assert {r.key for r in rows if r.is_contribution} == monday_items
    assert all(r.start.utcoffset() is not None for r in rows)


def test_rows_are_in_the_conference_zone_and_marked_reconstructed(programme: Programme) -> None:
    first = day_rows(programme, MONDAY)[0]
    assert first.start.strftime("%H:%M %z") == "09:00 +0200"
    assert first.reconstructed


def test_search_matches_title_speaker_and_abstract_words(programme: Programme) -> None:
    by_title = Filters("jupiter-host")
    by_speaker = Filters("zammit")
    by_abstract = Filters("Rosette NGC 2244")
    c99 = programme.contribution_by_id["99"]
    assert matches(programme, c99, by_title)
    assert matches(programme, c99, by_speaker)
    assert [r.key for r in day_rows(programme, MONDAY, by_abstract)] == ["1"]
    assert not matches(programme, c99, Filters("zammit rosette"))


def test_filtering_hides_breaks_and_keeps_poster_headings(programme: Programme) -> None:
    rows = day_rows(programme, MONDAY, Filters(kind="poster"))
    assert rows[0].kind == "posters"
    assert {r.kind for r in rows} == {"posters", "poster"}
    assert rows[0].title.endswith(f"({len(rows) - 1} posters)")


def test_session_filter_spans_a_session_split_by_a_break(programme: Programme) -> None:
    assert session_titles(programme).count("Supervised Learning") == 1
    rows = day_rows(programme, MONDAY, Filters(session="Supervised Learning"))
    sessions = {programme.session_of(r.contribution).id for r in rows if r.contribution}
    assert sessions == {"supervised-learning", "supervised-learning-2"}
    assert day_rows(programme, date(2022, 6, 1), Filters(session="Supervised Learning")) == []


def test_prepared_search_texts_give_the_same_rows(programme: Programme) -> None:
    texts = search_texts(programme)
    assert set(texts) == {c.id for c in programme.contributions}
    for query in ("", "anomaly", "zammit", "deep learning", "galaxy morphology", "nothing-like-it"):
        for day in programme.conference.days:
            assert day_rows(programme, day, Filters(query), texts) == day_rows(
                programme, day, Filters(query)
            )
