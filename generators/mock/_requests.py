"""The request log: what the mock received and answered, kept in memory (the last N), so that a
frontend's tests can assert on the calls they made.

`GET /__accord/requests` lists the entries, oldest first; `DELETE /__accord/requests` clears them.
Each entry: `time` (RFC 3339, UTC), `method`, `path`, `query` (name -> list of values), `headers`
(lower-case names), `body` (the request body as text, null when empty; the first 64 KB of a larger
one), `status`, `violations`
(Prism's `sl-violations` shape, request and response), `operation` (`GET /pets/{id}`, null when no
operation matched), `source` (example NAME, generated, proxy ...), `response` (`headers`, `body`).
"""

from __future__ import annotations

import base64
import collections
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import orjson

__all__ = ["ADMIN_PREFIX", "RequestLog"]

ADMIN_PREFIX = "/__accord/"
_PATH = "/__accord/requests"


_MAX_BODY = 64 * 1024  # bytes of each body kept: N entries stay N small entries whatever is sent


def _text(body: bytes, size: int) -> str | None:
    """The body as text (`base64:...` when not UTF-8); the first 64 KB of a larger one, said so."""
    if not body:
        return None
    kept = body[:_MAX_BODY]
    try:
        text = kept.decode("utf-8")
    except UnicodeDecodeError:
        text = "base64:" + base64.b64encode(kept).decode()
    return text if size <= _MAX_BODY else text + f"... ({size} bytes, the first {_MAX_BODY} kept)"


class RequestLog:
    """The last `size` exchanges (a bounded deque: memory stays flat however long the mock runs).
    Each is kept as it came and made into JSON only when the log is read, so recording costs a
    request next to nothing."""

    def __init__(self, size: int) -> None:
        self.entries: collections.deque[tuple] = collections.deque(maxlen=max(size, 1))

    def record(
        self,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        status: int,
        response_headers: list[tuple[bytes, bytes]],
        response_body: bytes,
        violations: list[dict[str, Any]],
        operation: str | None,
        source: str,
    ) -> None:
        self.entries.append(
            (
                time.time(),
                method,
                path,
                query,
                headers,
                body[: _MAX_BODY + 1] if len(body) > _MAX_BODY else body,
                len(body),
                status,
                response_headers,
                response_body,
                violations,
                operation,
                source,
            )
        )

    @staticmethod
    def _entry(kept: tuple) -> dict[str, Any]:
        (moment, method, path, query, headers, body, size, status, response_headers, response_body,
         violations, operation, source) = kept  # fmt: skip
        return {
            "time": datetime.fromtimestamp(moment, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "method": method,
            "path": path,
            "query": parse_qs(query, keep_blank_values=True),
            "headers": headers,
            "body": _text(body, size),
            "status": status,
            "violations": violations,
            "operation": operation,
            "source": source,
            "response": {
                "headers": {k.decode("latin-1"): v.decode("latin-1") for k, v in response_headers},
                "body": _text(response_body, len(response_body)),
            },
        }

    def answer(self, method: str, path: str) -> tuple[int, bytes, list[str]] | None:
        """(status, JSON body, allowed methods) for a request to the log's own path, else None."""
        if path.rstrip("/") != _PATH:
            return None
        if method in ("GET", "HEAD"):
            return 200, orjson.dumps([self._entry(kept) for kept in self.entries]), []
        if method == "DELETE":
            self.entries.clear()
            return 204, b"", []
        return 405, b"", ["GET", "HEAD", "DELETE"]
