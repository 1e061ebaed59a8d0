"""asyncapi-payload: a message payload (default schemaFormat) is a schema that compiles."""

from __future__ import annotations

from collections.abc import Iterable

from ..._jsonschema import SchemaCompileError, contract_validator
from .._context import LintContext
from .._rule import Hit
from ._asyncapi import messages


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, message in messages(ctx):
        payload = message.get("payload")
        if message.get("schemaFormat") is not None or not isinstance(payload, dict | bool):
            continue
        try:
            contract_validator(ctx.contract, payload)
        except SchemaCompileError as exc:
            yield (*path, "payload"), str(exc)
