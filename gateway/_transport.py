"""The upstream transport under the pooled httpx client: HTTP/1.1 keep-alive connections, parsed by httptools.

httpx's default pool (httpcore) spends most of a proxied request's time on pool bookkeeping when
many requests are in flight; this transport keeps, per origin, a stack of idle connections and a
global cap on open ones, and parses responses with the C parser uvicorn already uses. It is an
`httpx.AsyncBaseTransport` (any other one, e.g. `httpx.MockTransport`, can take its place), and
`exchange()` lets the proxy drive it on raw bytes without building httpx objects per request.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from collections.abc import AsyncIterable

import httptools
import httpx

__all__ = ["DEFAULT_PORTS", "UpstreamTransport"]

_HIGH_WATER = 1 << 20  # pause reading from an upstream when this much body is buffered
DEFAULT_PORTS = {"http": 80, "https": 443}
_TIMER_SLACK = 0.001  # the event loop's timers may fire this much early (millisecond resolution)


class _Connection(asyncio.Protocol):
    """One upstream connection; one exchange at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.closed = False
        self.reusable = True
        self._writable = asyncio.Event()
        self._writable.set()
        # the read timeout: one timer a connection, re-armed only when it fires before the deadline
        # of the wait then pending (a timer per wait costs more than the rest of the wait)
        self._deadline: float | None = None  # when the pending wait fails
        self._timer: asyncio.TimerHandle | None = None
        self._begin(head=False)

    def _begin(self, head: bool) -> None:
        self.head = head
        self.started = False  # a byte of the response has arrived
        self.complete = False
        self.error: Exception | None = None
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.headers_done = False
        self.interim = False  # inside a 1xx answer (100 Continue, 103 Early Hints): skipped
        self.until_close = False  # a body without length or chunking ends when the connection does
        self.chunks: deque[bytes] = deque()
        self.buffered = 0
        self.paused = False
        self.waiter: asyncio.Future | None = None

    # -- asyncio.Protocol -------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.started = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"malformed upstream response: {exc}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._writable.set()
        if self.until_close and exc is None:
            self.complete = True
            self._wake()
        if not self.complete:
            self._fail(httpx.ReadError(str(exc) if exc else "the upstream closed the connection"))

    def pause_writing(self) -> None:
        self._writable.clear()

    def resume_writing(self) -> None:
        self._writable.set()

    # -- httptools callbacks ------------------------------------------------------------------
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        status = self.parser.get_status_code()
        if 100 <= status < 200 and status != 101:
            self.interim = True
            self.headers = []
            return
        self.status = status
        self.headers_done = True
        names = {name for name, _ in self.headers}
        if b"content-length" not in names and b"transfer-encoding" not in names and status not in (204, 304):
            self.until_close = not self.head
            self.reusable = False
        if not self.parser.should_keep_alive():
            self.reusable = False
        if self.head:  # the parser cannot know a HEAD answer has no body: never reuse this one
            self.reusable = False
            self.complete = True
        self._wake()

    def on_body(self, body: bytes) -> None:
        if self.complete:
            return
        self.chunks.append(body)
        self.buffered += len(body)
        if self.buffered > _HIGH_WATER and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if self.interim:
            self.interim = False
            return
        self.complete = True
        self._wake()

    # -- the exchange ---------------------------------------------------------------------------
    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def _fail(self, exc: Exception) -> None:
        self.error = exc
        self.reusable = False
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(exc)

    async def _wait(self, timeout: float | None) -> None:
        self.waiter = waiter = self.loop.create_future()
        if timeout is not None:
            self._deadline = self.loop.time() + timeout
            if self._timer is None:
                self._timer = self.loop.call_at(self._deadline, self._expire)
        try:
            await waiter
        finally:
            self._deadline = None
            self.waiter = None

    def _expire(self) -> None:
        self._timer = None
        deadline = self._deadline
        if deadline is None:  # no wait is pending
            return
        if self.loop.time() < deadline - _TIMER_SLACK:  # armed for an earlier wait
            self._timer = self.loop.call_at(deadline, self._expire)
            return
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(httpx.ReadTimeout("upstream read timed out"))

    async def send(
        self,
        method: bytes,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: AsyncIterable[bytes] | None,
        chunked: bool,
        write_timeout: float | None,
    ) -> None:
        self._begin(head=method == b"HEAD")
        head = [b"%s %s HTTP/1.1\r\n" % (method, target)]
        head += [b"%s: %s\r\n" % header for header in headers]
        head.append(b"\r\n")
        self._write(b"".join(head))
        if body is None:
            return
        try:
            async for chunk in body:
                if chunk:
                    self._write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                    await self._drain(write_timeout)
            if chunked:
                self._write(b"0\r\n\r\n")
            await self._drain(write_timeout)
        except httpx.WriteError:
            if not self.started:  # the upstream answered before taking the whole body: use its answer
                raise

    def _write(self, data: bytes) -> None:
        if self.closed or self.transport is None:
            raise httpx.WriteError("the upstream connection is closed")
        self.transport.write(data)

    async def _drain(self, timeout: float | None) -> None:
        if self._writable.is_set():
            return
        try:
            await asyncio.wait_for(self._writable.wait(), timeout)
        except TimeoutError:
            raise httpx.WriteTimeout("upstream write timed out") from None
        if self.closed:
            raise httpx.WriteError("the upstream closed the connection")

    async def response_head(self, timeout: float | None) -> tuple[int, list[tuple[bytes, bytes]]]:
        while not self.headers_done:
            if self.error is not None:
                raise self.error
            await self._wait(timeout)
        return self.status, self.headers

    async def read(self, timeout: float | None) -> bytes | None:
        """The next body chunk, or None at the end of the response."""
        while not self.chunks:
            if self.complete:
                return None
            if self.error is not None:
                raise self.error
            await self._wait(timeout)
        chunk = self.chunks.popleft()
        self.buffered -= len(chunk)
        if self.paused and self.buffered < _HIGH_WATER // 2 and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        return chunk

    def close(self) -> None:
        self.reusable = False
        if self.transport is not None and not self.closed:
            self.transport.close()


