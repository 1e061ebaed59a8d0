"""accord:asyncapi: the checks of Spectral's `spectral:asyncapi`, under the same rule ids and severities.

Where Spectral has an `asyncapi-3-*` twin of a 2.x rule, both ids exist, each scoped to its version.
"""

from __future__ import annotations

from .._rule import Rule
from .._select import at, children, root
from .._spectral import Then, spectral_check
from ..checks import (
    asyncapi_channel_parameters,
    asyncapi_channel_servers,
    asyncapi_examples,
    asyncapi_headers,
    asyncapi_payload,
    asyncapi_security,
    asyncapi_unique_ids,
    channels,
    document_schema,
    operations,
    server_variables,
    tags_uniqueness,
    unused_components,
)

AAS2 = frozenset({"asyncapi2"})
AAS3 = frozenset({"asyncapi3"})
AAS = AAS2 | AAS3
LATEST = "3.1.0"


def _rule(rule_id: str, description: str, check, formats=AAS, **kw) -> Rule:
    return Rule(rule_id, description, check, formats=formats, **kw)


def _channel_keys(ctx):
    return ((p, p[-1]) for p, _ in channels(ctx))


def _channel_addresses(ctx):
    return (((*p, "address"), c["address"]) for p, c in channels(ctx) if isinstance(c.get("address"), str))


def _address_rules(suffix: str, description: str, not_match: str) -> list[Rule]:
    return [
        _rule(
            f"asyncapi-{suffix}",
            f"Channel path {description}",
            spectral_check(_channel_keys, Then("pattern", None, {"notMatch": not_match})),
            AAS2,
        ),
        _rule(
            f"asyncapi-3-{suffix}",
            f"Channel address {description}",
            spectral_check(_channel_addresses, Then("pattern", None, {"notMatch": not_match})),
            AAS3,
        ),
    ]


def _channel_parameters(ctx):
    for path, channel in channels(ctx):
        params = channel.get("parameters")
        for name, param in params.items() if isinstance(params, dict) else ():
            yield (*path, "parameters", name), param


def _server_fields(*fields: str):
    def select(ctx):
        servers = ctx.document.get("servers")
        for name, server in servers.items() if isinstance(servers, dict) else ():
            for field in fields:
                if isinstance(server, dict) and field in server:
                    yield ("servers", name, field), server[field]

    return select


def _tags(ctx):
    """Every `tags` list the document has, wherever it is."""
    for path, node in ctx.nodes():
        if path[-1] == "tags" and isinstance(node, list):
            yield from tags_uniqueness.duplicates(path, node)


def _unused(kind: str):
    def check(ctx):
        yield from unused_components.unused(
            ctx, ("components", kind), "Potentially unused component has been detected."
        )

    return check


def _latest(ctx):
    version = ctx.document.get("asyncapi")
    if version != LATEST:
        yield ("asyncapi",), f'The latest version is not used. You should update to the "{LATEST}" version.'


def _payload_formats(ctx):
    from ..checks import messages_and_traits

    for path, message in messages_and_traits(ctx):
        holder = message if ctx.format == "asyncapi2" else message.get("payload")
        if isinstance(holder, dict) and "schemaFormat" in holder:
            yield (
                (*path, "schemaFormat") if ctx.format == "asyncapi2" else (*path, "payload", "schemaFormat"),
                "schemaFormat",
            )


