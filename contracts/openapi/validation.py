"""OpenAPI 2.0/3.0/3.1/3.2 validation: openapi-spec-validator's verdict at jsonschema-rs speed.

Two passes, as openapi-spec-validator does them:

1. the document against the OpenAPI JSON Schema that openapi-spec-validator itself ships
   (read from its package directory, run by jsonschema-rs);
2. the checks it adds on top (`openapi_spec_validator.validation.keywords`), re-implemented over
   the bundled document: unique root tag names; per path item and operation, duplicate
   parameters (name, in) and path parameters that match the path template both ways; unique
   operationIds (3.2: `query` and each `additionalOperations` entry are operations too, and root tags
   must name an existing `parent` without a cycle); every top-level schema (components, parameters, media types, 2.0 responses)
   checked against its JSON Schema meta-schema, then walked through allOf/anyOf/oneOf/not/items/
   properties: `required` names that no property of an allOf defines, and `default` values that
   break their schema (and, in 2.0, parameter defaults against the parameter).

`$ref`s are followed with their siblings ignored and every schema is visited once, as there. If a
check meets a shape it cannot read, openapi-spec-validator itself is asked to explain the failure.
"""

from __future__ import annotations

import importlib.util
import re
import string
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .._contract import SCHEMA_2020_12_FORMATS, Contract
from .._model import HTTP_METHODS
from .._pointers import MISSING, escape
from .._specschema import error_message, schema_errors, spec_validator
from .._tags import parent_cycles
from ._formats import default_formats, int_format_error

__all__ = ["validate_openapi"]

Finding = tuple[str, str]
_SPEC_SCHEMAS = {"oas2": "v2.0", "oas3": "v3.0", "oas3.1": "v3.1", "oas3.2": "v3.2"}
_OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"
_OAS32_DIALECT = "https://spec.openapis.org/oas/3.2/dialect/2025-09-17"
# each OpenAPI dialect: its files in openapi-schema-validator ((URI, path under schemas/), the dialect first)
_OAS_DIALECTS = {
    _OAS31_DIALECT: (
        (_OAS31_DIALECT, "oas3.1/metaschema.json"),
        ("https://spec.openapis.org/oas/3.1/meta/base", "oas3.1/vocabularies/base"),
    ),
    _OAS32_DIALECT: (
        (_OAS32_DIALECT, "oas3.2/dialect/2025-09-17.json"),
        ("https://spec.openapis.org/oas/3.2/meta/2025-09-17", "oas3.2/meta/2025-09-17.json"),
    ),
}
_DEFAULT_DIALECT = {"oas3.1": _OAS31_DIALECT, "oas3.2": _OAS32_DIALECT}


def validate_openapi(contract: Contract) -> list[Finding]:
    """(message, pointer) for each error; empty exactly when openapi-spec-validator accepts it."""
    found = schema_errors(spec_validator(str(_osv_schema(contract.format))), contract.document)
    if found:
        return found
    try:
        return list(_Checks(contract).run())
    except (TypeError, AttributeError, KeyError, ValueError, RecursionError):
        return _explain_with_openapi_spec_validator(contract)


