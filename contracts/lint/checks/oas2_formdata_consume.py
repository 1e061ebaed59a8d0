"""oas2-operation-formData-consume-check: formData parameters need a form media type in `consumes`."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._support import resolved

_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, op in ctx.operations():
        params = [resolved(ctx, p) for p in op.get("parameters") or [] if isinstance(p, dict)]
        if not any(p.get("in") == "formData" for p in params if isinstance(p, dict)):
            continue
        consumes = op.get("consumes", ctx.document.get("consumes")) or []
        if not any(media in consumes for media in _FORMS):
            yield path, "consumes must include a form media type"
