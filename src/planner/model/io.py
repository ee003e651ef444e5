"""Reading and writing programme files (YAML or JSON), with errors that name the file and field.
The YAML library loads only when a YAML file is read or written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.errors import ProgrammeError
from planner.model.programme import Programme
from planner.problems import did_you_mean, keys_at, plain_message, where
from planner.storage import atomic_write_text
from planner.userfiles import check_depth, read_source

SCHEMA_NAME = "programme.schema.json"


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
    return programme_from_data(programme_data(data, source, suffix), source)


def programme_data(data: bytes, source: str, suffix: str) -> Any:
    """The data (not yet checked as a programme) in the bytes of a file named ``source``: JSON
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
        return parsed
    import yaml

    from planner.safe_yaml import load_yaml, yaml_problem

    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        raise ProgrammeError(yaml_problem(error, source)) from None


def write_programme(programme: Programme, path: Path, header: str = "") -> None:
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = programme.model_dump_json(indent=2, exclude_defaults=True) + "\n"
    else:
        from planner.model.programme_yaml import programme_to_yaml

        text = programme_to_yaml(programme, f"yaml-language-server: $schema={SCHEMA_NAME}", header)
    atomic_write_text(path, text)


def programme_schema() -> str:
    return json.dumps(Programme.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
