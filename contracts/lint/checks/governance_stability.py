"""stability-level-known: every `x-stability-level` is one of oasdiff's levels: draft, alpha, beta,
stable."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, facts in ctx.lifecycles():
        if facts.stability is not None and facts.stability.problem:
            yield (*path, "x-stability-level"), facts.stability.problem
