"""Hostile inputs, made on the spot: YAML alias bombs, deep nesting in YAML, TOML and JSON,
named pipes, huge cells and texts."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "programme" / "sources" / "ml4astro-2022-book-of-abstracts.txt"
PROGRAMME = REPO / "programme" / "ml4astro-2022.yaml"


def laughs(levels: int = 9, width: int = 9, key: str = "l") -> list[str]:
    """The "billion laughs" as YAML lines: ``l0`` is one value, each next level ``width``
    aliases of the one before (9 levels of 9: 387 million values in 400 bytes)."""
    lines = [f'{key}0: &{key}0 ["lol"]']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*{key}{level - 1}"] * width)
        lines.append(f"{key}{level}: &{key}{level} [{aliases}]")
    return lines


def programme_bomb() -> str:
    return "\n".join([*laughs(), "conference: *l9", "rooms: *l9", ""])


def group_bomb() -> str:
    """Anchors chained through the members' keywords (the 360-byte group file of the issue)."""
    lines = ["members:", '  - {name: m0, keyword: &k0 ["lol", "lol", "lol", "lol"]}']
    for n in range(1, 10):
        aliases = ", ".join([f"*k{n - 1}"] * 8)
        lines.append(f"  - {{name: m{n}, keyword: &k{n} [{aliases}]}}")
    return "\n".join(lines) + "\n"


def template_bomb() -> str:
    return "\n".join([*laughs(), "conference: {name: X, timezone: UTC}", "days: *l9", ""])


def deep_yaml(levels: int = 1000, key: str = "conference") -> str:
    """``levels`` of nested lists under ``key``, in block style (libyaml's own bound is
    1,000; below it, the planner's)."""
    return (
        f"{key}:\n" + "".join("  " * i + "-\n" for i in range(1, levels)) + "  " * levels + "- x\n"
    )


def deep_flow_yaml(levels: int = 900, key: str = "members") -> str:
    return f"{key}: " + "[" * levels + "]" * levels + "\n"


def deep_toml_tables(levels: int = 1000) -> str:
    return "[" + ".".join(["a"] * levels) + "]\nb = 1\n"


def deep_toml_arrays(levels: int = 1000) -> str:
    return "keyword = " + "[" * levels + "]" * levels + "\n"


def deep_json(levels: int, key: str = "schedule") -> str:
    return "{" + f'"{key}": ' + "[" * levels + "]" * levels + "}"


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
