"""Printing rich renderables without the spaces tables and wrapped text pad their lines with."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment, Segments


def trimmed(line: list[Segment]) -> list[Segment]:
    """``line`` without its trailing blanks (blanks on a background colour stay)."""
    out = list(line)
    while out:
        last = out[-1]
        if last.control or (last.style is not None and last.style.bgcolor is not None):
            break
        text = last.text.rstrip(" ")
        if text:
            out[-1] = Segment(text, last.style)
            break
        out.pop()
    return out


def print_trimmed(console: Console, renderable: RenderableType) -> None:
    """Print ``renderable`` at the console's width, each line without trailing spaces."""
    lines = console.render_lines(renderable, console.options, pad=False)
    segments: list[Segment] = []
    for line in lines:
        segments.extend(trimmed(line))
        segments.append(Segment.line())
    console.print(Segments(segments), end="")