def _package_dir(name: str) -> Path:
    """A package's directory, found without importing it (keeps start-up cheap)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _osv_schema(fmt: str) -> Path:
    return (
        _package_dir("openapi_spec_validator") / "resources" / "schemas" / _SPEC_SCHEMAS[fmt] / "schema.json"
    )


def _is_regex(value: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FutureWarning on patterns that mean other things in other engines
        try:
            re.compile(value)
        except re.error:
            return False
    return True


def _any(value: str) -> bool:
    return True


# The meta-schemas' formats as openapi-spec-validator checks them: `regex` with Python's `re`,
# URIs not at all (their checkers need optional packages it does not install).
_META_FORMATS = {"regex": _is_regex, "uri": _any, "uri-reference": _any, "iri": _any, "iri-reference": _any}


# JSON Schema dialects a 3.1 schema may name in `$schema` (or the document in `jsonSchemaDialect`).
_DIALECTS = {
    "https://json-schema.org/draft/2020-12/schema": "Draft202012Validator",
    "https://json-schema.org/draft/2019-09/schema": "Draft201909Validator",
    "http://json-schema.org/draft-07/schema": "Draft7Validator",
    "http://json-schema.org/draft-06/schema": "Draft6Validator",
    "http://json-schema.org/draft-04/schema": "Draft4Validator",
    "http://json-schema.org/draft-03/schema": None,  # known, but jsonschema-rs has no draft 3: not checked
}


@cache
def _meta_validator(fmt: str, dialect: str | None = None) -> Any:
    """The meta-schema a top-level schema must satisfy: draft 4 for 2.0/3.0, the dialect for 3.1/3.2.

    Raises LookupError for a dialect openapi-spec-validator does not know.
    """
    import jsonschema_rs
    import orjson

    if fmt not in SCHEMA_2020_12_FORMATS:
        dialect = "http://json-schema.org/draft-04/schema"
    dialect = (dialect or _DEFAULT_DIALECT[fmt]).removesuffix("#")
    if dialect in _DIALECTS:
        name = _DIALECTS[dialect]
        if name is None:
            return None
        meta: Any = {"$ref": dialect + ("#" if "draft-0" in dialect else "")}
        if (
            name == "Draft4Validator"
        ):  # jsonschema-rs's own copy lets `enum` repeat items; the original does not
            specifications = _package_dir("jsonschema_specifications") / "schemas"
            meta = orjson.loads((specifications / "draft4" / "metaschema.json").read_bytes())
        return getattr(jsonschema_rs, name)(meta, validate_formats=True, formats=_META_FORMATS)
    if dialect not in _OAS_DIALECTS:
        raise LookupError(dialect)
    base = _package_dir("openapi_schema_validator") / "schemas"
    resources = [(uri, orjson.loads((base / path).read_bytes())) for uri, path in _OAS_DIALECTS[dialect]]
    registry = jsonschema_rs.Registry(resources, draft=jsonschema_rs.Draft202012)
    return jsonschema_rs.Draft202012Validator(
        {"$ref": dialect}, registry=registry, validate_formats=True, formats=_META_FORMATS
    )


class _Checks:
    """openapi-spec-validator's keyword validators, in its traversal order."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.document = contract.document
        self.v2 = contract.format == "oas2"
        self.v32 = contract.format == "oas3.2"
        default_dialect = self.document.get("jsonSchemaDialect")
        self.default_dialect = default_dialect if isinstance(default_dialect, str) else None
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self.operation_ids: set[Any] = set()
        self._compiler: Any = None

    def run(self) -> Iterator[Finding]:
        doc = self.document
        if isinstance(doc.get("tags"), list):
            yield from self.tags(doc["tags"])
        paths, _ = self.follow(doc.get("paths"), "/paths")
        if isinstance(paths, dict):
            for url, raw_item in paths.items():
                item, item_pointer = self.follow(raw_item, f"/paths/{escape(url)}")
                if isinstance(item, dict):
                    yield from self.path(url, item, item_pointer)
        components, _ = self.follow(doc.get("components"), "/components")
        if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
            for name, schema in components["schemas"].items():
                yield from self.schema(schema, f"/components/schemas/{escape(name)}")

    def follow(self, node: Any, pointer: str) -> tuple[Any, str]:
        """A local `$ref` chain followed to its target; siblings of `$ref` are ignored."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                break
            seen.add(ref)
            target, target_pointer = self.contract.follow_ref(ref)
            if target is MISSING:
                break
            node, pointer = target, target_pointer
        return node, pointer

    # -- document structure -------------------------------------------------------------------
    def tags(self, tags: list) -> Iterator[Finding]:
        seen: set[Any] = set()
        for i, raw in enumerate(tags):
            tag, pointer = self.follow(raw, f"/tags/{i}")
            name = tag.get("name") if isinstance(tag, dict) else None
            if name in seen:
                yield f"Duplicate tag name '{name}'", f"{pointer}/name"
            seen.add(name)
        if self.v32:
            yield from self.tag_parents(tags)

    def tag_parents(self, tags: list) -> Iterator[Finding]:
        """3.2: each `parent` names a root tag, and following parents never comes back (a cycle)."""
        parents: dict[Any, tuple[Any, str]] = {}
        for i, raw in enumerate(tags):
            tag, pointer = self.follow(raw, f"/tags/{i}")
            if isinstance(tag, dict):
                parents[tag.get("name")] = (tag.get("parent"), pointer)
        for name, (parent, pointer) in parents.items():
            if parent is not None and parent not in parents:
                yield f"Tag '{name}' references unknown parent tag '{parent}'", f"{pointer}/parent"
        for start, loop in parent_cycles({name: parent for name, (parent, _) in parents.items()}):
            cycle = " -> ".join(map(str, loop))
            yield f"Circular tag hierarchy detected: {cycle}", f"{parents[start][1]}/parent"

    def path(self, url: str, item: dict, pointer: str) -> Iterator[Finding]:
        path_parameters = None
        if "parameters" in item:
            path_parameters, params_pointer = self.follow(item["parameters"], f"{pointer}/parameters")
            yield from self.parameters(path_parameters, params_pointer)
        for method, raw_op in item.items():
            if method in HTTP_METHODS or (self.v32 and method == "query"):
                op, op_pointer = self.follow(raw_op, f"{pointer}/{method}")
                if isinstance(op, dict):
                    yield from self.operation(url, method, op, op_pointer, path_parameters)
            elif self.v32 and method == "additionalOperations" and isinstance(raw_op, dict):
                for name, raw_extra in raw_op.items():
                    op, op_pointer = self.follow(raw_extra, f"{pointer}/{method}/{escape(name)}")
                    if isinstance(op, dict):
                        yield from self.operation(url, name, op, op_pointer, path_parameters)

    def operation(
        self, url: str, method: str, op: dict, pointer: str, path_parameters: Any
    ) -> Iterator[Finding]:
        if "operationId" in op:
            operation_id = op["operationId"]
            if operation_id is not None and operation_id in self.operation_ids:
                yield (
                    f"Operation ID '{operation_id}' for '{method}' in '{url}' is not unique",
                    f"{pointer}/operationId",
                )
            self.operation_ids.add(operation_id)
        if "responses" in op:
            responses, responses_pointer = self.follow(op["responses"], f"{pointer}/responses")
            if not isinstance(responses, dict):
                yield _not_a("Responses", op["responses"], "must be an object"), f"{pointer}/responses"
                responses = {}
            for code, raw in responses.items():
                yield from self.response(raw, f"{responses_pointer}/{escape(code)}")
        names: list[str] = []
        if "parameters" in op:
            parameters, params_pointer = self.follow(op["parameters"], f"{pointer}/parameters")
            yield from self.parameters(parameters, params_pointer)
            names += self.path_parameter_names(parameters, params_pointer)
        if path_parameters is not None:
            names += self.path_parameter_names(path_parameters, pointer)
        declared = set(names)
        try:
            in_url = {field for _, field, _, _ in string.Formatter().parse(url) if field}
        except ValueError as exc:
            yield f"Path '{url}' is not a valid path template: {exc}", pointer
            return
        for name in sorted(in_url - declared) + sorted(declared - in_url):
            yield f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved", pointer

    def path_parameter_names(self, parameters: list, pointer: str) -> list[str]:
        names = []
        for i, raw in enumerate(_list(parameters)):
            param, _ = self.follow(raw, f"{pointer}/{i}")
            if isinstance(param, dict) and param.get("in") == "path":
                names.append(param.get("name"))
        return names

    def parameters(self, parameters: list, pointer: str) -> Iterator[Finding]:
        seen: set[tuple[Any, Any]] = set()
        for i, raw in enumerate(_list(parameters)):
            param, param_pointer = self.follow(raw, f"{pointer}/{i}")
            if not (isinstance(param, dict) and "name" in param and "in" in param):
                yield _not_a("Parameter", raw, "needs 'name' and 'in'"), f"{pointer}/{i}"
                continue
            if "schema" in param:
                yield from self.schema(param["schema"], f"{param_pointer}/schema")
            if self.v2 and "default" in param:
                yield from self.default(param, param["default"], param_pointer)
            key = (param["name"], param["in"])
            if key in seen:
                yield f"Duplicate parameter '{param['name']}'", param_pointer
            seen.add(key)

    def response(self, raw: Any, pointer: str) -> Iterator[Finding]:
        response, target_pointer = self.follow(raw, pointer)
        if not isinstance(response, dict):
            yield _not_a("Response", raw, "must be an object"), pointer
            return
        pointer = target_pointer
        if self.v2:
            if "schema" in response:
                yield from self.schema(response["schema"], f"{pointer}/schema")
            return
        if "content" in response:
            content, content_pointer = self.follow(response["content"], f"{pointer}/content")
            for media_type, raw_media in _dict(content).items():
                media, media_pointer = self.follow(raw_media, f"{content_pointer}/{escape(media_type)}")
                if isinstance(media, dict) and "schema" in media:
                    yield from self.schema(media["schema"], f"{media_pointer}/schema")

    # -- schemas ------------------------------------------------------------------------------
    def schema(
        self, raw: Any, pointer: str, require_properties: bool = True, meta_checked: bool = False
    ) -> Iterator[Finding]:
        schema, pointer = self.follow(raw, pointer)
        if not isinstance(schema, dict | bool):
            yield f"{schema!r} is not of type 'object', 'boolean'", pointer
            return
        key = id(schema)
        if not meta_checked and key not in self.meta_checked:
            self.meta_checked.add(key)
            dialect = None
            if self.contract.format in SCHEMA_2020_12_FORMATS:  # 2.0 and 3.0 schemas are always draft 4
                dialect = schema.get("$schema", self.default_dialect) if isinstance(schema, dict) else None
            if dialect is not None and not isinstance(dialect, str):
                yield f"Unknown JSON Schema dialect: {dialect!r}", f"{pointer}/$schema"
                return
            try:
                meta = _meta_validator(self.contract.format, dialect)
            except LookupError:
                yield f"Unknown JSON Schema dialect: {dialect!r}", pointer
                return
            error = next(iter(meta.iter_errors(schema)), None) if meta is not None else None
            if error is not None:
                where = "".join("/" + escape(p) for p in error.instance_path)
                yield f"invalid schema: {error_message(error)}", pointer + where
                return
        if key in self.visited or isinstance(schema, bool):
            return
        self.visited.add(key)
        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for i, inner in enumerate(_list(schema.get(keyword))):
                yield from self.schema(inner, f"{pointer}/{keyword}/{i}", False, True)
                if keyword == "allOf":
                    nested |= self.properties_of(inner, set())
        for keyword in ("not", "items"):
            if keyword in schema:
                yield from self.schema(schema[keyword], f"{pointer}/{keyword}", False, True)
        if "properties" in schema:
            for name, inner in _dict(schema["properties"]).items():
                yield from self.schema(inner, f"{pointer}/properties/{escape(name)}", False, True)
        if "allOf" in schema and require_properties:
            required = schema.get("required") or []
            extra = sorted(set(required) - set(schema.get("properties") or ()) - nested)
            if extra:
                yield f"Required list has not defined properties: {extra}", f"{pointer}/required"
        if "default" in schema:
            value = schema["default"]
            if value is not None or schema.get("nullable") is not True:
                yield from self.default(schema, value, pointer)

    def properties_of(self, raw: Any, seen: set[int]) -> set[str]:
        """Every property name reachable from a schema through allOf/anyOf/oneOf/items/not."""
        schema, _ = self.follow(raw, "")
        if not isinstance(schema, dict) or id(schema) in seen:
            return set()
        seen.add(id(schema))
        names = set(schema["properties"]) if isinstance(schema.get("properties"), dict) else set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in _list(schema.get(keyword)):
                names |= self.properties_of(inner, seen)
        for keyword in ("items", "not"):
            if keyword in schema:
                names |= self.properties_of(schema[keyword], seen)
        return names

    def default(self, schema: dict, value: Any, pointer: str) -> Iterator[Finding]:
        from .._jsonschema import SchemaCompileError, SchemaCompiler

        if self._compiler is None:
            formats = default_formats(self.contract.format)
            self._compiler = SchemaCompiler(self.contract, validate_formats=True, formats=formats)
        int_error = int_format_error(schema, value)
        if int_error:
            yield f"default value {int_error}", f"{pointer}/default"
            return
        try:
            validator = self._compiler.compile(schema)
        except SchemaCompileError:  # e.g. draft-4 `exclusiveMaximum: true` in a 3.1 schema
            message = _default_error_by_openapi_schema_validator(self.contract, schema, value)
            if message:
                yield f"default value {message}", f"{pointer}/default"
            return
        for error in validator.errors(value, limit=1):
            yield f"default value {error.message}", f"{pointer}/default{error.pointer}"


def _default_error_by_openapi_schema_validator(contract: Contract, schema: dict, value: Any) -> str | None:
    """For a schema jsonschema-rs will not compile: judge the default as openapi-spec-validator does."""
    from openapi_schema_validator import (
        OAS30Validator,
        OAS31Validator,
        OAS32Validator,
        oas30_format_checker,
        oas31_format_checker,
        oas32_format_checker,
    )
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4, DRAFT202012

    cls, checker = {
        "oas3.1": (OAS31Validator, oas31_format_checker),
        "oas3.2": (OAS32Validator, oas32_format_checker),
    }.get(contract.format, (OAS30Validator, oas30_format_checker))
    draft = DRAFT202012 if contract.format in SCHEMA_2020_12_FORMATS else DRAFT4
    resource = Resource.from_contents(contract.document, default_specification=draft)
    try:
        validator = cls(schema, format_checker=checker, registry=Registry().with_resource("", resource))
        error = next(iter(validator.iter_errors(value)), None)
    except Exception:  # its own failure on this schema: no verdict to report
        return None
    return None if error is None else error.message


def _not_a(kind: str, raw: Any, need: str) -> str:
    ref = raw.get("$ref") if isinstance(raw, dict) else None
    target = f" ($ref {ref!r} points at something else)" if isinstance(ref, str) else ""
    return f"not a {kind} object: it {need}{target}"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _explain_with_openapi_spec_validator(contract: Contract) -> list[Finding]:
    """Ask openapi-spec-validator itself, for documents whose shape our checks cannot read."""
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
        OpenAPIV32SpecValidator,
    )

    validator = {
        "oas2": OpenAPIV2SpecValidator,
        "oas3": OpenAPIV30SpecValidator,
        "oas3.2": OpenAPIV32SpecValidator,
    }.get(contract.format, OpenAPIV31SpecValidator)(contract.document)
    found = []
    try:
        for error in validator.iter_errors():
            path = getattr(error, "absolute_path", None) or []
            found.append((error.message, "".join("/" + escape(p) for p in path)))
    except Exception as exc:  # its own crash on this document is the explanation we can give
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        found.append((f"openapi-spec-validator cannot validate this document ({reason})", ""))
    return found
