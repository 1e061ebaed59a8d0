"""Requests for path keys with a query or fragment part (AWS: `/{Bucket}?acl`, `/#X-Amz-Target=Svc.Op`).

Such a key names an operation by a path plus names (and values) the request carries in its query string
or headers. The application registers each key as written; `PathKeys` gives a request that carries a
key's names that key as its path, so routing finds the operation, and leaves every other request alone.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote

from starlette.types import ASGIApp, Receive, Scope, Send


class _Key:
    def __init__(self, key: str, methods: list[str]) -> None:
        cut = min(i for i in (key.find("?"), key.find("#")) if i >= 0)
        path, self.suffix = key[:cut] or "/", key[cut:]
        parts = re.split(r"(\{[^{}]+\})", path)
        self.path = re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))
        self.methods = frozenset(methods)
        self.wanted = [  # a templated value (`?lat={lat}`) matches any value and is a path parameter
            (unquote(name), unquote(value) if sep else None)
            for name, sep, value in (part.partition("=") for part in re.split(r"[&?#]", self.suffix) if part)
        ]

    def suffix_for(self, scope: Scope) -> str | None:
        """The key's part with the request's values in its templates, if the request carries the key."""
        if scope["method"] not in self.methods or not self.path.fullmatch(scope["path"]):
            return None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        suffix = self.suffix
        for name, value in self.wanted:
            sent = query.get(name, []) + ([headers[name.lower()]] if name.lower() in headers else [])
            templated = value is not None and value[:1] == "{"
            if not sent or (value is not None and not templated and value not in sent):
                return None
            if templated:
                suffix = suffix.replace(value, sent[0], 1)
        return suffix


class PathKeys:
    """ASGI middleware: route requests to the contract's path keys with a query or fragment part."""

    def __init__(self, app: ASGIApp, keys: dict[str, list[str]]) -> None:
        self.app = app
        self.keys = sorted(
            (_Key(key, methods) for key, methods in keys.items()), key=lambda k: -len(k.wanted)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            suffix = next((s for s in (key.suffix_for(scope) for key in self.keys) if s is not None), None)
            if suffix is not None:
                raw = scope.get("raw_path") or scope["path"].encode()
                encoded = quote(suffix, safe="?#&=").encode()
                scope = {**scope, "path": scope["path"] + suffix, "raw_path": raw + encoded}
        await self.app(scope, receive, send)
