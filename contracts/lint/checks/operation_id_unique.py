"""operation-operationId-unique: no two operations share an operationId."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    seen: set[str] = set()
    for path, op in ctx.operations():
        if "operationId" not in op:
            continue
        op_id = op["operationId"]
        if op_id in seen:
            yield (*path, "operationId"), "operationId must be unique."
        seen.add(op_id)
