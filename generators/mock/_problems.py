"""RFC 9457 problem+json responses the mock produces itself (400, 401, 403, 404, 405, 406, 415, 422, 502)."""

from __future__ import annotations

from typing import Any

import orjson

from ._responses import Canned, make_canned

__all__ = ["problem"]

_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    502: "Bad Gateway",
}


def problem(
    status: int,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
    errors: list[dict[str, Any]] | None = None,
    *,
    validation: list[dict[str, Any]] | None = None,
) -> Canned:
    """`errors`: [{location, pointer, message}]; `validation`: the same in Prism's shape (its 422 body)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    if validation is not None:
        body["validation"] = validation
    return make_canned(status, "application/problem+json", orjson.dumps(body), headers or [], "problem")
