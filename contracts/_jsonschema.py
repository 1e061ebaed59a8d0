"""Compiling a contract's schemas into fast validators (jsonschema-rs), once, at start-up.

OpenAPI 2.0/3.0 schemas are a dialect of JSON Schema draft 4 (`nullable`, `x-nullable`,
`readOnly`/`writeOnly`); the document is converted once per direction into plain JSON Schema and
registered whole, so every `#/...` reference resolves against it. Each compiled validator is a
`$ref` into that registered document (or a small rewritten copy for schemas that live outside it).
OpenAPI 3.1 uses draft 2020-12 as written; AsyncAPI uses draft 7.
"""

from __future__ import annotations

import base64
import binascii
import uuid
import weakref
from dataclasses import dataclass
from typing import Any, Literal

import jsonschema_rs

from ._contract import SCHEMA_2020_12_FORMATS, Contract

__all__ = ["SchemaCompileError", "SchemaCompiler", "SchemaError", "SchemaValidator", "contract_validator"]

Direction = Literal["request", "response"] | None
DOC_URI = "urn:accord:contract"
_DRAFTS = {
    "oas2": (jsonschema_rs.Draft4, jsonschema_rs.Draft4Validator),
    "oas3": (jsonschema_rs.Draft4, jsonschema_rs.Draft4Validator),
    "oas3.1": (jsonschema_rs.Draft202012, jsonschema_rs.Draft202012Validator),
    "oas3.2": (jsonschema_rs.Draft202012, jsonschema_rs.Draft202012Validator),
    "asyncapi2": (jsonschema_rs.Draft7, jsonschema_rs.Draft7Validator),
    "asyncapi3": (jsonschema_rs.Draft7, jsonschema_rs.Draft7Validator),
}
_INT32, _INT64 = 2**31, 2**63


def _int_in(limit: int):
    def check(value: str) -> bool:  # formats are only checked on strings by jsonschema-rs
        try:
            return -limit <= int(value) < limit
        except ValueError:
            return False

    return check


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
        return len(value) == 36
    except ValueError:
        return False


def _is_base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
        return True
    except (binascii.Error, ValueError):
        return False


# OpenAPI's own formats (and uuid, which draft 4 does not know); unknown formats are ignored.
_FORMATS = {"int32": _int_in(_INT32), "int64": _int_in(_INT64), "uuid": _is_uuid, "byte": _is_base64}


@dataclass(frozen=True, slots=True)
class SchemaError:
    message: str
    pointer: str  # JSON pointer into the validated instance
    schema_pointer: str  # JSON pointer of the failing keyword in the schema


class SchemaValidator:
    """A compiled schema. Validation never parses or compiles anything."""

    __slots__ = ("_validator",)

    def __init__(self, validator: Any) -> None:
        self._validator = validator

    def is_valid(self, instance: Any) -> bool:
        return self._validator.is_valid(instance)

    def errors(self, instance: Any, limit: int = 50) -> list[SchemaError]:
        found = []
        for error in self._validator.iter_errors(instance):
            found.append(
                SchemaError(error.message, _pointer(error.instance_path), _pointer(error.schema_path))
            )
            if len(found) >= limit:
                break
        return found


class SchemaCompileError(ValueError):
    """A schema jsonschema-rs cannot compile (a bad regular expression, an unresolvable reference)."""


