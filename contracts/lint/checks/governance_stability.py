"""stability-level-known: every `x-stability-level` is draft, alpha, beta or stable."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit

LEVELS = ("draft", "alpha", "beta", "stable")


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, node in [((), ctx.document), *ctx.nodes()]:
        if isinstance(node, dict) and "x-stability-level" in node and node["x-stability-level"] not in LEVELS:
            yield (
                (*path, "x-stability-level"),
                f"x-stability-level {node['x-stability-level']!r} must be one of: {', '.join(LEVELS)}",
            )
