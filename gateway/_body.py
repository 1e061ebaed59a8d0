"""Reading a request body with the size limit applied while it arrives."""

from __future__ import annotations

from collections.abc import AsyncIterator

from ._problems import send_problem
from ._types import Message, Receive, Scope, Send

__all__ = [
    "BodyTooLarge",
    "ClientDisconnected",
    "declared_length",
    "read_body",
    "replay",
    "send_too_large",
    "stream_body",
]


class BodyTooLarge(Exception):
    """The request body is over the configured limit."""


class ClientDisconnected(Exception):
    """The client went away while its body was being read."""


def declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def stream_body(receive: Receive, limit: int) -> AsyncIterator[bytes]:
    received = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnected
        chunk = message.get("body", b"")
        received += len(chunk)
        if received > limit:
            raise BodyTooLarge
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


async def read_body(receive: Receive, limit: int) -> bytes:
    return b"".join([chunk async for chunk in stream_body(receive, limit)])


def replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that yields the already-read body once, then defers to the real one."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


async def send_too_large(send: Send, limit: int) -> None:
    await send_problem(send, 413, f"The request body is over the limit of {limit} bytes.")
