"""The catalogue: every change id accord reports, with its level, direction, area and description.

Ids are built from small tables rather than listed one by one: a schema check (e.g. `max-length-
decreased`) is registered once per schema context (`request-body`, `response-property`, ...) with
the level its direction gives it. Tightening what a reader accepts breaks writers; loosening what a
writer produces breaks readers. `accord checks` renders this registry; the test suite fails if an id
here has no test case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ._oas32 import OAS32_RULES

__all__ = ["BOUNDS", "CONTEXTS", "LEVELS", "MEMBERSHIP_KINDS", "REGISTRY", "SCHEMA_KINDS", "Context", "Rule"]

Level = Literal["ERR", "WARN", "INFO"]
Direction = Literal["request", "response", "none"]
LEVELS: tuple[Level, ...] = ("ERR", "WARN", "INFO")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    direction: Direction
    area: str
    description: str


@dataclass(frozen=True, slots=True)
class Context:
    """Where a schema sits: the id prefixes for its root, for nested properties, and for membership."""

    root: str
    nested: str
    family: str  # prefix of property membership ids: added/removed/became required
    direction: Literal["request", "response"]
    area: str
    label: str


CONTEXTS: dict[str, Context] = {
    c.label.lower().replace(" ", "-"): c
    for c in (
        Context("request-body", "request-property", "request-property", "request", "request-body", "Request body"),
        Context("request-parameter", "request-parameter", "request-parameter-property", "request", "parameters", "Request parameter"),
        Context("response-body", "response-property", "response-property", "response", "responses", "Response body"),
        Context("response-header", "response-header", "response-header-property", "response", "headers", "Response header"),
        Context("received-message-payload", "received-message-property", "received-message-property", "request", "messages", "Received message payload"),
        Context("received-message-header", "received-message-header", "received-message-header", "request", "messages", "Received message headers"),
        Context("sent-message-payload", "sent-message-property", "sent-message-property", "response", "messages", "Sent message payload"),
        Context("sent-message-header", "sent-message-header", "sent-message-header", "response", "messages", "Sent message headers"),
    )
}  # fmt: skip

# Schema checks: kind -> (level when the schema is read by the provider (request), level when it is
# written by the provider (response), description).
BOUNDS = (
    ("max-length", "maxLength", "max"), ("max", "maximum", "max"), ("exclusive-max", "exclusiveMaximum", "max"),
    ("max-items", "maxItems", "max"), ("max-properties", "maxProperties", "max"), ("max-contains", "maxContains", "max"),
    ("min-length", "minLength", "min"), ("min", "minimum", "min"), ("exclusive-min", "exclusiveMinimum", "min"),
    ("min-items", "minItems", "min"), ("min-properties", "minProperties", "min"), ("min-contains", "minContains", "min"),
)  # fmt: skip


def _bound_kinds() -> dict[str, tuple[Level, Level, str]]:
    kinds: dict[str, tuple[Level, Level, str]] = {}
    for stem, keyword, side in BOUNDS:
        tighter, looser = ("decreased", "increased") if side == "max" else ("increased", "decreased")
        kinds[f"{stem}-{tighter}"] = ("ERR", "INFO", f"{keyword} {tighter}: fewer values accepted")
        kinds[f"{stem}-{looser}"] = ("INFO", "ERR", f"{keyword} {looser}: more values possible")
        kinds[f"{stem}-set"] = ("WARN", "INFO", f"{keyword} added where there was no limit")
        kinds[f"{stem}-unset"] = ("INFO", "ERR", f"{keyword} removed: no limit any more")
    return kinds


SCHEMA_KINDS: dict[str, tuple[Level, Level, str]] = {
    "type-changed": ("ERR", "ERR", "type changed to an incompatible one"),
    "type-generalized": ("INFO", "ERR", "type widened (e.g. integer to number, a type added to the list)"),
    "type-specialized": (
        "ERR",
        "INFO",
        "type narrowed (e.g. number to integer, a type removed from the list)",
    ),
    "format-added": ("ERR", "INFO", "format added"),
    "format-removed": ("INFO", "WARN", "format removed"),
    "format-changed": ("ERR", "ERR", "format changed"),
    "enum-value-added": ("INFO", "WARN", "enum value added (readers may not expect it)"),
    "enum-value-removed": ("ERR", "INFO", "enum value removed"),
    "became-enum": ("ERR", "INFO", "values restricted to an enum"),
    "enum-removed": ("INFO", "WARN", "enum restriction removed"),
    "x-extensible-enum-value-added": (
        "INFO",
        "INFO",
        "x-extensible-enum value added (clients accept unknown values)",
    ),
    "x-extensible-enum-value-removed": ("ERR", "INFO", "x-extensible-enum value removed"),
    "const-added": ("ERR", "INFO", "const added"),
    "const-removed": ("INFO", "ERR", "const removed"),
    "const-changed": ("ERR", "ERR", "const changed"),
    "pattern-added": ("ERR", "INFO", "pattern added"),
    "pattern-removed": ("INFO", "WARN", "pattern removed"),
    "pattern-changed": ("WARN", "WARN", "pattern changed"),
    **_bound_kinds(),
    "multiple-of-added": ("ERR", "INFO", "multipleOf added"),
    "multiple-of-removed": ("INFO", "ERR", "multipleOf removed"),
    "multiple-of-changed": ("WARN", "WARN", "multipleOf changed"),
    "unique-items-added": ("ERR", "INFO", "uniqueItems set"),
    "unique-items-removed": ("INFO", "ERR", "uniqueItems dropped"),
    "became-nullable": ("INFO", "ERR", "null became allowed"),
    "became-not-nullable": ("ERR", "INFO", "null no longer allowed"),
    "default-value-added": ("INFO", "INFO", "default value added"),
    "default-value-removed": ("WARN", "INFO", "default value removed"),
    "default-value-changed": ("WARN", "INFO", "default value changed"),
    "one-of-added": ("INFO", "ERR", "oneOf alternative added"),
    "one-of-removed": ("ERR", "INFO", "oneOf alternative removed"),
    "any-of-added": ("INFO", "ERR", "anyOf alternative added"),
    "any-of-removed": ("ERR", "INFO", "anyOf alternative removed"),
    "all-of-added": ("ERR", "INFO", "allOf subschema added"),
    "all-of-removed": ("INFO", "WARN", "allOf subschema removed"),
    "discriminator-added": ("WARN", "INFO", "discriminator added"),
    "discriminator-removed": ("INFO", "WARN", "discriminator removed"),
    "discriminator-property-name-changed": ("ERR", "ERR", "discriminator propertyName changed"),
    "discriminator-mapping-added": ("INFO", "WARN", "discriminator mapping value added"),
    "discriminator-mapping-removed": ("ERR", "INFO", "discriminator mapping value removed"),
    "discriminator-mapping-changed": ("ERR", "ERR", "discriminator mapping value points elsewhere"),
    "additional-properties-disallowed": ("ERR", "INFO", "additionalProperties became false"),
    "additional-properties-allowed": ("INFO", "WARN", "additionalProperties no longer false"),
    "unevaluated-properties-disallowed": ("ERR", "INFO", "unevaluatedProperties became false"),
    "unevaluated-properties-allowed": ("INFO", "WARN", "unevaluatedProperties no longer false"),
    "became-read-only": ("INFO", "INFO", "became readOnly"),
    "became-not-read-only": ("WARN", "INFO", "no longer readOnly"),
    "became-write-only": ("INFO", "ERR", "became writeOnly (no longer returned)"),
    "became-not-write-only": ("INFO", "INFO", "no longer writeOnly"),
    "deprecated": ("INFO", "INFO", "marked deprecated"),
    "reactivated": ("INFO", "INFO", "no longer deprecated"),
    "items-added": ("ERR", "INFO", "items schema added"),
    "items-removed": ("INFO", "ERR", "items schema removed"),
    "prefix-items-added": ("ERR", "INFO", "prefixItems entry added"),
    "prefix-items-removed": ("INFO", "ERR", "prefixItems entry removed"),
    "contains-added": ("ERR", "INFO", "contains added"),
    "contains-removed": ("INFO", "ERR", "contains removed"),
    "dependent-required-added": ("ERR", "INFO", "dependentRequired entry added"),
    "dependent-required-removed": ("INFO", "ERR", "dependentRequired entry removed"),
    "dependent-schema-added": ("ERR", "INFO", "dependentSchemas entry added"),
    "dependent-schema-removed": ("INFO", "ERR", "dependentSchemas entry removed"),
    "unevaluated-items-added": ("ERR", "INFO", "unevaluatedItems added"),
    "unevaluated-items-removed": ("INFO", "ERR", "unevaluatedItems removed"),
    "unevaluated-properties-added": ("ERR", "INFO", "unevaluatedProperties added"),
    "unevaluated-properties-removed": ("INFO", "ERR", "unevaluatedProperties removed"),
    "wrapped-in-one-of": (
        "ERR",
        "ERR",
        "schema restructured into a oneOf (a value may match several alternatives)",
    ),
    "stability-decreased": ("ERR", "ERR", "x-stability-level lowered (e.g. stable to beta)"),
    "stability-increased": ("INFO", "INFO", "x-stability-level raised"),
    "stability-invalid": ("ERR", "ERR", "x-stability-level is not draft, alpha, beta or stable"),
    "deprecated-sunset-invalid": (
        "ERR",
        "ERR",
        "deprecated with an x-sunset that is not an RFC 3339 date or date-time",
    ),
    "property-names-added": ("ERR", "INFO", "propertyNames added"),
    "property-names-removed": ("INFO", "ERR", "propertyNames removed"),
    "pattern-property-added": ("ERR", "INFO", "patternProperties entry added"),
    "pattern-property-removed": ("INFO", "ERR", "patternProperties entry removed"),
    "not-added": ("ERR", "INFO", "not added"),
    "not-removed": ("INFO", "ERR", "not removed"),
    "if-added": ("ERR", "INFO", "if/then/else condition added"),
    "if-removed": ("INFO", "ERR", "if/then/else condition removed"),
    "content-media-type-changed": ("ERR", "ERR", "contentMediaType changed"),
    "content-encoding-changed": ("ERR", "ERR", "contentEncoding changed"),
}

# A request parameter's default is what the server assumes when a client leaves the parameter out:
# adding, removing or changing it changes what an unchanged client asks for (oasdiff grades these ERR
# too). A body property's default only documents the server's choice, so it keeps its kind's level.
_LEVEL_OVERRIDES: dict[str, Level] = {
    f"request-parameter-default-value-{change}": "ERR" for change in ("added", "removed", "changed")
}

# Property membership, named after the context's family: request-property-added-required, ...
MEMBERSHIP_KINDS: dict[str, tuple[Level, Level, str]] = {
    "added-required": ("ERR", "INFO", "required property added"),
    "added-optional": ("INFO", "INFO", "optional property added"),
    "removed-required": ("WARN", "ERR", "required property removed"),
    "removed-optional": ("WARN", "WARN", "optional property removed"),
    "removed-with-deprecation": ("INFO", "INFO", "deprecated property removed after its x-sunset"),
    "removed-before-sunset": ("ERR", "ERR", "deprecated property removed before its x-sunset date"),
    "removed-sunset-invalid": (
        "ERR",
        "ERR",
        "deprecated property removed, its x-sunset not an RFC 3339 date",
    ),
    "became-required": ("ERR", "INFO", "property became required"),
    "became-optional": ("INFO", "ERR", "property became optional"),
}

# Everything that is not a schema check: (id, level, direction, area, description).
_OTHER: tuple[tuple[str, Level, Direction, str], ...] = (
    # paths and endpoints
    ("path-added", "INFO", "none", "paths", "A path was added"),
    ("path-removed-without-deprecation", "ERR", "none", "paths", "A path was removed without being deprecated first"),
    ("path-removed-with-deprecation", "INFO", "none", "paths", "A deprecated path was removed after its sunset"),
    ("path-removed-before-sunset", "ERR", "none", "paths", "A deprecated path was removed before its x-sunset date"),
    ("endpoint-added", "INFO", "none", "paths", "An operation was added"),
    ("endpoint-removed-without-deprecation", "ERR", "none", "paths", "An operation was removed without being deprecated first"),
    ("endpoint-removed-with-deprecation", "INFO", "none", "paths", "A deprecated operation was removed after its sunset"),
    ("endpoint-removed-before-sunset", "ERR", "none", "paths", "A deprecated operation was removed before its x-sunset date"),
    ("endpoint-removed-unstable", "INFO", "none", "paths", "A draft or alpha operation was removed (allowed)"),
    ("request-path-parameter-renamed", "INFO", "request", "parameters", "A path template parameter was renamed"),
    ("operation-id-added", "INFO", "none", "paths", "operationId added"),
    ("operation-id-removed", "WARN", "none", "paths", "operationId removed (generated clients change)"),
    ("operation-id-changed", "WARN", "none", "paths", "operationId changed (generated clients change)"),
    ("tag-added", "INFO", "none", "tags", "A tag was added to an operation"),
    ("tag-removed", "INFO", "none", "tags", "A tag was removed from an operation"),
    # deprecation lifecycle
    ("endpoint-deprecated", "INFO", "none", "lifecycle", "An operation was deprecated with an x-sunset date"),
    ("endpoint-deprecated-without-sunset", "WARN", "none", "lifecycle", "An operation was deprecated without an x-sunset date"),
    ("endpoint-reactivated", "INFO", "none", "lifecycle", "An operation is no longer deprecated"),
    ("endpoint-sunset-changed", "INFO", "none", "lifecycle", "x-sunset moved later or was added"),
    ("endpoint-sunset-moved-earlier", "ERR", "none", "lifecycle", "x-sunset moved earlier"),
    ("endpoint-sunset-removed", "ERR", "none", "lifecycle", "x-sunset removed from a deprecated operation"),
    ("endpoint-sunset-invalid", "ERR", "none", "lifecycle", "x-sunset (new, changed, or on a removed operation) is not an RFC 3339 date or date-time"),
    ("endpoint-stability-decreased", "ERR", "none", "lifecycle", "x-stability-level decreased (e.g. stable to beta)"),
    ("endpoint-stability-increased", "INFO", "none", "lifecycle", "x-stability-level increased"),
    ("endpoint-stability-invalid", "ERR", "none", "lifecycle", "x-stability-level is not draft, alpha, beta or stable"),
    # parameters
    ("request-parameter-added-required", "ERR", "request", "parameters", "A required parameter was added"),
    ("request-parameter-added-optional", "INFO", "request", "parameters", "An optional parameter was added"),
    ("request-parameter-removed", "WARN", "request", "parameters", "A parameter was removed without being deprecated first"),
    ("request-parameter-removed-with-deprecation", "INFO", "request", "parameters", "A deprecated parameter was removed after its x-sunset"),
    ("request-parameter-removed-before-sunset", "ERR", "request", "parameters", "A deprecated parameter was removed before its x-sunset date"),
    ("request-parameter-sunset-changed", "INFO", "request", "parameters", "A deprecated parameter's x-sunset moved later or was added"),
    ("request-parameter-sunset-moved-earlier", "ERR", "request", "parameters", "A deprecated parameter's x-sunset moved earlier"),
    ("request-parameter-sunset-removed", "ERR", "request", "parameters", "x-sunset removed from a deprecated parameter"),
    ("request-parameter-sunset-invalid", "ERR", "request", "parameters", "A parameter's x-sunset (new, changed, or on a removed deprecated parameter) is not an RFC 3339 date or date-time"),
    ("request-parameter-became-required", "ERR", "request", "parameters", "A parameter became required"),
    ("request-parameter-became-optional", "INFO", "request", "parameters", "A parameter became optional"),
    ("request-parameter-style-changed", "ERR", "request", "parameters", "A parameter's serialisation style changed"),
    ("request-parameter-explode-changed", "ERR", "request", "parameters", "A parameter's explode flag changed"),
    ("request-parameter-media-type-changed", "ERR", "request", "parameters", "A content-encoded parameter's media type changed"),
    # request bodies
    ("request-body-added-required", "ERR", "request", "request-body", "A required request body was added"),
    ("request-body-added-optional", "INFO", "request", "request-body", "An optional request body was added"),
    ("request-body-removed", "ERR", "request", "request-body", "The request body was removed"),
    ("request-body-became-required", "ERR", "request", "request-body", "The request body became required"),
    ("request-body-became-optional", "INFO", "request", "request-body", "The request body became optional"),
    ("request-body-media-type-added", "INFO", "request", "request-body", "A request media type was added"),
    ("request-body-media-type-removed", "ERR", "request", "request-body", "A request media type was removed"),
    # responses
    ("response-success-status-added", "INFO", "response", "responses", "A 1xx/2xx/3xx response was added"),
    ("response-success-status-removed", "ERR", "response", "responses", "A 1xx/2xx/3xx response was removed"),
    ("response-non-success-status-added", "INFO", "response", "responses", "A 4xx/5xx/default response was added"),
    ("response-non-success-status-removed", "INFO", "response", "responses", "A 4xx/5xx/default response was removed"),
    ("response-media-type-added", "INFO", "response", "responses", "A response media type was added"),
    ("response-media-type-removed", "ERR", "response", "responses", "A response media type was removed"),
    ("response-header-added", "INFO", "response", "headers", "A response header was added"),
    ("response-required-header-removed", "ERR", "response", "headers", "A required response header was removed"),
    ("response-optional-header-removed", "WARN", "response", "headers", "An optional response header was removed"),
    ("response-header-became-optional", "ERR", "response", "headers", "A response header is no longer guaranteed"),
    ("response-header-became-required", "INFO", "response", "headers", "A response header became required"),
    # security
    ("endpoint-security-required", "ERR", "none", "security", "An operation that needed no authentication now does"),
    ("endpoint-security-removed", "INFO", "none", "security", "An operation no longer needs authentication"),
    ("endpoint-security-alternative-added", "INFO", "none", "security", "A new way to authenticate was added"),
    ("endpoint-security-alternative-removed", "ERR", "none", "security", "A way to authenticate was removed"),
    ("endpoint-security-scope-added", "ERR", "none", "security", "A security requirement needs a new scope"),
    ("endpoint-security-scope-removed", "INFO", "none", "security", "A security requirement needs fewer scopes"),
    ("security-scheme-added", "INFO", "none", "security", "A security scheme was added"),
    ("security-scheme-removed", "WARN", "none", "security", "A security scheme was removed"),
    ("security-scheme-type-changed", "ERR", "none", "security", "A security scheme's type changed"),
    ("security-scheme-http-scheme-changed", "ERR", "none", "security", "An http security scheme's scheme changed"),
    ("security-scheme-location-changed", "ERR", "none", "security", "An apiKey moved (header, query, cookie)"),
    ("security-scheme-parameter-name-changed", "ERR", "none", "security", "An apiKey's parameter name changed"),
    ("security-scheme-oauth-url-changed", "WARN", "none", "security", "An OAuth2/OpenID Connect URL changed"),
    ("security-scheme-oauth-scope-added", "INFO", "none", "security", "An OAuth2 scope was added"),
    ("security-scheme-oauth-scope-removed", "WARN", "none", "security", "An OAuth2 scope was removed"),
    # document level
    ("server-added", "INFO", "none", "servers", "A server was added"),
    ("server-removed", "WARN", "none", "servers", "A server was removed"),
    ("webhook-added", "INFO", "none", "webhooks", "An OpenAPI 3.1 webhook was added"),
    ("webhook-removed", "ERR", "none", "webhooks", "An OpenAPI 3.1 webhook was removed (subscribers stop getting it)"),
    ("component-schema-added", "INFO", "none", "components", "A schema was added to the components"),
    ("component-schema-removed", "INFO", "none", "components", "A schema was removed from the components"),
    ("api-major-version-not-bumped", "ERR", "none", "info", "Breaking changes without a new major info.version"),
    ("api-version-decreased", "ERR", "none", "info", "info.version went down"),
    ("api-version-unchanged", "WARN", "none", "info", "info.version did not change although the contract did"),
    # AsyncAPI
    ("channel-added", "INFO", "none", "channels", "A channel was added"),
    ("channel-removed", "ERR", "none", "channels", "A channel was removed"),
    ("channel-address-changed", "ERR", "none", "channels", "A channel's address changed"),
    ("channel-parameter-added", "WARN", "none", "channels", "A channel parameter was added"),
    ("channel-parameter-removed", "WARN", "none", "channels", "A channel parameter was removed"),
    ("channel-bindings-changed", "WARN", "none", "bindings", "A channel's protocol bindings changed"),
    ("channel-servers-changed", "WARN", "none", "channels", "The servers a channel is available on changed"),
    ("async-operation-added", "INFO", "none", "operations", "An AsyncAPI operation was added"),
    ("async-operation-removed", "ERR", "none", "operations", "An AsyncAPI operation was removed"),
    ("async-operation-action-changed", "ERR", "none", "operations", "An operation's action changed (send/receive)"),
    ("async-operation-channel-changed", "ERR", "none", "operations", "An operation moved to another channel"),
    ("async-operation-bindings-changed", "WARN", "none", "bindings", "An operation's protocol bindings changed"),
    ("sent-message-added", "WARN", "response", "messages", "A new message is sent (consumers may not handle it)"),
    ("sent-message-removed", "INFO", "response", "messages", "A message is no longer sent"),
    ("received-message-added", "INFO", "request", "messages", "A new message is accepted"),
    ("received-message-removed", "ERR", "request", "messages", "A message is no longer accepted"),
    ("sent-message-content-type-changed", "ERR", "response", "messages", "A sent message's content type changed"),
    ("received-message-content-type-changed", "ERR", "request", "messages", "A received message's content type changed"),
    ("sent-message-bindings-changed", "WARN", "response", "bindings", "A sent message's protocol bindings changed"),
    ("received-message-bindings-changed", "WARN", "request", "bindings", "A received message's protocol bindings changed"),
)  # fmt: skip


def _build() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for context in CONTEXTS.values():
        index = 0 if context.direction == "request" else 1
        for prefix in dict.fromkeys((context.root, context.nested)):
            label = context.label if prefix == context.root else f"{context.label} (nested property)"
            for kind, levels in SCHEMA_KINDS.items():
                rules[f"{prefix}-{kind}"] = Rule(
                    f"{prefix}-{kind}",
                    levels[index],
                    context.direction,
                    context.area,
                    f"{label}: {levels[2]}",
                )
        for kind, levels in MEMBERSHIP_KINDS.items():
            rule_id = f"{context.family}-{kind}"
            rules[rule_id] = Rule(
                rule_id, levels[index], context.direction, context.area, f"{context.label}: {levels[2]}"
            )
    for rule_id, level, direction, area, description in (*_OTHER, *OAS32_RULES):
        assert rule_id not in rules, rule_id
        rules[rule_id] = Rule(rule_id, level, direction, area, description)
    for rule_id, level in _LEVEL_OVERRIDES.items():
        rules[rule_id] = replace(rules[rule_id], level=level)
    return rules


REGISTRY: dict[str, Rule] = _build()
