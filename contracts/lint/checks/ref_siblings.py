"""no-$ref-siblings: an object holding `$ref` holds nothing else (OpenAPI 2 and 3.0 ignore siblings)."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, node in ctx.nodes():
        if isinstance(node, dict) and "$ref" in node and len(node) > 1:
            for key in node:
                if key != "$ref":
                    yield (*path, key), "$ref must not be placed next to any other properties"
