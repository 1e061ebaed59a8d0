"""Wrapping an ASGI `send`: setting response headers on the way out."""

from __future__ import annotations

from collections.abc import Sequence

from ._types import Message, Send

__all__ = ["adding_headers"]

_LISTS = frozenset({b"link"})  # fields where the upstream's values are kept and ours appended


def adding_headers(send: Send, extra: Sequence[tuple[bytes, bytes]]) -> Send:
    """A `send` that sets `extra` on the response: the gateway's value replaces the upstream's
    (an upstream's own `Deprecation` or `RateLimit` would contradict it), except for `Link`."""
    replaced = {name for name, _ in extra} - _LISTS

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [h for h in message.get("headers", ()) if h[0].lower() not in replaced]
            message["headers"] = [*kept, *extra]
        await send(message)

    return send_with_headers
