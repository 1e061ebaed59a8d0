"""`given` selectors for the built-in rules: small Python walks instead of JSONPath, for speed.

A selector takes the lint context and yields (path, node). Custom rules use `_jsonpath` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ._context import LintContext
from ._rule import JsonPath

__all__ = ["Given", "at", "children", "deep", "operations", "root", "under"]

Given = Callable[[LintContext], Iterable[tuple[JsonPath, Any]]]


def root(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    yield (), ctx.document


def at(*path: str | int) -> Given:
    """The node at a fixed path, when it exists."""

    def select(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
        node = ctx.at(path)
        if node is not None:
            yield path, node

    return select


def children(parent: Given) -> Given:
    """`parent[*]`: every member of the objects (or items of the arrays) `parent` selects."""

    def select(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
        for path, node in parent(ctx):
            if isinstance(node, dict):
                yield from (((*path, k), v) for k, v in node.items())
            elif isinstance(node, list):
                yield from (((*path, i), v) for i, v in enumerate(node))

    return select


def operations(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    return ctx.operations()


def deep(predicate: Callable[[JsonPath, Any], bool]) -> Given:
    """`$..[?(...)]`: every object or array anywhere below the root that `predicate` accepts."""

    def select(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
        return ((p, n) for p, n in ctx.nodes() if predicate(p, n))

    return select


def under(
    keys: frozenset[str], predicate: Callable[[JsonPath, Any], bool]
) -> Callable[[JsonPath, Any], bool]:
    """`$..key..[?(...)]`: a predicate that also wants one of `keys` strictly above the node."""

    def accept(path: JsonPath, node: Any) -> bool:
        return any(k in keys for k in path[:-1]) and predicate(path, node)

    return accept
