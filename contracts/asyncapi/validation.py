"""AsyncAPI validation: the official JSON Schemas plus the checks they cannot express.

The schemas are vendored from the npm package @asyncapi/specs (see schemas/SOURCE.txt and
scripts/refresh-asyncapi-schemas). The semantic checks are those of the AsyncAPI parser's core
rules: unique operationId/messageId, declared server variables, resolvable security schemes and
scopes, channel parameters matching the channel address, channel servers that exist, unique tags;
for 3.x also operations (and replies) whose channel is one of `channels` and whose messages are
that channel's, and channel addresses without query or fragment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._contract import Contract
from .._nodes import deref, listing, mapping
from .._pointers import escape, ref_pointer
from .._specschema import schema_errors, spec_validator

__all__ = ["validate_asyncapi"]

SCHEMAS = Path(__file__).parent / "schemas"
_TEMPLATE = re.compile(r"\{([^{}]*)\}")
# Subtrees that hold user data or JSON Schemas, never AsyncAPI objects with tags.
_DATA_KEYS = {"examples", "example", "default", "const", "enum", "payload", "headers", "schemas", "schema"}

Finding = tuple[str, str]


def validate_asyncapi(contract: Contract) -> list[Finding]:
    """(message, pointer) for each error: schema first; semantic checks once the shape is right."""
    major, minor = contract.version.split(".")[:2]
    schema = SCHEMAS / f"{major}.{minor}.0.json"
    found = schema_errors(spec_validator(str(schema)), contract.document, ambiguous_refs_ok=True)
    v3 = contract.format == "asyncapi3"
    checks = (
        _duplicate_ids,
        _server_variables,
        _security,
        _channel_parameters,
        _channel_servers,
        _operation_channels if v3 else _nothing,
        _duplicate_tags,
    )
    for check in checks:
        found.extend(check(contract))
    return found


def _nothing(contract: Contract) -> Iterator[Finding]:
    return iter(())


def _duplicate_ids(contract: Contract) -> Iterator[Finding]:
    """2.x operationId and messageId must be unique across the document (3.x keys them by name)."""
    seen_ops: set[str] = set()
    for op in contract.async_operations:
        if contract.format == "asyncapi2" and isinstance(op.operation_id, str):
            if op.operation_id in seen_ops:
                yield f"duplicate operationId {op.operation_id!r}", f"{op.pointer}/operationId"
            seen_ops.add(op.operation_id)
    messages: dict[str, Any] = {}  # resolved pointer -> message object
    for op in contract.async_operations:
        for message in op.messages:
            messages.setdefault(message.pointer, message.message_id)
    components = mapping(mapping(contract.document.get("components")).get("messages"))
    for name, raw in components.items():
        message, pointer = deref(contract, raw, f"/components/messages/{escape(name)}")
        messages.setdefault(pointer, message.get("messageId"))
    seen_messages: set[str] = set()
    for pointer, message_id in messages.items():
        if isinstance(message_id, str):
            if message_id in seen_messages:
                yield f"duplicate messageId {message_id!r}", f"{pointer}/messageId"
            seen_messages.add(message_id)


def _server_variables(contract: Contract) -> Iterator[Finding]:
    """Every {variable} in a server's url (2.x) or host and pathname (3.x) is declared, and no more."""
    for name, raw in mapping(contract.document.get("servers")).items():
        server, pointer = deref(contract, raw, f"/servers/{escape(name)}")
        fields = ("url",) if contract.format == "asyncapi2" else ("host", "pathname")
        used: set[str] = set()
        for field in fields:
            value = server.get(field)
            if isinstance(value, str):
                for var in _TEMPLATE.findall(value):
                    used.add(var)
                    if var not in mapping(server.get("variables")):
                        yield (
                            f"server {name!r}: variable {{{var}}} in {field} is not declared in variables",
                            f"{pointer}/{field}",
                        )
        for var in mapping(server.get("variables")):
            if var not in used:
                where = " or ".join(fields)
                yield (
                    f"server {name!r}: variable {var!r} is declared but not used in its {where}",
                    f"{pointer}/variables/{escape(var)}",
                )


def _security(contract: Contract) -> Iterator[Finding]:
    """Security requirements name (2.x) or reference (3.x) existing schemes, with known scopes."""
    schemes = mapping(mapping(contract.document.get("components")).get("securitySchemes"))
    for owner_pointer, requirements in _security_lists(contract):
        for i, requirement in enumerate(listing(requirements)):
            here = f"{owner_pointer}/security/{i}"
            if contract.format == "asyncapi2":
                for name, scopes in mapping(requirement).items():
                    if name not in schemes:
                        yield f"security scheme {name!r} is not defined in components/securitySchemes", here
                        continue
                    scheme, _ = deref(contract, schemes[name], f"/components/securitySchemes/{escape(name)}")
                    yield from _unknown_scopes(scheme, scopes, f"{here}/{escape(name)}", "scopes")
            else:
                ref = mapping(requirement).get("$ref")
                if isinstance(ref, str) and not ref.startswith("#/components/securitySchemes/"):
                    yield f"security must reference a security scheme, not {ref!r}", f"{here}/$ref"
                    continue
                scheme, _ = deref(contract, requirement, here)
                yield from _unknown_scopes(scheme, scheme.get("scopes"), f"{here}/scopes", "availableScopes")


