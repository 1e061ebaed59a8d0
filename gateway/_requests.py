"""The outermost middleware: gives each request its context (request id, client, forwarding headers).

A valid incoming `X-Request-Id` is kept, otherwise one is made; it goes upstream and back to the
client. Requests with oversized headers are answered 431 here and go no further. The response
headers other middlewares set (`RequestContext.set_headers`) are applied here, once, with the
request id, and the response status is noted on the context (for metrics).
"""

from __future__ import annotations

import os
import re

from ._context import RequestContext
from ._forwarding import TrustedProxies, first_header, forwarded_headers
from ._problems import send_problem
from ._sending import with_headers
from ._types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContextMiddleware"]

_REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:@/+=-]{1,128}$")


class RequestContextMiddleware:
    def __init__(
        self, app: ASGIApp, *, trusted: TrustedProxies, max_body: int, max_header_bytes: int
    ) -> None:
        self.app = app
        self.trusted = trusted
        self.max_body = max_body
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # not proxied: refused during the handshake (HTTP 403)
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        incoming = first_header(headers, b"x-request-id")
        request_id = incoming.decode() if incoming and _REQUEST_ID.match(incoming) else os.urandom(16).hex()
        peer = scope["client"][0] if scope.get("client") else None
        upstream_headers, client = forwarded_headers(
            [(n, v) for n, v in headers if n != b"x-request-id"],
            peer,
            scope.get("scheme", "http"),
            self.trusted,
        )
        ctx = RequestContext(request_id, client, upstream_headers, self.max_body)
        scope["accord"] = ctx
        id_header = (b"x-request-id", request_id.encode())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                ctx.status = message["status"]
                message["headers"] = with_headers(
                    message.get("headers", ()), [*ctx.response_headers, id_header]
                )
            await send(message)

        if sum(len(n) + len(v) + 4 for n, v in headers) > self.max_header_bytes:
            await send_problem(
                send_with_headers, 431, f"The request headers are over {self.max_header_bytes} bytes."
            )
            return
        await self.app(scope, receive, send_with_headers)
