"""The group overview, in Markdown and in self-contained HTML: coverage against independent
plans (and the greedy baseline), each member's interest against their personal optimum, who is
where at each time, and which items of group interest are covered and by whom.

Both are built from one list of sections (:func:`sections`), so they always say the same."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from planner.export.agenda import MARKER, html_head, md
from planner.group.coverage import ATTENDING
from planner.group.room_load import TalkLoad, bar
from planner.group.run import GroupResult
from planner.model import Programme
from planner.views.timefmt import RECONSTRUCTED_MARK, day_title, later_mark, span

NAMES_SHOWN = 12
"""Longer lists of names end in "and N more"."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]
    table: Table | None = None
    level: int = 2
    chart: list[str] | None = None
    """Lines to show as they are (a text chart), in a fixed-width font."""


def _names(names: list[str]) -> str:
    if not names:
        return "—"
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _pct(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole > 0 else "—"


def summary(result: GroupResult) -> list[str]:
    c = result.coverage
    lines = [
        f"Policy: {result.policy}"
        + (
            f" (each member keeps at least {result.share:.0%} of their optimum)"
            if result.policy == "cover"
            else ""
        ),
        f"Members planned: {len(result.members)}"
        + (f"; not planned: {len(result.errors)}" if result.errors else ""),
        f"Coverage: {c.covered:g} of {c.group_weight:g} group interest "
        f"({c.covered_items} of {c.group_items} items of group interest)",
    ]
    if result.policy != "independent":  # else the plans are the independent ones
        lines.append(
            f"Independent plans cover {c.independent_covered:g} "
            f"({c.independent_covered_items} items): "
            f"{c.covered - c.independent_covered:+g} with this plan"
        )
    if c.greedy_covered is not None:
        lines.append(
            f"Greedy baseline (members one by one) covers {c.greedy_covered:g} "
            f"({c.greedy_covered_items} items): {c.covered - c.greedy_covered:+g} with this plan"
        )
    if c.bound is not None and c.gap is not None:
        lines.append(
            f"Solver: {result.status}, coverage bound {c.bound:g}, gap {c.gap:.2%}, "
            f"{result.seconds:.1f} s"
        )
    if result.max_per_poster is not None:
        lines.append(f"At most {result.max_per_poster} members at one poster at a time")
    lines += [f"Warning: {w}" for w in result.warnings]
    if result.room_load is not None:
        lines += load_summary(result.room_load)
    return lines


OVERFULL_SHOWN = 5
"""The summary names this many overfull talks."""
TITLE_WIDTH = 48


def load_summary(loads: list[TalkLoad]) -> list[str]:
    over = [t for t in loads if t.over > 0]
    sized = sum(1 for t in loads if t.capacity is not None)
    if not sized:
        return [
            "Room load: no room has a capacity (give one with --room-capacity N or ROOM=N); "
            "see room_load.csv"
        ]
    lines = [f"Room load: {len(over)} of {sized} talks with a room capacity are overfull"]
    lines += [
        f"Overfull: {t.title} ({t.id}), {t.room}, {t.start:%a %H:%M}: "
        f"{t.planned} planned for {t.capacity} seats (+{t.over})"
        for t in over[:OVERFULL_SHOWN]
    ]
    if len(over) > OVERFULL_SHOWN:
        lines.append(f"... and {len(over) - OVERFULL_SHOWN} more overfull talks (room_load.csv)")
    return lines


def load_chart(loads: list[TalkLoad]) -> list[str]:
    """One bar per talk that someone plans, by room and time: ``#`` the members planned,
    ``|`` the room's capacity, ``!`` members beyond it."""
    by_room: dict[str, list[TalkLoad]] = {}
    for t in loads:
        if t.planned:
            by_room.setdefault(t.room, []).append(t)
    out: list[str] = []
    for room, talks in sorted(by_room.items()):
        talks.sort(key=lambda t: (t.start, t.id))
        cap = talks[0].capacity
        scale = max([t.planned for t in talks] + ([cap] if cap is not None else []))
        out.append(f"{room}" + (f" ({cap} seats)" if cap is not None else " (capacity unknown)"))
        for t in talks:
            title = t.title if len(t.title) <= TITLE_WIDTH else t.title[: TITLE_WIDTH - 1] + "…"
            over = f" +{t.over} over" if t.over else ""
            chart = bar(t.planned, t.capacity, scale)
            out.append(f"  {t.start:%a %H:%M}  {chart:<32} {t.planned:>6}{over}  {title}")
        out.append("")
    return out[:-1]


def sections(result: GroupResult, programme: Programme) -> list[Section]:
    zone = programme.conference.zone
    names = [m.name for m in result.members]
    lines = summary(result)
    if programme.any_times_reconstructed:
        lines.append(
            f"Times marked {RECONSTRUCTED_MARK} are reconstructed, not published: "
            + " ".join(programme.notes)
        )
    out = [Section("Summary", lines)]
    out.append(
        Section(
            "Members",
            [],
            Table(
                ["Member", "Calendar", "Agenda", "Items", "Interest", "Personal optimum", "Share"],
                [
                    [
                        m.name,
                        f"{m.stem}.ics",
                        f"{m.stem}.md",
                        str(sum(1 for i in m.itinerary.items if i.kind != "lunch")),
                        f"{m.utility:g}",
                        f"{m.personal_optimum:g}",
                        _pct(m.utility, m.personal_optimum),
                    ]
                    for m in result.members
                ],
            ),
        )
    )
    if result.errors:
        out.append(Section("Not planned", [str(e) for e in result.errors]))

    # members who stay different lengths at one poster are on lines of their own
    where: dict[tuple[str, datetime, datetime], list[str]] = {}
    for m in result.members:
        for item in m.itinerary.items:
            if item.kind != "lunch":
                key = (item.id, item.start.astimezone(zone), item.end.astimezone(zone))
                where.setdefault(key, []).append(m.name)
    by_day: dict[date, list[list[str]]] = {}
    for key in sorted(where, key=lambda k: (k[1], k[0], k[2])):
        item_id, start, end = key
        c = programme.contribution_by_id[item_id]
        day = programme.day_of(c)
        by_day.setdefault(day, []).append(
            [
                span(start, end, programme.times_reconstructed(c)) + later_mark(day, start),
                programme.room_of(c),
                c.title,
                _names(where[key]),
            ]
        )
    out.append(Section("Who is where", [] if by_day else ["Nobody has anything planned."]))
    for day, rows in sorted(by_day.items()):
        out.append(Section(day_title(day), [], Table(["Time", "Room", "Item", "Members"], rows), 3))

    attending: dict[str, list[str]] = {}
    for m in result.members:
        for item in m.itinerary.items:
            if item.kind in ATTENDING:
                attending.setdefault(item.id, []).append(m.name)
    rows = []
    items = sorted(
        result.items.values(),
        key=lambda i: (programme.window(programme.contribution_by_id[i.id])[0], i.id),
    )
    for entry in items:
        c = programme.contribution_by_id[entry.id]
        start, end = (t.astimezone(zone) for t in programme.window(c))
        rows.append(
            [
                f"{start:%a} {span(start, end, programme.times_reconstructed(c))}",
                c.title,
                f"{entry.weight:g}",
                _names(attending[entry.id]) if entry.id in attending else "not covered",
                _names([names[i] for i in entry.interested]),
            ]
        )
    if result.room_load is not None:
        out.append(
            Section(
                "Room load",
                [
                    "How many members' plans include each talk, against its room's seats: "
                    "# members, | the room's capacity, ! members beyond it "
                    "(every talk in room_load.csv)."
                ],
                chart=load_chart(result.room_load) or ["Nobody plans a talk."],
            )
        )
    out.append(
        Section(
            "Items of group interest",
            [
                "An item is of group interest when a member scores it above 0; its weight is the "
                "highest score a member gives it."
            ],
            Table(["When", "Item", "Weight", "Covered by", "Interested"], rows),
        )
    )
    return out


def _title(result: GroupResult, programme: Programme) -> str:
    return f"Group plan: {result.name} at {programme.conference.name}"


_NUMBER = re.compile(r"[-+]?[\d.]+%?")


def _cell(text: str) -> str:
    if _NUMBER.fullmatch(text):
        return text
    return md(text).replace("|", "\\|").replace("\n", " ")


def markdown_overview(result: GroupResult, programme: Programme) -> str:
    out = [MARKER, "", f"# {md(_title(result, programme))}", ""]
    for section in sections(result, programme):
        out += [f"{'#' * section.level} {md(section.title)}", ""]
        if section.lines:
            out += [f"- {md(line)}" for line in section.lines] + [""]
        if section.table is not None:
            out.append("| " + " | ".join(_cell(h) for h in section.table.header) + " |")
            out.append("|" + "---|" * len(section.table.header))
            out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in section.table.rows]
            out.append("")
        if section.chart is not None:
            fence = "`" * max(3, 1 + max(_ticks(line) for line in section.chart))
            out += [fence + "text", *section.chart, fence, ""]
    return "\n".join(out)


def _ticks(line: str) -> int:
    """The longest run of backticks in ``line``."""
    return max((len(run) for run in re.findall(r"`+", line)), default=0)


_CSS = """
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #111; }
h2 { border-bottom: 1px solid #999; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.2em 0.5em;
         border-bottom: 1px solid #ddd; }
"""


def html_overview(result: GroupResult, programme: Programme) -> str:
    out = html_head(_title(result, programme), _CSS)
    for section in sections(result, programme):
        tag = f"h{section.level}"
        out.append(f"<{tag}>{escape(section.title)}</{tag}>")
        if section.lines:
            out.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in section.lines) + "</ul>")
        if section.table is not None:
            head = "".join(f"<th>{escape(h)}</th>" for h in section.table.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
                for row in section.table.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if section.chart is not None:
            out.append("<pre>" + escape("\n".join(section.chart)) + "</pre>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
