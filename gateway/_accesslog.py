"""One JSON line per request on the `accord.gateway.access` logger."""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime

import orjson

from ._types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AccessLogMiddleware"]

access_log = logging.getLogger("accord.gateway.access")


class _Clock:
    """`2026-01-02T03:04:05.678+00:00` for now; the part up to the second is formatted once a second."""

    def __init__(self) -> None:
        self._second = -1
        self._prefix = ""

    def now(self) -> str:
        now = time.time()
        second = int(now)
        if second != self._second:
            self._prefix = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = second
        return f"{self._prefix}.{int((now - second) * 1000):03d}+00:00"


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.clock = _Clock()
        self.pid = os.getpid()  # which worker answered, under `workers: N`

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, sent = 500, 0

        async def observe(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            ctx = scope.get("accord")
            line = {
                "time": self.clock.now(),
                "request_id": ctx.request_id if ctx else None,
                "client": ctx.client if ctx else None,
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "bytes": sent,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                "pid": self.pid,
            }
            if ctx is not None:
                if ctx.api is not None:
                    line["api"] = ctx.api.name
                if ctx.version is not None:
                    line["version"] = ctx.version.name
                if ctx.operation is not None:
                    line["operation"] = ctx.route_label
                if ctx.claims and "sub" in ctx.claims:
                    line["subject"] = ctx.claims["sub"]
                line.update(ctx.notes)
            # a record made here, not by `access_log.info`: that one also looks up the caller's frame
            access_log.handle(
                logging.LogRecord(
                    access_log.name, logging.INFO, __file__, 0, orjson.dumps(line).decode(), None, None
                )
            )
