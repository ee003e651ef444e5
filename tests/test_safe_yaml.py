"""The one YAML loader: aliases bounded, nesting bounded, on libyaml and in pure Python."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from planner.safe_yaml import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    Loader,
    PureLoader,
    YamlLimitError,
    compose_yaml,
    load_yaml,
    yaml_problem,
)

LOADERS = [pytest.param(Loader, id="libyaml"), pytest.param(PureLoader, id="python")]


def laughs(levels: int, width: int = 9) -> str:
    """The "billion laughs": each level a list of ``width`` aliases of the level before."""
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def load(text: str, loader: Any) -> Any:
    return yaml.load(text, Loader=loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_a_few_shared_lists_are_read(loader: Any) -> None:
    text = "k: &k [galaxies, quasars]\nmembers:\n  - {keyword: *k}\n  - {keyword: *k}\n"
    assert load(text, loader)["members"][1] == {"keyword": ["galaxies", "quasars"]}


@pytest.mark.parametrize("loader", LOADERS)
def test_aliases_that_stand_for_too_much_are_refused(loader: Any) -> None:
    with pytest.raises(YamlLimitError, match=f"more than {MAX_ALIAS_VALUES:,} values"):
        load(laughs(9), loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_the_alias_bound_is_on_values_not_on_aliases(loader: Any) -> None:
    big = "a: &a [" + ", ".join(["x"] * 4000) + "]\n"
    assert len(load(big + "b: [*a, *a]\n", loader)["b"]) == 2  # 8,000 values
    with pytest.raises(YamlLimitError):
        load(big + "b: [*a, *a, *a]\n", loader)  # 12,000


@pytest.mark.parametrize("loader", LOADERS)
def test_an_alias_inside_its_own_anchor_is_refused(loader: Any) -> None:
    with pytest.raises(YamlLimitError, match="inside its own anchor"):
        load("a: &a [1, *a]\n", loader)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 900, 5000])
def test_deep_nesting_is_refused(loader: Any, levels: int) -> None:
    for text in ("[" * levels + "]" * levels, "- " * levels + "x\n"):
        with pytest.raises(yaml.YAMLError):
            load(text, loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_up_to_the_bound_is_read(loader: Any) -> None:
    value = load("[" * MAX_DEPTH + "]" * MAX_DEPTH, loader)
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_an_impossible_date_stays_text_and_a_real_one_is_a_date() -> None:
    data = load_yaml("a: 2022-05-32\nb: 2022-05-31\n")
    assert data["a"] == "2022-05-32" and str(data["b"]) == "2022-05-31"


def test_compose_is_bounded_too() -> None:
    with pytest.raises(YamlLimitError):
        compose_yaml(laughs(9))
    node = compose_yaml("a: [1, 2]\n")
    assert isinstance(node, yaml.MappingNode)


def test_problems_are_one_line_with_the_line_and_the_reason() -> None:
    try:
        load_yaml(laughs(9))
    except yaml.YAMLError as error:
        message = yaml_problem(error, "g.yaml")
    assert message.startswith("g.yaml:") and ": refused: aliases (*name)" in message
    assert "\n" not in message
    try:
        load_yaml("a: [1, 2\n")
    except yaml.YAMLError as error:
        message = yaml_problem(error, "g.yaml")
    assert message.startswith("g.yaml:") and ": not valid YAML: " in message
