"""Validating one example against its schema with the contract's shared compiler (jsonschema-rs)."""

from __future__ import annotations

from typing import Any

from ..._jsonschema import SchemaCompileError, contract_validator
from .._context import LintContext
from .._rule import Hit, JsonPath


def direction(path: JsonPath) -> Any:
    """readOnly/writeOnly apply by direction: request bodies and responses, as Spectral does."""
    if "requestBody" in path or path[:2] == ("components", "requestBodies"):
        return "request"
    if "responses" in path:
        return "response"
    return None


def example_errors(
    ctx: LintContext, schema: Any, value: Any, path: JsonPath, schema_path: JsonPath
) -> list[Hit]:
    """At most one error per example (the first), placed at the failing part of the example."""
    if not isinstance(schema, dict | bool):
        return []
    try:
        validator = contract_validator(ctx.contract, schema, direction(schema_path))
        errors = validator.errors(value, limit=1)
    except (SchemaCompileError, RecursionError):
        return []
    if not errors:
        return []
    where = (*path, *ctx_path(value, errors[0].pointer))
    return [(where, errors[0].message)]


def ctx_path(value: Any, pointer: str) -> JsonPath:
    """The path inside the example a failing instance pointer names (list indexes as ints)."""
    parts: list[str | int] = []
    for token in pointer.split("/")[1:] if pointer else []:
        token = token.replace("~1", "/").replace("~0", "~")
        key: str | int = int(token) if isinstance(value, list) and token.isdigit() else token
        parts.append(key)
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            value = None
    return tuple(parts)
