"""The innermost ASGI app: sends the request to the chosen upstream and streams the answer back.

One long-lived pooled `httpx.AsyncClient` carries every upstream call; tests may pass a client
with another transport. Bodies are streamed both ways, never buffered here.
"""

from __future__ import annotations

import logging

import httpx

from ._body import BodyTooLarge, ClientDisconnected, declared_length, stream_body
from ._context import context_of
from ._forwarding import strip_hop_by_hop
from ._problems import send_problem
from ._types import Receive, Scope, Send

__all__ = ["UpstreamProxy", "new_upstream_client"]

log = logging.getLogger("accord.gateway")


def new_upstream_client(max_connections: int = 100) -> httpx.AsyncClient:
    """The pooled client: no default headers of its own, no redirects followed, no decompression."""
    client = httpx.AsyncClient(
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        follow_redirects=False,
        trust_env=False,
    )
    client.headers.clear()
    return client


class UpstreamProxy:
    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        connect_timeout: float,
        upstream_timeout: float,
        on_upstream_error=None,
    ) -> None:
        self.client = client
        self.timeout = httpx.Timeout(upstream_timeout, connect=connect_timeout)
        self.on_upstream_error = on_upstream_error or (lambda scope, kind: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        length = declared_length(scope)
        if length is not None and length > ctx.max_body:
            await send_problem(send, 413, f"The request body is over the limit of {ctx.max_body} bytes.")
            return
        has_body = bool(length) or any(n == b"transfer-encoding" for n, _ in scope["headers"])
        headers = [(n, v) for n, v in strip_hop_by_hop(ctx.upstream_headers) if n != b"host"]
        headers.append((b"x-request-id", ctx.request_id.encode()))
        if length is not None:
            headers.append((b"content-length", str(length).encode()))
        url = ctx.version.next_upstream() + ctx.upstream_path
        query = scope.get("query_string", b"")
        request = self.client.build_request(
            scope["method"],
            httpx.URL(url, query=query) if query else url,
            headers=headers,
            content=stream_body(receive, ctx.max_body) if has_body else None,
            timeout=self.timeout,
        )
        try:
            response = await self.client.send(request, stream=True)
        except BodyTooLarge:
            await send_problem(send, 413, f"The request body is over the limit of {ctx.max_body} bytes.")
            return
        except ClientDisconnected:
            return
        except httpx.TimeoutException:
            self.on_upstream_error(scope, "timeout")
            await send_problem(send, 504, "The upstream service did not answer in time.")
            return
        except httpx.TransportError as exc:
            self.on_upstream_error(scope, "connect")
            log.warning("upstream %s failed: %s", url, exc)
            await send_problem(send, 502, "The upstream service could not be reached.")
            return
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": response.status_code,
                    "headers": strip_hop_by_hop((k.lower(), v) for k, v in response.headers.raw),
                }
            )
            async for chunk in response.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except httpx.TransportError as exc:  # the status is sent: all that is left is to cut the stream
            self.on_upstream_error(scope, "stream")
            log.warning("upstream %s broke off the response: %s", url, exc)
            raise
        finally:
            await response.aclose()
