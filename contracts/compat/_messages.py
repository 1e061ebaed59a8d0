"""One message of a pact (V3 `messages`, V4 asynchronous interactions) compared with an AsyncAPI contract.

The channel is read from the message's metadata (the first of `channel`, `topic`, `queue`, `subject`,
`destination`, `routingKey`), compared with each channel's key and address (`{param}` matches one
segment); only the messages the provider sends count (those of `send` operations, 2.x `subscribe`).
Without a channel, every message the provider sends is a candidate (warning `message.channel.missing`). Candidates are narrowed to the messages whose name, messageId or title
equals the pact description, when any does. The payload is compatible when it matches one candidate
under the consumer-expectation schema (extra properties are errors unless allowed, as for responses).
"""

from __future__ import annotations

import re
from typing import Any

from .._contract import Contract
from .._model import Channel, Message
from ..http import essence
from ._matchers import VALUE_KEYWORDS, expand_each_like, type_matched
from ._pact import MessageInteraction
from ._report import Finding, MockDetails, SpecDetails, dotted, value_at
from ._schema import SchemaCompileError, expectation_validator

__all__ = ["CHANNEL_KEYS", "check_message"]

CHANNEL_KEYS = ("channel", "topic", "queue", "subject", "destination", "routingKey")


def _channel_matches(name: str, key: str, address: str | None) -> bool:
    for candidate in (key, address):
        if candidate is None:
            continue
        pattern = "".join(
            "[^/.]+" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]*\})", candidate)
        )
        if re.fullmatch(pattern, name):
            return True
    return False


def _sent(contract: Contract, channel: Channel) -> list[Message]:
    """The channel's messages the provider sends: those of its `send` operations (2.x `subscribe`)
    when the contract has operations on the channel, else every message of the channel."""
    operations = [op for op in contract.async_operations if op.channel == channel.key]
    if not operations:
        return list(channel.messages.values())
    sent = [m for op in operations if op.action == "send" for m in (op.messages or channel.messages.values())]
    return list({id(m): m for m in sent}.values())


def check_message(
    contract: Contract,
    message: MessageInteraction,
    pact_file: str,
    *,
    additional_properties: bool = False,
    required_properties: bool = False,
) -> list[Finding]:
    found: list[Finding] = []

    def add(code: str, text: str, where: str, value: Any, channel: str | None, pointer: str, spec_value: Any):
        found.append(
            Finding(
                code,
                text,
                MockDetails(
                    message.description, message.state, f"{message.location}{where}", pact_file, value
                ),
                SpecDetails(
                    dotted(pointer), "publish" if channel else None, channel, contract.path, spec_value
                ),
            )
        )

    named = next((str(message.metadata[k]) for k in CHANNEL_KEYS if message.metadata.get(k)), None)
    if named is None:
        channels = list(contract.channels.values())
        add(
            "message.channel.missing",
            "Message metadata names no channel; every message of the contract was tried",
            ".metadata",
            message.metadata,
            None,
            "/channels",
            None,
        )
    else:
        channels = [c for c in contract.channels.values() if _channel_matches(named, c.key, c.address)]
        if not channels:
            add(
                "message.channel.unknown",
                f"Channel not defined in spec file: {named}",
                ".metadata",
                named,
                None,
                "/channels",
                sorted(contract.channels),
            )
            return found
    candidates = [(c.key, m) for c in channels for m in _sent(contract, c)]
    if not candidates:
        add(
            "message.unknown",
            "The channel declares no messages the provider sends",
            "",
            None,
            channels[0].key if channels else None,
            channels[0].pointer if channels else "/channels",
            None,
        )
        return found
    described = [(k, m) for k, m in candidates if message.description in (m.name, m.message_id, m.title)]
    candidates = described or candidates
    if message.content_type:
        default = contract.document.get("defaultContentType")
        typed = [
            (k, m)
            for k, m in candidates
            if essence(m.content_type or default or message.content_type) == essence(message.content_type)
        ]
        if not typed:
            key, first = candidates[0]
            add(
                "message.content-type.incompatible",
                f"Message content type {message.content_type!r} is not the spec's "
                f"{first.content_type or default!r}",
                ".contents",
                message.content_type,
                key,
                first.pointer,
                first.content_type or default,
            )
            return found
        candidates = typed
    rules = message.rules.get("body", {})
    value = expand_each_like(message.contents, rules)
    best: list[Finding] | None = None
    for key, candidate in candidates:
        if candidate.payload is None:
            return found
        try:
            validator = expectation_validator(
                contract,
                candidate.payload,
                additional_properties=additional_properties,
                required_properties=required_properties,
            )
        except SchemaCompileError:
            return found
        errors = [
            e
            for e in validator.errors(value)
            if not (e.schema_pointer.rsplit("/", 1)[-1] in VALUE_KEYWORDS and type_matched(rules, e.pointer))
        ]
        if not errors:
            return found
        mine = [
            Finding(
                "message.payload.incompatible",
                f"Message payload is incompatible with the payload schema in the spec file: {e.message}",
                MockDetails(
                    message.description,
                    message.state,
                    f"{message.location}.contents{dotted(e.pointer)[6:]}",
                    pact_file,
                    value_at(value, e.pointer),
                ),
                SpecDetails(
                    dotted(candidate.pointer + "/payload" + e.schema_pointer),
                    "publish",
                    key,
                    contract.path,
                    None,
                ),
            )
            for e in errors
        ]
        if best is None or len(mine) < len(best):
            best = mine
    return found + (best or [])
