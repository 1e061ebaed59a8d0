"""Discovery as ASGI middleware: counts every answered request into the gateway's `Discovery` and serves
`GET /__accord/discovery` (its JSON) to the client networks `discovery.allow` names."""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from ._discovery import Discovery
from ._problems import send_problem
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["DISCOVERY_PATH", "DiscoveryMiddleware"]

DISCOVERY_PATH = "/__accord/discovery"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _allowed(scope: Scope, networks: list[Network]) -> bool:
    """The direct peer (never a forwarded address: those are the client's to write) is in a network."""
    peer = scope.get("client")
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer[0])
    except ValueError:
        return False
    return any(address in network for network in networks)


class DiscoveryMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        discovery: Discovery,
        snapshot: Callable[[], Awaitable[dict[str, Any]]],
        allow: list[str],
    ) -> None:
        """`discovery` counts this process's requests; `snapshot` gives what to serve (every worker's)."""
        self.app = app
        self.discovery = discovery
        self.snapshot = snapshot
        self.allow = [ipaddress.ip_network(item, strict=False) for item in allow]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == DISCOVERY_PATH:
            await self._serve(scope, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            ctx = scope.get("accord")
            if ctx is not None and ctx.notes.get("cors") != "preflight":
                subject = ctx.claims.get("sub") if ctx.claims else None
                self.discovery.record(
                    method=scope["method"],
                    path=scope["path"],
                    when=None,
                    client=str(subject) if subject is not None else ctx.client,
                    status=ctx.status,
                    api=ctx.api.name if ctx.api is not None else None,
                    version=ctx.version.name if ctx.version is not None else None,
                    operation=ctx.route_label if ctx.operation is not None else None,
                )

    async def _serve(self, scope: Scope, send: Send) -> None:
        if not _allowed(scope, self.allow):
            await send_problem(
                send, 403, f"{DISCOVERY_PATH} is served only to the networks in discovery.allow."
            )
            return
        if scope["method"] not in ("GET", "HEAD"):
            await send_problem(
                send, 405, f"{DISCOVERY_PATH} answers GET.", headers=[(b"allow", b"GET, HEAD")]
            )
            return
        body = orjson.dumps(await self.snapshot())
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
