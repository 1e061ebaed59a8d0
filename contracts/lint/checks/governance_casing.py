"""operation-id-casing and path-segment-casing: names follow the configured casing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ..functions.casing import is_case

_VERSION = re.compile(r"^v\d+$")


def operation_ids(ctx: LintContext) -> Iterable[Hit]:
    case = ctx.settings.get("operation-id-casing", "camel")
    seen: set[str] = set()
    for op in [*ctx.contract.operations, *ctx.contract.async_operations]:
        if not op.operation_id:
            continue
        where = (*ctx.path_of(op.pointer), "operationId")
        if op.operation_id in seen:
            yield where, f"operationId {op.operation_id!r} is used more than once"
        seen.add(op.operation_id)
        if not is_case(op.operation_id, case):
            yield where, f"operationId {op.operation_id!r} is not {case} case"


def path_segments(ctx: LintContext) -> Iterable[Hit]:
    case = ctx.settings.get("path-casing", "kebab")
    paths = ctx.document.get("paths")
    for key in paths if isinstance(paths, dict) else ():
        wrong = [
            s for s in key.split("/") if s and "{" not in s and not _VERSION.match(s) and not is_case(s, case)
        ]
        if wrong:
            yield (
                ("paths", key),
                f"path segment(s) {', '.join(repr(s) for s in wrong)} of {key} are not {case} case",
            )
