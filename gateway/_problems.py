"""RFC 9457 problem+json answers sent straight to an ASGI `send`."""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

import orjson

from ._types import Send

__all__ = ["problem_response", "send_problem"]


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    headers: Iterable[tuple[bytes, bytes]] = (),
    **members: Any,
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """The headers and body of a problem answer; extra members go into the JSON object."""
    body = orjson.dumps(
        {
            "type": "about:blank",
            "title": title or HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            **members,
        }
    )
    return [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ], body


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    headers: Iterable[tuple[bytes, bytes]] = (),
    **members: Any,
) -> None:
    response_headers, body = problem_response(status, detail, title=title, headers=headers, **members)
    await send({"type": "http.response.start", "status": status, "headers": response_headers})
    await send({"type": "http.response.body", "body": body})
