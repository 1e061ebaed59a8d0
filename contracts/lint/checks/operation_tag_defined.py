"""operation-tag-defined: every tag an operation uses is declared in the top-level `tags`."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    tags = ctx.document.get("tags")
    declared = {t.get("name") for t in tags if isinstance(t, dict)} if isinstance(tags, list) else set()
    for path, op in ctx.operations():
        used = op.get("tags")
        if isinstance(used, list):
            for i, tag in enumerate(used):
                if not isinstance(tag, str | int | float | bool) or tag not in declared:
                    yield (*path, "tags", i), "Operation tags must be defined in global tags."
