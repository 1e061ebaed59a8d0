"""oas3_2-tag-parent-defined / oas3_2-tag-parent-cycle: OpenAPI 3.2 nested tags form a tree of
declared tags (a `parent` names a root tag; following parents never comes back)."""

from __future__ import annotations

from collections.abc import Iterable

from ..._tags import parent_cycles
from .._context import LintContext
from .._rule import Hit


def undefined(ctx: LintContext) -> Iterable[Hit]:
    declared = {tag.name for tag in ctx.contract.tags}
    for tag in ctx.contract.tags:
        if tag.parent is not None and tag.parent not in declared:
            yield (
                (*ctx.path_of(tag.pointer), "parent"),
                f'Tag "{tag.name}" names parent "{tag.parent}", which is not a tag.',
            )


def cycles(ctx: LintContext) -> Iterable[Hit]:
    pointers = {tag.name: tag.pointer for tag in ctx.contract.tags}
    for start, loop in parent_cycles({tag.name: tag.parent for tag in ctx.contract.tags}):
        shown = " -> ".join(loop)
        yield (*ctx.path_of(pointers[start]), "parent"), f"Tag parents form a cycle: {shown}."
