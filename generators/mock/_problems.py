"""RFC 9457 problem+json responses the mock produces itself (404, 405, 406, 415, 401, 422)."""

from __future__ import annotations

from typing import Any

import orjson

from ._responses import Canned, make_canned

__all__ = ["problem"]

_TITLES = {
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
}


def problem(
    status: int,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> Canned:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return make_canned(status, "application/problem+json", orjson.dumps(body), headers or [], "problem")
