"""A programme written as YAML: long and multi-line strings as literal blocks, so that abstracts
stay readable in the file."""

from __future__ import annotations

from typing import Any

import yaml

from planner.model.programme import Programme

# libyaml when present: ten times faster on large programmes
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dump(_Dumper):  # type: ignore[misc]
    """Multi-line strings as literal blocks."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dump.add_representer(str, _str_presenter)


def programme_to_yaml(programme: Programme, *comments: str) -> str:
    """The YAML text of ``programme``, after ``comments`` (each line a ``#`` comment)."""
    data = programme.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(
        data, Dumper=_Dump, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    lines = [f"# {line}".rstrip() for comment in comments for line in comment.splitlines()]
    return "\n".join(lines) + "\n" + body
