"""oas3_2-querystring-exclusive: an OpenAPI 3.2 `in: querystring` parameter is the whole query string,
so an operation has at most one, and no `in: query` parameter beside it."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for op in ctx.contract.operations:
        whole = [p for p in op.parameters if p.location == "querystring"]
        if not whole:
            continue
        named = [p for p in op.parameters if p.location == "query"]
        for param in named:
            yield (
                ctx.path_of(param.pointer),
                f'Query parameter "{param.name}" cannot be sent with querystring parameter "{whole[0].name}" '
                f"({op.key}).",
            )
        for param in whole[1:]:
            yield ctx.path_of(param.pointer), f"{op.key} has more than one querystring parameter."
