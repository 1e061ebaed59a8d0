"""FastStream publishers and subscribers from an AsyncAPI 2.x/3.x contract, with typed payloads.

`events.py` holds a `broker()` factory for the contract's protocol (NATS preferred; Kafka,
RabbitMQ and Redis also map) and a `Channels` class: for each channel a `publish_<channel>`
coroutine that validates the payload against the contract's model before sending, and a
`subscribe_<channel>` decorator whose handlers receive the payload model. Channel parameters
(`orders.{orderId}.shipped`) are keyword arguments of the publisher.
"""

from __future__ import annotations

import copy
from pathlib import Path

from .._aliases import add_alias
from .._dcg import Unsupported, run, supported
from .._names import pascal, snake
from .._output import Output, Source
from ._render import Channel, render_events

__all__ = ["generate_events"]

# protocol -> (FastStream module, broker class, URL scheme)
BROKERS = {
    "nats": ("faststream.nats", "NatsBroker", "nats"),
    "kafka": ("faststream.kafka", "KafkaBroker", ""),
    "amqp": ("faststream.rabbit", "RabbitBroker", "amqp"),
    "redis": ("faststream.redis", "RedisBroker", "redis"),
}


def generate_events(contract, package: str) -> Output:
    output = Output(Source.of(contract, "events"), package)  # the checksum of the contract as written
    contract = supported(contract, ("asyncapi",))
    document = copy.deepcopy(contract.document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    channels: list[Channel] = []
    taken: set[str] = set()
    for key, channel in contract.channels.items():
        name = snake(key, "channel")
        while name in taken:
            name += "_"
        taken.add(name)
        payloads = []
        for message_key, message in channel.messages.items():
            if message.payload is None:
                output.warnings.append(
                    f"{contract.location(message.pointer)} ({message.pointer}): message has no payload"
                )
                continue
            payloads.append(
                add_alias(schemas, pascal(message.name or message_key) + "Payload", message.payload)
            )
        if not payloads:
            output.warnings.append(
                f"{contract.location(channel.pointer)} ({channel.pointer}): skipped channel {key}: no payload"
            )
            continue
        address = channel.address or key
        channels.append(
            Channel(key, name, address, sorted(channel.parameters), payloads, channel.description or "")
        )
    if not channels:
        raise Unsupported(
            f"{contract.path}: no channel with a message payload: there are no events to generate"
        )
    protocol, url = _server(contract, output)

    def finish(pkg_dir: Path) -> None:
        (pkg_dir / "events.py").write_text(render_events(contract, channels, BROKERS[protocol], url))
        (pkg_dir / "__init__.py").write_text(
            '"""Typed event publishers and subscribers, generated from the contract by accord."""\n\n'
            "from .events import Channels, broker\n\n"
            '__all__ = ["Channels", "broker"]\n'
        )

    run(contract, output, package, document=document, extra={"use_type_alias": True}, finish=finish)
    return output


def _server(contract, output: Output) -> tuple[str, str]:
    """The protocol to generate for (NATS first) and its server's URL."""
    usable = [s for s in contract.servers if (s.protocol or "").lower() in BROKERS]
    usable.sort(key=lambda s: (s.protocol or "").lower() != "nats")
    if not usable:
        if contract.servers:
            output.warnings.append(
                f"{contract.location('/servers')} (/servers): no server speaks NATS, Kafka, AMQP or Redis; "
                "generated for NATS"
            )
        return "nats", "nats://127.0.0.1:4222"
    server = usable[0]
    protocol = (server.protocol or "").lower()
    scheme = BROKERS[protocol][2]
    host = server.url.split("://", 1)[-1]
    return protocol, f"{scheme}://{host}" if scheme else host
