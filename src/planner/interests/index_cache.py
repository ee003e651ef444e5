"""Indexes built once per programme and kept for the last few programmes (safe to use from
worker threads): the keyword index and the likeness index each keep one."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from planner.model import Programme

T = TypeVar("T")
KEEP = 4
"""Programmes whose index is kept."""


class PerProgramme(Generic[T]):
    def __init__(self, build: Callable[[Programme], T]) -> None:
        self._build = build
        self._held: OrderedDict[int, tuple[Programme, T]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, programme: Programme) -> T:
        key = id(programme)
        with self._lock:
            held = self._held.get(key)
            if held is not None and held[0] is programme:
                self._held.move_to_end(key)
                return held[1]
            index = self._build(programme)
            self._held[key] = (programme, index)
            while len(self._held) > KEEP:
                self._held.popitem(last=False)
            return index
