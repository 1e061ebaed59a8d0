"""operation-parameters: unique name+in pairs, one body parameter, never both body and formData."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._support import resolved


def check(ctx: LintContext) -> Iterable[Hit]:
    for op_path, op in ctx.operations():
        params = op.get("parameters")
        if not isinstance(params, list) or len(params) < 2:
            continue
        path = (*op_path, "parameters")
        seen: set[tuple[str, str]] = set()
        body: list[int] = []
        form = False
        for i, raw in enumerate(params):
            param = resolved(ctx, raw)
            if not isinstance(param, dict):
                continue
            fingerprint = (str(param.get("in")), str(param.get("name")))
            if fingerprint in seen:
                yield (
                    (*path, i),
                    'A parameter in this operation already exposes the same combination of "name" and "in" values.',
                )
            seen.add(fingerprint)
            body += [i] if param.get("in") == "body" else []
            form |= param.get("in") == "formData"
        if body and form:
            yield path, 'Operation must not have both "in:body" and "in:formData" parameters.'
        for i in body[1:]:
            yield (
                (*path, i),
                'Operation must not have more than a single instance of the "in:body" parameter.',
            )
