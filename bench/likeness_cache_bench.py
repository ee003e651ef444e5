"""The likeness index kept on disk, measured on FOSDEM 2026: each run is a fresh process (as a
user's ``planner rank --like FILE`` is) that loads the programme, then ranks it for a ``--like``
file of five long abstracts and for a ``--like-item``. A cold run finds an empty cache folder
(it builds the index and writes it), a warm one the folder the cold run left (it reads the
index). Cold and warm runs alternate, so both see the same machine load; medians are printed.
Then, in this process, what the kept index costs: hashing the texts for its key, writing it,
reading it, and the file's size. Run it with ``.venv/bin/python -m bench likeness_cache_bench``."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.realdata import FOSDEM
from planner.dirs import CACHE_ENV
from planner.interests import index_files
from planner.interests import similarity as likeness
from planner.interests import similarity_store as store
from planner.sources import load_programme

ROUNDS = 5
CHILD = """
import json, sys, time
from pathlib import Path
from planner.interests import InterestProfile
from planner.interests.scoring import score_programme
from planner.sources import load_programme
import planner.interests.similarity  # imported before the clock starts, as numpy is
start = time.perf_counter()
programme = load_programme(Path(sys.argv[1]))
loaded = time.perf_counter()
if sys.argv[2] == "like":
    profile = InterestProfile(like={sys.argv[3]: 10})
else:
    profile = InterestProfile(like_item=[sys.argv[3]])
scores = score_programme(programme, profile)
ranked = time.perf_counter()
top = sorted(scores, key=lambda cid: -scores[cid].score)[:5]
print(json.dumps({"load": loaded - start, "rank": ranked - loaded, "top": top}))
"""


def child(cache: Path, interest: str, value: str) -> tuple[float, float, list[str]]:
    """One fresh process: its programme load and ranking times (seconds), and its top 5."""
    env = {**os.environ, CACHE_ENV: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(FOSDEM), interest, value],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    return found["load"], found["rank"], found["top"]


def in_process(folder: Path) -> None:
    programme = load_programme(FOSDEM)
    os.environ[CACHE_ENV] = str(folder / "here")
    texts = likeness.contribution_texts(programme)
    times: dict[str, list[float]] = {"texts": [], "key": [], "build": [], "save": [], "read": []}
    for _ in range(ROUNDS):
        start = time.perf_counter()
        texts = likeness.contribution_texts(programme)
        times["texts"].append(time.perf_counter() - start)
        start = time.perf_counter()
        key = store.index_key(programme)
        times["key"].append(time.perf_counter() - start)
        start = time.perf_counter()
        index = likeness.SimilarityIndex(programme)
        times["build"].append(time.perf_counter() - start)
        start = time.perf_counter()
        index_files.save(store.KIND, key, index.arrays())
        times["save"].append(time.perf_counter() - start)
        start = time.perf_counter()
        held = index_files.load(store.KIND, key, likeness.HELD)
        assert held is not None
        likeness.SimilarityIndex(programme, held=held)
        times["read"].append(time.perf_counter() - start)
    size = sum(len(t.encode()) for triple in texts for t in triple)
    (path,) = (folder / "here" / index_files.FOLDER).glob("*.npz")
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(
        f"\nin one process (median of {ROUNDS}): the texts gathered {ms['texts']:.1f} ms; "
        f"key (hash of {size / 1e6:.2f} MB of text, texts gathered included) {ms['key']:.1f} ms; "
        f"index built {ms['build']:.0f} ms, written {ms['save']:.1f} ms, read back (checked, "
        f"made an index) {ms['read']:.1f} ms; file {path.stat().st_size / 1e6:.1f} MB"
    )


def main() -> int:
    if not FOSDEM.is_file():
        print(f"(skipped: {FOSDEM} is absent)")
        return 0
    programme = load_programme(FOSDEM)
    with_abstracts = [c for c in programme.contributions if len(c.abstract) > 400][:5]
    item = with_abstracts[0].id  # 7886: 624 matches strong enough to be explained
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paper = folder / "paper.txt"
        paper.write_text("\n\n".join(c.abstract for c in with_abstracts), encoding="utf-8")
        print(
            f"FOSDEM 2026 ({len(programme.contributions)} contributions), each ranking in a "
            f"fresh process after the programme is loaded (index included), median of {ROUNDS}:"
        )
        cases = [("like", str(paper), "--like (5 long abstracts)"), ("item", item, "--like-item")]
        for interest, value, label in cases:
            times: dict[str, list[float]] = {"cold": [], "warm": []}
            loads: list[float] = []
            tops: set[tuple[str, ...]] = set()
            for n in range(ROUNDS):
                cache = folder / f"{interest}{n}"
                for which in times:  # cold (an empty folder), then warm (the folder it left)
                    load, rank, top = child(cache, interest, value)
                    times[which].append(rank * 1000)
                    loads.append(load * 1000)
                    tops.add(tuple(top))
            cold, warm = (statistics.median(times[w]) for w in ("cold", "warm"))
            print(
                f"  {label}: cold (no kept index) {cold:.0f} ms "
                f"({min(times['cold']):.0f}-{max(times['cold']):.0f}), warm (index kept on "
                f"disk) {warm:.0f} ms ({min(times['warm']):.0f}-{max(times['warm']):.0f}); "
                f"{cold / warm:.1f}x; same top 5 in every run: {len(tops) == 1}; programme "
                f"load {statistics.median(loads):.0f} ms; target 200 ms"
            )
        in_process(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
