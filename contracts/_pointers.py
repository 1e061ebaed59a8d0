"""JSON pointers (RFC 6901): escaping, splitting, resolving against a document."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

__all__ = ["MISSING", "escape", "join", "ref_pointer", "resolve_pointer", "split", "unescape"]

MISSING = object()


def escape(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: object) -> str:
    return pointer + "".join("/" + escape(t) for t in tokens)


def split(pointer: str) -> list[str]:
    """Tokens of a pointer; accepts the URI-fragment form ('#/a/b', percent-encoded)."""
    if pointer.startswith("#"):
        pointer = unquote(pointer[1:])
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def ref_pointer(ref: str) -> str:
    """The JSON pointer of a local `$ref` ('#/a/b'), percent-encoding undone."""
    return ref[1:] if "%" not in ref else join("", *split(ref))


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value at `pointer`, or MISSING."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict):
            if token not in node:
                return MISSING
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or int(token) >= len(node):
                return MISSING
            node = node[int(token)]
        else:
            return MISSING
    return node
