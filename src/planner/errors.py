"""Errors a user can cause. The CLI prints their message and exits non-zero, never a traceback."""

from __future__ import annotations


class PlannerError(Exception):
    """A problem with the user's input, worded for the user. ``exit_code`` is the CLI's exit code."""

    exit_code = 1


class ProgrammeError(PlannerError):
    """A programme file that cannot be read or is inconsistent."""


class CommandLineError(PlannerError):
    """Options that contradict each other, as a command line's usage errors exit (code 2)."""

    exit_code = 2
