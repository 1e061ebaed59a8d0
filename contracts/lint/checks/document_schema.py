"""oas2-schema / oas3-schema / asyncapi-schema: the document is valid against its specification."""

from __future__ import annotations

from collections.abc import Iterable

from ..._validation import validate
from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    for issue in validate(ctx.contract):
        yield ctx.path_of(issue.pointer), issue.message
