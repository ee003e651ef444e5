"""Values of the command line's options, read with messages in the planner's words ("'abc' is
not a whole number", "-3 is below 0") and named in ``--help`` by what they are (MINUTES,
YYYY-MM-DD) rather than by Click's types and ranges."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # generic from Click 8.2 on; plain at run time, for every Click 8
    _NumberType = click.ParamType[float, Any]
    _DayType = click.ParamType[date, Any]
    _ZoneType = click.ParamType[str, Any]
    _LocationType = click.ParamType[Path | str, Any]
else:
    _NumberType = _DayType = _ZoneType = _LocationType = click.ParamType


class Number(_NumberType):
    """A whole number (``whole``) or a finite number, at least ``low`` and at most ``high``."""

    def __init__(self, *, whole: bool, low: float | None = None, high: float | None = None):
        self.whole = whole
        self.low = low
        self.high = high
        self.name = "whole number" if whole else "number"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number: float = value
            shown = f"{value:g}"
        else:
            shown = str(value).strip()
            try:
                number = int(shown) if self.whole else float(shown)
            except ValueError:
                self.fail(f"{value!r} is not a {self.name}", param, ctx)
            if not math.isfinite(number):
                self.fail(f"{value!r} is not a {self.name}", param, ctx)
        if self.low is not None and number < self.low:
            self.fail(f"{shown} is below {self.low:g}", param, ctx)
        if self.high is not None and number > self.high:
            self.fail(f"{shown} is above {self.high:g}", param, ctx)
        return number


def whole(low: int | None = None, high: int | None = None) -> Number:
    return Number(whole=True, low=low, high=high)


def number(low: float | None = None, high: float | None = None) -> Number:
    return Number(whole=False, low=low, high=high)


class Day(_DayType):
    """A date written YYYY-MM-DD."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if len(text) != 10:
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD (e.g. 2022-05-31)", param, ctx)


class Zone(_ZoneType):
    """A time zone's IANA name (Europe/Berlin, UTC), checked by the programme's own rule."""

    name = "time zone"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from planner.model.programme import known_zone

        text = str(value)
        if known_zone(text) is None:
            self.fail(
                f"{value!r} is not a known time zone (expected an IANA name such as "
                "Europe/Berlin or UTC)",
                param,
                ctx,
            )
        return text


class ProgrammeLocation(_LocationType):
    """A programme file (a :class:`Path`) or the http(s) URL of a published schedule (a
    ``str``); a URL with another scheme (``file:``, ``ftp://``) is refused."""

    name = "file or URL"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path | str:
        from planner.errors import PlannerError
        from planner.locations import location_of

        if isinstance(value, Path):
            return value
        try:
            return location_of(str(value))
        except PlannerError as error:
            self.fail(str(error), param, ctx)
