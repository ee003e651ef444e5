"""Which items overlap in one room: the sweep the importer warns with and the programme check
refuses with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

Item = TypeVar("Item")


def room_overlaps(spans: Iterable[tuple[Hashable, Any, Any, Item]]) -> list[tuple[Item, Item]]:
    """``(earlier, later)`` for each item that starts before an earlier item in its room has
    ended; ``earlier`` is the one of them that ends last. ``spans`` are ``(room, start, end,
    item)``, with ``(start, end)`` comparable and ties kept in the order given."""
    by_room: dict[Hashable, list[tuple[Any, Any, Item]]] = defaultdict(list)
    for room, start, end, item in spans:
        by_room[room].append((start, end, item))
    found: list[tuple[Item, Item]] = []
    for members in by_room.values():
        members.sort(key=lambda span: (span[0], span[1]))
        _, latest_end, latest = members[0]
        for start, end, item in members[1:]:
            if start < latest_end:
                found.append((latest, item))
            if end > latest_end:
                latest, latest_end = item, end
    return found
