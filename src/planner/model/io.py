"""Reading and writing programme files (YAML or JSON), with errors that name the file and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from planner.errors import ProgrammeError
from planner.model.programme import Programme
from planner.problems import did_you_mean, keys_at, plain_message, where
from planner.safe_yaml import load_yaml, yaml_problem
from planner.storage import atomic_write_text
from planner.userfiles import check_depth, read_source

SCHEMA_NAME = "programme.schema.json"

# libyaml when present: ten times faster on large programmes
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def describe_validation_error(error: ValidationError, data: Any) -> list[str]:
    """One line per problem, naming the item and the field, in plain words; a key the
    programme does not know gets "did you mean ...?"."""
    lines: list[str] = []
    for item in error.errors():
        loc = tuple(item["loc"])
        place = where(loc, data)
        if item["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            message = "not a programme key" + did_you_mean(loc[-1], keys_at(Programme, loc[:-1]))
        else:
            message = plain_message(item)
        for line in message.splitlines():
            lines.append(f"{place}: {line}" if place else line)
    return lines


def programme_from_data(data: Any, source: str) -> Programme:
    if not isinstance(data, dict):
        raise ProgrammeError(
            f"{source}: expected a mapping with 'conference', 'rooms', "
            "'sessions' and 'contributions'"
        )
    try:
        return Programme.model_validate(data)
    except ValidationError as error:
        lines = describe_validation_error(error, data)
        raise ProgrammeError(
            f"{source}: {len(lines)} problem{'s' if len(lines) != 1 else ''}:\n"
            + "\n".join(f"  - {line}" for line in lines)
        ) from None


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path`` (a regular file within the import limit), or a
    :class:`ProgrammeError` naming it."""
    return decode_text(read_source(Path(path)), str(path))


def decode_text(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text, or a :class:`ProgrammeError` naming ``source``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProgrammeError(f"{source}: cannot read it ({error})") from None


def read_programme_file(path: Path) -> Programme:
    """Load a programme written by :func:`write_programme` (or by hand)."""
    path = Path(path)
    return programme_from_bytes(read_source(path), str(path), path.suffix)


def programme_from_bytes(data: bytes, source: str, suffix: str) -> Programme:
    """A planner programme from the bytes of a file (or a fetched URL) named ``source``: JSON
    when ``suffix`` is ``.json``, else YAML."""
    text = decode_text(data, source)
    del data
    if suffix.lower() == ".json":
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProgrammeError(f"{source}: not valid JSON: {error}") from None
        except RecursionError:
            raise ProgrammeError(f"{source}: refused: values nested too deeply") from None
        check_depth(parsed, source, ProgrammeError)
    else:
        try:
            parsed = load_yaml(text)
        except yaml.YAMLError as error:
            raise ProgrammeError(yaml_problem(error, source)) from None
    return programme_from_data(parsed, source)


class _Dump(_Dumper):  # type: ignore[misc]
    """Long and multi-line strings as literal blocks, so abstracts stay readable in the file."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dump.add_representer(str, _str_presenter)


def programme_to_yaml(programme: Programme, header: str = "") -> str:
    data = programme.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(
        data, Dumper=_Dump, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    lines = [f"# yaml-language-server: $schema={SCHEMA_NAME}"]
    lines += [f"# {line}".rstrip() for line in header.splitlines()]
    return "\n".join(lines) + "\n" + body


def write_programme(programme: Programme, path: Path, header: str = "") -> None:
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = programme.model_dump_json(indent=2, exclude_defaults=True) + "\n"
    else:
        text = programme_to_yaml(programme, header)
    atomic_write_text(path, text)


def programme_schema() -> str:
    return json.dumps(Programme.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
