"""Broker connections for the event mock: NATS (nats-py), MQTT (aiomqtt), AMQP (aio-pika).

Each speaks the same small interface: `connect()`, `publish(plan, message)`, `subscribe(plans, handler)`
and `close()`. Addresses map onto subjects (NATS), topics (MQTT) and routing keys (AMQP: the
exchange named by the channel's amqp binding, else `amq.topic`; a queue binding publishes to the
queue). Subscriptions use each broker's one-level wildcard for channel parameters.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from ._plan import ChannelPlan, Outgoing

__all__ = ["SCHEMES", "Broker", "MessageBrokerError", "open_broker"]

Handler = Callable[[ChannelPlan, str, bytes], Awaitable[None]]
SCHEMES = {"nats": "nats", "mqtt": "mqtt", "mqtts": "mqtt", "amqp": "amqp", "amqps": "amqp"}


class MessageBrokerError(RuntimeError):
    """A broker that cannot be reached or refused an operation: one line naming it."""


class Broker:
    url: str

    async def connect(self) -> None:
        raise NotImplementedError

    async def publish(self, plan: ChannelPlan, message: Outgoing) -> None:
        raise NotImplementedError

    async def subscribe(self, plans: list[ChannelPlan], handler: Handler) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


class NatsBroker(Broker):
    def __init__(self, url: str) -> None:
        self.url, self._nc = url, None

    async def connect(self) -> None:
        import nats

        seen: list[Exception] = []

        async def remember(exc: Exception) -> None:
            seen.append(exc)

        try:
            self._nc = await asyncio.wait_for(
                nats.connect(
                    self.url,
                    connect_timeout=2,
                    allow_reconnect=False,
                    max_reconnect_attempts=1,
                    reconnect_time_wait=0.1,
                    error_cb=remember,
                ),
                10,
            )
        except Exception as exc:
            raise ConnectionError(str(seen[-1]) if seen else str(exc)) from None

    async def publish(self, plan: ChannelPlan, message: Outgoing) -> None:
        headers = {**message.headers, "content-type": message.content_type}
        await self._nc.publish(plan.address, message.payload, headers=headers)

    async def subscribe(self, plans: list[ChannelPlan], handler: Handler) -> None:
        for plan in plans:

            async def deliver(msg: Any, plan: ChannelPlan = plan) -> None:
                await handler(plan, msg.subject, msg.data)

            await self._nc.subscribe(plan.pattern(".", "*"), cb=deliver)
        await self._nc.flush()

    async def close(self) -> None:
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.close()


class MqttBroker(Broker):
    def __init__(self, url: str) -> None:
        self.url, self._client, self._reader = url, None, None

    async def connect(self) -> None:
        import aiomqtt

        parts = urlsplit(self.url)
        client = aiomqtt.Client(
            parts.hostname or "127.0.0.1",
            parts.port or 1883,
            username=parts.username,
            password=parts.password,
            timeout=3,
        )
        await client.__aenter__()
        self._client = client

    async def publish(self, plan: ChannelPlan, message: Outgoing) -> None:
        qos = _binding(plan, "mqtt").get("qos", 0)
        await self._client.publish(plan.address, message.payload, qos=qos if qos in (0, 1, 2) else 0)

    async def subscribe(self, plans: list[ChannelPlan], handler: Handler) -> None:
        for plan in plans:
            await self._client.subscribe(plan.pattern("/", "+"))
        matchers = [(plan, plan.regex()) for plan in plans]

        async def read() -> None:
            async for message in self._client.messages:
                topic = message.topic.value
                for plan, regex in matchers:
                    if regex.match(topic):
                        await handler(plan, topic, bytes(message.payload))
                        break

        self._reader = asyncio.create_task(read())

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.__aexit__(None, None, None)


class AmqpBroker(Broker):
    def __init__(self, url: str) -> None:
        self.url, self._connection, self._channel = url, None, None
        self._exchanges: dict[str, Any] = {}

    async def connect(self) -> None:
        import aio_pika

        self._connection = await aio_pika.connect(self.url, timeout=3)
        self._channel = await self._connection.channel()

    async def _exchange(self, plan: ChannelPlan) -> tuple[Any, str]:
        import aio_pika

        binding = _binding(plan, "amqp")
        if binding.get("is") == "queue":
            queue = binding.get("queue") if isinstance(binding.get("queue"), dict) else {}
            name = str(queue.get("name") or plan.address)
            await self._channel.declare_queue(name, durable=bool(queue.get("durable", False)))
            return self._channel.default_exchange, name
        exchange = binding.get("exchange") if isinstance(binding.get("exchange"), dict) else {}
        name = str(exchange.get("name") or "amq.topic")
        if name not in self._exchanges:
            if name.startswith("amq."):
                self._exchanges[name] = await self._channel.get_exchange(name)
            else:
                kind = aio_pika.ExchangeType(exchange.get("type", "topic"))
                self._exchanges[name] = await self._channel.declare_exchange(
                    name,
                    kind,
                    durable=bool(exchange.get("durable", False)),
                    auto_delete=bool(exchange.get("autoDelete", False)),
                )
        return self._exchanges[name], plan.address

    async def publish(self, plan: ChannelPlan, message: Outgoing) -> None:
        import aio_pika

        exchange, key = await self._exchange(plan)
        await exchange.publish(
            aio_pika.Message(
                message.payload, headers=dict(message.headers), content_type=message.content_type
            ),
            routing_key=key,
        )

    async def subscribe(self, plans: list[ChannelPlan], handler: Handler) -> None:
        for plan in plans:
            exchange, key = await self._exchange(plan)
            if exchange is self._channel.default_exchange:
                queue = await self._channel.declare_queue(key, passive=True)
            else:
                queue = await self._channel.declare_queue(exclusive=True, auto_delete=True)
                await queue.bind(exchange, routing_key=plan.pattern(".", "*"))

            async def deliver(message: Any, plan: ChannelPlan = plan) -> None:
                await handler(plan, message.routing_key or plan.address, message.body)

            await queue.consume(deliver, no_ack=True)

    async def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()


def _binding(plan: ChannelPlan, protocol: str) -> dict[str, Any]:
    value = plan.bindings.get(protocol)
    return value if isinstance(value, dict) else {}


def open_broker(url: str) -> Broker:
    scheme = urlsplit(url).scheme.lower()
    kind = SCHEMES.get(scheme)
    if kind == "nats":
        return NatsBroker(url)
    if kind == "mqtt":
        return MqttBroker(url)
    if kind == "amqp":
        return AmqpBroker(url)
    raise MessageBrokerError(f"unsupported broker protocol {scheme!r} in {url} (supported: nats, mqtt, amqp)")
