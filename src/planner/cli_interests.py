"""The interest flags that ``planner plan`` and ``planner rank`` share, as one decorator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from planner.cli_types import number

F = TypeVar("F", bound=Callable[..., Any])


def interest_options(func: F) -> F:
    """``--profile`` and every flag that says what the attendee wants to see."""
    options = [
        click.option(
            "--profile",
            "profile_path",
            type=click.Path(path_type=Path),
            help="Interest profile (TOML); flags add to it.",
        ),
        click.option(
            "--keyword",
            multiple=True,
            metavar="TEXT",
            help="A keyword ranked against titles, abstracts, speakers, sessions (repeatable).",
        ),
        click.option(
            "--session",
            multiple=True,
            metavar="NAME[=WEIGHT]",
            help="Weight a session or track (default 10; repeatable).",
        ),
        click.option(
            "--speaker", multiple=True, metavar="NAME", help="A speaker to see (repeatable)."
        ),
        click.option(
            "--star",
            multiple=True,
            metavar="ID[=WEIGHT]",
            help="Star a contribution; =WEIGHT sets its interest exactly (repeatable).",
        ),
        click.option(
            "--must", multiple=True, metavar="ID", help="Must-see: always in the plan (repeatable)."
        ),
        click.option("--skip", multiple=True, metavar="ID", help="Never in the plan (repeatable)."),
        click.option(
            "--own",
            multiple=True,
            metavar="ID",
            help="Your own talk or poster: you present it (repeatable).",
        ),
        click.option(
            "--like",
            multiple=True,
            metavar="FILE[=WEIGHT]",
            help="A document of yours (text, Markdown, BibTeX or PDF): rank the programme by likeness to it "
            "(default weight 10, as a keyword; repeatable).",
        ),
        click.option(
            "--like-item",
            multiple=True,
            metavar="ID",
            help="More like this contribution (repeatable).",
        ),
        click.option(
            "--min-score",
            type=number(0),
            metavar="X",
            help="Do not plan items whose interest is below X.",
        ),
        click.option(
            "--min-relevance",
            type=number(0, 1),
            metavar="FRACTION",
            help="A match below this share of its keyword's or document's best match counts "
            "nothing (default 0.2).",
        ),
        click.option(
            "--prefer-live",
            type=number(1),
            is_flag=False,
            flag_value=1.5,
            metavar="[FACTOR]",
            help="Multiply the interest of talks that will not be recorded (default 1.5).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
