"""oas2/oas3-valid-schema-example: a schema's `example` and `default` match the schema itself."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit, JsonPath
from ._examples import example_errors

_HOLDERS = frozenset({"content", "headers", "parameters"})
_SCHEMA_WORDS = ("enum", "type", "format", "$ref", "properties", "items")


def _in_scope(path: JsonPath, v2: bool) -> bool:
    if v2:
        return any(k in ("definitions", "parameters", "responses") for k in path[:-1])
    return (path[:2] == ("components", "schemas") and len(path) > 2) or any(k in _HOLDERS for k in path[:-1])


def check(ctx: LintContext) -> Iterable[Hit]:
    v2 = ctx.format == "oas2"
    fields = ("example", "x-example", "default") if v2 else ("example", "default")
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or path[-1] == "properties" or not _in_scope(path, v2):
            continue
        if not any(f in node for f in fields) or not any(node.get(w) for w in _SCHEMA_WORDS):
            continue
        schema = None  # the node itself; a 2.0 parameter's boolean `required` is not a schema keyword
        if v2 and isinstance(node.get("required"), bool):
            schema = {k: v for k, v in node.items() if k != "required"}
        for field in fields:
            if field in node:
                yield from example_errors(ctx, path, node[field], (*path, field), schema)
