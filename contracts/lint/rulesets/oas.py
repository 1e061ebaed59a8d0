"""accord:oas: the checks of Spectral's `spectral:oas`, under the same rule ids and severities."""

from __future__ import annotations

from .._rule import Rule
from .._select import at, children, deep, operations, root
from .._spectral import Then, spectral_check
from ..checks import (
    array_items,
    document_schema,
    duplicated_enum,
    media_examples,
    named_examples,
    oas2_discriminator,
    oas2_formdata_consume,
    operation_id_unique,
    operation_parameters,
    operation_success_response,
    operation_tag_defined,
    parameters,
    path_params,
    ref_siblings,
    schema_examples,
    security_defined,
    server_variables,
    servers_urls,
    tags_uniqueness,
    text_fields,
    typed_enum,
    unused_components,
)

OAS2 = frozenset({"oas2"})
OAS3 = frozenset({"oas3", "oas3.1", "oas3.2"})
OAS3_0 = frozenset({"oas3"})
OAS3_1 = frozenset({"oas3.1", "oas3.2"})
OAS = OAS2 | OAS3
NON_EMPTY = {"dialect": "draft7", "schema": {"type": "array", "minItems": 1}}
URL_SAFE = "^[A-Za-z0-9-._~:/?#\\[\\]@!\\$&'()*+,;=]*$"


def _rule(rule_id: str, description: str, check, **kw) -> Rule:
    return Rule(rule_id, description, check, formats=kw.pop("formats", OAS), **kw)


def _truthy(rule_id: str, description: str, given, field: str, **kw) -> Rule:
    return _rule(rule_id, description, spectral_check(given, Then("truthy", field)), **kw)


def _pattern(rule_id: str, description: str, given, field: str | None, **options) -> Rule:
    kw = {k: options.pop(k) for k in ("formats", "recommended", "message", "severity") if k in options}
    return _rule(rule_id, description, spectral_check(given, Then("pattern", field, options)), **kw)


def _undefined(rule_id: str, message: str, given, formats) -> Rule:
    return _rule(rule_id, message, spectral_check(given, Then("undefined")), formats=formats, message=message)


def _tags_unique(ctx):
    yield from tags_uniqueness.duplicates(("tags",), ctx.document.get("tags"))


def _unused_definitions(ctx):
    yield from unused_components.unused(
        ctx, ("definitions",), "Potentially unused definition has been detected."
    )


def _keys_named(name: str):
    def select(ctx):
        for path, node in ctx.nodes():
            if path[-1] == name:
                yield path, node

    return select


