"""oas3-unused-component / oas2-unused-definition / asyncapi-unused-components-*: reusable objects
that no `$ref` anywhere in the document points at (or into)."""

from __future__ import annotations

from collections.abc import Iterable

from ..._pointers import escape
from .._context import LintContext
from .._rule import Hit, JsonPath
from ._support import ref_targets

OAS3_KINDS = (
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
)


def unused(ctx: LintContext, container: JsonPath, message: str) -> Iterable[Hit]:
    node = ctx.at(container)
    if not isinstance(node, dict):
        return
    used = ref_targets(ctx)
    base = "#" + "".join("/" + escape(p) for p in container)
    for name in node:
        if f"{base}/{escape(name)}" not in used:
            yield (*container, name), message


def oas3(ctx: LintContext) -> Iterable[Hit]:
    if not isinstance(ctx.document.get("components"), dict):
        return
    for kind in OAS3_KINDS:
        yield from unused(ctx, ("components", kind), "Potentially unused component has been detected.")
