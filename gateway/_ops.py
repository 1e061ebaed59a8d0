"""The gateway's own endpoints under `/-/`: health, readiness and Prometheus metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import orjson
from prometheus_client import CONTENT_TYPE_LATEST

from ._metrics import GatewayMetrics
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["OpsMiddleware"]


async def _send(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class OpsMiddleware:
    def __init__(
        self, app: ASGIApp, metrics: GatewayMetrics, readiness: Callable[[], Awaitable[dict[str, bool]]]
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.readiness = readiness

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"] if scope["type"] == "http" else ""
        if path == "/-/health":
            await _send(send, 200, b'{"status":"ok"}', b"application/json")
        elif path == "/-/ready":
            checks = await self.readiness()
            ready = all(checks.values())
            body = orjson.dumps({"status": "ready" if ready else "not ready", "checks": checks})
            await _send(send, 200 if ready else 503, body, b"application/json")
        elif path == "/-/metrics":
            await _send(send, 200, self.metrics.exposition(), CONTENT_TYPE_LATEST.encode())
        else:
            await self.app(scope, receive, send)
