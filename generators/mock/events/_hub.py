"""The in-process WebSocket endpoint and status page of the event mock (a raw ASGI app).

A WebSocket client connected to `/ADDRESS` receives the payload of every message published on that
address (a parameterised channel's template matches all its addresses); one connected to `/`
receives every message wrapped as `{"channel", "address", "message", "payload"}`. `GET /` answers
the mock's status as JSON: broker, state, and per operation the address and messages sent.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import orjson
from accord.contracts.http import serve_lifespan

from ._plan import ChannelPlan, Outgoing

__all__ = ["EventsApp", "Hub"]


class Hub:
    def __init__(self, plans: list[ChannelPlan]) -> None:
        self._subscribers: dict[asyncio.Queue, str] = {}
        self._patterns = {plan.template: plan.regex() for plan in plans}

    def publish(self, plan: ChannelPlan, message: Outgoing) -> None:
        envelope = None
        for queue, path in self._subscribers.items():
            if path == "":
                if envelope is None:
                    payload: Any = message.payload.decode("utf-8", "replace")
                    with contextlib.suppress(orjson.JSONDecodeError):
                        payload = orjson.loads(message.payload)
                    envelope = orjson.dumps(
                        {
                            "channel": plan.channel,
                            "address": plan.address,
                            "message": message.message,
                            "payload": payload,
                        }
                    )
                queue.put_nowait(envelope)
            elif path in (plan.address, plan.template):
                queue.put_nowait(message.payload)

    async def serve(self, path: str, receive: Callable, send: Callable) -> None:
        message = await receive()
        if message["type"] != "websocket.connect":
            return
        await send({"type": "websocket.accept"})
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        self._subscribers[queue] = path
        closed = asyncio.create_task(_until_closed(receive))
        try:
            while not closed.done():
                getter = asyncio.create_task(queue.get())
                done, _ = await asyncio.wait({getter, closed}, return_when=asyncio.FIRST_COMPLETED)
                if getter not in done:
                    getter.cancel()
                    break
                data = getter.result()
                await send({"type": "websocket.send", "text": data.decode("utf-8", "replace")})
        finally:
            self._subscribers.pop(queue, None)
            closed.cancel()


async def _until_closed(receive: Callable) -> None:
    while (await receive())["type"] != "websocket.disconnect":
        pass


class EventsApp:
    """ASGI app: WebSocket subscriptions and a JSON status page."""

    def __init__(
        self, hub: Hub, status: Callable[[], dict[str, Any]], on_startup: Callable[[], Any] | None = None
    ):
        self.hub, self.status, self._on_startup = hub, status, on_startup

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "websocket":
            await self.hub.serve(unquote(scope["path"]).strip("/"), receive, send)
        elif scope["type"] == "http":
            ok = scope["path"] in ("/", "")
            body = orjson.dumps(self.status() if ok else {"title": "Not Found", "status": 404})
            kind = b"application/json" if ok else b"application/problem+json"
            await send(
                {
                    "type": "http.response.start",
                    "status": 200 if ok else 404,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
                }
            )
            await send({"type": "http.response.body", "body": body})
        elif scope["type"] == "lifespan":
            await serve_lifespan(receive, send, startup=self._on_startup)
