"""Spectral's rule shape: `given` selects nodes, each `then` applies a function to a field of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ._context import LintContext
from ._rule import Hit, JsonPath
from ._select import Given
from .functions import FUNCTIONS, MISSING

__all__ = ["Then", "field_values", "spectral_check"]


@dataclass(frozen=True, slots=True)
class Then:
    function: str  # a name in FUNCTIONS
    field: str | None = None  # None: the node itself; "@key": its key; "a.b": a nested field
    options: Any = None


def field_values(path: JsonPath, node: Any, field: str | None) -> Iterable[tuple[JsonPath, Any]]:
    """The value(s) a `then.field` names, MISSING when absent."""
    if field is None:
        yield path, node
    elif field == "@key":
        if path:
            yield path, path[-1]
    elif field.startswith("$"):
        from ._jsonpath import compile_path

        for sub, value in compile_path(field).select(node):
            yield (*path, *sub), value
    else:
        value = node
        for part in field.split("."):
            value = value.get(part, MISSING) if isinstance(value, dict) else MISSING
            path = (*path, part)
        yield path, value


def spectral_check(given: Given | Sequence[Given], then: Then | Sequence[Then]):
    """A rule check from Spectral's declarative parts."""
    givens = list(given) if isinstance(given, Sequence) else [given]
    thens = list(then) if isinstance(then, Sequence) else [then]

    def check(ctx: LintContext) -> Iterable[Hit]:
        for select in givens:
            for path, node in select(ctx):
                for step in thens:
                    run = FUNCTIONS[step.function].run
                    for where, value in field_values(path, node, step.field):
                        hits = run(value, step.options, where)
                        if value is MISSING:  # reported at the nearest node that exists, as Spectral does
                            hits = [(_existing(ctx, where), message) for _, message in hits]
                        yield from hits

    return check


def _existing(ctx: LintContext, path: JsonPath) -> JsonPath:
    node: Any = ctx.document
    for i, key in enumerate(path):
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and key < len(node)
        ):
            node = node[key]
        else:
            return path[:i]
    return path
