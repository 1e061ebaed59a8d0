"""What a request or response broke, in Prism's `sl-violations` shape.

Each violation is `{"location": ["request", "query", "limit"], "severity": "Error", "code": "maximum",
"message": "..."}`; the header holds the JSON array, cut (and prefixed `Too many violations! `) past
about 8 KB, as Prism does, so that no proxy or client refuses the response for its header size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from accord.contracts.http import Issue

__all__ = ["HEADER", "header", "violations"]

HEADER = b"sl-violations"
_MAX_HEADER = 8 * 1024 - 100


def _segments(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def violations(issues: Iterable[Issue], side: str) -> list[dict[str, Any]]:
    """`side` is "request" or "response"."""
    found = []
    for issue in issues:
        location = (
            [side] if issue.location == "security" else [side, issue.location, *_segments(issue.pointer)]
        )
        found.append(
            {"location": location, "severity": "Error", "code": issue.code or None, "message": issue.message}
        )
    return found


def header(found: list[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    """The `sl-violations` header for these violations (none when there are none)."""
    if not found:
        return []
    text = json.dumps(found, separators=(",", ":"))  # ASCII: a header value must be
    if len(text) > _MAX_HEADER:
        text = "Too many violations! " + text[:_MAX_HEADER]
    return [(HEADER, text.encode("ascii"))]
