"""A group run on disk and as JSON: one calendar (.ics) and one Markdown agenda per member, the
overview (Markdown and HTML) and ``group.json``, all written through
:func:`planner.group.outdir.staged_folder` (an interruption leaves the old folder as it was)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.group.naming import GROUP, OVERVIEW, ROOM_LOAD
from planner.group.outdir import staged_folder
from planner.group.overview import html_overview, markdown_overview
from planner.group.personal import write_members
from planner.group.room_load import load_csv, load_json
from planner.group.run import GroupResult
from planner.model import Programme


def group_json(result: GroupResult, programme: Programme) -> dict[str, Any]:
    """The contract of ``planner group --json``. ``coverage`` holds at least ``covered``,
    ``independent_covered``, ``greedy_covered``, ``bound``, ``gap`` and ``group_items``; bound
    and gap are those of the terminal report (``cover`` only; null otherwise), and the gap is
    ``(bound - covered) / bound`` of the rounded figures' unrounded values. With
    ``independent``, ``room_load`` lists every talk as ``{id, room, start, planned, capacity}``,
    the overfull first (:mod:`planner.group.room_load`)."""
    zone = programme.conference.zone
    c = result.coverage
    out: dict[str, Any] = {
        "status": result.status,
        "group": result.name,
        "policy": result.policy,
        "share": result.share,
        "max_per_poster": result.max_per_poster,
        "members": [
            {
                "name": m.name,
                "file": f"{m.stem}.ics",
                "agenda": f"{m.stem}.md",
                "items": [
                    {
                        "id": i.id,
                        "start": i.start.astimezone(zone).isoformat(),
                        "end": i.end.astimezone(zone).isoformat(),
                        "room": i.room,
                    }
                    for i in m.itinerary.items
                    if i.kind != "lunch"
                ],
                "utility": round(m.utility, 4),
                "personal_optimum": round(m.personal_optimum, 4),
            }
            for m in result.members
        ],
        "coverage": {
            "covered": round(c.covered, 4),
            "independent_covered": round(c.independent_covered, 4),
            "group_items": c.group_items,
            "group_weight": round(c.group_weight, 4),
            "covered_items": c.covered_items,
            "independent_covered_items": c.independent_covered_items,
            "greedy_covered": None if c.greedy_covered is None else round(c.greedy_covered, 4),
            "greedy_covered_items": c.greedy_covered_items,
            "bound": None if c.bound is None else round(c.bound, 4),
            "gap": None if c.gap is None else round(c.gap, 6),
            "cover_seconds": None if c.cover_seconds is None else round(c.cover_seconds, 4),
        },
        "errors": [{"name": e.name, "line": e.line, "message": e.message} for e in result.errors],
        "warnings": result.warnings,
        "solve_seconds": round(result.seconds, 4),
    }
    if result.room_load is not None:
        out["room_load"] = load_json(result.room_load)
    return out


def write_group(
    result: GroupResult,
    programme: Programme,
    out: Path,
    *,
    force: bool = False,
    now: datetime | None = None,
    workers: int = 1,
    advance: Callable[[], None] | None = None,
) -> list[str]:
    """Write the folder ``out`` at once; returns the names of the files written."""
    with staged_folder(Path(out), force) as stage:
        return write_files(result, programme, stage, now=now, workers=workers, advance=advance)


def write_files(
    result: GroupResult,
    programme: Programme,
    folder: Path,
    *,
    now: datetime | None = None,
    workers: int = 1,
    advance: Callable[[], None] | None = None,
) -> list[str]:
    """The files of a group run in ``folder`` (a staged folder: see :func:`write_group`)."""
    written: list[str] = []

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        written.append(name)

    missing = [m for m in result.members if m.written != folder]
    for m in result.members:
        written.extend([f"{m.stem}.ics", f"{m.stem}.md"])
        if m.written == folder and advance:
            advance()
    write_members(
        programme,
        [(m.itinerary, m.stem) for m in missing],
        folder,
        now=now,
        workers=workers,
        advance=advance,
    )
    if result.room_load is not None:
        put(f"{ROOM_LOAD}.csv", load_csv(result.room_load).encode("utf-8"))
    put(f"{OVERVIEW}.md", markdown_overview(result, programme).encode("utf-8"))
    put(f"{OVERVIEW}.html", html_overview(result, programme).encode("utf-8"))
    text = json.dumps(group_json(result, programme), indent=2, ensure_ascii=False)
    put(f"{GROUP}.json", (text + "\n").encode("utf-8"))
    return written
