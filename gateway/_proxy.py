"""The innermost ASGI app: sends the request to the chosen upstream and streams the answer back.

Every upstream call goes through one long-lived pooled transport. With the gateway's own
`UpstreamTransport` the proxy drives it on raw bytes (`exchange`), building no httpx objects per
request; any other `httpx.AsyncBaseTransport` (e.g. `httpx.MockTransport` in unit tests) is called
through the transport interface. Either way the proxy keeps no cookie jar, follows no redirects
and adds no headers of its own. Bodies are streamed both ways, never buffered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import httpx

from ._body import BodyTooLarge, ClientDisconnected, declared_length, send_too_large, stream_body
from ._context import context_of
from ._forwarding import HOP_BY_HOP, strip_hop_by_hop
from ._problems import send_problem
from ._transport import DEFAULT_PORTS, UpstreamTransport
from ._types import Receive, Scope, Send

__all__ = ["UpstreamProxy"]

log = logging.getLogger("accord.gateway")

_URL_CACHE = 4096
# set by the proxy for the upstream request (the client's 100-continue was answered by the server)
_SET_HERE = frozenset({b"host", b"content-length", b"expect"})
_NOT_PASSED = HOP_BY_HOP | _SET_HERE
_EMPTY_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})  # these say `Content-Length: 0` when bodiless


class _Target:
    """A parsed upstream URL: what the request line and the connection pool need."""

    __slots__ = ("host", "origin", "target", "url")

    def __init__(self, text: str) -> None:
        self.url = url = httpx.URL(text)
        self.origin = (url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme, 80))
        self.target = url.raw_path
        self.host = url.netloc


class _RequestBody(httpx.AsyncByteStream):
    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self.chunks = chunks

    def __aiter__(self):
        return self.chunks


class UpstreamProxy:
    def __init__(
        self,
        transport: httpx.AsyncBaseTransport,
        *,
        connect_timeout: float,
        upstream_timeout: float,
        on_upstream_error=None,
    ) -> None:
        self.transport = transport
        self.direct = isinstance(transport, UpstreamTransport)
        self.timeout = httpx.Timeout(upstream_timeout, connect=connect_timeout).as_dict()
        self.on_upstream_error = on_upstream_error or (lambda scope, kind: None)
        self._targets: dict[str, _Target] = {}

    def _target(self, text: str) -> _Target:
        """Parsed upstream URLs, remembered (boundedly): parsing is a large share of a request's cost."""
        target = self._targets.get(text)
        if target is None:
            if len(self._targets) >= _URL_CACHE:
                self._targets.clear()
            target = self._targets[text] = _Target(text)
        return target

    async def _open(self, method: str, target: _Target, headers, body: AsyncIterator[bytes] | None, length):
        """(status, raw response headers, response body stream) from the upstream."""
        if self.direct:
            return await self.transport.exchange(  # type: ignore[attr-defined]
                target.origin,
                method.encode(),
                target.target,
                headers,
                body,
                chunked=body is not None and length is None,
                # as through httpx: only a request that went without Content-Length is sent again
                replayable=body is None and length is None and method not in _EMPTY_BODY_METHODS,
                timeout=self.timeout,
            )
        request = httpx.Request(
            method,
            target.url,
            headers=headers,
            stream=_RequestBody(body) if body is not None else None,
            extensions={"timeout": self.timeout},
        )
        response = await self.transport.handle_async_request(request)
        return response.status_code, response.headers.raw, response.stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        length = declared_length(scope)
        if length is not None and length > ctx.max_body:
            await send_too_large(send, ctx.max_body)
            return
        has_body = bool(length) or any(n == b"transfer-encoding" for n, _ in scope["headers"])
        url = ctx.version.next_upstream() + ctx.upstream_path
        query = scope.get("query_string", b"")
        target = self._target(url + "?" + query.decode("latin-1") if query else url)
        method = scope["method"]
        headers = [(b"host", target.host)]
        headers += strip_hop_by_hop(ctx.upstream_headers, _NOT_PASSED)
        headers.append((b"x-request-id", ctx.request_id.encode()))
        if length is not None:
            headers.append((b"content-length", str(length).encode()))
        elif has_body:
            headers.append((b"transfer-encoding", b"chunked"))
        elif method in _EMPTY_BODY_METHODS:
            headers.append((b"content-length", b"0"))
        body = stream_body(receive, ctx.max_body) if has_body else None
        try:
            status, raw_headers, stream = await self._open(method, target, headers, body, length)
        except BodyTooLarge:
            await send_too_large(send, ctx.max_body)
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
        response_headers = raw_headers if self.direct else [(k.lower(), v) for k, v in raw_headers]
        # a body of unknown length may never end (events, long polls): stop reading it when the client goes
        watcher = None
        if not any(k == b"content-length" for k, _ in response_headers):
            watcher = asyncio.create_task(_close_when_client_leaves(receive, stream))
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": strip_hop_by_hop(response_headers),
                }
            )
            ended = False
            async for chunk in stream:  # the transport's raw bytes, still encoded
                ended = self.direct and stream.at_end
                await send({"type": "http.response.body", "body": chunk, "more_body": not ended})
                if ended:
                    break
            if not ended:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except httpx.TransportError as exc:  # the status is sent: all that is left is to cut the stream
            if watcher is not None and watcher.done():
                return  # the client left and the upstream response was closed for it
            self.on_upstream_error(scope, "stream")
            log.warning("upstream %s broke off the response: %s", url, exc)
            raise
        finally:
            if watcher is not None:
                watcher.cancel()
            await stream.aclose()


async def _close_when_client_leaves(receive: Receive, stream: httpx.AsyncByteStream) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    await stream.aclose()
