"""Lengths of time for people, roughly: how old a fetched copy or a seen version is."""

from __future__ import annotations


def age(seconds: float) -> str:
    """``40 s``, ``12 min``, ``3 h``, ``4 days``."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{int(seconds)} s"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86400)} days"
