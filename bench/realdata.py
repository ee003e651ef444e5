"""Real programmes for the solver benchmark and its tests: FOSDEM 2026 (frab XML) and 36C3 with
all side stages (schedule.json), read with the planner's own importers from the shared folder of
real schedules, with random interest on every talk."""

from __future__ import annotations

import random
from pathlib import Path

from planner.model import Programme
from planner.sources import load_programme

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
if not REALDATA.is_dir():
    REALDATA = Path("/work/shared/realdata")
FOSDEM = REALDATA / "fosdem-2026.schedule.xml"
CCC36 = REALDATA / "36c3-everything.schedule.json"


def _scored(path: Path, seed: int) -> tuple[Programme, dict[str, float], int] | None:
    if not path.is_file():
        return None
    programme = load_programme(path)
    rng = random.Random(seed)
    scores = {c.id: round(rng.uniform(0.1, 10), 1) for c in programme.contributions}
    return programme, scores, 0


def ccc36(seed: int = 3) -> tuple[Programme, dict[str, float], int] | None:
    """36C3: 92 rooms, events after midnight, same-room overlaps; None when the file is absent.
    The last value (events left out) is 0: the importer keeps every event."""
    return _scored(CCC36, seed)


def fosdem(seed: int = 3) -> tuple[Programme, dict[str, float], int] | None:
    """FOSDEM 2026 with random interest on every talk; None when the file is absent."""
    return _scored(FOSDEM, seed)
