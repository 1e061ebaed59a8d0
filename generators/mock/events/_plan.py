"""What the event mock publishes and checks, worked out once from an AsyncAPI contract.

For every operation the application sends: the channel address with its parameters filled in (from
the parameter's enum, default or examples, else generated), and each message's payloads (its valid
examples, else a generated payload, deterministic per seed) serialised by content type.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

import orjson
from accord.contracts import Contract, Message, SchemaCompileError, SchemaValidator, contract_validator

from .._generate import Generator

__all__ = ["ChannelPlan", "Outgoing", "plan_events"]

_PARAM = re.compile(r"\{([^{}]+)\}")


@dataclass(slots=True)
class Outgoing:
    message: str  # the message name
    payload: bytes
    headers: dict[str, str]
    content_type: str
    source: str  # "example NAME" or "generated"


@dataclass(slots=True)
class ChannelPlan:
    operation: str
    channel: str
    template: str  # the address as written, parameters included
    address: str  # the address messages are published to
    outgoing: list[Outgoing]
    validators: list[tuple[str, SchemaValidator | None]] = field(default_factory=list)  # (message, payload)
    bindings: dict[str, Any] = field(default_factory=dict)

    def pattern(self, separator: str, wildcard: str) -> str:
        """The address with each parameterised level replaced by the broker's one-level wildcard."""
        return separator.join(
            wildcard if _PARAM.search(level) else level for level in self.template.split(separator)
        )

    def regex(self) -> re.Pattern[str]:
        """Matches concrete addresses of this channel (a parameter stands for one or more characters)."""
        parts = _PARAM.split(self.template)
        return re.compile("".join("[^/]+?" if i % 2 else re.escape(p) for i, p in enumerate(parts)) + "$")


def plan_events(contract: Contract, seed: int = 0) -> list[ChannelPlan]:
    generator = Generator(contract, "response")
    plans = []
    for op in contract.async_operations:
        if op.action != "send":
            continue
        channel = contract.channels.get(op.channel)
        if channel is None:
            continue
        template = channel.address if channel.address is not None else channel.key
        rng = random.Random(f"{seed}:{op.key}")
        address = template
        for name in _PARAM.findall(template):
            value = _parameter_value(contract, generator, channel.parameters.get(name), rng)
            address = address.replace("{" + name + "}", value)
        messages = op.messages or list(channel.messages.values())
        outgoing, validators = [], []
        for message in messages:
            validator = _compile(contract, message.payload)
            validators.append((message.name, validator))
            outgoing.extend(
                _payloads(generator, message, validator, random.Random(f"{seed}:{op.key}:{message.name}"))
            )
        plans.append(
            ChannelPlan(op.key, channel.key, template, address, outgoing, validators, channel.bindings)
        )
    return plans


def _compile(contract: Contract, schema: Any) -> SchemaValidator | None:
    if schema is None:
        return None
    try:
        return contract_validator(contract, schema)
    except SchemaCompileError:
        return None


def _payloads(
    generator: Generator, message: Message, validator: SchemaValidator | None, rng: random.Random
) -> list[Outgoing]:
    content_type = message.content_type or "application/json"
    found = []
    for i, example in enumerate(message.examples):
        if "payload" not in example:
            continue
        if validator is not None and not validator.is_valid(example["payload"]):
            continue
        name = str(example.get("name") or i)
        headers = example.get("headers") if isinstance(example.get("headers"), dict) else {}
        found.append(
            Outgoing(
                message.name,
                _encode(example["payload"], content_type),
                _text(headers),
                content_type,
                f"example {name}",
            )
        )
    if not found:
        value = generator.value(message.payload, rng) if message.payload is not None else {}
        if validator is not None and not validator.is_valid(value):
            value = generator.value(message.payload, rng, use_examples=False)
        headers = generator.value(message.headers, rng) if isinstance(message.headers, dict) else {}
        found.append(
            Outgoing(message.name, _encode(value, content_type), _text(headers), content_type, "generated")
        )
    return found


def _parameter_value(contract: Contract, generator: Generator, parameter: Any, rng: random.Random) -> str:
    parameter, _ = contract.resolve(parameter) if parameter is not None else ({}, None)
    parameter = parameter if isinstance(parameter, dict) else {}
    for key in ("enum", "examples"):
        if isinstance(parameter.get(key), list) and parameter[key]:
            return str(parameter[key][0])
    if "default" in parameter:
        return str(parameter["default"])
    schema = parameter.get("schema")  # AsyncAPI 2.x
    if isinstance(schema, dict):
        value = generator.value(schema, rng)
        return str(value).lower() if isinstance(value, bool) else str(value)
    return str(rng.randint(1, 999))


def _encode(value: Any, content_type: str) -> bytes:
    if isinstance(value, str) and "json" not in content_type:
        return value.encode()
    return orjson.dumps(value)


def _text(headers: dict) -> dict[str, str]:
    return {str(k): v if isinstance(v, str) else orjson.dumps(v).decode() for k, v in headers.items()}
