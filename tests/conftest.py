"""Shared fixtures: the embedded programme, and where the real schedules live (read in place,
never copied here)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.model import Programme
from planner.sources import load_programme
from tests.http_support import Served

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "programme" / "sources" / "ml4astro-2022-book-of-abstracts.txt"
TEMPLATE = REPO / "programme" / "sources" / "ml4astro-2022.timetable.yaml"
EMBEDDED = REPO / "programme" / "ml4astro-2022.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--hostile-long",
        action="store_true",
        default=False,
        help="run many more seeded mutations and kill -9 runs in tests/hostile/ "
        "(as PLANNER_HOSTILE_LONG=1 does)",
    )


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test (and every command it runs) keeps fetched and seen programmes in a folder of its
    own, never in the user's cache."""
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """A schedule server on 127.0.0.1 (a free port), stopped after the test (tests may stop it
    sooner, to be offline). Proxies from the environment are not used for it."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    served = Served()
    yield served
    served.stop()


@pytest.fixture(scope="session")
def ml4astro() -> Programme:
    return load_programme(None)


def realdata_dir() -> Path | None:
    """``$PLANNER_REALDATA``, else ``shared/realdata`` beside the checkout, else /work/shared."""
    candidates = [
        os.environ.get("PLANNER_REALDATA", ""),
        str(REPO.parent / "shared" / "realdata"),
        "/work/shared/realdata",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


@pytest.fixture
def realdata() -> Path:
    found = realdata_dir()
    if found is None:
        pytest.skip("real schedules absent: no shared/realdata beside the checkout")
    return found


@pytest.fixture
def real_file(realdata: Path) -> Callable[[str], Path]:
    """``real_file("fosdem-2026.schedule.xml")``: the path, or a skip when it is absent."""

    def find(name: str) -> Path:
        path = realdata / name
        if not path.is_file():
            pytest.skip(f"real schedule {name} absent from {realdata}")
        return path

    return find
