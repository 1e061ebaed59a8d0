"""error-response-problem-json: 4xx and 5xx responses with a body offer application/problem+json."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit

PROBLEM = "application/problem+json"


def check(ctx: LintContext) -> Iterable[Hit]:
    for op in ctx.contract.operations:
        for status, response in op.responses.items():
            if str(status)[:1] not in ("4", "5") or not response.content or PROBLEM in response.content:
                continue
            offered = ", ".join(response.content)
            yield ctx.path_of(response.pointer), f"{op.key} {status} answers {offered}, not {PROBLEM}"
