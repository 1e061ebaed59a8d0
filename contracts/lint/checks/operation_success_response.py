"""operation-success-response: every operation has a 2xx or 3xx response."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    ranges = ("2XX", "3XX") if ctx.format != "oas2" else ()
    for path, op in ctx.operations():
        responses = op.get("responses")
        if not isinstance(responses, dict):
            continue
        if not any(
            str(code) in ranges or (str(code).isdigit() and 200 <= int(code) < 400) for code in responses
        ):
            yield (*path, "responses"), "Operation must define at least a single 2xx or 3xx response"