_paths = children(at("paths"))
RULES = [
    _rule(
        "operation-success-response",
        'Operation must have at least one "2xx" or "3xx" response.',
        operation_success_response.check,
    ),
    _rule(
        "oas2-operation-formData-consume-check",
        'Operations with "in: formData" parameter must include "application/x-www-form-urlencoded" or "multipart/form-data" in their "consumes" property.',
        oas2_formdata_consume.check,
        formats=OAS2,
    ),
    _rule(
        "operation-operationId-unique",
        'Every operation must have unique "operationId".',
        operation_id_unique.check,
        severity="error",
    ),
    _rule(
        "operation-parameters",
        "Operation parameters are unique and non-repeating.",
        operation_parameters.check,
        message="{{error}}",
    ),
    _rule(
        "operation-tag-defined", "Operation tags must be defined in global tags.", operation_tag_defined.check
    ),
    _rule(
        "path-params",
        "Path parameters must be defined and valid.",
        path_params.check,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "contact-properties",
        'Contact object must have "name", "url" and "email".',
        spectral_check(at("info", "contact"), [Then("truthy", f) for f in ("name", "url", "email")]),
        recommended=False,
    ),
    _rule(
        "duplicated-entry-in-enum",
        "Enum values must not have duplicate entry.",
        duplicated_enum.check,
        message="{{error}}",
    ),
    _truthy("info-contact", 'Info object must have "contact" object.', root, "info.contact"),
    _truthy(
        "info-description",
        'Info "description" must be present and non-empty string.',
        root,
        "info.description",
    ),
    _truthy(
        "info-license", 'Info object must have "license" object.', root, "info.license", recommended=False
    ),
    _truthy("license-url", 'License object must include "url".', root, "info.license.url", recommended=False),
    _pattern(
        "no-eval-in-markdown",
        'Markdown descriptions must not have "eval(".',
        text_fields,
        None,
        notMatch="eval\\(",
    ),
    _pattern(
        "no-script-tags-in-markdown",
        'Markdown descriptions must not have "<script>" tags.',
        text_fields,
        None,
        notMatch="<script",
    ),
    _rule(
        "openapi-tags-alphabetical",
        'OpenAPI object must have alphabetical "tags".',
        spectral_check(root, Then("alphabetical", "tags", {"keyedBy": "name"})),
        recommended=False,
    ),
    _rule(
        "openapi-tags-uniqueness",
        "Each tag must have a unique name.",
        _tags_unique,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "openapi-tags",
        'OpenAPI object must have non-empty "tags" array.',
        spectral_check(root, Then("schema", "tags", NON_EMPTY)),
        recommended=False,
    ),
    _truthy(
        "operation-description",
        'Operation "description" must be present and non-empty string.',
        operations,
        "description",
    ),
    _truthy("operation-operationId", 'Operation must have "operationId".', operations, "operationId"),
    _pattern(
        "operation-operationId-valid-in-url",
        "operationId must not characters that are invalid when used in URL.",
        operations,
        "operationId",
        match=URL_SAFE,
        message="operationId must not characters that are invalid when used in URL.",
    ),
    _rule(
        "operation-singular-tag",
        "Operation must not have more than a single tag.",
        spectral_check(operations, Then("length", "tags", {"max": 1})),
        recommended=False,
    ),
    _rule(
        "operation-tags",
        'Operation must have non-empty "tags" array.',
        spectral_check(operations, Then("schema", "tags", NON_EMPTY)),
    ),
    _pattern(
        "path-declarations-must-exist",
        'Path parameter declarations must not be empty, ex."/given/{}" is invalid.',
        _paths,
        "@key",
        notMatch="{}",
        message='Path parameter declarations must not be empty, ex."/given/{}" is invalid.',
    ),
    _pattern(
        "path-keys-no-trailing-slash",
        "Path must not end with slash.",
        _paths,
        "@key",
        notMatch=".+\\/$",
        message="Path must not end with slash.",
    ),
    _pattern("path-not-include-query", "Path must not include query string.", _paths, "@key", notMatch="\\?"),
    _truthy(
        "tag-description",
        'Tag object must have "description".',
        children(at("tags")),
        "description",
        recommended=False,
    ),
    _rule(
        "no-$ref-siblings",
        "Property must not be placed among $ref",
        ref_siblings.check,
        formats=OAS2 | OAS3_0,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "array-items",
        'Schemas with "type: array", require a sibling "items" field',
        array_items.check,
        severity="error",
        message='Schemas with "type: array", require a sibling "items" field',
    ),
    _rule(
        "typed-enum", "Enum values must respect the specified type.", typed_enum.check, message="{{error}}"
    ),
    _truthy(
        "oas2-api-host", 'OpenAPI "host" must be present and non-empty string.', root, "host", formats=OAS2
    ),
    _rule(
        "oas2-api-schemes",
        'OpenAPI host "schemes" must be present and non-empty array.',
        spectral_check(
            root,
            Then(
                "schema", "schemes", {"schema": {"items": {"type": "string"}, "minItems": 1, "type": "array"}}
            ),
        ),
        formats=OAS2,
    ),
    _rule(
        "oas2-discriminator",
        "discriminator property must be defined and required",
        oas2_discriminator.check,
        formats=OAS2,
        severity="error",
        message="{{error}}",
    ),
    _pattern(
        "oas2-host-not-example",
        "Host URL must not point at example.com.",
        root,
        "host",
        notMatch="example\\.com",
        formats=OAS2,
        recommended=False,
    ),
    _pattern(
        "oas2-host-trailing-slash",
        "Server URL must not have trailing slash.",
        root,
        "host",
        notMatch="/$",
        formats=OAS2,
    ),
    _truthy(
        "oas2-parameter-description",
        'Parameter objects must have "description".',
        parameters,
        "description",
        formats=OAS2,
        recommended=False,
    ),
    _rule(
        "oas2-operation-security-defined",
        'Operation "security" values must match a scheme defined in the "securityDefinitions" object.',
        security_defined.check,
        formats=OAS2,
        message="{{error}}",
    ),
    _rule(
        "oas2-valid-schema-example",
        "Examples must be valid against their defined schema.",
        schema_examples.check,
        formats=OAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "oas2-valid-media-example",
        "Examples must be valid against their defined schema.",
        media_examples.check,
        formats=OAS2,
        severity="error",
        message="{{error}}",
    ),
    _undefined(
        "oas2-anyOf", '"anyOf" keyword must not be used in OpenAPI v2 document.', _keys_named("anyOf"), OAS2
    ),
    _undefined(
        "oas2-oneOf", '"oneOf" keyword must not be used in OpenAPI v2 document.', _keys_named("oneOf"), OAS2
    ),
    _rule(
        "oas2-schema",
        "Validate structure of OpenAPI v2 specification.",
        document_schema.check,
        formats=OAS2,
        severity="error",
        message="{{error}}.",
    ),
    _rule(
        "oas2-unused-definition",
        "Potentially unused definition has been detected.",
        _unused_definitions,
        formats=OAS2,
    ),
    _rule(
        "oas3-api-servers",
        'OpenAPI "servers" must be present and non-empty array.',
        spectral_check(
            root,
            Then(
                "schema", "servers", {"schema": {"items": {"type": "object"}, "minItems": 1, "type": "array"}}
            ),
        ),
        formats=OAS3,
    ),
    _rule(
        "oas3-examples-value-or-externalValue",
        'Examples must have either "value" or "externalValue" field.',
        spectral_check(named_examples, Then("xor", None, {"properties": ["externalValue", "value"]})),
        formats=OAS3,
    ),
    _rule(
        "oas3-operation-security-defined",
        'Operation "security" values must match a scheme defined in the "components.securitySchemes" object.',
        security_defined.check,
        formats=OAS3,
        message="{{error}}",
    ),
    _truthy(
        "oas3-parameter-description",
        'Parameter objects must have "description".',
        parameters,
        "description",
        formats=OAS3,
        recommended=False,
    ),
    _pattern(
        "oas3-server-not-example.com",
        "Server URL must not point at example.com.",
        servers_urls,
        None,
        notMatch="example\\.com",
        formats=OAS3,
        recommended=False,
    ),
    _pattern(
        "oas3-server-trailing-slash",
        "Server URL must not have trailing slash.",
        servers_urls,
        None,
        notMatch="./$",
        formats=OAS3,
    ),
    _rule(
        "oas3-valid-media-example",
        "Examples must be valid against their defined schema.",
        media_examples.check,
        formats=OAS3,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "oas3-valid-schema-example",
        "Examples must be valid against their defined schema.",
        schema_examples.check,
        formats=OAS3,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "oas3-schema",
        "Validate structure of OpenAPI v3 specification.",
        document_schema.check,
        formats=OAS3,
        severity="error",
        message="{{error}}.",
    ),
    _rule(
        "oas3-unused-component",
        "Potentially unused component has been detected.",
        unused_components.oas3,
        formats=OAS3,
        message="Potentially unused component has been detected.",
    ),
    _rule(
        "oas3-server-variables",
        "Server variables must be defined and valid and there must be no unused variables.",
        server_variables.check,
        formats=OAS3,
        severity="error",
        message="{{error}}",
    ),
    _undefined(
        "oas3-callbacks-in-callbacks",
        "Callbacks should not be defined within a callback",
        deep(lambda p, n: len(p) == 8 and p[0] == "paths" and p[3] == "callbacks" and p[7] == "callbacks"),
        OAS3,
    ),
    _undefined(
        "oas3_1-servers-in-webhook",
        "Servers should not be defined in a webhook.",
        deep(
            lambda p, n: (
                p[0] == "webhooks" and (p == ("webhooks", "servers") or (len(p) == 4 and p[3] == "servers"))
            )
        ),
        OAS3_1,
    ),
    _undefined(
        "oas3_1-callbacks-in-webhook",
        "Callbacks should not be defined in a webhook.",
        deep(lambda p, n: p[0] == "webhooks" and len(p) == 4 and p[3] == "callbacks"),
        OAS3_1,
    ),
]
