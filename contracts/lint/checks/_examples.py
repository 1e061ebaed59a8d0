"""Validating one example against its schema with the contract's shared compiler (jsonschema-rs).

Schemas are compiled as a `$ref` into the compiler's registered (already converted) document, once
per target and direction, so the thousands of examples of a large contract cost one compile per
distinct schema and no per-schema conversion.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import orjson

from ..._errors import ContractError
from ..._jsonschema import SchemaCompileError, SchemaValidator, contract_validator
from ..._pointers import escape
from .._context import LintContext
from .._rule import Hit, JsonPath


def direction(path: JsonPath) -> Any:
    """readOnly properties need not be in a request body example, writeOnly ones not in a response's.

    Examples outside bodies (parameters, component schemas) are read as responses too: one compiled
    registry fewer for a large contract (about 100 MB on GitHub's), and writeOnly is rare there."""
    if "requestBody" in path or path[:2] == ("components", "requestBodies"):
        return "request"
    return "response"


def _validator(ctx: LintContext, schema_path: JsonPath, toward: Any) -> SchemaValidator | None:
    pointer = "".join("/" + escape(p) for p in schema_path)
    try:
        target, pointer = ctx.contract.resolve(ctx.at(schema_path), pointer)  # share one per $ref target
    except ContractError:
        return None
    cache = ctx.cache.setdefault("validators", {})
    key = (_same_schema(target) or pointer, toward)
    if key not in cache:
        try:
            fragment = quote(pointer, safe="/~!$&'()*+,;=:@")  # a URI fragment: `{` and `}` are escaped
            cache[key] = contract_validator(ctx.contract, {"$ref": f"#{fragment}"}, toward)
        except (SchemaCompileError, RecursionError):
            cache[key] = None
    return cache[key]


def _same_schema(schema: Any) -> bytes | None:
    """A key equal for schemas written alike: their `$ref`s all name the same document, so they mean
    the same, and a large contract repeats them by the thousand (`{type: integer, format: int64}`).
    None (key by location) where identity may matter (`$id`, `$anchor`) or the schema is too deep."""
    try:
        text = orjson.dumps(schema, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return None
    return None if b'"$id"' in text or b'"$anchor"' in text or b'"$dynamic' in text else text


def example_errors(
    ctx: LintContext, schema_path: JsonPath, value: Any, path: JsonPath, schema: Any = None
) -> list[Hit]:
    """At most one error per example (the first), placed at the failing part of the example.

    The schema is the node at `schema_path`, unless a rewritten `schema` is given."""
    toward = direction(schema_path)
    if schema is not None:
        try:
            validator: SchemaValidator | None = contract_validator(ctx.contract, schema, toward)
        except (SchemaCompileError, RecursionError):
            return []
    elif isinstance(ctx.at(schema_path), dict | bool):
        validator = _validator(ctx, schema_path, toward)
    else:
        return []
    errors = validator.errors(value, limit=1) if validator is not None else []
    if not errors:
        return []
    return [((*path, *_instance_path(value, errors[0].pointer)), errors[0].message)]


def _instance_path(value: Any, pointer: str) -> JsonPath:
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
