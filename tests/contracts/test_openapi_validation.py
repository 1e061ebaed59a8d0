"""OpenAPI validation gives openapi-spec-validator's verdict (checked against it, case by case)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from accord.contracts import load_contract, validate
from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from tests.cli import accord

EXAMPLES = Path(__file__).parents[2] / "examples" / "contracts"

V30: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "tags": [{"name": "pets"}],
    "paths": {
        "/pets/{petId}": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "kind": {"type": "string", "default": "cat"}},
            },
            "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"required": ["lives"]}]},
            "Tree": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}},
            },
        }
    },
}
V31 = {**copy.deepcopy(V30), "openapi": "3.1.0"}
V2: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/pets/{petId}": {
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {"name": "petId", "in": "path", "required": True, "type": "string"},
                    {"name": "limit", "in": "query", "type": "integer", "default": 10},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
            }
        }
    },
    "definitions": {"Pet": {"type": "object", "properties": {"id": {"type": "string"}}}},
}


def _change(base: dict, pointer: str, value: Any) -> dict:
    doc = copy.deepcopy(base)
    *parents, last = [t.replace("~1", "/") for t in pointer.split("/")[1:]]
    node = doc
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    if value is _DELETE:
        del node[last]
    elif isinstance(node, list) and int(last) == len(node):
        node.append(value)
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return doc


_DELETE = object()
GET30 = "/paths/~1pets~1{petId}/get"
GET2 = "/paths/~1pets~1{petId}/get"

# (id, document, valid?)
CASES = [
    ("3.0 valid", V30, True),
    ("3.1 valid", V31, True),
    (
        "3.1 schema in draft 7",
        _change(V31, "/components/schemas/Pet/$schema", "http://json-schema.org/draft-07/schema#"),
        True,
    ),
    (
        "3.1 schema in draft 4 with an empty required list",
        _change(
            _change(V31, "/components/schemas/Pet/$schema", "http://json-schema.org/draft-04/schema#"),
            "/components/schemas/Pet/required",
            [],
        ),
        False,
    ),
    (
        "3.1 unknown dialect",
        _change(V31, "/components/schemas/Pet/$schema", "https://example.com/my-dialect"),
        False,
    ),
    (
        "3.1 unknown document dialect",
        _change(V31, "/jsonSchemaDialect", "https://example.com/my-dialect"),
        False,
    ),
    (
        "3.0 schema objects have no $schema",
        _change(V30, "/components/schemas/Pet/$schema", "https://example.com/my-dialect"),
        False,
    ),
    (
        "3.0 default breaks its email format",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "format": "email", "default": ""},
        ),
        False,
    ),
    (
        "3.0 default breaks its date format",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "format": "date", "default": "2025-10-15T13:50:20Z"},
        ),
        False,
    ),
    (
        "3.0 default keeps its date format",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "format": "date", "default": "2025-10-15"},
        ),
        True,
    ),
    (
        "3.0 unchecked formats stay unchecked",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "format": "uri", "default": "not a uri"},
        ),
        True,
    ),
    (
        "3.0 int32 default out of range",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "integer", "format": "int32", "default": 2**31},
        ),
        False,
    ),
    (
        "3.1 default breaks its uuid format",
        _change(
            V31,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "format": "uuid", "default": "nope"},
        ),
        False,
    ),
    ("2.0 valid", V2, True),
    ("3.0 missing info", _change(V30, "/info", _DELETE), False),
    ("3.0 bad response key", _change(V30, f"{GET30}/responses/200/description", 5), False),
    (
        "3.0 duplicate operationId",
        _change(
            V30,
            "/paths/~1other",
            {"get": {"operationId": "getPet", "responses": {"200": {"description": "ok"}}}},
        ),
        False,
    ),
    ("3.0 undeclared path parameter", _change(V30, "/paths/~1pets~1{petId}/parameters", []), False),
    (
        "3.0 declared path parameter not in the path",
        _change(
            V30,
            "/paths/~1pets",
            {
                "get": {
                    "parameters": [{"name": "x", "in": "path", "required": True, "schema": {}}],
                    "responses": {"200": {"description": "ok"}},
                }
            },
        ),
        False,
    ),
    (
        "3.0 duplicate parameter",
        _change(V30, f"{GET30}/parameters/1", {"name": "limit", "in": "query", "schema": {"type": "string"}}),
        False,
    ),
    (
        "3.0 same name, other location",
        _change(
            V30, f"{GET30}/parameters/1", {"name": "limit", "in": "header", "schema": {"type": "string"}}
        ),
        True,
    ),
    ("3.0 bad default", _change(V30, "/components/schemas/Pet/properties/kind/default", 5), False),
    ("3.0 bad default in a parameter", _change(V30, f"{GET30}/parameters/0/schema/default", "ten"), False),
    (
        "3.0 null default with nullable",
        _change(
            V30,
            "/components/schemas/Pet/properties/kind",
            {"type": "string", "nullable": True, "default": None},
        ),
        True,
    ),
    (
        "3.0 null default without nullable",
        _change(V30, "/components/schemas/Pet/properties/kind", {"type": "string", "default": None}),
        False,
    ),
    (
        "3.0 required not defined in allOf",
        _change(V30, "/components/schemas/Cat/required", ["whiskers"]),
        False,
    ),
    ("3.0 required defined through allOf", _change(V30, "/components/schemas/Cat/required", ["id"]), True),
    ("3.0 duplicate tag", _change(V30, "/tags/1", {"name": "pets"}), False),
    ("3.0 bad regex", _change(V30, "/components/schemas/Pet/properties/id/pattern", "(unclosed"), False),
    ("3.0 empty required list", _change(V30, "/components/schemas/Pet/required", []), False),
    ("3.1 empty required list", _change(V31, "/components/schemas/Pet/required", []), True),
    (
        "3.1 default under a draft-4 boolean exclusiveMaximum (jsonschema-rs will not compile it)",
        _change(
            V31,
            "/components/schemas/Pet/properties/kind",
            {"type": "number", "maximum": 20, "exclusiveMaximum": True, "default": 12},
        ),
        False,
    ),
    (
        "3.0 enum with repeated items",
        _change(V30, "/components/schemas/Pet/properties/kind/enum", ["cat", "cat"]),
        False,
    ),
    (
        "3.1 enum with repeated items",
        _change(V31, "/components/schemas/Pet/properties/kind/enum", ["cat", "cat"]),
        True,
    ),
    ("3.0 type list is 3.1 only", _change(V30, "/components/schemas/Pet/type", ["object", "null"]), False),
    ("3.1 type list", _change(V31, "/components/schemas/Pet/type", ["object", "null"]), True),
    ("3.1 bad default", _change(V31, "/components/schemas/Pet/properties/kind/default", 5), False),
    ("3.1 bad schema keyword value", _change(V31, "/components/schemas/Pet/minProperties", -1), False),
    (
        "3.1 duplicate operationId",
        _change(
            V31,
            "/paths/~1other",
            {"get": {"operationId": "getPet", "responses": {"200": {"description": "ok"}}}},
        ),
        False,
    ),
    ("2.0 bad parameter default", _change(V2, f"{GET2}/parameters/1/default", "ten"), False),
    ("2.0 undeclared path parameter", _change(V2, f"{GET2}/parameters/0/in", "query"), False),
    ("2.0 bad response schema default", _change(V2, "/definitions/Pet/properties/id/default", 1), False),
    ("2.0 unknown top-level field", _change(V2, "/servers", []), False),
]

OSV = {"2.0": OpenAPIV2SpecValidator, "3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator}


def _osv_valid(document: dict) -> bool:
    version = document.get("swagger") or document["openapi"][:3]
    return next(OSV[version](document).iter_errors(), None) is None


@pytest.mark.parametrize(("name", "document", "valid"), CASES, ids=[c[0] for c in CASES])
def test_verdict_matches_openapi_spec_validator(
    tmp_path: Path, name: str, document: dict, valid: bool
) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps(document))
    errors = validate(load_contract(path))
    assert _osv_valid(document) is valid, "the case itself is wrong"
    assert (not errors) is valid, errors
    for error in errors:
        assert (error.line is not None and error.pointer.startswith("/")) or error.pointer == ""


@pytest.mark.parametrize("name", ["orders.yaml", "payments.yaml", "inventory.json"])
def test_examples_are_valid_for_both(name: str) -> None:
    contract = load_contract(EXAMPLES / name)
    assert validate(contract) == []
    assert _osv_valid(contract.document)


def test_errors_point_at_the_offending_line(tmp_path: Path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n"
        "      responses:\n        '200': {description: ok}\n"
    )
    result = accord("validate", "--format", "json", path)
    assert result.code == 1
    [report] = json.loads(result.stdout)["files"]
    assert report["valid"] is False
    [error] = report["errors"]
    assert error == {
        "message": "Path parameter 'id' for 'get' operation in '/a/{id}' was not resolved",
        "pointer": "/paths/~1a~1{id}/get",
        "line": 5,  # the `get:` key of the operation, as for JSON
        "column": 5,
    }


def test_a_reference_to_the_wrong_kind_of_object_is_explained(tmp_path: Path) -> None:
    """openapi-spec-validator itself fails with KeyError('name') here; accord names the problem."""
    path = tmp_path / "api.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      parameters:\n        - $ref: '#/info'\n      responses:\n        '200': {description: ok}\n"
    )
    [error] = validate(load_contract(path))
    assert (
        error.message
        == "not a Parameter object: it needs 'name' and 'in' ($ref '#/info' points at something else)"
    )
    assert (error.pointer, error.line) == ("/paths/~1a/get/parameters/0", 7)


def test_unquoted_yaml_response_codes_are_strings(tmp_path: Path) -> None:
    """`200:` unquoted is common in YAML contracts; jsonschema-rs (and JSON) only know string keys."""
    path = tmp_path / "api.yaml"
    path.write_text(
        "swagger: '2.0'\ninfo: {title: t, version: 2020-01-01}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        200: {description: ok}\n        404: {description: missing}\n"
    )
    result = accord("validate", path)
    assert result.code == 0, result.stdout + result.stderr
    contract = load_contract(path)
    assert list(contract.operation("get", "/a").responses) == ["200", "404"]
    assert contract.document["info"]["version"] == "2020-01-01"
    assert _osv_valid(contract.document)


def test_a_collection_as_a_yaml_key_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-a:\n  ? [1, 2]\n  : 3\n")
    result = accord("validate", path)
    assert result.code == 2
    assert (
        result.stderr.strip()
        == f"accord: {path}:5:5: malformed YAML: a mapping key must be a string, not a collection"
    )