_info = at("info")
RULES = [
    *_address_rules(
        "channel-no-empty-parameter", "must not have empty parameter substitution pattern.", "{}"
    ),
    *_address_rules(
        "channel-no-query-nor-fragment", 'must not include query ("?") or fragment ("#") delimiter.', "[\\?#]"
    ),
    *_address_rules("channel-no-trailing-slash", "must not end with slash.", ".+\\/$"),
    _rule(
        "asyncapi-channel-parameters",
        "Channel parameters must be defined and there must be no redundant parameters.",
        asyncapi_channel_parameters.check,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-channel-servers",
        'Channel servers must be defined in the "servers" object.',
        asyncapi_channel_servers.check,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-3-channel-servers",
        'Channel servers must be defined in the "servers" object.',
        asyncapi_channel_servers.check,
        AAS3,
        severity="error",
    ),
    _rule(
        "asyncapi-headers-schema-type-object",
        'Headers schema type must be "object".',
        asyncapi_headers.check,
        AAS2,
        severity="error",
        message='Headers schema type must be "object" ({{error}}).',
    ),
    _rule(
        "asyncapi-3-headers-schema-type-object",
        'Headers schema type must be "object".',
        asyncapi_headers.check,
        AAS3,
        severity="error",
        message='Headers schema type must be "object" ({{error}}).',
    ),
    _rule(
        "asyncapi-info-contact-properties",
        'Contact object must have "name", "url" and "email".',
        spectral_check(at("info", "contact"), [Then("truthy", f) for f in ("name", "url", "email")]),
    ),
    _rule(
        "asyncapi-info-contact",
        'Info object must have "contact" object.',
        spectral_check(root, Then("truthy", "info.contact")),
    ),
    _rule(
        "asyncapi-info-description",
        'Info "description" must be present and non-empty string.',
        spectral_check(root, Then("truthy", "info.description")),
    ),
    _rule(
        "asyncapi-info-license-url",
        'License object must include "url".',
        spectral_check(root, Then("truthy", "info.license.url")),
        recommended=False,
    ),
    _rule(
        "asyncapi-info-license",
        'Info object must have "license" object.',
        spectral_check(root, Then("truthy", "info.license")),
    ),
    _rule(
        "asyncapi-latest-version",
        "Checking if the AsyncAPI document is using the latest version.",
        _latest,
        severity="info",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-message-examples",
        'Examples of message object should follow by "payload" and "headers" schemas.',
        asyncapi_examples.message_examples,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-message-messageId-uniqueness",
        '"messageId" must be unique across all the messages.',
        asyncapi_unique_ids.message_ids,
        AAS2,
        severity="error",
    ),
    _rule(
        "asyncapi-operation-description",
        'Operation "description" must be present and non-empty string.',
        spectral_check(operations, Then("truthy", "description")),
        AAS2,
    ),
    _rule(
        "asyncapi-3-operation-description",
        'Operation "description" must be present and non-empty string.',
        spectral_check(operations, Then("truthy", "description")),
        AAS3,
    ),
    _rule(
        "asyncapi-operation-operationId-uniqueness",
        '"operationId" must be unique across all the operations.',
        asyncapi_unique_ids.operation_ids,
        AAS2,
        severity="error",
    ),
    _rule(
        "asyncapi-operation-operationId",
        'Operation must have "operationId".',
        spectral_check(operations, Then("truthy", "operationId")),
        AAS2,
        severity="error",
    ),
    _rule(
        "asyncapi-operation-security",
        "Operation have to reference a defined security schemes.",
        asyncapi_security.operation_check,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-3-operation-security",
        "Operation have to reference a defined security schemes.",
        asyncapi_security.operation_check,
        AAS3,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-parameter-description",
        'Parameter objects must have "description".',
        spectral_check(
            [children(at("components", "parameters")), _channel_parameters], Then("truthy", "description")
        ),
        recommended=False,
    ),
    _rule(
        "asyncapi-payload-default",
        "Default must be valid against its defined schema.",
        asyncapi_examples.payload_values("default"),
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-payload-examples",
        "Examples must be valid against their defined schema.",
        asyncapi_examples.payload_values("examples"),
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-payload-unsupported-schemaFormat",
        'Message schema validation is only supported with default unspecified "schemaFormat".',
        _payload_formats,
        AAS2,
        severity="info",
    ),
    _rule(
        "asyncapi-3-payload-unsupported-schemaFormat",
        'Message schema validation is only supported with default unspecified "schemaFormat".',
        _payload_formats,
        AAS3,
        severity="info",
    ),
    _rule(
        "asyncapi-payload",
        "Payloads must be valid against AsyncAPI Schema object.",
        asyncapi_payload.check,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-schema-default",
        "Default must be valid against its defined schema.",
        asyncapi_examples.schema_values("default"),
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-schema-examples",
        "Examples must be valid against their defined schema.",
        asyncapi_examples.schema_values("examples"),
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-schema",
        "Validate structure of AsyncAPI v2 specification.",
        document_schema.check,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-3-document-resolved",
        "Checking if the AsyncAPI document has valid resolved structure.",
        document_schema.check,
        AAS3,
        severity="error",
        message="{{error}}",
    ),
    _rule(  # kept so that Spectral configs naming it still load; validation runs once, above
        "asyncapi-3-document-unresolved",
        "Checking if the AsyncAPI document has valid unresolved structure (off: the resolved check covers it).",
        document_schema.check,
        AAS3,
        severity="error",
        message="{{error}}",
        recommended=False,
    ),
    _rule(
        "asyncapi-server-variables",
        "Server variables must be defined and there must be no redundant variables.",
        server_variables.check,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-server-no-empty-variable",
        "Server URL must not have empty variable substitution pattern.",
        spectral_check(_server_fields("url"), Then("pattern", None, {"notMatch": "{}"})),
        AAS2,
    ),
    _rule(
        "asyncapi-3-server-no-empty-variable",
        "Server URL must not have empty variable substitution pattern.",
        spectral_check(_server_fields("host", "pathname"), Then("pattern", None, {"notMatch": "{}"})),
        AAS3,
    ),
    _rule(
        "asyncapi-server-no-trailing-slash",
        "Server URL must not end with slash.",
        spectral_check(_server_fields("url"), Then("pattern", None, {"notMatch": "/$"})),
        AAS2,
    ),
    _rule(
        "asyncapi-3-server-no-trailing-slash",
        "Server host must not end with slash.",
        spectral_check(_server_fields("host"), Then("pattern", None, {"notMatch": "/$"})),
        AAS3,
    ),
    _rule(
        "asyncapi-server-not-example-com",
        "Server URL must not point at example.com.",
        spectral_check(_server_fields("url"), Then("pattern", None, {"notMatch": "example\\.com"})),
        AAS2,
        recommended=False,
    ),
    _rule(
        "asyncapi-3-server-not-example-com",
        "Server host must not point at example.com.",
        spectral_check(_server_fields("host"), Then("pattern", None, {"notMatch": "example\\.com"})),
        AAS3,
        recommended=False,
    ),
    _rule(
        "asyncapi-server-security",
        "Server have to reference a defined security schemes.",
        asyncapi_security.server_check,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-servers",
        'AsyncAPI object must have non-empty "servers" object.',
        spectral_check(root, Then("schema", "servers", {"schema": {"type": "object", "minProperties": 1}})),
    ),
    _rule(
        "asyncapi-tag-description",
        'Tag object must have "description".',
        spectral_check(children(at("tags")), Then("truthy", "description")),
        AAS2,
        recommended=False,
    ),
    _rule(
        "asyncapi-3-tag-description",
        'Tag object must have "description".',
        spectral_check(children(at("info", "tags")), Then("truthy", "description")),
        AAS3,
        recommended=False,
    ),
    _rule(
        "asyncapi-tags-alphabetical",
        'AsyncAPI object must have alphabetical "tags".',
        spectral_check(root, Then("alphabetical", "tags", {"keyedBy": "name"})),
        AAS2,
        recommended=False,
    ),
    _rule(
        "asyncapi-3-tags-alphabetical",
        'AsyncAPI object must have alphabetical "tags".',
        spectral_check(_info, Then("alphabetical", "tags", {"keyedBy": "name"})),
        AAS3,
        recommended=False,
    ),
    _rule(
        "asyncapi-tags-uniqueness",
        "Each tag must have a unique name.",
        _tags,
        AAS2,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-3-tags-uniqueness",
        "Each tag must have a unique name.",
        _tags,
        AAS3,
        severity="error",
        message="{{error}}",
    ),
    _rule(
        "asyncapi-tags",
        'AsyncAPI object must have non-empty "tags" array.',
        spectral_check(root, Then("truthy", "tags")),
        AAS2,
    ),
    _rule(
        "asyncapi-3-tags",
        'AsyncAPI object must have non-empty "tags" array.',
        spectral_check(_info, Then("truthy", "tags")),
        AAS3,
    ),
    _rule(
        "asyncapi-unused-components-schema",
        "Potentially unused components schema has been detected.",
        _unused("schemas"),
    ),
    _rule(
        "asyncapi-unused-components-server",
        "Potentially unused components server has been detected.",
        _unused("servers"),
    ),
]
