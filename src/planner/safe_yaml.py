"""The one YAML reader of the planner: programme files, timetable templates and group files.

PyYAML's safe loader still expands aliases: a few hundred bytes of nested anchors (``&a``) and
aliases (``*a``) stand for billions of values, which the steps after loading then walk one by
one. Here the document's node graph is checked before anything is built from it:

- aliases may stand for at most :data:`MAX_ALIAS_VALUES` values in all (a shared list of
  keywords is fine; a "billion laughs" is refused at once), and an alias inside its own anchor
  is refused;
- values nest at most :data:`MAX_DEPTH` levels deep (a programme needs six).

Both refusals are :class:`YamlLimitError` (a ``yaml.YAMLError`` with the line), and
:func:`yaml_problem` words any YAML error in one line. An impossible date (``2022-05-32``) is
kept as text, so that it is reported with its key. libyaml is used when present (ten times
faster on large programmes); it refuses more than 1,000 levels itself while it reads.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.error import Mark, MarkedYAMLError

MAX_DEPTH = 64
"""How deep values may nest (a programme file needs six levels, a group file five)."""

MAX_ALIAS_VALUES = 10_000
"""How many values all the aliases of a document may stand for together."""


class YamlLimitError(MarkedYAMLError):
    """A document refused for its shape (aliases or nesting), not for its syntax."""


def _refuse(problem: str, node: yaml.Node) -> YamlLimitError:
    mark: Mark | None = getattr(node, "start_mark", None)
    return YamlLimitError(problem=problem, problem_mark=mark)


def _containers(node: yaml.Node) -> tuple[list[yaml.Node], int]:
    """The lists and mappings directly in ``node``, and how many values it holds directly."""
    if isinstance(node, yaml.SequenceNode):
        parts = node.value
    elif isinstance(node, yaml.MappingNode):
        parts = [part for pair in node.value for part in pair]
    else:
        return [], 0
    inner = [part for part in parts if part.__class__ is not yaml.ScalarNode]
    return inner, len(parts)


def check_node(root: yaml.Node) -> None:
    """Refuse a node graph that is too deep, recursive, or whose aliases stand for too much.

    The graph shares one node for an anchor and all its aliases. Walked without recursion, each
    list and mapping once, it gives how many values the document stands for with its aliases
    expanded, against how many it holds. (An alias of a single value adds one value, as the
    value written out would: only lists and mappings multiply.)"""
    expanded: dict[int, int] = {}  # values in a list or mapping with aliases expanded
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    held = 0
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            inner, count = _containers(node)
            expanded[key] = count + sum(expanded[id(k)] for k in inner)
            depth[key] = 1 + max((depth[id(k)] for k in inner), default=0)
            if depth[key] > MAX_DEPTH:
                raise _refuse(f"values nested more than {MAX_DEPTH} levels deep", node)
            if expanded[key] - held > MAX_ALIAS_VALUES:
                raise _refuse(
                    f"aliases (*name) that stand for more than {MAX_ALIAS_VALUES:,} values",
                    node,
                )
            continue
        if key in expanded:
            continue  # an alias of a list or mapping already checked
        if key in open_nodes:
            raise _refuse("an alias (*name) inside its own anchor", node)
        inner, count = _containers(node)
        held += count
        open_nodes.add(key)
        if len(open_nodes) > MAX_DEPTH:
            raise _refuse(f"values nested more than {MAX_DEPTH} levels deep", node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(inner))


def _bounded(base: Any) -> Any:
    class Bounded(base):  # type: ignore[misc]
        """A safe loader that checks the node graph before building values from it."""

        _depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            # the pure-Python composer recurses per level: stop before Python's own limit
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    event = self.peek_event()
                    raise YamlLimitError(
                        problem=f"values nested more than {MAX_DEPTH} levels deep",
                        problem_mark=event.start_mark,
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

        def get_single_node(self) -> Any:
            node = super().get_single_node()
            if node is not None:
                check_node(node)
            return node

        def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:  # an impossible date: kept as text, reported with its key
                return self.construct_scalar(node)

    Bounded.add_constructor("tag:yaml.org,2002:timestamp", Bounded.construct_yaml_timestamp)
    return Bounded


PureLoader: Any = _bounded(yaml.SafeLoader)
"""The bounded loader in pure Python (what runs where libyaml is missing)."""

Loader: Any = _bounded(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
"""The bounded loader, on libyaml when present."""


def load_yaml(text: str) -> Any:
    """``text`` read as YAML, safely and within the bounds above (raises ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=Loader)  # a safe loader


def compose_yaml(text: str) -> yaml.Node | None:
    """The node graph of ``text`` (for the lines of keys), within the bounds above."""
    return yaml.compose(text, Loader=Loader)


def compose_and_load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node graph of ``text`` and the values built from it, reading ``text`` once (a
    caller that wants both, for the lines of keys, halves its time)."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def yaml_problem(error: yaml.YAMLError, source: str) -> str:
    """``file.yaml:4: not valid YAML: found unexpected end of stream``, or ``file.yaml:4:
    refused: aliases (*name) that stand for ...``: one line."""
    mark = getattr(error, "problem_mark", None)
    where = f"{source}:{mark.line + 1}" if mark is not None else source
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if isinstance(error, YamlLimitError):
        return f"{where}: refused: {problem}"
    return f"{where}: not valid YAML: {problem}"
