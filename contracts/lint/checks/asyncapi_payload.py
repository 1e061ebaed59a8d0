"""asyncapi-payload: a message's (or message trait's) payload, in the default schemaFormat, is a
valid AsyncAPI Schema Object (its meta-schema: draft-07 plus `deprecated`, `discriminator`, ...) and
compiles."""

from __future__ import annotations

from collections.abc import Iterable

from ..._jsonschema import SchemaCompileError, contract_validator
from ..._pointers import split
from ..._specschema import definition_validator, schema_errors
from ...asyncapi.validation import SCHEMAS
from .._context import LintContext
from .._rule import Hit, JsonPath
from ._asyncapi import messages_and_traits


def check(ctx: LintContext) -> Iterable[Hit]:
    meta = _schema_object(ctx)
    for path, message in messages_and_traits(ctx):
        payload = message.get("payload")
        if message.get("schemaFormat") is not None or not isinstance(payload, dict | bool):
            continue
        problems = schema_errors(meta, payload) if meta is not None else []
        for error, pointer in problems:
            yield (*path, "payload", *_steps(pointer)), error
        if problems:
            continue
        try:
            contract_validator(ctx.contract, payload)
        except SchemaCompileError as exc:
            yield (*path, "payload"), str(exc)


def _schema_object(ctx: LintContext):
    """The version's Schema Object meta-schema, or None for a version accord has no schema for."""
    version = ctx.document.get("asyncapi")
    parts = version.split(".") if isinstance(version, str) else []
    spec = SCHEMAS / f"{'.'.join(parts[:2])}.0.json"
    return definition_validator(str(spec), "schema") if len(parts) >= 2 and spec.is_file() else None


def _steps(pointer: str) -> JsonPath:
    return tuple(int(t) if t.isdigit() else t for t in split(pointer))
