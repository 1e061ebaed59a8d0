"""`LimitedHttpProtocol`: uvicorn's httptools protocol holding each connection to `ServerLimits` (what
is refused, and how, is described in `_limits`)."""

from __future__ import annotations

import asyncio
import http
import json
from typing import Any

from uvicorn import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from ._limits import ServerLimits

__all__ = ["LimitedHttpProtocol"]


class _Refusal(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class LimitedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with the limits of `ServerLimits` (see the module docstring)."""

    def __init__(
        self, config: Config, server_state: Any, app_state: dict[str, Any], _loop: Any = None
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits: ServerLimits = getattr(config, "server_limits", None) or ServerLimits()
        self._timer: asyncio.TimerHandle | None = None
        # while the parser runs, the timer it asks for is only noted, and started when it returns: a
        # request that arrives whole would otherwise start and cancel two timers
        self._parsing = False
        self._deferred: tuple[float, Any] | None = None
        self._in_head = True
        self._began = False  # a request has begun and its head is not complete
        self._in_body = False  # the application has the request and its body is not complete
        self._head_bytes = 0  # raw bytes received while the current head is incomplete
        self._header_bytes = 0  # URL, header names and values of the current head
        self._body_bytes = 0
        self._refusal: _Refusal | None = None

    # timers

    def _arm(self, seconds: float, expired: Any) -> None:
        self._disarm()
        if self._parsing:
            self._deferred = (seconds, expired)
        else:
            self._timer = self.loop.call_later(seconds, expired)

    def _disarm(self) -> None:
        self._deferred = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _head_expired(self) -> None:
        self._timer = None
        if not self._began:
            self.transport.close()  # nothing was asked: nothing to answer
            return
        self._abort(
            _Refusal(408, f"The request head was not complete within {self.limits.head_timeout:g} s.")
        )

    def _body_expired(self) -> None:
        self._timer = None
        if self.flow.read_paused:  # the application is not reading: not the client's delay
            self._arm(self.limits.body_timeout, self._body_expired)
            return
        self._abort(
            _Refusal(408, f"The request body was not complete within {self.limits.body_timeout:g} s.")
        )

    # connection

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.limits.head_timeout, self._head_expired)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        self._parsing = True
        try:
            super().data_received(data)
        finally:
            self._parsing = False
            if self._deferred is not None:
                self._timer = self.loop.call_later(*self._deferred)
                self._deferred = None
        if (
            self._in_head
            and self._head_bytes > self.limits.max_header_bytes
            and not self.transport.is_closing()
        ):
            self._abort(self._too_many_header_bytes())

    def send_400_response(self, msg: str) -> None:
        """Called by uvicorn for anything the parser rejects, including a refusal raised in a callback."""
        refusal, self._refusal = self._refusal, None
        self._abort(refusal or _Refusal(400, "The request is not valid HTTP/1.1."))

    # parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = self._began = True
        self._header_bytes = self._body_bytes = 0
        self._arm(self.limits.head_timeout, self._head_expired)

    def on_url(self, url: bytes) -> None:
        self._count_header_bytes(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_header_bytes(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm()
        self._in_head = self._began = False
        self._head_bytes = 0
        if self.parser.get_http_version() == "1.1" and sum(n == b"host" for n, _ in self.headers) != 1:
            self._refuse(400, "An HTTP/1.1 request needs exactly one Host header.")
        length = next((v for n, v in self.headers if n == b"content-length"), b"").strip()
        if length.isdigit() and int(length) > self.limits.max_body_bytes:
            self._refuse(413, self._too_large())
        super().on_headers_complete()
        if not (self.parser.should_upgrade() and self._should_upgrade()):
            self._in_body = True
            self._arm(self.limits.body_timeout, self._body_expired)

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        if self._body_bytes > self.limits.max_body_bytes:
            self._refuse(413, self._too_large())
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._disarm()
        self._in_body = False
        super().on_message_complete()

    # refusing

    def _count_header_bytes(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.limits.max_header_bytes:
            raise self._refuse_later(self._too_many_header_bytes())

    def _too_many_header_bytes(self) -> _Refusal:
        return _Refusal(431, f"The request head is over {self.limits.max_header_bytes} bytes.")

    def _too_large(self) -> str:
        return f"The request body is over the limit of {self.limits.max_body_bytes} bytes."

    def _refuse(self, status: int, detail: str) -> None:
        """Inside a parser callback: stop parsing; uvicorn then calls send_400_response, which answers this."""
        raise self._refuse_later(_Refusal(status, detail))

    def _refuse_later(self, refusal: _Refusal) -> _Refusal:
        self._refusal = refusal
        return refusal

    def _abort(self, refusal: _Refusal) -> None:
        """Answer `refusal` (unless a response has begun) and close; the application, if running, sees
        the client gone."""
        self._disarm()
        if self.transport.is_closing() or self.transport.get_protocol() is not self:
            return
        cycle = self.cycle  # the request's own once its body is awaited, else the one before it
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True
            cycle.message_event.set()
        if cycle is not None and cycle.response_started and (self._in_body or not cycle.response_complete):
            self.transport.close()  # an answer has begun or gone: a second one would be a lie
            return
        self.transport.write(_problem(refusal, self.server_state.default_headers))
        self.transport.close()


def _problem(refusal: _Refusal, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    title = http.HTTPStatus(refusal.status).phrase
    body = json.dumps(
        {"type": "about:blank", "title": title, "status": refusal.status, "detail": refusal.detail}
    ).encode()
    head = [STATUS_LINE[refusal.status]]
    for name, value in default_headers:
        head += [name, b": ", value, b"\r\n"]
    head += [
        b"content-type: application/problem+json\r\n",
        b"content-length: ",
        str(len(body)).encode(),
        b"\r\n",
        b"connection: close\r\n\r\n",
        body,
    ]
    return b"".join(head)
