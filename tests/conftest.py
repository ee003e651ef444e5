from __future__ import annotations

from pathlib import Path

import pytest

from planner.model import Programme
from planner.sources import load_programme

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "programme" / "sources" / "ml4astro-2022-book-of-abstracts.txt"
TEMPLATE = REPO / "programme" / "sources" / "ml4astro-2022.timetable.yaml"
EMBEDDED = REPO / "programme" / "ml4astro-2022.yaml"
REALDATA = REPO.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def ml4astro() -> Programme:
    return load_programme(None)
