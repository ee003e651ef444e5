"""The environment of the benches' fresh processes: Python started as it is for an installed
planner, with every module's bytecode compiled once and read after that.

pip compiles a package's modules when it installs them; a development shell often sets
``PYTHONDONTWRITEBYTECODE`` (this project's does), and then every process compiles the
planner's sources again, a cost no installed user pays (about 60 ms for ``planner plan``, more
for the TUI). The benches keep the bytecode in a temporary folder of their own (not beside the
sources), which their warm-up runs fill, for the floor and the reference apps alike.
"""

from __future__ import annotations

import os
import tempfile

BYTECODE = tempfile.mkdtemp(prefix="planner-bench-bytecode-")


def compiled_env(**extra: str) -> dict[str, str]:
    """``os.environ`` with bytecode written to and read from :data:`BYTECODE`, and ``extra``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": BYTECODE, **extra}
