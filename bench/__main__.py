"""``python -m bench`` (``make bench``): every benchmark in turn, or the ones named
(``python -m bench solver_bench import_bench``). Each prints figures and ratios measured in one run."""

from __future__ import annotations

import importlib
import sys

ALL = [
    "load_bench",
    "import_bench",
    "relevance_bench",
    "relevance_quality",
    "likeness_cache_bench",
    "documents_bench",
    "solver_bench",
    "plan_e2e_bench",
    "backups_bench",
    "startup_bench",
    "export_calendar",
    "tui_bench",
    "group_bench",
]


def run(names: list[str]) -> int:
    failed = 0
    for name in names:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"bench.{name}":
                continue
            raise
        print(f"\n=== {name} ===", flush=True)
        saved = sys.argv
        sys.argv = [name]
        try:
            result = module.main()
        finally:
            sys.argv = saved
        failed += 1 if result else 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:] or ALL))
