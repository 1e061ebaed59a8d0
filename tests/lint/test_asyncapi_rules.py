"""accord:asyncapi, one table per rule id: {name, document, expected finding pointers}, run with only that rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import AAS2, AAS3, changed, pointers

CH2 = "/channels/orders~1{orderId}"
SUB = f"{CH2}/subscribe"
MSG2 = f"{SUB}/message"
MSG3 = "/channels/placed/messages/placed"
DUPLICATE_ID = changed(
    AAS2, "/channels/other/publish", {"operationId": "orderPlaced", "message": {"payload": {}}}
)

CASES: dict[str, list[tuple[str, dict, list[str]]]] = {
    "asyncapi-channel-no-empty-parameter": [
        ("named", AAS2, []),
        ("empty", changed(AAS2, "/channels/a{}", {}), ["/channels/a{}"]),
    ],
    "asyncapi-3-channel-no-empty-parameter": [
        ("named", AAS3, []),
        ("empty", changed(AAS3, "/channels/placed/address", "a.{}"), ["/channels/placed/address"]),
    ],
    "asyncapi-channel-no-query-nor-fragment": [
        ("clean", AAS2, []),
        ("query", changed(AAS2, "/channels/a?b", {}), ["/channels/a?b"]),
    ],
    "asyncapi-3-channel-no-query-nor-fragment": [
        ("fragment", changed(AAS3, "/channels/placed/address", "a#b"), ["/channels/placed/address"])
    ],
    "asyncapi-channel-no-trailing-slash": [("slash", changed(AAS2, "/channels/a~1", {}), ["/channels/a~1"])],
    "asyncapi-3-channel-no-trailing-slash": [
        ("slash", changed(AAS3, "/channels/placed/address", "a/"), ["/channels/placed/address"])
    ],
    "asyncapi-channel-parameters": [
        ("matching", AAS2, []),
        ("missing", changed(AAS2, f"{CH2}/parameters", None), [CH2]),
        (
            "2.x channel with an address",
            changed(AAS2, "/channels/a", {"address": "a/{x}/{y}", "parameters": {"x": {}}}),
            ["/channels/a/parameters"],
        ),
        (
            "redundant 3.x",
            changed(AAS3, "/channels/placed/parameters/extra", {}),
            ["/channels/placed/parameters/extra"],
        ),
    ],
    "asyncapi-channel-servers": [
        ("declared", changed(AAS2, f"{CH2}/servers", ["prod"]), []),
        ("undeclared", changed(AAS2, f"{CH2}/servers", ["dev"]), [f"{CH2}/servers/0"]),
    ],
    "asyncapi-3-channel-servers": [
        ("declared", changed(AAS3, "/channels/placed/servers", [{"$ref": "#/servers/prod"}]), []),
        (
            "elsewhere",
            changed(
                changed(AAS3, "/channels/placed/servers", [{"$ref": "#/components/servers/x"}]),
                "/components/servers/x",
                {"host": "h", "protocol": "nats"},
            ),
            ["/channels/placed/servers/0"],
        ),
    ],
    "asyncapi-headers-schema-type-object": [
        ("object", changed(AAS2, f"{MSG2}/headers", {"type": "object"}), []),
        ("string", changed(AAS2, f"{MSG2}/headers", {"type": "string"}), [f"{MSG2}/headers/type"]),
        ("in a trait", changed(AAS2, f"{MSG2}/traits", [{"headers": {}}]), [f"{MSG2}/traits/0/headers"]),
        (
            "in a shared trait",
            changed(AAS2, "/components/messageTraits/t", {"headers": {"type": "array"}}),
            ["/components/messageTraits/t/headers/type"],
        ),
    ],
    "asyncapi-3-headers-schema-type-object": [
        ("object", changed(AAS3, f"{MSG3}/headers", {"type": "object"}), []),
        ("string", changed(AAS3, f"{MSG3}/headers", {"type": "string"}), [f"{MSG3}/headers/type"]),
    ],
    "asyncapi-info-contact-properties": [("name only", AAS2, ["/info/contact"])],
    "asyncapi-info-contact": [
        ("present", AAS2, []),
        ("absent", changed(AAS3, "/info/contact", None), ["/info"]),
    ],
    "asyncapi-info-description": [
        ("present", AAS2, []),
        ("absent", changed(AAS2, "/info/description", None), ["/info"]),
    ],
    "asyncapi-info-license-url": [("no url", AAS2, ["/info/license"])],
    "asyncapi-info-license": [
        ("present", AAS2, []),
        ("absent", changed(AAS2, "/info/license", None), ["/info"]),
    ],
    "asyncapi-latest-version": [
        ("latest", changed(AAS3, "/asyncapi", "3.1.0"), []),
        ("older", AAS2, ["/asyncapi"]),
    ],
    "asyncapi-message-examples": [
        ("valid", changed(AAS2, f"{MSG2}/examples", [{"payload": {"id": 1}}]), []),
        (
            "invalid 2.x",
            changed(AAS2, f"{MSG2}/examples", [{"payload": {"id": "x"}}]),
            [f"{MSG2}/examples/0/payload/id"],
        ),
        (
            "invalid 3.x",
            changed(AAS3, f"{MSG3}/examples", [{"payload": {"id": "x"}}]),
            [f"{MSG3}/examples/0/payload/id"],
        ),
        (
            "a trait's payload replaces the message's",
            changed(
                changed(AAS2, f"{MSG2}/traits", [{"payload": {"type": "string"}}]),
                f"{MSG2}/examples",
                [{"payload": 7}],
            ),
            [f"{MSG2}/examples/0/payload"],
        ),
    ],
    "asyncapi-message-messageId-uniqueness": [
        (
            "twice",
            changed(
                changed(AAS2, f"{MSG2}/messageId", "m"),
                "/components/messages/other",
                {"messageId": "m", "payload": {}},
            ),
            ["/components/messages/other/messageId"],
        ),
        (
            "a trait renames the second",
            changed(
                changed(AAS2, f"{MSG2}/messageId", "m"),
                "/channels/other/publish/message",
                {"messageId": "n", "traits": [{"messageId": "x"}, {"messageId": "m"}]},
            ),
            ["/channels/other/publish/message/traits/1/messageId"],
        ),
        (
            "a trait renames it apart",
            changed(
                changed(AAS2, f"{MSG2}/messageId", "m"),
                "/channels/other/publish/message",
                {"messageId": "m", "traits": [{"messageId": "n"}]},
            ),
            [],
        ),
    ],
    "asyncapi-operation-description": [
        ("present", AAS2, []),
        ("absent", changed(AAS2, f"{SUB}/description", None), [SUB]),
    ],
    "asyncapi-3-operation-description": [
        ("present", AAS3, []),
        (
            "absent",
            changed(AAS3, "/operations/sendPlaced/description", None),
            ["/operations/sendPlaced"],
        ),
    ],
    "asyncapi-operation-operationId-uniqueness": [
        ("twice", DUPLICATE_ID, ["/channels/other/publish/operationId"]),
        (
            "a trait renames it apart",
            changed(DUPLICATE_ID, "/channels/other/publish/traits", [{"operationId": "other"}]),
            [],
        ),
        (
            "a trait makes it the same",
            changed(
                changed(DUPLICATE_ID, "/channels/other/publish/operationId", "other"),
                "/channels/other/publish/traits",
                [{"operationId": "orderPlaced"}],
            ),
            ["/channels/other/publish/traits/0/operationId"],
        ),
    ],
    "asyncapi-operation-operationId": [
        ("present", AAS2, []),
        ("absent", changed(AAS2, f"{SUB}/operationId", None), [SUB]),
    ],
    "asyncapi-operation-security": [
        ("undefined scheme", changed(AAS2, f"{SUB}/security", [{"token": []}]), [f"{SUB}/security/0/token"]),
        (
            "defined",
            changed(
                changed(AAS2, f"{SUB}/security", [{"token": []}]),
                "/components/securitySchemes/token",
                {"type": "httpApiKey", "name": "t", "in": "header"},
            ),
            [],
        ),
    ],
    "asyncapi-3-operation-security": [
        (
            "scheme",
            changed(
                changed(
                    AAS3, "/operations/sendPlaced/security", [{"$ref": "#/components/securitySchemes/key"}]
                ),
                "/components/securitySchemes/key",
                {"type": "httpApiKey", "name": "k", "in": "header"},
            ),
            [],
        ),
        (
            "not a scheme",
            changed(
                changed(AAS3, "/operations/sendPlaced/security", [{"$ref": "#/components/schemas/S"}]),
                "/components/schemas/S",
                {"type": "string"},
            ),
            ["/operations/sendPlaced/security/0"],
        ),
    ],
    "asyncapi-parameter-description": [("bare", AAS2, [f"{CH2}/parameters/orderId"])],
    "asyncapi-payload-default": [
        (
            "bad default",
            changed(AAS2, f"{MSG2}/payload", {"type": "integer", "default": "x"}),
            [f"{MSG2}/payload/default"],
        ),
    ],
    "asyncapi-payload-examples": [
        ("valid", changed(AAS2, f"{MSG2}/payload", {"type": "integer", "examples": [1]}), []),
        (
            "invalid",
            changed(AAS2, f"{MSG2}/payload", {"type": "integer", "examples": [1, "x"]}),
            [f"{MSG2}/payload/examples/1"],
        ),
    ],
    "asyncapi-3-payload-unsupported-schemaFormat": [
        (
            "avro",
            changed(
                AAS3,
                f"{MSG3}/payload",
                {"schemaFormat": "application/vnd.apache.avro;version=1.9.0", "schema": {"type": "record"}},
            ),
            [f"{MSG3}/payload/schemaFormat"],
        ),
    ],
    "asyncapi-payload-unsupported-schemaFormat": [
        (
            "avro",
            changed(AAS2, f"{MSG2}/schemaFormat", "application/vnd.apache.avro;version=1.9.0"),
            [f"{MSG2}/schemaFormat"],
        ),
    ],
    "asyncapi-payload": [
        ("valid", AAS2, []),
        (
            "bad pattern",
            changed(AAS2, f"{MSG2}/payload", {"type": "string", "pattern": "(["}),
            [f"{MSG2}/payload/pattern"],
        ),
        (
            "not a Schema Object",
            changed(AAS2, f"{MSG2}/payload/properties/id/deprecated", "yes"),
            [f"{MSG2}/payload/properties/id/deprecated"],
        ),
        (
            "in a shared trait",
            changed(AAS2, "/components/messageTraits/t", {"payload": {"type": 5}}),
            ["/components/messageTraits/t/payload/type"],
        ),
    ],
    "asyncapi-schema-default": [
        (
            "bad",
            changed(AAS2, "/components/schemas/N", {"type": "integer", "default": "x"}),
            ["/components/schemas/N/default"],
        )
    ],
    "asyncapi-schema-examples": [
        (
            "bad",
            changed(AAS2, "/components/schemas/N", {"type": "integer", "examples": ["x"]}),
            ["/components/schemas/N/examples/0"],
        )
    ],
    # what `accord validate` reports becomes findings (the AsyncAPI validator is the contracts core's)
    "asyncapi-schema": [
        ("valid", AAS2, []),
        ("duplicate operationId", DUPLICATE_ID, ["/channels/other/publish/operationId"]),
    ],
    "asyncapi-3-document-resolved": [("valid", AAS3, [])],
    "asyncapi-3-document-unresolved": [("valid", AAS3, [])],
    "asyncapi-server-variables": [
        ("missing", changed(AAS2, "/servers/prod/url", "nats://{host}:4222"), ["/servers/prod"]),
        # AsyncAPI servers need no default and are not substituted (Spectral's options for this rule)
        (
            "no default",
            changed(
                AAS2, "/servers/prod", {"url": "{host}:4222", "protocol": "nats", "variables": {"host": {}}}
            ),
            [],
        ),
        (
            "unused",
            changed(AAS2, "/servers/prod/variables", {"port": {"default": "1"}}),
            ["/servers/prod/variables/port"],
        ),
    ],
    "asyncapi-server-no-empty-variable": [
        ("empty", changed(AAS2, "/servers/prod/url", "nats://{}:4222"), ["/servers/prod/url"])
    ],
    "asyncapi-3-server-no-empty-variable": [
        ("empty", changed(AAS3, "/servers/prod/host", "{}:4222"), ["/servers/prod/host"])
    ],
    "asyncapi-server-no-trailing-slash": [
        ("slash", changed(AAS2, "/servers/prod/url", "nats://bus/"), ["/servers/prod/url"])
    ],
    "asyncapi-3-server-no-trailing-slash": [
        ("slash", changed(AAS3, "/servers/prod/host", "bus/"), ["/servers/prod/host"])
    ],
    "asyncapi-server-not-example-com": [
        ("example", changed(AAS2, "/servers/prod/url", "nats://example.com"), ["/servers/prod/url"])
    ],
    "asyncapi-3-server-not-example-com": [
        ("example", changed(AAS3, "/servers/prod/host", "example.com"), ["/servers/prod/host"])
    ],
    "asyncapi-server-security": [
        (
            "undefined",
            changed(AAS2, "/servers/prod/security", [{"user": []}]),
            ["/servers/prod/security/0/user"],
        )
    ],
    "asyncapi-servers": [("present", AAS2, []), ("absent", changed(AAS3, "/servers", None), [""])],
    "asyncapi-tag-description": [("bare", AAS2, ["/tags/0"])],
    "asyncapi-3-tag-description": [("bare", AAS3, ["/info/tags/0"])],
    "asyncapi-tags-alphabetical": [
        ("unsorted", changed(AAS2, "/tags", [{"name": "b"}, {"name": "a"}]), ["/tags"])
    ],
    "asyncapi-3-tags-alphabetical": [
        ("unsorted", changed(AAS3, "/info/tags", [{"name": "b"}, {"name": "a"}]), ["/info/tags"])
    ],
    "asyncapi-tags-uniqueness": [
        ("repeated", changed(AAS2, "/tags", [{"name": "a"}, {"name": "a"}]), ["/tags/1/name"])
    ],
    "asyncapi-3-tags-uniqueness": [
        ("repeated", changed(AAS3, "/info/tags", [{"name": "a"}, {"name": "a"}]), ["/info/tags/1/name"])
    ],
    "asyncapi-tags": [("present", AAS2, []), ("absent", changed(AAS2, "/tags", None), [""])],
    "asyncapi-3-tags": [("present", AAS3, []), ("absent", changed(AAS3, "/info/tags", None), ["/info"])],
    "asyncapi-unused-components-schema": [
        ("unused", changed(AAS2, "/components/schemas/N", {"type": "string"}), ["/components/schemas/N"])
    ],
    "asyncapi-unused-components-server": [
        (
            "unused",
            changed(AAS3, "/components/servers/dev", {"host": "dev", "protocol": "nats"}),
            ["/components/servers/dev"],
        )
    ],
}


@pytest.mark.parametrize(
    ("rule_id", "name", "document", "expected"),
    [(rule_id, *case) for rule_id, cases in CASES.items() for case in cases],
    ids=[f"{rule_id}: {case[0]}" for rule_id, cases in CASES.items() for case in cases],
)
def test_rule(tmp_path: Path, rule_id: str, name: str, document: dict, expected: list[str]) -> None:
    assert pointers(tmp_path, rule_id, document) == sorted(expected)
