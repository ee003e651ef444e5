"""A day's table that fits the terminal by giving the title column the space.

Rich shrinks only wrappable columns when a table is too wide, so a table whose other columns are
``no_wrap`` (times, rooms, ids) squeezes its title column to nothing. Here the widths are chosen
at render time, when the width is known: fixed columns (times, kinds) keep their width, the
title gets at least half of the rest (and never less than :data:`TITLE_MIN` unless its longest
line is shorter), and the columns that may be cut (rooms, tracks, ids) share what is left, the
widest cut first, with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from planner.views.timefmt import titled_table

TITLE_MIN = 30
SLIVER = 4  # the least a cut column keeps on a very narrow terminal ("ab…")
GAP = 2  # the padding between two columns of a borderless table

Fit = Literal["fixed", "cut", "title"]


@dataclass(frozen=True)
class FitColumn:
    header: str
    fit: Fit
    floor: int = 6  # a "cut" column keeps at least this many cells (or its widest cell)
    justify: Literal["left", "right"] = "left"


@dataclass
class FittedTable:
    """A titled, borderless table whose columns are sized to the width it is rendered at."""

    title: str
    columns: list[FitColumn]
    rows: list[list[Text]] = field(default_factory=list)

    def add_row(self, *cells: Text) -> None:
        self.rows.append(list(cells))

    def widths(self, total: int) -> list[int]:
        natural = [
            max([cell_len(c.header)] + [_widest_line(row[i]) for row in self.rows])
            for i, c in enumerate(self.columns)
        ]
        if sum(natural) + GAP * (len(natural) - 1) <= total:
            return natural
        fixed = sum(n for n, c in zip(natural, self.columns, strict=True) if c.fit == "fixed")
        available = total - fixed - GAP * (len(natural) - 1)
        cut = [i for i, c in enumerate(self.columns) if c.fit == "cut"]
        titles = [i for i, c in enumerate(self.columns) if c.fit == "title"]
        title_natural = sum(natural[i] for i in titles)
        title_least = min(title_natural, max(TITLE_MIN, available // 2))
        shares = _share(
            [natural[i] for i in cut],
            [min(natural[i], self.columns[i].floor) for i in cut],
            available - title_least,
        )
        widths = list(natural)
        for i, width in zip(cut, shares, strict=True):
            widths[i] = width
        left = max(available - sum(shares), 1)
        for i in titles:  # one title column in practice; several split what is left
            widths[i] = max(left // len(titles), 1)
        return widths

    def table(self, total: int) -> Table:
        table = titled_table(self.title)
        for column, width in zip(self.columns, self.widths(total), strict=True):
            wraps = column.fit == "title"
            table.add_column(
                column.header,
                width=width,
                justify=column.justify,
                no_wrap=not wraps,
                overflow="fold" if wraps else "ellipsis",
            )
        for row in self.rows:
            table.add_row(*row)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)


def _widest_line(text: Text) -> int:
    return max(cell_len(line) for line in text.plain.split("\n"))


def _share(natural: list[int], floors: list[int], budget: int) -> list[int]:
    """Widths no wider than ``natural`` and no narrower than ``floors`` that fit ``budget``
    when they can: the widest are cut first, down to one level, and what is left over goes
    back one cell at a time."""
    if sum(natural) <= budget:
        return list(natural)
    if sum(floors) >= budget:  # too narrow for the floors: cut down to a few cells each
        floors = [min(n, SLIVER) for n in natural]
        if sum(floors) >= budget:
            return floors

    def at(level: int) -> list[int]:
        return [min(n, max(f, level)) for n, f in zip(natural, floors, strict=True)]

    level = max(natural)
    while sum(at(level)) > budget:
        level -= 1
    widths = at(level)
    for i in _widest_first(natural, widths):
        if sum(widths) >= budget:
            break
        widths[i] += 1
    return widths


def _widest_first(natural: list[int], widths: list[int]) -> Iterator[int]:
    order = sorted(range(len(natural)), key=lambda i: -natural[i])
    yield from (i for i in order if widths[i] < natural[i])
