"""Wrapping an ASGI `send`: adding response headers on the way out."""

from __future__ import annotations

from collections.abc import Sequence

from ._types import Message, Send

__all__ = ["adding_headers"]


def adding_headers(send: Send, extra: Sequence[tuple[bytes, bytes]]) -> Send:
    """A `send` that appends `extra` to the response's headers."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", ()), *extra]
        await send(message)

    return send_with_headers
