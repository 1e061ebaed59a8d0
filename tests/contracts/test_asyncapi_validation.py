"""AsyncAPI validation: the official schemas (vendored) and the semantic checks beside them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from accord.contracts import validate_file

from tests.cli import accord

FIXTURES = Path(__file__).parent / "fixtures" / "asyncapi"
EXAMPLES = Path(__file__).parents[2] / "examples" / "contracts"
SCHEMAS = Path(__file__).parents[2] / "contracts" / "asyncapi" / "schemas"

V2 = """\
asyncapi: 2.6.0
info: {title: t, version: "1"}
"""
V3 = """\
asyncapi: 3.0.0
info: {title: t, version: "1"}
"""


def _errors(tmp_path: Path, text: str) -> list[tuple[str, str, int | None]]:
    path = tmp_path / "api.yaml"
    path.write_text(textwrap.dedent(text))
    report = validate_file(path)
    assert not report.unreadable, report.errors
    return [(e.message, e.pointer, e.line) for e in report.errors]


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "valid-2.6.yaml", EXAMPLES / "order-events.yaml", FIXTURES / "valid-3.1.yaml"],
    ids=["2.6", "3.0", "3.1"],
)
def test_valid_documents_pass_through_the_cli(path: Path) -> None:
    result = accord("validate", "--format", "json", path)
    assert result.code == 0, result.stdout
    [report] = json.loads(result.stdout)["files"]
    assert report["kind"] == "asyncapi" and report["valid"] is True and report["errors"] == []


def test_every_supported_version_has_its_vendored_schema_and_license() -> None:
    for version in ("2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.0", "3.1"):
        assert (SCHEMAS / f"{version}.0.json").is_file()
    assert "Apache License" in (SCHEMAS / "LICENSE").read_text()
    assert (SCHEMAS / "SOURCE.txt").read_text().startswith("@asyncapi/specs@")


def test_schema_errors_name_the_field_and_its_line(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
channels:
  c:
    address: 5
""",
    )
    assert ('5 is not of types "null", "string"', "/channels/c/address", 5) in errors


def test_a_2x_schema_error_is_found_too(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "asyncapi: 2.0.0\ninfo: {title: t}\nchannels: {}\n")
    assert errors == [('"version" is a required property', "/info", 2)]


def test_duplicate_operation_id(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V2
        + """\
channels:
  a:
    publish: {operationId: same, message: {payload: {type: string}}}
  b:
    subscribe: {operationId: same, message: {payload: {type: string}}}
""",
    )
    assert errors == [("duplicate operationId 'same'", "/channels/b/subscribe/operationId", 7)]


def test_duplicate_message_id(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V2
        + """\
channels:
  a:
    publish: {message: {messageId: m1, payload: {type: string}}}
  b:
    subscribe: {message: {messageId: m1, payload: {type: integer}}}
""",
    )
    assert [e[:2] for e in errors] == [
        ("duplicate messageId 'm1'", "/channels/b/subscribe/message/messageId")
    ]


def test_server_url_variables_must_be_declared_and_used(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V2
        + """\
servers:
  prod:
    url: "{host}:{port}"
    protocol: mqtt
    variables:
      host: {default: example.com}
      stage: {default: x}
channels: {}
""",
    )
    assert [e[:2] for e in errors] == [
        ("server 'prod': variable {port} in url is not declared in variables", "/servers/prod/url"),
        (
            "server 'prod': variable 'stage' is declared but not used in its url",
            "/servers/prod/variables/stage",
        ),
    ]


def test_3x_server_host_variables(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
servers:
  prod:
    host: "{region}.example.com"
    protocol: amqp
""",
    )
    assert errors == [
        ("server 'prod': variable {region} in host is not declared in variables", "/servers/prod/host", 5)
    ]


def test_security_scheme_must_exist(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V2
        + """\
servers:
  prod:
    url: example.com
    protocol: mqtt
    security:
      - missing: []
      - oauth: [nope]
channels: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: {implicit: {authorizationUrl: "https://a.example.com", scopes: {read: r}}}
""",
    )
    assert [e[:2] for e in errors] == [
        (
            "security scheme 'missing' is not defined in components/securitySchemes",
            "/servers/prod/security/0",
        ),
        ("scope 'nope' is not defined in the security scheme's flows", "/servers/prod/security/1/oauth"),
    ]


def test_3x_security_must_reference_a_security_scheme(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
servers:
  prod:
    host: example.com
    protocol: amqp
    security:
      - $ref: "#/components/schemas/NotAScheme"
components:
  schemas:
    NotAScheme: {type: http, scheme: bearer}
""",
    )
    assert (
        "security must reference a security scheme, not '#/components/schemas/NotAScheme'",
        "/servers/prod/security/0/$ref",
    ) in [e[:2] for e in errors]


