"""Every reader, given hostile input, refuses it at once: one message, exit 1, no traceback,
under 2 s of CPU and 200 MB of address space (the commands that load the solver: 200 MB of
data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.inputs import (
    BOOK,
    deep_flow_yaml,
    deep_json,
    deep_toml_arrays,
    deep_toml_tables,
    deep_yaml,
    fifo,
    group_bomb,
    laughs,
    programme_bomb,
    template_bomb,
    write,
)
from hostile.limits import assert_refused, run_planner

Case = Callable[[Path], tuple[list[str], list[str]]]
"""Makes the input in a folder; gives the command and the fragments its message must hold."""


def _show(name: str, text: str, *fragments: str) -> Case:
    def case(folder: Path) -> tuple[list[str], list[str]]:
        write(folder / name, text)
        return ["show", "--programme", name], [name, *fragments]

    return case


def _import(name: str, text: str, *fragments: str) -> Case:
    def case(folder: Path) -> tuple[list[str], list[str]]:
        write(folder / name, text)
        return ["import", name, "-o", "out.yaml"], [name, *fragments]

    return case


def _template(text: str | None, *fragments: str) -> Case:
    def case(folder: Path) -> tuple[list[str], list[str]]:
        path = folder / "t.timetable.yaml"
        fifo(path) if text is None else write(path, text)
        return ["import", str(BOOK), "--timetable", path.name, "-o", "out.yaml"], [
            path.name,
            *fragments,
        ]

    return case


def _group(name: str, text: str | None, *fragments: str) -> Case:
    def case(folder: Path) -> tuple[list[str], list[str]]:
        fifo(folder / name) if text is None else write(folder / name, text)
        return ["group", name, "--out", "plans"], [name, *fragments]

    return case


def _fifo(*command: str) -> Case:
    """``command`` with ``FIFO`` standing for a named pipe made in the folder."""

    def case(folder: Path) -> tuple[list[str], list[str]]:
        fifo(folder / "pipe")
        return [part.replace("FIFO", "pipe") for part in command], [
            "pipe: not a regular file (a named pipe)"
        ]

    return case


def _plan(option: str, name: str, text: str, *fragments: str) -> Case:
    def case(folder: Path) -> tuple[list[str], list[str]]:
        write(folder / name, text)
        return ["plan", option, name], [name, *fragments]

    return case


ALIASES = "refused: aliases (*name) that stand for more than 10,000 values"
DEEP = "nested"
CASES: dict[str, Case] = {
    # YAML alias bombs, in every YAML the planner reads
    "programme-bomb-show": _show("p.yaml", programme_bomb(), ALIASES),
    "programme-bomb-import": _import("p.yaml", programme_bomb(), ALIASES),
    "programme-bomb-no-suffix": _show("p.txt", programme_bomb()),
    "template-bomb": _template(template_bomb(), ALIASES),
    "group-bomb": _group("g.yaml", group_bomb(), ALIASES),
    "group-recursive-alias": _group("g.yaml", "members: &m [{name: a, keyword: *m}]\n", "alias"),
    # deep nesting
    "programme-deep-block": _show("p.yaml", deep_yaml(1000), "nesting depth"),
    "programme-deep-900": _show("p.yaml", deep_yaml(900), DEEP),
    "programme-deep-flow": _show("p.yaml", deep_flow_yaml(900, "conference"), DEEP),
    "template-deep": _template(deep_flow_yaml(500, "days"), DEEP),
    "group-deep": _group("g.yaml", deep_flow_yaml(900), DEEP),
    "group-deep-500": _group("g.yaml", deep_yaml(500, "members"), DEEP),
    "json-deep-100k": _show("s.json", deep_json(100_000), DEEP),
    "json-deep-900": _show("s.json", deep_json(900), DEEP),
    "json-deep-as-yaml": _show("s.yaml", deep_json(100_000, "conference"), "nesting depth"),
    "profile-deep-tables": _plan("--profile", "p.toml", deep_toml_tables(1000), DEEP),
    "profile-deep-arrays": _plan("--profile", "p.toml", deep_toml_arrays(1000), DEEP),
    "profile-deep-inline": _plan(
        "--profile", "p.toml", "a = " + "{b = " * 900 + "1" + "}" * 900, DEEP
    ),
    "previous-deep": _plan("--previous", "plan.json", deep_json(100_000, "items"), DEEP),
    "previous-deep-900": _plan("--previous", "plan.json", deep_json(900, "items"), DEEP),
    # named pipes, which block a read for ever
    "programme-fifo": _fifo("show", "--programme", "FIFO"),
    "import-fifo": _fifo("import", "FIFO", "-o", "out.yaml"),
    "template-fifo": _template(None, "not a regular file (a named pipe)"),
    "profile-fifo": _fifo("plan", "--profile", "FIFO"),
    "previous-fifo": _fifo("plan", "--previous", "FIFO"),
    "busy-fifo": _fifo("plan", "--busy-ics", "FIFO"),
    "group-fifo": _group("g.yaml", None, "not a regular file (a named pipe)"),
    "tui-profile-fifo": _fifo("tui", "--profile", "FIFO"),
    # devices, which never end
    "programme-device": lambda folder: (
        ["show", "--programme", "/dev/zero"],
        ["/dev/zero: not a regular file (a character device)"],
    ),
    "profile-device": lambda folder: (
        ["plan", "--profile", "/dev/urandom"],
        ["/dev/urandom: not a regular file (a character device)"],
    ),
    # big inputs
    "group-csv-huge-cell": _group(
        "g.csv", "name,keyword\nAna,a\nBo," + "x" * 200_000 + "\n", "g.csv:3:", "field limit"
    ),
    "profile-huge-keyword": _plan(
        "--profile", "p.toml", f'keyword = ["{"x" * 5_000_000}"]\n', "over the limit of 1 MB"
    ),
    "profile-over-10-mb": _plan(
        "--profile", "p.toml", "# " + "x" * (2 * 1024 * 1024) + "\n", "over the limit of 1 MB"
    ),
    "profile-keyword-under-1-mb": _plan(
        "--profile", "p.toml", f'keyword = ["{"x" * 900_000}"]\n', "over the limit of 1,000"
    ),
    "group-huge-keyword": _group(
        "g.yaml", f"members:\n  - name: Ana\n    keyword: [{'x' * 5_000_000}]\n", "over the limit"
    ),
    "template-over-10-mb": _template(
        "# " + "x" * (11 * 1024 * 1024) + "\n", "over the limit of 0.25 MB"
    ),
    "template-over-256-kb": _template("# " + "x" * 300_000 + "\n", "over the limit of 0.25 MB"),
    "group-over-512-kb": _group("g.yaml", "# " + "x" * 600_000 + "\n", "over the limit of 0.5 MB"),
    "group-csv-over-512-kb": _group(
        "g.csv", "name\n" + "".join(f"M{i}\n" for i in range(100_000)), "over the limit of 0.5 MB"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_refused_quickly_with_one_message(name: str, tmp_path: Path) -> None:
    command, fragments = CASES[name](tmp_path)
    outcome = run_planner(*command, cwd=tmp_path)
    assert_refused(outcome, *fragments)
    assert not (tmp_path / "out.yaml").exists() and not (tmp_path / "plans").exists()


def test_a_group_file_with_a_few_shared_lists_is_read(tmp_path: Path) -> None:
    """Aliases are bounded, not banned: the use they have (one list for several members)."""
    write(
        tmp_path / "g.yaml",
        "members:\n  - {name: Ana, keyword: &k [anomaly detection]}\n  - {name: Bo, keyword: *k}\n",
    )
    outcome = run_planner(
        "group", "g.yaml", "--out", "plans", "--json", "--workers", "1",
        cwd=tmp_path, memory="data", cpu_seconds=30,
    )  # fmt: skip
    assert outcome.code == 0, str(outcome)
    assert sorted(p.name for p in (tmp_path / "plans").iterdir())[:3] == [
        ".planner-group",
        "ana.ics",
        "ana.md",
    ]


def test_laughs_are_small() -> None:
    """The bomb is what the issue measured: a few hundred bytes."""
    assert len("\n".join(laughs())) < 1024
