"""asyncapi-message-examples, asyncapi-payload-examples/-default, asyncapi-schema-examples/-default:
examples and defaults match their schema (compiled with the contract's shared compiler)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit, JsonPath
from ._asyncapi import channels, messages, messages_and_traits
from ._examples import example_errors


def message_examples(ctx: LintContext) -> Iterable[Hit]:
    for path, message in messages(ctx):
        examples = message.get("examples")
        for i, example in enumerate(examples if isinstance(examples, list) else []):
            if not isinstance(example, dict):
                continue
            for part in ("payload", "headers"):
                schema_path = _effective(message, path, part)
                if part in example and schema_path is not None:
                    yield from example_errors(ctx, schema_path, example[part], (*path, "examples", i, part))


def _effective(message: dict, path: JsonPath, part: str) -> JsonPath | None:
    """Where the message's `payload`/`headers` schema is once its traits are applied: the last trait
    that sets it overrides the message's own."""
    traits = message.get("traits")
    for i in reversed(range(len(traits))) if isinstance(traits, list) else ():
        if isinstance(traits[i], dict) and isinstance(traits[i].get(part), dict):
            return (*path, "traits", i, part)
    return (*path, part) if isinstance(message.get(part), dict) else None


def _values(ctx: LintContext, schema_path: JsonPath, schema: Any, field: str) -> Iterable[Hit]:
    if not isinstance(schema, dict) or field not in schema:
        return
    if field == "default":
        yield from example_errors(ctx, schema_path, schema["default"], (*schema_path, "default"))
    elif isinstance(schema["examples"], list):
        for i, value in enumerate(schema["examples"]):
            yield from example_errors(ctx, schema_path, value, (*schema_path, "examples", i))


def payload_values(field: str):
    def check(ctx: LintContext) -> Iterable[Hit]:
        for path, message in messages_and_traits(ctx):
            if message.get("schemaFormat") is None:
                yield from _values(ctx, (*path, "payload"), message.get("payload"), field)

    return check


def schema_values(field: str):
    def check(ctx: LintContext) -> Iterable[Hit]:
        schemas = ctx.at(("components", "schemas"))
        for name, schema in schemas.items() if isinstance(schemas, dict) else ():
            yield from _values(ctx, ("components", "schemas", name), schema, field)
        holders = [(("components", "parameters"), ctx.at(("components", "parameters")))]
        holders += [((*p, "parameters"), c.get("parameters")) for p, c in channels(ctx)]
        for base, params in holders:
            for name, param in params.items() if isinstance(params, dict) else ():
                if isinstance(param, dict):
                    yield from _values(ctx, (*base, name, "schema"), param.get("schema"), field)

    return check
