"""``planner show`` at 80 columns (the width when piped): titles get the space, lines end clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from planner.cli import main
from planner.sources import import_programme

NARROW = {"COLUMNS": "80"}


def show(*args: str) -> str:
    result = CliRunner().invoke(main, ["show", *args], env=NARROW)
    assert result.exit_code == 0, result.output
    return result.stdout


def title_column(out: str) -> int:
    """Where the "Title and speakers" column starts, from the first table header."""
    header = next(line for line in out.splitlines() if line.startswith("Time "))
    return header.index("Title")


def assert_clean_lines(out: str) -> None:
    for line in out.splitlines():
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        assert len(line) <= 80, f"wider than 80: {line!r}"


def test_imported_one_day_event_shows_its_titles(
    real_file: Callable[[str], Path], tmp_path: Path
) -> None:
    imported = tmp_path / "lswt.yaml"
    source = str(real_file("lswt2021.schedule.xml"))
    result = CliRunner().invoke(
        main, ["import", source, "--zone", "Europe/Berlin", "--local-times", "-o", str(imported)]
    )
    assert result.exit_code == 0, result.output
    out = show("--programme", str(imported))
    assert_clean_lines(out)
    assert title_column(out) <= 50
    flat = " ".join(out.split())
    for title in (
        "Keynote: A national research data infrastructure for data science and artificial",
        "Linked Data Services of the German National Library",
        "Poster Presentation of the Student Projects",
        "DBpedia Tutorial",
    ):
        assert title in flat
    # the rooms are named after the tracks: one column says it
    assert "Track " not in next(line for line in out.splitlines() if line.startswith("Time "))
    assert "Main Track  Main Track" not in out
    # a one-day event shows its day once
    assert "Wednesday 7 July 2021 to" not in out
    assert "Wednesday 7 July 2021" in out.splitlines()[1]
    # the slug ids are cut to leave room, marked with an ellipsis
    assert "linked-data-services" in out or "linked-data-s…" in out or "linked-data…" in out
    assert "13:00–16:00 +1d" in out  # the Time column is never cut


def test_fosdem_titles_are_at_least_30_wide_at_80_columns(
    real_file: Callable[[str], Path],
) -> None:
    out = show("--programme", str(real_file("fosdem-2026.schedule.xml")), "--day", "2026-02-01")
    assert_clean_lines(out)
    assert title_column(out) <= 80 - 30
    lines = out.splitlines()
    assert any("Free as in Burned Out: Who" in line for line in lines)
    # long room and track names are cut with an ellipsis, never wrapped
    assert any("…" in line for line in lines)


def test_file_without_a_zone_name_says_so(real_file: Callable[[str], Path]) -> None:
    path = real_file("31c3.schedule.xml")
    assert import_programme(path).programme.conference.timezone == "Etc/GMT-1"
    out = show("--programme", str(path), "--day", "2014-12-27")
    assert_clean_lines(out)
    head = " ".join(" ".join(out.splitlines()[1:3]).split())
    assert "times at utc+01:00 (the file names no zone; --zone zone names it)" in head.casefold()
    assert "Etc/GMT" not in out
    assert "Saturday 27 December 2014 to Tuesday 30 December 2014" in head


def test_embedded_programme_keeps_its_kind_column_and_fits() -> None:
    out = show("--day", "2022-05-30")
    assert_clean_lines(out)
    header = next(line for line in out.splitlines() if line.startswith("Time "))
    assert "Kind" in header and "Room" in header
    assert "times in europe/rome (cest, utc+02:00)" in " ".join(out.split()).casefold()


def test_cut_columns_lose_their_widest_first() -> None:
    from planner.views.fitted_table import _share

    assert _share([4, 23, 43], [4, 10, 6], 100) == [4, 23, 43]  # room enough: as they are
    assert _share([4, 23, 43], [4, 10, 6], 31) == [4, 13, 14]  # the two wide ones meet
    assert sum(_share([4, 23, 43], [4, 10, 6], 31)) == 31
    assert _share([4, 23, 43], [4, 10, 6], 5) == [4, 4, 4]  # very narrow: a few cells each


def test_trimmed_lines_keep_coloured_blanks() -> None:
    from rich.segment import Segment
    from rich.style import Style

    from planner.views.printing import trimmed

    plain = [Segment("ab"), Segment("  "), Segment(" ", Style(bold=True))]
    assert trimmed(plain) == [Segment("ab")]
    marked = [Segment("ab"), Segment("  ", Style(bgcolor="red"))]
    assert trimmed(marked) == marked
