"""The outermost middleware: gives each request its context (request id, client, forwarding headers).

A valid incoming `X-Request-Id` is kept, otherwise one is made; it goes upstream and back to the
client. Requests with oversized headers are answered 431 here and go no further.
"""

from __future__ import annotations

import os
import re

from ._context import RequestContext
from ._forwarding import TrustedProxies, first_header, forwarded_headers
from ._problems import send_problem
from ._types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContextMiddleware"]

_REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:@/+=-]{1,128}$")


class RequestContextMiddleware:
    def __init__(
        self, app: ASGIApp, *, trusted: TrustedProxies, max_body: int, max_header_bytes: int = 16384
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
        if sum(len(n) + len(v) + 4 for n, v in headers) > self.max_header_bytes:
            await send_problem(
                send, 431, f"The request headers are over {self.max_header_bytes} bytes.", headers=[id_header]
            )
            return

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *(h for h in message.get("headers", ()) if h[0] != b"x-request-id"),
                    id_header,
                ]
            await send(message)

        await self.app(scope, receive, send_with_id)
