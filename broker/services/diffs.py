"""The text difference between two pact contents (what a consumer changed), as the Pact Broker's
`/diff` resources answer it: the pacts pretty-printed, compared line by line."""

from __future__ import annotations

import difflib
from typing import Any

import orjson

__all__ = ["pact_diff"]


def _lines(content: str) -> list[str]:
    document: dict[str, Any] = orjson.loads(content)
    for key in ("interactions", "messages"):
        if isinstance(document.get(key), list):
            document[key] = [
                {k: v for k, v in i.items() if k != "_id"} if isinstance(i, dict) else i
                for i in document[key]
            ]
    document.pop("metadata", None)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode().splitlines()


def pact_diff(older: str, newer: str, older_label: str, newer_label: str) -> str:
    """A unified diff from `older` to `newer`; "no differences" when the contents are the same."""
    lines = list(
        difflib.unified_diff(_lines(older), _lines(newer), older_label, newer_label, n=3, lineterm="")
    )
    if not lines:
        return f"No differences between {older_label} and {newer_label}\n"
    return "\n".join(lines) + "\n"
