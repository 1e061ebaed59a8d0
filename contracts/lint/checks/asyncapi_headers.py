"""asyncapi-headers-schema-type-object: a message's `headers` schema is of type object."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._asyncapi import messages


def check(ctx: LintContext) -> Iterable[Hit]:
    holders = list(messages(ctx))
    traits = ctx.at(("components", "messageTraits"))
    holders += [
        (("components", "messageTraits", k), v) for k, v in (traits or {}).items() if isinstance(v, dict)
    ]
    for path, holder in holders:
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
