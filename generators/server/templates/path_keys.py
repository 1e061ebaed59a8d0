"""Requests for path keys with a query or fragment part (AWS: `/{Bucket}?acl`, `/#X-Amz-Target=Svc.Op`).

Such a key names an operation by a path plus names (and values) the request carries in its query string
or headers. The application registers each key as written; `PathKeys` gives a request that carries a
key's names that key as its path, so routing finds the operation, and leaves every other request alone.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote

from starlette.types import ASGIApp, Receive, Scope, Send


class _Key:
    def __init__(self, key: str, methods: list[str]) -> None:
        cut = min(i for i in (key.find("?"), key.find("#")) if i >= 0)
        path, self.suffix = key[:cut] or "/", key[cut:]
        parts = re.split(r"(\{[^{}]+\})", path)
        self.path = re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))
        self.methods = frozenset(methods)
        self.wanted = [  # a templated value (`?lat={lat}`) is any value
            (unquote(name), unquote(value) if sep and "{" not in value else None)
            for name, sep, value in (part.partition("=") for part in re.split(r"[&?#]", self.suffix) if part)
        ]

    def selects(self, scope: Scope) -> bool:
        if scope["method"] not in self.methods or not self.path.fullmatch(scope["path"]):
            return False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        for name, value in self.wanted:
            sent = query.get(name, []) + ([headers[name.lower()]] if name.lower() in headers else [])
            if not sent or (value is not None and value not in sent):
                return False
        return True


class PathKeys:
    """ASGI middleware: route requests to the contract's path keys with a query or fragment part."""

    def __init__(self, app: ASGIApp, keys: dict[str, list[str]]) -> None:
        self.app = app
        self.keys = sorted(
            (_Key(key, methods) for key, methods in keys.items()), key=lambda k: -len(k.wanted)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            chosen = next((key for key in self.keys if key.selects(scope)), None)
            if chosen is not None:
                raw = scope.get("raw_path") or scope["path"].encode()
                scope = {
                    **scope,
                    "path": scope["path"] + chosen.suffix,
                    "raw_path": raw + chosen.suffix.encode(),
                }
        await self.app(scope, receive, send)
