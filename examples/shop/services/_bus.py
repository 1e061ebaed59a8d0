"""Publishing the shop's events from synchronous handlers: one background thread runs the event
loop of the generated `shop_events` channels (FastStream on NATS) and handlers hand it messages.

Every event carries an `eventId` header (the contract requires it); a redelivery repeats it, which is
how the saga recognises one. `SHOP_NATS_URL` names the server, `SHOP_EVENT_PREFIX` namespaces the
subjects (tests run side by side on one NATS); an empty SHOP_NATS_URL turns events off."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from functools import cache
from typing import Any

from shop_events import Channels, broker

log = logging.getLogger("shop.events")


class EventBus:
    """Publishes on the generated channels from any thread; connects on first use."""

    def __init__(self, url: str, prefix: str) -> None:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="shop-events", daemon=True).start()
        self._channels = Channels(broker(url), prefix=prefix)
        self._connected: Future[Any] = asyncio.run_coroutine_threadsafe(
            self._channels.broker.connect(), self._loop
        )

    def publish(self, name: str, payload: dict[str, Any]) -> str:
        """Publish `payload` as event `name` (e.g. "stock_reserved"); returns the event's id."""
        event_id = str(uuid.uuid4())
        send: Callable[..., Awaitable[None]] = getattr(self._channels, f"publish_{name}")
        self._connected.result(timeout=10)
        asyncio.run_coroutine_threadsafe(send(payload, headers={"eventId": event_id}), self._loop).result(
            timeout=10
        )
        return event_id


@cache
def bus() -> EventBus:
    """The process's bus, from `SHOP_NATS_URL` and `SHOP_EVENT_PREFIX`."""
    return EventBus(
        os.environ.get("SHOP_NATS_URL", "nats://127.0.0.1:4222"), os.environ.get("SHOP_EVENT_PREFIX", "")
    )
