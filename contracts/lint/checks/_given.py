"""Selectors the OpenAPI rules share that are too specific for `_select`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import JsonPath

__all__ = ["named_examples", "parameters", "servers_urls", "text_fields"]


def text_fields(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    """`$..[description,title]`: every `description` and `title` member at any depth."""
    for path, node in [((), ctx.document), *ctx.nodes()]:
        if isinstance(node, dict):
            for key in ("description", "title"):
                if key in node:
                    yield (*path, key), node[key]


def named_examples(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    """Example objects: components.examples[*], and `examples[*]` of media types, parameters, headers."""
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or "$ref" in node:
            continue
        if (path[:2] == ("components", "examples") and len(path) == 3) or (
            len(path) >= 4 and path[-2] == "examples" and path[-4] in ("content", "parameters", "headers")
        ):
            yield path, node


def parameters(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    """Parameter objects (with `in`) of path items, operations and components; a Link's `parameters`
    are values passed on, not Parameter objects."""
    for path, node in ctx.nodes():
        in_link = len(path) > 3 and path[-4] == "links"
        if (
            isinstance(node, dict)
            and "in" in node
            and len(path) > 1
            and path[-2] == "parameters"
            and not in_link
        ):
            yield path, node


def servers_urls(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    servers = ctx.document.get("servers")
    for i, server in enumerate(servers if isinstance(servers, list) else []):
        if isinstance(server, dict) and "url" in server:
            yield ("servers", i, "url"), server["url"]
