"""asyncapi-headers-schema-type-object: a message's `headers` schema is of type object."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._asyncapi import messages_and_traits


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, holder in messages_and_traits(ctx):
        headers = holder.get("headers")
        if not isinstance(headers, dict) or "$ref" in headers:
            continue
        if "type" not in headers:
            yield (*path, "headers"), '"headers" property must have required property "type"'
        elif headers["type"] != "object":
            yield (
                (*path, "headers", "type"),
                '"type" property must be equal to one of the allowed values: "object"',
            )
