"""Problems with a file the user wrote (a profile, a timetable template), in plain words.

:func:`describe_problems` turns a pydantic :class:`ValidationError` into one line per problem,
each naming the key as written (``days[0].breaks[1].minutes``) and, for a YAML file, its line.
An unknown key gets "did you mean ...?" from the keys that are allowed at that place, and a
misspelt key that leaves a required one missing is one problem, not two.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable, Iterable, Sequence
from inspect import isclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

Loc = tuple[int | str, ...]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` with the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def where(loc: Loc, data: Any = None) -> str:
    """``days[0].breaks[1].minutes`` for a pydantic error location; given the ``data`` that was
    validated, a list item with an id or a name says which (``contributions[3] (id '12').start``)."""
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict):
                ident = node.get("id", node.get("name"))
                if ident is not None:
                    text += f" ({'id' if 'id' in node else 'name'} {str(ident)!r})"
        elif part != "[key]":
            text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def plain_message(item: ErrorDetails) -> str:
    """What is wrong with one value, in words (pydantic's own wording as a last resort)."""
    kind, ctx = item["type"], item.get("ctx") or {}
    value = _shown(item.get("input"))
    if kind == "missing":
        return "missing (it is required)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{value} is not a whole number"
    if kind in ("float_parsing", "float_type"):
        return f"{value} is not a number"
    if kind == "finite_number":
        return f"{value} is not a finite number"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {
            "greater_than": f"more than {ctx.get('gt')}",
            "greater_than_equal": f"{ctx.get('ge')} or more",
            "less_than": f"less than {ctx.get('lt')}",
            "less_than_equal": f"{ctx.get('le')} or less",
        }[kind]
        return f"{value} should be {bound}"
    if kind in ("string_type", "string_sub_type"):
        return f"{value} should be text"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"{value} should be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return f"{value} should be a mapping of keys to values"
    if kind == "literal_error":
        return f"{value}: choose {ctx.get('expected')}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{value} should be true or false"
    if kind.startswith("time_"):
        return f"{value} is not a time of day (e.g. 09:00)"
    if kind.startswith("datetime_") or kind == "timezone_aware":
        return f"{value} is not a date and time with a UTC offset (e.g. 2022-05-31T14:00:00+02:00)"
    if kind.startswith("date_"):
        return f"{value} is not a date (e.g. 2022-05-30)"
    if kind in ("too_short", "too_long"):
        return f"{value} should have {ctx.get('min_length', ctx.get('max_length'))} items"
    return str(item["msg"]).removeprefix("Value error, ")


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation allows, ``X | None`` as ``[X]``."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _unwrap(arg) if t is not type(None)]
    return [annotation]


def _step(annotation: Any, part: int | str) -> Any:
    for option in _unwrap(annotation):
        origin, args = get_origin(option), get_args(option)
        if isclass(option) and issubclass(option, BaseModel) and isinstance(part, str):
            field = option.model_fields.get(part)
            if field is not None:
                return field.annotation
        elif origin in (list, set, frozenset) and args and isinstance(part, int):
            return args[0]
        elif origin is tuple and args and isinstance(part, int):
            return args[min(part, len(args) - 1)]
        elif origin is dict and len(args) == 2 and part != "[key]":
            return args[1]
    return None


def keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys ``model`` allows at ``loc`` (the place that holds them)."""
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    for option in _unwrap(annotation):
        if isclass(option) and issubclass(option, BaseModel):
            return list(option.model_fields)
    return []


def describe_problems(
    error: ValidationError,
    model: type[BaseModel],
    *,
    noun: str,
    extra_keys: Sequence[str] = (),
    line_of: Callable[[Loc], int | None] | None = None,
) -> list[str]:
    """One line per problem: ``minuts: not a template key (did you mean 'minutes'?)``.

    ``noun`` names what a key is (``profile setting``); ``extra_keys`` are top-level keys the
    file allows beyond the model's; ``line_of`` gives the line of a location in the file."""
    items = error.errors()
    missing = {tuple(i["loc"]) for i in items if i["type"] == "missing"}
    merged: set[Loc] = set()
    found: list[tuple[Loc, str]] = []
    for item in items:
        loc: Loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            parent = loc[:-1]
            allowed = keys_at(model, parent) + (list(extra_keys) if not parent else [])
            hint = did_you_mean(loc[-1], allowed)
            close = hint.split("'")[1] if hint else ""
            if (*parent, close) in missing:
                merged.add((*parent, close))
            found.append((loc, f"not a {noun}{hint}"))
        elif loc and loc[-1] == "[key]":
            found.append((loc, f"{_shown(loc[-2])} is not a {noun} here: choose {_ctx(item)}"))
        else:
            found.append((loc, plain_message(item)))
    lines: list[str] = []
    for loc, message in found:
        if loc in merged:
            continue
        place = where(loc)
        line = line_of(loc) if line_of else None
        text = f"{place}: {message}" if place else message
        lines.append(f"line {line}: {text}" if line else text)
    return lines


def _ctx(item: ErrorDetails) -> str:
    return str((item.get("ctx") or {}).get("expected", "another key"))


def yaml_lines(text: str) -> Callable[[Loc], int | None]:
    """A function giving the line (from 1) of a location in the YAML ``text``: the line of its
    key, or of the nearest enclosing item that is in the file."""
    import yaml

    from planner.safe_yaml import compose_yaml

    try:
        root = compose_yaml(text)
    except yaml.YAMLError:
        root = None

    def line_of(loc: Loc) -> int | None:
        node: yaml.Node | None = root
        line = None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pairs = [(k, v) for k, v in node.value if str(k.value) == str(part)]
                if not pairs:
                    break
                key, node = pairs[-1]
                line = key.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line

    return line_of
