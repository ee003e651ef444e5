"""Reading a group file: the group's options and one entry per member, each with the line it
starts on, so that a problem is reported as ``group.yaml:12: member 'Ana': ...``.

YAML::

    name: ML4Astro reading group
    policy: cover            # independent | cover
    share: 0.8               # each member keeps this share of their personal optimum
    max_per_poster: 2        # at most 2 members at one poster
    programme: ml4astro.yaml # optional, relative to this file, or a URL (--programme wins)
    members:
      - name: Ana
        profile: ana.toml    # a profile file, relative to this file ...
      - name: Bo
        keyword: [anomaly detection]   # ... or the profile inline (any profile setting)
        star: {"30": 25}
        must: ["57"]
        arrive: 2022-05-30 14:00
        busy: [["2022-05-31 09:00", "10:30"]]

A member may have both: inline settings add to the profile file as flags do on the command line.

CSV (the simple case; options come from the command line): a header with the columns ``name,
keyword, must, skip, star, arrive, leave, profile``; lists separated by ``;``, stars as
``ID=W;ID=W``.

A folder (the organiser's case: thousands of registered attendees' profiles): every ``*.toml``
file in it is one member's profile file, the member named by the file (``ana.toml`` is "ana"),
in the order of the names; options come from the command line. Only this reading happens here; the profiles are checked against the programme
in :mod:`planner.group.profiles`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from planner.errors import PlannerError
from planner.locations import is_url
from planner.safe_yaml import compose_and_load_yaml, yaml_problem
from planner.userfiles import MAX_GROUP_FILE, read_text

Policy = Literal["independent", "cover"]
POLICIES: tuple[str, ...] = get_args(Policy)
DEFAULT_SHARE = 0.8
OPTIONS = ("name", "policy", "share", "max_per_poster", "programme", "members")
CSV_COLUMNS = ("name", "keyword", "must", "skip", "star", "arrive", "leave", "profile")


@dataclass(frozen=True)
class MemberEntry:
    """A member as written: name, the line it starts on, an optional profile file (already
    resolved against the group file's folder) and the inline settings."""

    name: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    profile_path: Path | None = None


@dataclass(frozen=True)
class MemberError:
    """A member that cannot be planned, and why."""

    name: str
    line: int
    message: str
    source: str = ""

    def __str__(self) -> str:
        if not self.line and not self.source:  # a member of a folder: the message names its file
            return f"member {self.name!r}: {self.message}"
        where = f"{self.source}:{self.line}" if self.source else f"line {self.line}"
        return f"{where}: member {self.name!r}: {self.message}"


@dataclass
class GroupFile:
    path: Path
    name: str
    policy: Policy | None = None
    share: float | None = None
    max_per_poster: int | None = None
    programme: Path | str | None = None
    members: list[MemberEntry] = field(default_factory=list)
    errors: list[MemberError] = field(default_factory=list)
    """Members broken already in the file (no name, not a mapping, a repeated name)."""
    folder: bool = False
    """Read from a folder of profile files (a member's line is its place in the folder)."""


def read_group_file(path: Path) -> GroupFile:
    """Read ``path`` (``.csv`` as CSV, anything else as YAML). Problems with the file as a whole
    raise :class:`PlannerError`; problems with one member are collected in ``errors``."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    text = read_text(path, "group file", "utf-8-sig", MAX_GROUP_FILE)
    group = _read_csv(path, text) if path.suffix.lower() == ".csv" else _read_yaml(path, text)
    _check_names(group)
    if not group.members and not group.errors:
        raise PlannerError(f"{path}: no members")
    return group


PROFILE_SUFFIX = ".toml"


def _read_folder(path: Path) -> GroupFile:
    files = sorted(
        (
            p
            for p in path.iterdir()
            if p.suffix.lower() == PROFILE_SUFFIX and not p.name.startswith(".")
        ),
        key=lambda p: p.name,
    )
    if not files:
        raise PlannerError(f"{path}: a folder with no profile files (*{PROFILE_SUFFIX}) in it")
    group = GroupFile(path=path, name=path.name, folder=True)
    for k, file in enumerate(files, start=1):
        group.members.append(MemberEntry(name=file.stem, line=k, profile_path=file))
    _check_names(group)
    return group


def _check_names(group: GroupFile) -> None:
    seen: dict[str, int] = {}
    kept: list[MemberEntry] = []
    for entry in group.members:
        key = entry.name.strip().casefold()
        if key in seen:
            group.errors.append(
                MemberError(
                    entry.name,
                    entry.line,
                    f"the name is already used on line {seen[key]}",
                    str(group.path),
                )
            )
            continue
        seen[key] = entry.line
        kept.append(entry)
    group.members = kept


# YAML ----------------------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _read_yaml(path: Path, text: str) -> GroupFile:
    try:
        root, data = compose_and_load_yaml(text)
    except yaml.YAMLError as error:
        raise PlannerError(yaml_problem(error, str(path))) from None
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise PlannerError(f"{path}: expected a mapping with 'members' (and name, policy, share)")
    lines = {str(key.value): _line(key) for key, _ in root.value}
    unknown = [key for key in data if str(key) not in OPTIONS]
    if unknown:
        key = str(unknown[0])
        raise PlannerError(
            f"{path}:{lines.get(key, 1)}: {key!r} is not a group option "
            f"(options: {', '.join(OPTIONS)})"
        )

    def at(key: str) -> str:
        return f"{path}:{lines.get(key, 1)}"

    group = GroupFile(path=path, name=str(data.get("name") or path.stem))
    group.policy = _policy(data.get("policy"), at("policy"))
    group.share = _share(data.get("share"), at("share"))
    group.max_per_poster = _max_per_poster(data.get("max_per_poster"), at("max_per_poster"))
    if data.get("programme") is not None:
        named = str(data["programme"])
        group.programme = named if is_url(named) else path.parent / named
    members = data.get("members")
    if not isinstance(members, list):
        raise PlannerError(f"{at('members')}: 'members' should be a list of members")
    # the node of the list YAML kept (the last, should the key be repeated), for the lines
    nodes = [value for key, value in root.value if key.value == "members"][-1]
    lines_of = [_line(node) for node in nodes.value] if isinstance(nodes, yaml.SequenceNode) else []
    if len(lines_of) != len(members):
        lines_of = [_line(nodes)] * len(members)
    for raw, line in zip(members, lines_of, strict=True):
        _add_member(group, raw, line)
    return group


def _policy(value: Any, where: str) -> Policy | None:
    if value is None:
        return None
    if value not in POLICIES:
        raise PlannerError(f"{where}: policy {value!r}: choose one of {', '.join(POLICIES)}")
    policy: Policy = value
    return policy


def _share(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise PlannerError(f"{where}: share {value!r}: give a number from 0 to 1, e.g. 0.8")
    return float(value)


def _max_per_poster(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PlannerError(f"{where}: max_per_poster {value!r}: give a whole number of 1 or more")
    return value


def _add_member(group: GroupFile, raw: Any, line: int) -> None:
    source = str(group.path)
    if not isinstance(raw, dict):
        group.errors.append(
            MemberError(
                f"#{len(group.members) + len(group.errors) + 1}",
                line,
                "expected a mapping with 'name' and a profile",
                source,
            )
        )
        return
    name = raw.get("name")
    if name is None or not str(name).strip():
        group.errors.append(MemberError("?", line, "no name", source))
        return
    fields = {str(k): v for k, v in raw.items() if k not in ("name", "profile")}
    profile = raw.get("profile")
    if profile is not None and not isinstance(profile, str):
        group.errors.append(
            MemberError(str(name), line, "profile: give the path of a profile file", source)
        )
        return
    group.members.append(
        MemberEntry(
            name=str(name).strip(),
            line=line,
            fields=fields,
            profile_path=group.path.parent / profile if profile else None,
        )
    )


# CSV -----------------------------------------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _read_csv(path: Path, text: str) -> GroupFile:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _read_rows(path, reader)
    except csv.Error as error:  # a cell over the csv module's limit (128 KiB)
        line = reader.line_num + 1  # the line after the last one read whole
        raise PlannerError(f"{path}:{line}: not a CSV table this reads ({error})") from None


def _read_rows(path: Path, reader: csv.DictReader[str]) -> GroupFile:
    header = [h.strip() for h in reader.fieldnames or []]
    if "name" not in header:
        raise PlannerError(f"{path}:1: the header needs a 'name' column ({', '.join(CSV_COLUMNS)})")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise PlannerError(
            f"{path}:1: unknown column {unknown[0]!r} (columns: {', '.join(CSV_COLUMNS)})"
        )
    reader.fieldnames = header
    group = GroupFile(path=path, name=path.stem)
    for row in reader:
        line = reader.line_num
        if None in row:  # more cells than columns
            group.errors.append(
                MemberError(str(row.get("name") or "?"), line, "more cells than columns", str(path))
            )
            continue
        cells = {k: (v or "").strip() for k, v in row.items()}
        if not any(cells.values()):
            continue
        fields: dict[str, Any] = {}
        for column in ("keyword", "must", "skip", "star"):
            if cells.get(column):
                fields[column] = _split(cells[column])
        for column in ("arrive", "leave"):
            if cells.get(column):
                fields[column] = cells[column]
        _add_member(
            group,
            {"name": cells.get("name"), "profile": cells.get("profile") or None, **fields},
            line,
        )
    return group
