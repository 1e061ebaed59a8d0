"""The innermost ASGI app: sends the request to the chosen upstream and streams the answer back.

Every upstream call goes through one long-lived pooled httpx transport (`UpstreamTransport` unless
another `httpx.AsyncBaseTransport` is passed in, e.g. `httpx.MockTransport` in unit tests). The proxy
speaks to the transport interface, not to `httpx.AsyncClient`: a proxy must keep no cookie jar,
follow no redirects and add no headers of its own. Bodies are streamed both ways, never buffered.
"""

from __future__ import annotations

import asyncio
import logging

import httpx

from ._body import BodyTooLarge, ClientDisconnected, declared_length, send_too_large, stream_body
from ._context import context_of
from ._forwarding import strip_hop_by_hop
from ._problems import send_problem
from ._types import Receive, Scope, Send

__all__ = ["UpstreamProxy"]

log = logging.getLogger("accord.gateway")

_URL_CACHE = 4096
# set by the proxy for the upstream request (the client's 100-continue was answered by the server)
_SET_HERE = frozenset({b"host", b"content-length", b"expect"})


class _RequestBody(httpx.AsyncByteStream):
    def __init__(self, receive: Receive, limit: int) -> None:
        self.chunks = stream_body(receive, limit)

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
        self.timeout = httpx.Timeout(upstream_timeout, connect=connect_timeout).as_dict()
        self.on_upstream_error = on_upstream_error or (lambda scope, kind: None)
        self._urls: dict[str, httpx.URL] = {}

    def _url(self, text: str) -> httpx.URL:
        """Parsed upstream URLs, remembered (boundedly): parsing is a large share of a request's cost."""
        url = self._urls.get(text)
        if url is None:
            if len(self._urls) >= _URL_CACHE:
                self._urls.clear()
            url = self._urls[text] = httpx.URL(text)
        return url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        length = declared_length(scope)
        if length is not None and length > ctx.max_body:
            await send_too_large(send, ctx.max_body)
            return
        has_body = bool(length) or any(n == b"transfer-encoding" for n, _ in scope["headers"])
        headers = [(n, v) for n, v in strip_hop_by_hop(ctx.upstream_headers) if n not in _SET_HERE]
        headers.append((b"x-request-id", ctx.request_id.encode()))
        if length is not None:
            headers.append((b"content-length", str(length).encode()))
        elif has_body:
            headers.append((b"transfer-encoding", b"chunked"))
        url = ctx.version.next_upstream() + ctx.upstream_path
        query = scope.get("query_string", b"")
        request = httpx.Request(
            scope["method"],
            self._url(url + "?" + query.decode("latin-1") if query else url),
            headers=headers,
            stream=_RequestBody(receive, ctx.max_body) if has_body else None,
            extensions={"timeout": self.timeout},
        )
        try:
            response = await self.transport.handle_async_request(request)
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
        # a body of unknown length may never end (events, long polls): stop reading it when the client goes
        watcher = None
        if "content-length" not in response.headers:
            watcher = asyncio.create_task(_close_when_client_leaves(receive, response))
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": response.status_code,
                    "headers": strip_hop_by_hop((k.lower(), v) for k, v in response.headers.raw),
                }
            )
            async for chunk in response.stream:  # the transport's raw bytes, still encoded
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
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
            await response.aclose()


async def _close_when_client_leaves(receive: Receive, response: httpx.Response) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    await response.aclose()
