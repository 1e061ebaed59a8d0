"""A contract schema made into what a consumer's expectation is checked against, then compiled.

A provider must return a superset of what a consumer expects, and a consumer may read a subset of
what the provider returns (swagger-mock-validator's reading). So, for responses and messages:
- unless additional properties are allowed, an object schema that leaves `additionalProperties`
  open is closed (`false`): a property the consumer expects and the contract does not name is an
  incompatibility; an `allOf` is closed over the union of its members' properties;
- unless required properties are kept, `required` is dropped (except beside `oneOf`, whose
  branches need it to be told apart).
References are inlined first (a recursive reference stays open: `{}`), so the change reaches
schemas written under components. Compilation goes through the contract's shared compiler.
"""

from __future__ import annotations

from typing import Any

from .._contract import Contract
from .._jsonschema import SchemaCompileError, SchemaCompiler, SchemaValidator

__all__ = ["SchemaCompileError", "expectation_validator"]


def expectation_validator(
    contract: Contract, schema: Any, *, additional_properties: bool, required_properties: bool
) -> SchemaValidator:
    """A validator for a consumer's expected response or message value."""
    inlined = _inline(contract, schema, ())
    shaped = _shape(inlined, additional_properties, required_properties)
    direction = "response" if contract.kind == "openapi" else None
    return SchemaCompiler.for_contract(contract).compile(shaped, direction)


def _inline(contract: Contract, node: Any, chain: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(contract, v, chain) for v in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        if ref in chain:
            return {}
        target, _ = contract.resolve(node)
        return _inline(contract, target, (*chain, ref))
    return {k: _inline(contract, v, chain) if isinstance(v, dict | list) else v for k, v in node.items()}


def _is_object(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind)


_SCHEMA_MAPS = frozenset(("properties", "patternProperties", "definitions", "$defs", "dependentSchemas"))
_VALUES = frozenset(("enum", "const", "default", "example", "examples", "required"))


def _shape(node: Any, additional: bool, required: bool) -> Any:
    if isinstance(node, list):
        return [_shape(v, additional, required) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):  # names -> schemas
            out[key] = {name: _shape(s, additional, required) for name, s in value.items()}
        elif key in _VALUES or not isinstance(value, dict | list):
            out[key] = value
        else:
            out[key] = _shape(value, additional, required)
    if not required and "oneOf" not in out:
        out.pop("required", None)
    if additional:
        return out
    combined = any(k in out for k in ("oneOf", "anyOf", "allOf"))
    if _is_object(out) and not combined and out.get("additionalProperties", True) is True:
        out["additionalProperties"] = False
    members = out.get("allOf")
    if isinstance(members, list):
        names: dict[str, Any] = {}
        for member in members:
            if isinstance(member, dict):
                member.pop("additionalProperties", None)
                names.update({name: {} for name in member.get("properties") or {}})
        out["properties"] = {**names, **(out.get("properties") or {})}
        out.setdefault("additionalProperties", False)
    return out
