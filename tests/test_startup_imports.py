"""What a command loads: ``planner show`` needs neither the solver nor the ranking library, nor
the HTTP client unless its programme is a URL; ``planner plan`` loads only what it uses."""

from __future__ import annotations

import json
import subprocess
import sys

WATCHED = ("ortools", "bm25s", "numpy", "textual", "httpx")
PROBE = (
    "import json, sys\n"
    "from planner.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
)


def modules(*args: str) -> set[str]:
    """Every module loaded by the end of the command ``planner ARGS``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(found)


def loaded(*args: str) -> list[str]:
    """Which of the :data:`WATCHED` libraries the command ``planner ARGS`` loads."""
    found = modules(*args)
    return [name for name in WATCHED if name in found]


def test_show_loads_neither_the_solver_nor_the_ranking_library() -> None:
    assert loaded("show") == []


def test_plan_loads_the_solver_and_rank_the_ranking_library() -> None:
    # the probe sees what is loaded: these would fail if it saw nothing
    assert "ortools" in loaded("plan", "--star", "16", "--star", "106")  # a poster: CP-SAT
    assert "bm25s" in loaded("rank", "--keyword", "SKA")


def test_a_plan_the_exact_programme_makes_alone_does_not_load_or_tools() -> None:
    # talks only (no poster visit, duty or hour cap): each day is planned by the exact
    # programme, so CP-SAT and OR-Tools are never needed
    assert "ortools" not in loaded("plan", "--star", "16", "--star", "28")
    assert "ortools" not in loaded("plan")  # nothing to plan


def test_the_lenient_date_reader_loads_only_for_a_moment_typed_in() -> None:
    assert "dateutil.parser" not in modules("plan", "--star", "16", "--star", "28")
    assert "dateutil.parser" in modules("plan", "--arrive", "31 May 10:00")


def test_plan_reads_the_embedded_programme_without_the_yaml_library() -> None:
    assert "yaml" in modules("show")  # the first run reads the YAML and keeps a copy of its data
    assert "yaml" not in modules("plan", "--star", "16", "--star", "106")
    assert "yaml" not in modules("show")


def test_a_command_line_process_ends_without_collecting_what_it_loaded() -> None:
    # the planner's exit hook freezes the collector (registered after this check, so run first)
    probe = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "import planner.cli\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "frozen at exit: True"


def test_the_plans_models_are_built_on_first_use_not_on_import() -> None:
    probe = (
        "from planner.itinerary import Backup, Change, Itinerary, LeftOut, PlannedItem,"
        " build_models\n"
        "models = (Backup, PlannedItem, LeftOut, Change, Itinerary)\n"
        "print([m.__pydantic_complete__ for m in models])\n"
        "build_models()\n"
        "print([m.__pydantic_complete__ for m in models])\n"
        "print(Itinerary.model_validate({'status': 'optimal', 'items': []}).status)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str([False] * 5), str([True] * 5), "optimal"]
