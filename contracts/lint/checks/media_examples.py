"""oas2/oas3-valid-media-example: media type, parameter and header examples match their schema."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..._errors import ContractError
from .._context import LintContext
from .._rule import Hit, JsonPath
from ._examples import example_errors

_HOLDERS = frozenset({"content", "headers", "parameters"})


def check(ctx: LintContext) -> Iterable[Hit]:
    v2 = ctx.format == "oas2"
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or not node.get("schema"):
            continue
        if v2:
            if "responses" not in path[:-1] or not isinstance(node.get("examples"), dict):
                continue
            for media, value in node["examples"].items():
                yield from example_errors(ctx, (*path, "schema"), value, (*path, "examples", media))
            continue
        if not any(k in _HOLDERS for k in path[:-1]):
            continue
        if "example" in node:
            yield from example_errors(ctx, (*path, "schema"), node["example"], (*path, "example"))
        elif isinstance(node.get("examples"), dict):
            for name, example in node["examples"].items():
                yield from _named(ctx, path, (*path, "examples", name), example)


def _named(ctx: LintContext, media: JsonPath, where: JsonPath, example: Any) -> Iterable[Hit]:
    """An Example Object; one behind a `$ref` is reported where it is written, as Spectral does."""
    if isinstance(example, dict) and "$ref" in example:
        try:
            example, pointer = ctx.contract.resolve(example, "")
        except ContractError:
            return
        where = ctx.path_of(pointer or "")
    if not isinstance(example, dict) or "externalValue" in example:
        return
    if "value" not in example:
        yield where, '"value" property must exist'
    else:
        yield from example_errors(ctx, (*media, "schema"), example["value"], (*where, "value"))
