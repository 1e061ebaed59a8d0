"""Publishing a contract's events at a rate, and checking the events others publish.

Connecting retries with exponential backoff; when the broker stays down the error is reported once,
clearly, and the mock goes on publishing to its WebSocket endpoint (the HTTP side keeps serving).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from accord.contracts import Contract, ContractError

from ._brokers import SCHEMES, Broker, MessageBrokerError, open_broker
from ._hub import Hub
from ._plan import ChannelPlan, plan_events

__all__ = ["EventMock", "EventOptions", "Violation", "broker_url", "check_events"]


@dataclass(slots=True)
class EventOptions:
    seed: int = 0
    rate: float = 1.0  # messages per second per operation
    count: int | None = None  # stop after this many messages per operation
    broker_url: str | None = None
    server: str | None = None
    websocket_only: bool = False
    retries: int = 5
    backoff: float = 0.5


def broker_url(contract: Contract, options: EventOptions) -> str | None:
    """The broker to use: --broker-url, else the named or first contract server with a known protocol."""
    if options.websocket_only:
        return None
    if options.broker_url:
        return options.broker_url
    servers = contract.servers
    if options.server is not None:
        servers = [s for s in servers if s.name == options.server]
        if not servers:
            names = ", ".join(s.name or "?" for s in contract.servers) or "none"
            raise ContractError(f"{contract.path}: no server named {options.server!r} (servers: {names})")
    for server in servers:
        protocol = (server.protocol or "").lower()
        if protocol in SCHEMES:
            url = server.url
            for name, spec in server.variables.items():
                default = spec.get("default", "") if isinstance(spec, dict) else ""
                url = url.replace("{" + name + "}", str(default))
            return url if "://" in url else f"{protocol}://{url}"
    return None


async def connect(url: str, options: EventOptions, log: Callable[[str], None]) -> Broker:
    delay, last = options.backoff, ""
    for attempt in range(1, options.retries + 1):
        broker = open_broker(url)
        try:
            await broker.connect()
            return broker
        except MessageBrokerError:
            raise
        except Exception as exc:  # each client library has its own connection errors
            await broker.close()
            last = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if attempt < options.retries:
                log(
                    f"accord mock: broker {url} unreachable (attempt {attempt}/{options.retries}: {last}); retrying in {delay:g}s"
                )
                await asyncio.sleep(delay)
                delay *= 2
    raise MessageBrokerError(f"cannot reach the broker at {url} after {options.retries} attempts: {last}")


class EventMock:
    """Publishes every send operation's messages at the configured rate, to a broker and the hub."""

    def __init__(self, contract: Contract, options: EventOptions, log: Callable[[str], None]) -> None:
        self.contract, self.options, self.log = contract, options, log
        self.plans = plan_events(contract, options.seed)
        self.url = broker_url(contract, options)
        self.hub = Hub(self.plans)
        self.broker: Broker | None = None
        self.state = "starting"
        self.error: str | None = None
        self.sent: dict[str, int] = {p.operation: 0 for p in self.plans}

    def status(self) -> dict[str, Any]:
        return {
            "contract": self.contract.title,
            "broker": self.url,
            "state": self.state,
            "error": self.error,
            "operations": [
                {
                    "operation": p.operation,
                    "channel": p.channel,
                    "address": p.address,
                    "sent": self.sent[p.operation],
                }
                for p in self.plans
            ],
        }

    async def run(self) -> bool:
        """Publish until done (--count) or cancelled. False when the broker could not be reached."""
        if self.url is not None:
            try:
                self.broker = await connect(self.url, self.options, self.log)
                self.state = "publishing"
            except MessageBrokerError as exc:
                self.error, self.state = str(exc), "broker unreachable; publishing to WebSocket only"
                self.log(f"accord mock: {exc}; still serving HTTP and WebSocket")
        else:
            self.state = "publishing to WebSocket only"
        try:
            await asyncio.gather(*(self._publish(plan) for plan in self.plans))
        finally:
            if self.broker is not None:
                await self.broker.close()
        self.state = "done"
        return self.error is None

    async def _publish(self, plan: ChannelPlan) -> None:
        interval = 1 / self.options.rate if self.options.rate > 0 else 0
        started = time.monotonic()
        for n, message in enumerate(itertools.cycle(plan.outgoing)):
            if self.options.count is not None and n >= self.options.count:
                return
            if self.broker is not None:
                try:
                    await self.broker.publish(plan, message)
                except Exception as exc:
                    self.error = f"publishing to {self.url} failed: {exc}"
                    self.log(f"accord mock: {self.error}; continuing with WebSocket only")
                    self.broker, self.state = None, "broker lost; publishing to WebSocket only"
            self.hub.publish(plan, message)
            self.sent[plan.operation] += 1
            self.log(f"{plan.address} {message.message} ({message.source})")
            await asyncio.sleep(max(0.0, started + (n + 1) * interval - time.monotonic()))


@dataclass(slots=True)
class Violation:
    address: str
    message: str | None
    errors: list[dict[str, str]] = field(default_factory=list)


async def check_events(
    contract: Contract,
    options: EventOptions,
    log: Callable[[str], None],
    *,
    limit: int | None = None,
    timeout: float | None = None,
    on_message: Callable[[str, Violation | None], None] | None = None,
) -> tuple[int, list[Violation]]:
    """Subscribe to every address the contract says the application sends on; validate what arrives."""
    plans = plan_events(contract, options.seed)
    url = broker_url(contract, options)
    if url is None:
        raise MessageBrokerError(
            f"{contract.path}: no broker to check (give --broker-url or a server with nats, mqtt or amqp)"
        )
    broker = await connect(url, options, log)
    seen, violations = 0, []
    done = asyncio.Event()

    async def handle(plan: ChannelPlan, address: str, payload: bytes) -> None:
        nonlocal seen
        seen += 1
        violation = _validate(plan, address, payload)
        if violation is not None:
            violations.append(violation)
        if on_message is not None:
            on_message(address, violation)
        if limit is not None and seen >= limit:
            done.set()

    try:
        await broker.subscribe([p for p in plans], handle)
        log(f"accord mock: checking {len(plans)} channel(s) on {url}")
        try:
            await asyncio.wait_for(done.wait(), timeout)
        except TimeoutError:
            pass
    finally:
        await broker.close()
    return seen, violations


def _validate(plan: ChannelPlan, address: str, payload: bytes) -> Violation | None:
    try:
        value: Any = orjson.loads(payload)
    except orjson.JSONDecodeError:
        value = payload.decode("utf-8", "replace")
    best: Violation | None = None
    for name, validator in plan.validators:
        if validator is None or validator.is_valid(value):
            return None
        errors = [{"pointer": e.pointer, "message": e.message} for e in validator.errors(value, limit=10)]
        if best is None or len(errors) < len(best.errors):
            best = Violation(address, name, errors)
    return best
