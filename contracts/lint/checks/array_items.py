"""array-items: a schema of type array has `items`."""

from __future__ import annotations

from collections.abc import Iterable

from ..._contract import SCHEMA_2020_12_FORMATS
from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, node in ctx.nodes():
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        if (
            kind == "array"
            or (ctx.format in SCHEMA_2020_12_FORMATS and isinstance(kind, list) and "array" in kind)
        ) and _falsy(node.get("items")):
            yield (*path, "items"), '"items" property must be truthy'


def _falsy(value: object) -> bool:
    """JavaScript's falsiness, as Spectral's `truthy` sees it: an empty object is still an `items`."""
    return value is None or value is False or value == 0 or value == ""
