"""Worker processes that end with the planner: a group run killed outright (``kill -9``) must
not leave its workers behind, blocked for ever on pipes the dead parent never closes.

Two guards, set in each worker as it starts (:func:`exit_with_parent`):

- on Linux, the kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``): the
  worker is killed the moment its parent ends, whatever it is doing;
- everywhere, a thread that watches the parent's pid (twice a second) and ends the worker when
  the parent is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def _death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watch below still ends the worker
        pass


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def exit_with_parent(parent: int) -> None:
    """End this process when the process ``parent`` (its parent) ends."""
    _death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()
