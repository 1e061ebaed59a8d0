"""operation-security-declared: each operation declares `security`, or the document does globally."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    if ctx.contract.security:
        return
    for op in ctx.contract.operations:
        if op.security is None:
            yield (
                ctx.path_of(op.pointer),
                f"{op.key} declares no security and the document has no global security",
            )
