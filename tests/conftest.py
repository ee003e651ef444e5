from __future__ import annotations

import pytest

from planner.model import Programme
from planner.sources import load_programme


@pytest.fixture(scope="session")
def programme() -> Programme:
    """The embedded ML4Astro 2022 programme (Europe/Rome, 30 May - 1 June 2022)."""
    return load_programme(None)
