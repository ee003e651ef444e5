"""``planner import`` and ``--programme`` with schedules: counts, warnings, clear refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.errors import PlannerError
from planner.sources import import_programme, load_programme

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_fosdem_prints_counts_and_writes_a_programme(
    real_file: Callable[[str], Path], tmp_path: Path
) -> None:
    output = tmp_path / "fosdem.yaml"
    code, _, err = run("import", str(real_file("fosdem-2026.schedule.xml")), "-o", str(output))
    assert code == 0, err
    assert "frab schedule XML: 883 events, 30 rooms, 2 days, 0 warnings" in err
    assert len(load_programme(output).contributions) == 883


def test_import_lists_warnings_and_caps_them(
    real_file: Callable[[str], Path], tmp_path: Path
) -> None:
    source = str(real_file("36c3-everything.schedule.json"))
    code, _, err = run("import", source, "-o", str(tmp_path / "36c3.yaml"))
    assert code == 0, err
    total = len(import_programme(Path(source)).warnings)
    assert f"1351 events, 92 rooms, 4 days, {total} warnings" in err
    assert err.count("  warning: ") == 20
    assert f"and {total - 20} more (--all-warnings lists them)" in err
    code, _, err = run("import", source, "-o", str(tmp_path / "b.yaml"), "--all-warnings")
    assert err.count("  warning: ") == total


def test_programme_option_reads_schedules_directly(real_file: Callable[[str], Path]) -> None:
    path = str(real_file("fosdem-2026.schedule.xml"))
    code, out, err = run("show", "--programme", path, "--day", "2026-02-01", "--track", "go")
    assert code == 0, err
    assert "Sunday 1 February 2026" in out
    assert "The state of Go" in out
    assert "Saturday 31 January 2026\n" not in out
    assert "Welcome to FOSDEM" not in out  # another track, another day


def test_show_marks_after_midnight_events_on_their_day(real_file: Callable[[str], Path]) -> None:
    path = str(real_file("36c3-everything.schedule.json"))
    code, out, err = run(
        "show", "--programme", path, "--day", "2019-12-27", "--track", "entertainment"
    )
    assert code == 0
    assert "Hacker Jeopardy" in out  # 00:50 on the 28th, listed on Friday the 27th
    assert "00:50–02:50 +1d" in out
    assert "Saturday 28 December" not in out
    assert "import warnings" in err


def test_refuses_a_file_that_is_not_a_schedule(tmp_path: Path) -> None:
    page = tmp_path / "page.xml"
    page.write_text("<html><body>Not a schedule</body></html>")
    code, out, err = run("import", str(page), "-o", str(tmp_path / "out.yaml"))
    assert code == 1
    assert "expected a frab/Pentabarf schedule.xml" in err
    assert "Traceback" not in err + out
    assert not (tmp_path / "out.yaml").exists()


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"schedule": {}, "pad": "' + "x" * 200_000 + '"}')
    monkeypatch.setenv("PLANNER_MAX_IMPORT_MB", "0.1")
    with pytest.raises(PlannerError, match=r"0\.2 MB is over the import limit of 0\.1 MB"):
        import_programme(big)
    code, _, err = run("show", "--programme", str(big))
    assert code == 1 and "PLANNER_MAX_IMPORT_MB" in err
    monkeypatch.setenv("PLANNER_MAX_IMPORT_MB", "lots")
    with pytest.raises(PlannerError, match="expected a positive number of megabytes"):
        import_programme(big)


def test_book_of_abstracts_import_still_reproduces_the_embedded_programme(tmp_path: Path) -> None:
    output = tmp_path / "ml4astro.yaml"
    code, _, err = run(
        "import",
        str(REPO / "programme/sources/ml4astro-2022-book-of-abstracts.txt"),
        "--timetable",
        str(REPO / "programme/sources/ml4astro-2022.timetable.yaml"),
        "-o",
        str(output),
    )
    assert code == 0, err
    assert "book of abstracts: 73 events" in err
    assert load_programme(output) == load_programme(None)
    body = [line for line in output.read_text().splitlines() if not line.startswith("#")]
    committed = (REPO / "programme/ml4astro-2022.yaml").read_text().splitlines()
    assert body == [line for line in committed if not line.startswith("#")]


def test_programme_files_still_load_as_before(tmp_path: Path) -> None:
    from planner.model.io import write_programme

    embedded = load_programme(None)
    as_json = tmp_path / "programme.json"
    write_programme(embedded, as_json)
    assert load_programme(as_json) == embedded
    flow = tmp_path / "flow.yaml"
    flow.write_text("{conference: {name: X}}")
    with pytest.raises(
        PlannerError,
        match=r"flow\.yaml: 5 problems:\n  - conference.timezone: missing \(it is required\)",
    ):
        load_programme(flow)
    imported = import_programme(as_json)
    assert (imported.format, imported.events, imported.warnings) == ("planner programme", 73, ())


def test_refuses_text_that_is_no_programme_naming_the_formats(tmp_path: Path) -> None:
    calendar = tmp_path / "talks.ics"
    calendar.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    code, out, err = run("import", str(calendar), "-o", str(tmp_path / "out.yaml"))
    assert code == 1  # read as a calendar programme, which holds no event
    assert "talks.ics: not a programme this planner reads as a calendar: it holds no event" in err
    notes = tmp_path / "talks.md"
    notes.write_text("# Talks\n\nSome notes.\n")
    code, out, err = run("import", str(notes), "-o", str(tmp_path / "out.yaml"))
    assert code == 1
    assert "talks.md: not a programme or schedule this planner reads" in err
    assert "frab/Pentabarf schedule.xml" in err and "Indico timetable JSON" in err
    assert "Traceback" not in out + err


def test_a_folder_is_refused_as_a_programme(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="is a folder, not a programme file"):
        import_programme(tmp_path)
    code, out, err = run("show", "--programme", str(tmp_path))
    assert code == 1 and "is a folder" in err and "Traceback" not in out + err
