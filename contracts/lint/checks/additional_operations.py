"""oas3_2-additional-operations-custom: `additionalOperations` holds methods without a fixed field; GET,
POST, QUERY, ... belong in their fixed fields (OpenAPI 3.2 forbids them here)."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import HTTP_METHODS, LintContext
from .._rule import Hit

_FIXED = frozenset((*HTTP_METHODS, "query"))


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, _op in ctx.operations():
        if len(path) == 4 and path[2] == "additionalOperations" and str(path[3]).lower() in _FIXED:
            yield (
                path,
                f'Method "{path[3]}" has a fixed field; write it as "{str(path[3]).lower()}", not in additionalOperations.',
            )