class _ResponseBody(httpx.AsyncByteStream):
    def __init__(self, pool: UpstreamTransport, origin: tuple, connection: _Connection, timeout) -> None:
        self.pool = pool
        self.origin = origin
        self.connection = connection
        self.timeout = timeout
        self.released = False

    def __aiter__(self):
        return self

    async def __anext__(self) -> bytes:
        chunk = await self.connection.read(self.timeout)
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    @property
    def at_end(self) -> bool:
        """Every byte of the response has arrived and been read: the last chunk was the last."""
        return self.connection.complete and not self.connection.chunks

    async def aclose(self) -> None:
        if not self.released:
            self.released = True
            self.pool._release(self.origin, self.connection)


class UpstreamTransport(httpx.AsyncBaseTransport):
    """Keep-alive HTTP/1.1 to the upstreams, at most `max_connections` open (and busy) at once."""

    def __init__(self, max_connections: int = 100, ssl_context: ssl.SSLContext | None = None) -> None:
        self._idle: dict[tuple, list[_Connection]] = {}
        self._slots = asyncio.Semaphore(max_connections)
        self._ssl = ssl_context

    def _take(self, origin: tuple) -> _Connection | None:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            if not connection.closed and connection.reusable:
                return connection
        return None

    def _release(self, origin: tuple, connection: _Connection) -> None:
        if connection.complete and connection.reusable and not connection.closed and connection.error is None:
            self._idle.setdefault(origin, []).append(connection)
        else:
            connection.close()
        self._slots.release()

    async def _connect(self, origin: tuple, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        tls = None
        if scheme == "https":
            tls = self._ssl or ssl.create_default_context()
        try:
            _, connection = await asyncio.wait_for(
                loop.create_connection(
                    lambda: _Connection(loop), host, port, ssl=tls, server_hostname=host if tls else None
                ),
                timeout,
            )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {host}:{port} timed out") from None
        except OSError as exc:
            raise httpx.ConnectError(f"cannot connect to {host}:{port}: {exc.strerror or exc}") from None
        return connection

    async def exchange(
        self,
        origin: tuple[str, str, int],
        method: bytes,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: AsyncIterable[bytes] | None,
        *,
        chunked: bool = False,
        replayable: bool = False,
        timeout: dict[str, float | None],
    ) -> tuple[int, list[tuple[bytes, bytes]], _ResponseBody]:
        """Send one request and wait for the response head: (status, raw headers, body stream).

        The proxy's hot path calls this directly (no httpx objects per request); `body` is None for
        a request without one, `replayable` says an idle connection found closed may be retried.
        The body stream must be closed (`aclose`) to give the connection back.
        """
        if self._slots.locked():  # every connection is busy: wait for one, at most the pool timeout
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout.get("pool"))
            except TimeoutError:
                raise httpx.PoolTimeout("no upstream connection became free in time") from None
        else:
            await self._slots.acquire()
        write_timeout = timeout.get("write")
        connection: _Connection | None = None
        try:
            connection = self._take(origin)
            reused = connection is not None
            if connection is None:
                connection = await self._connect(origin, timeout.get("connect"))
            try:
                await connection.send(method, target, headers, body, chunked, write_timeout)
                status, response_headers = await connection.response_head(timeout.get("read"))
            except (httpx.ReadError, httpx.WriteError):
                # an idle connection the upstream had already closed: retry once, if that is safe
                if not (reused and replayable and not connection.started):
                    raise
                connection.close()
                connection = await self._connect(origin, timeout.get("connect"))
                await connection.send(method, target, headers, body, chunked, write_timeout)
                status, response_headers = await connection.response_head(timeout.get("read"))
        except BaseException:
            if connection is not None:
                connection.close()
            self._slots.release()
            raise
        return status, response_headers, _ResponseBody(self, origin, connection, timeout.get("read"))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        chunked = request.headers.get("transfer-encoding", "").lower() == "chunked"
        has_body = chunked or request.headers.get("content-length", "0") != "0"
        status, headers, stream = await self.exchange(
            (url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme, 80)),
            request.method.encode(),
            url.raw_path,
            request.headers.raw,
            request.stream if has_body else None,  # type: ignore[arg-type]
            chunked=chunked,
            replayable="content-length" not in request.headers and "transfer-encoding" not in request.headers,
            timeout=request.extensions.get("timeout", {}),
        )
        return httpx.Response(
            status, headers=headers, stream=stream, extensions={"http_version": b"HTTP/1.1"}
        )

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()
