"""The core works headless: importing it (and running the CLI's other commands) never loads
Textual. Only ``planner.tui`` may import it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import planner

CORE_MODULES = [
    "planner",
    "planner.cli",
    "planner.errors",
    "planner.storage",
    "planner.model",
    "planner.model.io",
    "planner.sources",
    "planner.interests",
    "planner.itinerary",
    "planner.views.programme_view",
]


def test_importing_the_core_does_not_load_textual() -> None:
    script = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "from planner.sources import load_programme\n"
        "load_programme(None)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"core imports loaded Textual: {result.stdout}"


def test_no_module_outside_the_tui_package_imports_textual() -> None:
    root = Path(planner.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if "tui" in path.relative_to(root).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_loading_a_programme_and_a_profile_loads_no_ranking_library(tmp_path: Path) -> None:
    """The terminal UI's first screen waits for the programme and the profile: reading them
    must not load the keyword ranking (bm25s, numpy), which comes when a keyword is scored."""
    profile = tmp_path / "p.toml"
    profile.write_text('star = { "1" = 15.0 }\narrive = "2022-05-31 10:00"\n')
    script = (
        "import sys\n"
        "from planner.interests.storage import load_profile\n"
        "from planner.sources import load_programme\n"
        f"load_profile({str(profile)!r}, load_programme(None))\n"
        "print(','.join(sorted(m for m in ('bm25s', 'numpy', 'Stemmer') if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
