"""Helpers several checks share: following local `$ref`s of the raw document, and every `$ref` in it."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from ..._errors import ContractError
from .._context import LintContext


def resolved(ctx: LintContext, node: Any) -> Any:
    """`node` with its local `$ref` chain followed; the node itself when the reference is broken."""
    if isinstance(node, dict) and "$ref" in node:
        try:
            return ctx.contract.resolve(node)[0]
        except ContractError:
            return node
    return node


def ref_targets(ctx: LintContext) -> set[str]:
    """Every local `$ref` value in the document, percent-decoded (`#/components/schemas/%24top` names
    `$top`), and each of their parent pointers."""
    cached = ctx.cache.get("ref_targets")
    if cached is None:
        cached = set()
        for _, node in ctx.nodes():
            if isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
                ref = unquote(node["$ref"])
                while ref.count("/") > 1:
                    cached.add(ref)
                    ref = ref.rsplit("/", 1)[0]
        ctx.cache["ref_targets"] = cached
    return cached