@pytest.mark.parametrize("version", ["2", "3"])
def test_channel_parameters_match_the_address(tmp_path: Path, version: str) -> None:
    if version == "2":
        text = V2 + "channels:\n  orders/{orderId}:\n    parameters:\n      other: {}\n"
        where, address_pointer = "name", "/channels/orders~1{orderId}"
        key = "orders/{orderId}"
    else:
        text = V3 + "channels:\n  orders:\n    address: orders/{orderId}\n    parameters:\n      other: {}\n"
        where, address_pointer, key = "address", "/channels/orders/address", "orders"
    errors = _errors(tmp_path, text)
    assert [e[:2] for e in errors] == [
        (
            f"channel {key!r}: parameter {{orderId}} in the {where} is not declared in parameters",
            address_pointer,
        ),
        (
            f"channel {key!r}: parameter 'other' does not appear in the channel {where}",
            f"{address_pointer.removesuffix('/address')}/parameters/other",
        ),
    ]


def test_channel_servers_must_exist(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V2
        + "servers:\n  prod: {url: example.com, protocol: mqtt}\nchannels:\n  a:\n    servers: [prod, staging]\n",
    )
    assert [e[:2] for e in errors] == [
        ("channel 'a': server 'staging' is not defined in servers", "/channels/a/servers/1")
    ]


def test_3x_channel_servers_must_reference_top_level_servers(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
channels:
  a:
    servers:
      - $ref: "#/components/servers/s"
components:
  servers:
    s: {host: example.com, protocol: amqp}
""",
    )
    assert [e[:2] for e in errors] == [
        ("channel 'a': servers must reference entries of the top-level servers", "/channels/a/servers/0")
    ]


def test_3x_operation_messages_belong_to_its_channel(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
channels:
  a:
    messages:
      M: {payload: {type: string}}
  b:
    messages:
      N: {payload: {type: string}}
operations:
  op:
    action: send
    channel: {$ref: "#/channels/a"}
    messages:
      - $ref: "#/channels/b/messages/N"
""",
    )
    assert [e[:2] for e in errors] == [
        (
            "operation 'op': message '#/channels/b/messages/N' is not one of its channel's messages",
            "/operations/op/messages/0",
        )
    ]


def test_duplicate_tags(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3.replace(
            'info: {title: t, version: "1"}',
            "info:\n  title: t\n  version: '1'\n  tags: [{name: a}, {name: a, description: again}]",
        ),
    )
    assert errors == [("duplicate tag 'a'", "/info/tags/1/name", 5)]


def test_a_referenced_2_0_parameter_is_not_ambiguous(tmp_path: Path) -> None:
    """The 2.0.0 schema's parameter `oneOf` matches a bare `$ref` twice; the spec's own examples do that."""
    errors = _errors(
        tmp_path,
        """\
asyncapi: 2.0.0
info: {title: t, version: "1"}
channels:
  lights/{id}:
    parameters:
      id: {$ref: "#/components/parameters/id"}
components:
  parameters:
    id: {schema: {type: string}}
""",
    )
    assert errors == []


def test_an_unknown_field_in_a_referenceable_object_is_named(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
channels:
  a: {address: a}
operations:
  op:
    action: send
    channel: {$ref: "#/channels/a"}
    bogus: 1
""",
    )
    assert errors == [("Additional properties are not allowed ('bogus' was unexpected)", "/operations/op", 6)]


def test_a_contract_split_across_files_validates_and_bundles(tmp_path: Path) -> None:
    result = accord("validate", FIXTURES / "multi" / "root.yaml")
    assert result.code == 0, result.stdout
    out = tmp_path / "bundled.yaml"
    assert accord("bundle", FIXTURES / "multi" / "root.yaml", "-o", out).code == 0
    assert accord("validate", out).code == 0


def test_an_error_in_a_referenced_file_names_that_file(tmp_path: Path) -> None:
    for name in ("root.yaml", "common.yaml"):
        (tmp_path / name).write_text((FIXTURES / "multi" / name).read_text())
    common = tmp_path / "common.yaml"
    common.write_text(common.read_text().replace("required: [id]", "required: 5"))
    report = validate_file(tmp_path / "root.yaml")
    [error] = report.errors
    assert error.pointer == "/components/schemas/User/required"
    assert (error.file, error.line) == (str(common), 12)


def test_3x_reply_messages_belong_to_the_reply_channel_and_addresses_have_no_query(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        V3
        + """\
channels:
  requests:
    address: rpc/requests?debug=1
    messages:
      Ask: {payload: {type: string}}
  replies:
    address: rpc/replies
    messages:
      Answer: {payload: {type: string}}
operations:
  ask:
    action: send
    channel: {$ref: "#/channels/requests"}
    reply:
      channel: {$ref: "#/channels/replies"}
      messages:
        - $ref: "#/channels/requests/messages/Ask"
""",
    )
    assert [e[:2] for e in errors] == [
        (
            "channel 'requests': the address must not contain a query (?) or a fragment (#)",
            "/channels/requests/address",
        ),
        (
            "operation 'ask' reply: message '#/channels/requests/messages/Ask' is not one of its channel's messages",
            "/operations/ask/reply/messages/0",
        ),
    ]
