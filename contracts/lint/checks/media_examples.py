"""oas2/oas3-valid-media-example: media type, parameter and header examples match their schema."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._examples import example_errors
from ._support import resolved

_HOLDERS = frozenset({"content", "headers", "parameters"})


def check(ctx: LintContext) -> Iterable[Hit]:
    v2 = ctx.format == "oas2"
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or not node.get("schema"):
            continue
        schema = node["schema"]
        if v2:
            if "responses" not in path[:-1] or not isinstance(node.get("examples"), dict):
                continue
            for media, value in node["examples"].items():
                yield from example_errors(ctx, schema, value, (*path, "examples", media), path)
            continue
        if not any(k in _HOLDERS for k in path[:-1]):
            continue
        if "example" in node:
            yield from example_errors(ctx, schema, node["example"], (*path, "example"), path)
        elif isinstance(node.get("examples"), dict):
            for name, example in node["examples"].items():
                example = resolved(ctx, example)
                if isinstance(example, dict) and "externalValue" not in example and "value" in example:
                    yield from example_errors(
                        ctx, schema, example["value"], (*path, "examples", name, "value"), path
                    )
