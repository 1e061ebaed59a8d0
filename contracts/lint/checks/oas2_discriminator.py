"""oas2-discriminator: a definition's discriminator names one of its own required properties."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    definitions = ctx.document.get("definitions")
    for name, schema in definitions.items() if isinstance(definitions, dict) else ():
        if not isinstance(schema, dict) or not schema.get("discriminator"):
            continue
        field, path = schema["discriminator"], ("definitions", name, "discriminator")
        if not isinstance(field, str):
            yield path, "discriminator must be a string"
            continue
        properties, required = schema.get("properties"), schema.get("required")
        if not isinstance(properties, dict) or field not in properties:
            yield (*path[:-1], "properties"), "The discriminator property must be defined in this schema."
        if not isinstance(required, list) or field not in required:
            yield (
                (*path[:-1], "required"),
                "The discriminator property must be in the required property list.",
            )
