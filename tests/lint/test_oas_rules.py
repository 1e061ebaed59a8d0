"""accord:oas, one table per rule id: {name, document, expected finding pointers}, run with only that rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import OAS2, OAS3, merged, operation, pointers

OP = "/paths/~1orders~1{id}/get"
OP2 = "/paths/~1orders/get"
STR = {"type": "string"}


def _path_param(name: str, required: bool = True) -> dict:
    return {"name": name, "in": "path", "required": required, "schema": STR}


def _components(**kinds) -> dict:
    return merged(OAS3, components=kinds)


CASES: dict[str, list[tuple[str, dict, list[str]]]] = {
    "operation-success-response": [
        ("has 200", OAS3, []),
        ("3.x range", operation(OAS3, responses={"2XX": {"description": "ok"}}), []),
        ("only errors", operation(OAS3, responses={"404": {"description": "no"}}), [f"{OP}/responses"]),
    ],
    "oas2-operation-formData-consume-check": [
        ("no form", OAS2, []),
        (
            "form without consumes",
            operation(OAS2, parameters=[{"name": "a", "in": "formData", "type": "string"}]),
            [OP2],
        ),
        (
            "form with consumes",
            operation(
                OAS2,
                consumes=["multipart/form-data"],
                parameters=[{"name": "a", "in": "formData", "type": "string"}],
            ),
            [],
        ),
    ],
    "operation-operationId-unique": [
        ("unique", OAS3, []),
        (
            "twice",
            merged(
                OAS3,
                paths={
                    "/a": {
                        "get": {"operationId": "x", "responses": {}},
                        "put": {"operationId": "x", "responses": {}},
                    }
                },
            ),
            ["/paths/~1a/put/operationId"],
        ),
    ],
    "operation-parameters": [
        ("distinct", OAS3, []),
        (
            "same name and in",
            operation(OAS3, parameters=[_path_param("id"), _path_param("id")]),
            [f"{OP}/parameters/1"],
        ),
        (
            "two bodies",
            operation(
                OAS2,
                parameters=[
                    {"name": "a", "in": "body", "schema": {}},
                    {"name": "b", "in": "body", "schema": {}},
                ],
            ),
            [f"{OP2}/parameters/1"],
        ),
    ],
    "operation-tag-defined": [
        ("declared", OAS3, []),
        ("undeclared", operation(OAS3, tags=["orders", "billing"]), [f"{OP}/tags/1"]),
    ],
    "path-params": [
        ("matching", OAS3, []),
        ("not declared", operation(OAS3, parameters=[]), [OP]),
        ("not required", operation(OAS3, parameters=[_path_param("id", False)]), [f"{OP}/parameters/0"]),
        (
            "unused",
            operation(OAS3, parameters=[_path_param("id"), _path_param("other")]),
            [f"{OP}/parameters/1"],
        ),
        ("equivalent paths", merged(OAS3, paths={"/a/{x}": {}, "/a/{y}": {}}), ["/paths/~1a~1{y}"]),
    ],
    "contact-properties": [
        (
            "complete",
            merged(
                OAS3,
                info={
                    "title": "t",
                    "version": "1",
                    "contact": {"name": "n", "url": "https://x.test", "email": "a@x.test"},
                },
            ),
            [],
        ),
        ("name only", OAS3, ["/info/contact"]),
    ],
    "duplicated-entry-in-enum": [
        ("distinct", _components(schemas={"S": {"type": "string", "enum": ["a", "b"]}}), []),
        (
            "repeated",
            _components(schemas={"S": {"type": "string", "enum": ["a", "a"]}}),
            ["/components/schemas/S/enum"],
        ),
    ],
    "info-contact": [
        ("present", OAS3, []),
        ("absent", merged(OAS3, info={"title": "t", "version": "1"}), ["/info"]),
    ],
    "info-description": [
        ("present", OAS3, []),
        (
            "empty",
            merged(OAS3, info={"title": "t", "version": "1", "description": ""}),
            ["/info/description"],
        ),
    ],
    "info-license": [
        ("absent", OAS3, ["/info"]),
        ("present", merged(OAS3, info={"title": "t", "version": "1", "license": {"name": "MIT"}}), []),
    ],
    "license-url": [
        (
            "no url",
            merged(OAS3, info={"title": "t", "version": "1", "license": {"name": "MIT"}}),
            ["/info/license"],
        )
    ],
    "no-eval-in-markdown": [
        ("clean", OAS3, []),
        (
            "eval",
            merged(OAS3, info={"title": "t", "version": "1", "description": "run eval(x)"}),
            ["/info/description"],
        ),
    ],
    "no-script-tags-in-markdown": [
        ("script", operation(OAS3, description="<script>x</script>"), [f"{OP}/description"])
    ],
    "openapi-tags-alphabetical": [
        ("sorted", merged(OAS3, tags=[{"name": "a"}, {"name": "b"}]), []),
        ("unsorted", merged(OAS3, tags=[{"name": "b"}, {"name": "a"}]), ["/tags"]),
    ],
    "openapi-tags-uniqueness": [
        ("unique", OAS3, []),
        ("repeated", merged(OAS3, tags=[{"name": "a"}, {"name": "a"}]), ["/tags/1/name"]),
    ],
    "openapi-tags": [
        ("present", OAS3, []),
        ("empty", merged(OAS3, tags=[]), ["/tags"]),
        ("absent", merged(OAS3, tags=None), [""]),
    ],
    "operation-description": [
        ("present", OAS3, []),
        ("absent", operation(OAS3, description=None), [OP]),
    ],
    "operation-operationId": [
        ("present", OAS3, []),
        ("absent", operation(OAS3, operationId=None), [OP]),
    ],
    "operation-operationId-valid-in-url": [
        ("safe", OAS3, []),
        ("space", operation(OAS3, operationId="get order"), [f"{OP}/operationId"]),
    ],
    "operation-singular-tag": [("one", OAS3, []), ("two", operation(OAS3, tags=["a", "b"]), [f"{OP}/tags"])],
    "operation-tags": [
        ("present", OAS3, []),
        ("empty", operation(OAS3, tags=[]), [f"{OP}/tags"]),
        ("absent", operation(OAS3, tags=None), [OP]),
    ],
    "path-declarations-must-exist": [
        ("named", OAS3, []),
        ("empty braces", merged(OAS3, paths={"/a/{}": {}}), ["/paths/~1a~1{}"]),
    ],
    "path-keys-no-trailing-slash": [
        ("clean", OAS3, []),
        ("slash", merged(OAS3, paths={"/a/": {}}), ["/paths/~1a~1"]),
    ],
    "path-not-include-query": [
        ("clean", OAS3, []),
        ("query", merged(OAS3, paths={"/a?b=1": {}}), ["/paths/~1a?b=1"]),
    ],
    "tag-description": [
        ("described", OAS3, []),
        ("bare", merged(OAS3, tags=[{"name": "a"}]), ["/tags/0"]),
    ],
    "no-$ref-siblings": [
        (
            "alone",
            _components(schemas={"A": {"type": "string"}, "B": {"$ref": "#/components/schemas/A"}}),
            [],
        ),
        (
            "sibling",
            _components(
                schemas={"A": {"type": "string"}, "B": {"$ref": "#/components/schemas/A", "description": "x"}}
            ),
            ["/components/schemas/B/description"],
        ),
    ],
    "array-items": [
        ("items", _components(schemas={"A": {"type": "array", "items": STR}}), []),
        ("no items", _components(schemas={"A": {"type": "array"}}), ["/components/schemas/A"]),
        ("empty items is still items", _components(schemas={"A": {"type": "array", "items": {}}}), []),
    ],
    "typed-enum": [
        ("typed", _components(schemas={"A": {"type": "integer", "enum": [1, 2]}}), []),
        (
            "mistyped",
            _components(schemas={"A": {"type": "integer", "enum": [1, "two"]}}),
            ["/components/schemas/A/enum/1"],
        ),
        (
            "nullable",
            _components(schemas={"A": {"type": "string", "nullable": True, "enum": ["a", None]}}),
            [],
        ),
    ],
    "oas2-api-host": [("present", OAS2, []), ("absent", merged(OAS2, host=None), [""])],
    "oas2-api-schemes": [("present", OAS2, []), ("empty", merged(OAS2, schemes=[]), ["/schemes"])],
    "oas2-discriminator": [
        (
            "defined",
            merged(
                OAS2,
                definitions={
                    "Pet": {"discriminator": "kind", "required": ["kind"], "properties": {"kind": STR}}
                },
            ),
            [],
        ),
        (
            "not required",
            merged(OAS2, definitions={"Pet": {"discriminator": "kind", "properties": {"kind": STR}}}),
            ["/definitions/Pet"],  # no `required` to point into: the schema that lacks it
        ),
    ],
    "oas2-host-not-example": [
        ("real", OAS2, []),
        ("example", merged(OAS2, host="api.example.com"), ["/host"]),
    ],
    "oas2-host-trailing-slash": [
        ("clean", OAS2, []),
        ("slash", merged(OAS2, host="api.shop.test/"), ["/host"]),
    ],
    "oas2-parameter-description": [
        (
            "bare",
            operation(OAS2, parameters=[{"name": "q", "in": "query", "type": "string"}]),
            [f"{OP2}/parameters/0"],
        )
    ],
    "oas2-operation-security-defined": [
        (
            "defined",
            merged(
                OAS2,
                securityDefinitions={"key": {"type": "apiKey", "name": "k", "in": "header"}},
                security=[{"key": []}],
            ),
            [],
        ),
        ("undefined", merged(OAS2, security=[{"key": []}]), ["/security/0/key"]),
    ],
    "oas2-valid-schema-example": [
        ("valid", merged(OAS2, definitions={"A": {"type": "integer", "example": 3}}), []),
        (
            "invalid",
            merged(OAS2, definitions={"A": {"type": "integer", "example": "three"}}),
            ["/definitions/A/example"],
        ),
    ],
    "oas2-valid-media-example": [
        (
            "invalid",
            operation(
                OAS2,
                responses={
                    "200": {
                        "description": "ok",
                        "schema": {"type": "integer"},
                        "examples": {"application/json": "x"},
                    }
                },
            ),
            [f"{OP2}/responses/200/examples/application~1json"],
        ),
    ],
    "oas2-anyOf": [("anyOf", merged(OAS2, definitions={"A": {"anyOf": [STR]}}), ["/definitions/A/anyOf"])],
    "oas2-oneOf": [("oneOf", merged(OAS2, definitions={"A": {"oneOf": [STR]}}), ["/definitions/A/oneOf"])],
    "oas2-schema": [("valid", OAS2, []), ("bad host type", merged(OAS2, host=5), ["/host"])],
    "oas2-unused-definition": [
        ("unused", merged(OAS2, definitions={"A": STR}), ["/definitions/A"]),
        (
            "used",
            operation(
                merged(OAS2, definitions={"A": STR}),
                responses={"200": {"description": "ok", "schema": {"$ref": "#/definitions/A"}}},
            ),
            [],
        ),
    ],
    "oas3-api-servers": [("present", OAS3, []), ("absent", merged(OAS3, servers=None), [""])],
    "oas3-examples-value-or-externalValue": [
        ("value", _components(examples={"a": {"value": 1}}), []),
        ("neither", _components(examples={"a": {"summary": "s"}}), ["/components/examples/a"]),
        (
            "both",
            _components(examples={"a": {"value": 1, "externalValue": "https://x.test/a"}}),
            ["/components/examples/a"],
        ),
    ],
    "oas3-operation-security-defined": [
        (
            "defined",
            merged(
                _components(
                    securitySchemes={
                        "o": {
                            "type": "oauth2",
                            "flows": {
                                "implicit": {"authorizationUrl": "https://x.test", "scopes": {"read": "r"}}
                            },
                        }
                    }
                ),
                security=[{"o": ["read"]}],
            ),
            [],
        ),
        (
            "unknown scope",
            merged(
                _components(
                    securitySchemes={
                        "o": {
                            "type": "oauth2",
                            "flows": {"implicit": {"authorizationUrl": "https://x.test", "scopes": {}}},
                        }
                    }
                ),
                security=[{"o": ["read"]}],
            ),
            ["/security/0/o/0"],
        ),
        ("unknown scheme", operation(OAS3, security=[{"nope": []}]), [f"{OP}/security/0/nope"]),
    ],
    "oas3-parameter-description": [
        ("bare", OAS3, [f"{OP}/parameters/0"]),
        # a Link's `parameters` hold values to pass on, not Parameter objects
        (
            "a link's parameters",
            _components(links={"L": {"operationId": "getOrder", "parameters": {"id": {"in": "x"}}}}),
            [f"{OP}/parameters/0"],
        ),
    ],
    "oas3-server-not-example.com": [
        ("real", OAS3, []),
        ("example", merged(OAS3, servers=[{"url": "https://example.com"}]), ["/servers/0/url"]),
    ],
    "oas3-server-trailing-slash": [
        ("clean", OAS3, []),
        ("slash", merged(OAS3, servers=[{"url": "https://x.test/"}]), ["/servers/0/url"]),
    ],
    "oas3-valid-media-example": [
        (
            "valid",
            operation(
                OAS3,
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "integer"}, "example": 1}},
                    }
                },
            ),
            [],
        ),
        (
            "invalid example",
            operation(
                OAS3,
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "integer"}, "example": "x"}},
                    }
                },
            ),
            [f"{OP}/responses/200/content/application~1json/example"],
        ),
        (
            "invalid named example",
            operation(
                OAS3,
                responses={
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "properties": {"n": {"type": "integer"}}},
                                "examples": {"a": {"value": {"n": "x"}}},
                            }
                        },
                    }
                },
            ),
            [f"{OP}/responses/200/content/application~1json/examples/a/value/n"],
        ),
        (
            "readOnly not needed in a request",
            operation(
                OAS3,
                requestBody={
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["id"],
                                "properties": {"id": {"type": "string", "readOnly": True}},
                            },
                            "example": {},
                        }
                    }
                },
            ),
            [],
        ),
    ],
    "oas3-valid-schema-example": [
        (
            "valid",
            _components(schemas={"A": {"type": "string", "format": "date", "example": "2024-01-31"}}),
            [],
        ),
        (
            "invalid",
            _components(schemas={"A": {"type": "string", "format": "date", "example": "soon"}}),
            ["/components/schemas/A/example"],
        ),
        (
            "bad default",
            _components(schemas={"A": {"type": "integer", "default": "x"}}),
            ["/components/schemas/A/default"],
        ),
    ],
    "oas3-schema": [
        ("valid", OAS3, []),
        ("missing info version", merged(OAS3, info={"title": "t"}), ["/info"]),
    ],
    "oas3-unused-component": [
        ("unused", _components(schemas={"A": STR}), ["/components/schemas/A"]),
        (
            "used through a percent-encoded $ref",
            operation(
                _components(schemas={"$top": STR}),
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/%24top"}}},
                    }
                },
            ),
            [],
        ),
        (
            "used",
            operation(
                _components(schemas={"A": STR}),
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}},
                    }
                },
            ),
            [],
        ),
    ],
    "oas3-server-variables": [
        (
            "defined",
            merged(OAS3, servers=[{"url": "https://{env}.x.test", "variables": {"env": {"default": "api"}}}]),
            [],
        ),
        ("missing", merged(OAS3, servers=[{"url": "https://{env}.x.test"}]), ["/servers/0"]),
        (
            "in a link's server",
            _components(links={"L": {"operationId": "getOrder", "server": {"url": "https://{env}.x.test"}}}),
            ["/components/links/L/server"],
        ),
        (
            "unused",
            merged(OAS3, servers=[{"url": "https://x.test", "variables": {"env": {"default": "api"}}}]),
            ["/servers/0/variables/env"],
        ),
        (
            "default outside enum",
            merged(
                OAS3,
                servers=[
                    {"url": "https://{env}.x.test", "variables": {"env": {"default": "api", "enum": ["a"]}}}
                ],
            ),
            ["/servers/0/variables/env/default"],
        ),
    ],
    "oas3-callbacks-in-callbacks": [
        (
            "nested",
            operation(
                OAS3,
                callbacks={
                    "cb": {
                        "{$request.body#/url}": {
                            "post": {"responses": {"200": {"description": "ok"}}, "callbacks": {}}
                        }
                    }
                },
            ),
            [f"{OP}/callbacks/cb/{{$request.body#~1url}}/post/callbacks"],
        ),
    ],
    "oas3_1-servers-in-webhook": [
        (
            "servers",
            merged(
                OAS3,
                openapi="3.1.0",
                webhooks={"hook": {"post": {"servers": [], "responses": {"200": {"description": "ok"}}}}},
            ),
            ["/webhooks/hook/post/servers"],
        ),
    ],
    "oas3_1-callbacks-in-webhook": [
        (
            "callbacks",
            merged(
                OAS3,
                openapi="3.1.0",
                webhooks={"hook": {"post": {"callbacks": {}, "responses": {"200": {"description": "ok"}}}}},
            ),
            ["/webhooks/hook/post/callbacks"],
        ),
    ],
}


@pytest.mark.parametrize(
    ("rule_id", "name", "document", "expected"),
    [(rule_id, *case) for rule_id, cases in CASES.items() for case in cases],
    ids=[f"{rule_id}: {case[0]}" for rule_id, cases in CASES.items() for case in cases],
)
def test_rule(tmp_path: Path, rule_id: str, name: str, document: dict, expected: list[str]) -> None:
    assert pointers(tmp_path, rule_id, document) == sorted(expected)