class SchemaCompiler:
    """Compiles the schemas of one contract. Use `SchemaCompiler.for_contract(contract)` to share it."""

    _shared: weakref.WeakKeyDictionary[Contract, SchemaCompiler] = weakref.WeakKeyDictionary()

    def __init__(
        self, contract: Contract, *, validate_formats: bool = True, formats: dict[str, Any] | None = None
    ) -> None:
        """`formats` replaces the default format checkers (name -> function of a string -> bool)."""
        # the contract is held weakly: the shared compiler is the value of a WeakKeyDictionary keyed by
        # the contract, and a strong reference back would keep every contract (and compiler) forever
        self._contract = weakref.ref(contract)
        self._document, self._format = contract.document, contract.format
        self.validate_formats = validate_formats
        self.formats = formats
        self._draft, self._validator_class = _DRAFTS[contract.format]
        self._registries: dict[Direction, Any] = {}
        self._cache: dict[tuple[int, Direction], SchemaValidator] = {}

    @property
    def contract(self) -> Contract | None:
        return self._contract()

    @classmethod
    def for_contract(cls, contract: Contract) -> SchemaCompiler:
        compiler = cls._shared.get(contract)
        if compiler is None:
            compiler = cls._shared[contract] = cls(contract)
        return compiler

    def compile(self, schema: Any, direction: Direction = None) -> SchemaValidator:
        """A validator for `schema` (a node of the contract, or built from one). Cached per node, and
        per target for a bare `{"$ref": ...}` (many media types name the same component)."""
        ref = schema.get("$ref") if isinstance(schema, dict) and len(schema) == 1 else None
        key = (ref if isinstance(ref, str) else id(schema), direction)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        converted = self._convert(schema, direction)
        converted, has_refs = _absolute_refs(converted)
        try:
            validator = self._validator_class(
                converted,
                # a schema without references does not need the whole document registered
                registry=self._registry(direction) if has_refs else None,
                validate_formats=self.validate_formats,
                formats=self.formats
                if self.formats is not None
                else _FORMATS
                if self._draft is jsonschema_rs.Draft4
                else None,
            )
        except (ValueError, jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as exc:
            raise SchemaCompileError(str(exc).splitlines()[0]) from None
        compiled = self._cache[key] = SchemaValidator(validator)
        # keep the schema alive while cached, so its id() is not reused by another object
        self._cache_keepalive(schema)
        return compiled

    def _cache_keepalive(self, schema: Any) -> None:
        self.__dict__.setdefault("_alive", []).append(schema)

    def _registry(self, direction: Direction) -> Any:
        registry = self._registries.get(direction)
        if registry is None:
            document = self._convert(self._document, direction)
            registry = jsonschema_rs.Registry([(DOC_URI, document)], draft=self._draft)
            self._registries[direction] = registry
        return registry

    def _convert(self, node: Any, direction: Direction) -> Any:
        if self._format in ("oas2", "oas3"):
            return _convert_openapi(node, direction)
        if self._format in SCHEMA_2020_12_FORMATS and direction:
            return _convert_openapi(node, direction, nullable=False)
        return node


def contract_validator(contract: Contract, schema: Any, direction: Direction = None) -> SchemaValidator:
    """Compile `schema` (a node of `contract`) with the contract's shared compiler."""
    return SchemaCompiler.for_contract(contract).compile(schema, direction)


def _convert_openapi(node: Any, direction: Direction, nullable: bool = True) -> Any:
    """OpenAPI schema dialect to plain JSON Schema; unchanged subtrees are shared, not copied."""
    if isinstance(node, list):
        converted = [_convert_openapi(v, direction, nullable) for v in node]
        return node if all(a is b for a, b in zip(converted, node, strict=True)) else converted
    if not isinstance(node, dict):
        return node
    changed = False
    out: dict[str, Any] = {}
    for key, value in node.items():
        new = _convert_openapi(value, direction, nullable) if isinstance(value, dict | list) else value
        changed |= new is not value
        out[key] = new
    if nullable and (out.get("nullable") is True or out.get("x-nullable") is True) and "$ref" not in out:
        changed = True
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        for combinator in ("oneOf", "anyOf"):
            if isinstance(out.get(combinator), list):
                out[combinator] = [*out[combinator], {"type": "null"}]
        if isinstance(out.get("allOf"), list):
            out = {
                "anyOf": [
                    {"type": "null"},
                    {k: v for k, v in out.items() if k not in ("nullable", "x-nullable")},
                ]
            }
    if direction and isinstance(out.get("required"), list) and isinstance(out.get("properties"), dict):
        hidden = "readOnly" if direction == "request" else "writeOnly"
        props = out["properties"]
        kept = [
            n
            for n in out["required"]
            if not (isinstance(props.get(n), dict) and props[n].get(hidden) is True)
        ]
        if len(kept) != len(out["required"]):
            changed = True
            out["required"] = kept
            if not kept:
                del out["required"]
    return out if changed else node


def _absolute_refs(node: Any) -> tuple[Any, bool]:
    """Point `#/...` references of a schema at the registered document; also says if it has any."""
    found = False

    def rewrite(node: Any) -> Any:
        nonlocal found
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = {k: rewrite(v) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) or "$dynamicRef" in out:
            found = True
        if isinstance(ref, str) and ref.startswith("#"):
            out["$ref"] = DOC_URI + ref
        return out

    return rewrite(node), found


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
