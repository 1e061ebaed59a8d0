"""typed-enum: each `enum` value has the schema's `type` (nullable adds null)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit


def _type_of(value: Any, integers: bool) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (integers and isinstance(value, float) and value.is_integer()):
        return "integer" if integers else "number"
    return {str: "string", float: "number", list: "array", dict: "object"}.get(type(value), "object")


def check(ctx: LintContext) -> Iterable[Hit]:
    nullable_key = {"oas3": "nullable", "oas2": "x-nullable"}.get(ctx.format)
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or not node.get("enum") or not node.get("type"):
            continue
        kind, values = node["type"], node["enum"]
        if not isinstance(values, list) or not isinstance(kind, str | list):
            continue
        types = [kind] if isinstance(kind, str) else list(kind)
        if nullable_key and node.get(nullable_key) is True:
            types.append("null")
        integers = "integer" in types
        shown = kind if len(types) == 1 else ",".join(map(str, types))
        for i, value in enumerate(values):
            if _type_of(value, integers) not in types:
                text = f'"{value}"' if isinstance(value, str) else repr(value)
                yield (*path, "enum", i), f'Enum value {text} must be "{shown}".'
