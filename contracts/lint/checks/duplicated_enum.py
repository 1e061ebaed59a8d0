"""duplicated-entry-in-enum: an `enum` lists each value once."""

from __future__ import annotations

from collections.abc import Iterable

from ..._writing import to_json
from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or path[-1] == "properties" or not isinstance(node.get("enum"), list):
            continue
        seen: dict[bytes, int] = {}
        for i, value in enumerate(node["enum"]):
            key = to_json(value, sort_keys=True)
            if key in seen:
                yield (
                    (*path, "enum"),
                    f'"enum" property must not have duplicate items (items ## {seen[key]} and {i} are identical)',
                )
                break
            seen[key] = i