def _security_lists(contract: Contract) -> Iterator[tuple[str, Any]]:
    doc = contract.document
    for name, raw in mapping(doc.get("servers")).items():
        server, pointer = deref(contract, raw, f"/servers/{escape(name)}")
        if "security" in server:
            yield pointer, server["security"]
    for op in contract.async_operations:
        raw_op = contract.at(op.pointer)
        if isinstance(raw_op, dict) and "security" in raw_op:
            yield op.pointer, raw_op["security"]


def _unknown_scopes(scheme: dict, scopes: Any, pointer: str, field: str) -> Iterator[Finding]:
    if scheme.get("type") != "oauth2" or not isinstance(scopes, list):
        return
    known: set[str] = set()
    for flow in mapping(scheme.get("flows")).values():
        known.update(mapping(mapping(flow).get(field)))
    for scope in scopes:
        if isinstance(scope, str) and scope not in known:
            yield f"scope {scope!r} is not defined in the security scheme's flows", pointer


def _channel_parameters(contract: Contract) -> Iterator[Finding]:
    """Each {parameter} of a channel address is declared in parameters, and each declared one is used."""
    for key, channel in contract.channels.items():
        if channel.address is None:
            continue
        used = _TEMPLATE.findall(channel.address)
        where = "name" if contract.format == "asyncapi2" else "address"
        for name in used:
            if name not in channel.parameters:
                yield (
                    f"channel {key!r}: parameter {{{name}}} in the {where} is not declared in parameters",
                    channel.pointer if where == "name" else f"{channel.pointer}/address",
                )
        for name in channel.parameters:
            if name not in used:
                yield (
                    f"channel {key!r}: parameter {name!r} does not appear in the channel {where}",
                    f"{channel.pointer}/parameters/{escape(name)}",
                )


def _channel_servers(contract: Contract) -> Iterator[Finding]:
    """A channel's servers are servers of this document."""
    servers = mapping(contract.document.get("servers"))
    for key, channel in contract.channels.items():
        raw = mapping(contract.at(channel.pointer))
        for i, entry in enumerate(listing(raw.get("servers"))):
            here = f"{channel.pointer}/servers/{i}"
            if contract.format == "asyncapi2":
                if isinstance(entry, str) and entry not in servers:
                    yield f"channel {key!r}: server {entry!r} is not defined in servers", here
                continue
            ref = mapping(entry).get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#/servers/")):
                yield f"channel {key!r}: servers must reference entries of the top-level servers", here
            elif ref.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~") not in servers:
                yield f"channel {key!r}: server {ref!r} is not defined in servers", here


def _operation_channels(contract: Contract) -> Iterator[Finding]:
    """3.x: an operation's (and its reply's) channel is one of `channels`, its messages are that
    channel's messages, and channel addresses hold no query or fragment."""
    for key, channel in contract.channels.items():
        if channel.address is not None and ("?" in channel.address or "#" in channel.address):
            yield (
                f"channel {key!r}: the address must not contain a query (?) or a fragment (#)",
                (f"{channel.pointer}/address"),
            )
    for name, raw in mapping(contract.document.get("operations")).items():
        op, pointer = deref(contract, raw, f"/operations/{escape(name)}")
        yield from _channel_and_messages(contract, f"operation {name!r}", op, pointer)
        if isinstance(op.get("reply"), dict):
            reply, reply_pointer = deref(contract, op["reply"], f"{pointer}/reply")
            yield from _channel_and_messages(contract, f"operation {name!r} reply", reply, reply_pointer)


def _channel_and_messages(contract: Contract, owner: str, node: dict, pointer: str) -> Iterator[Finding]:
    ref = mapping(node.get("channel")).get("$ref")
    if not (isinstance(ref, str) and ref.startswith("#/channels/")):
        if "channel" in node:
            yield f"{owner}: channel must reference an entry of channels", f"{pointer}/channel"
        return
    channel_pointer = ref_pointer(ref)
    target = contract.at(channel_pointer)
    resolved_pointer = deref(contract, target, channel_pointer)[1] if target is not None else None
    allowed = {f"{p}/messages/" for p in (channel_pointer, resolved_pointer) if p}
    for i, message in enumerate(listing(node.get("messages"))):
        message_ref = mapping(message).get("$ref")
        if isinstance(message_ref, str) and not any(ref_pointer(message_ref).startswith(a) for a in allowed):
            yield (
                f"{owner}: message {message_ref!r} is not one of its channel's messages",
                f"{pointer}/messages/{i}",
            )


def _duplicate_tags(contract: Contract) -> Iterator[Finding]:
    """Tag names are unique within each list of tags."""
    stack: list[tuple[str, Any]] = [("", contract.document)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _DATA_KEYS:
                    continue
                here = f"{pointer}/{escape(key)}"
                if key == "tags" and isinstance(value, list):
                    yield from _tag_duplicates(contract, value, here)
                elif isinstance(value, dict | list):
                    stack.append((here, value))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node) if isinstance(v, dict | list))


def _tag_duplicates(contract: Contract, tags: list, pointer: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, raw in enumerate(tags):
        tag, _ = deref(contract, raw, f"{pointer}/{i}")
        name = tag.get("name")
        if isinstance(name, str):
            if name in seen:
                yield f"duplicate tag {name!r}", f"{pointer}/{i}/name"
            seen.add(name)
