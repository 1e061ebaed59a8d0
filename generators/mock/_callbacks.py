"""Callbacks (OpenAPI 3): after answering an operation that declares `callbacks`, the mock calls the
URL the request gave (`{$request.body#/callbackUrl}`, `{$request.query.url}`, ...) with the callback
operation's example request body, else one generated from its schema.

Outbound calls go only to loopback addresses (`localhost`, 127.0.0.0/8, ::1) unless the host is
named with `--allow-callback-hosts` (`*`: any host): a contract or a request must not make the mock
call into a private network (a cloud metadata address, an internal service) by itself.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import orjson
from accord.contracts import HTTP_METHODS, resolve_pointer
from accord.contracts.http import CompiledOperation

from ._generate import Generator
from ._responses import encode

__all__ = ["Callbacks", "evaluate", "operations", "payload"]

_EXPRESSION = re.compile(r"\{(\$[^{}]+)\}")


class _Request:
    """What runtime expressions read: the request the mock answered, and its response."""

    def __init__(self, url: str, method: str, path_params, query: str, headers, body: bytes, canned) -> None:
        self.url, self.method, self.path_params = url, method, path_params
        self.query = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        self.headers, self.body, self.canned = headers, body, canned

    def json(self, raw: bytes) -> Any:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            return None


def evaluate(expression: str, request: _Request) -> str | None:
    """One runtime expression (without braces); None when what it names is absent."""
    if expression == "$url":
        return request.url
    if expression == "$method":
        return request.method
    if expression == "$statusCode":
        return str(request.canned.status)
    source, _, rest = expression.partition(".")
    if source not in ("$request", "$response"):
        return None
    if rest.startswith("body"):
        raw = request.body if source == "$request" else request.canned.body
        _, _, pointer = rest.partition("#")
        value = resolve_pointer(request.json(raw), pointer) if pointer else raw.decode("utf-8", "replace")
        if isinstance(value, str):
            return value
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    kind, _, name = rest.partition(".")
    if source == "$response":
        if kind != "header":
            return None
        found = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.canned.headers}
        return found.get(name.lower())
    where = {"header": request.headers, "query": request.query, "path": request.path_params}.get(kind)
    if where is None:
        return None
    return where.get(name.lower() if kind == "header" else name)


def expand(key: str, request: _Request) -> str | None:
    """A callback key (`{$request.body#/url}/done`, or a bare expression) as a URL; None if a part is missing."""
    if key.startswith("$"):
        return evaluate(key, request)
    missing = False

    def one(match: re.Match) -> str:
        nonlocal missing
        value = evaluate(match[1], request)
        if value is None:
            missing = True
            return ""
        return value

    url = _EXPRESSION.sub(one, key)
    return None if missing else url


class Callbacks:
    """Calls an operation's callbacks in the background after its response is sent."""

    def __init__(self, hosts: tuple[str, ...], log: Callable[[str], None]) -> None:
        self.hosts = {h.lower() for h in hosts}
        self._log = log
        self._client: httpx.AsyncClient | None = None
        self._tasks: set[asyncio.Task] = set()
        self._plans: dict[int, list[tuple[str, str, str, Any, Any]]] = {}

    def allowed(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        if "*" in self.hosts or host in self.hosts or host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def _plan(self, state: Any, operation: CompiledOperation) -> list[tuple[str, str, str, Any, Any]]:
        """(name, key, method, media type, request-body model) for each callback operation."""
        found = self._plans.get(id(operation))
        if found is not None:
            return found
        contract = state.contract
        raw = contract.at(operation.operation.pointer)
        found = []
        callbacks = raw.get("callbacks") if isinstance(raw, dict) else None
        for name, callback in (callbacks or {}).items():
            callback, _ = contract.resolve(callback)
            for key, item in (callback or {}).items() if isinstance(callback, dict) else ():
                found.extend(
                    (name, key, method, media_type, media)
                    for method, media_type, media in operations(contract, item)
                )
        self._plans[id(operation)] = found
        return found

    def after(
        self,
        state: Any,
        operation: CompiledOperation,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        path_params: dict[str, str],
        canned: Any,
    ) -> None:
        plans = self._plan(state, operation)
        if not plans:
            return
        host = headers.get("host", "localhost")
        request = _Request(
            f"http://{host}{path}" + ("?" + query if query else ""),
            operation.operation.method.upper(),
            path_params,
            query,
            headers,
            body,
            canned,
        )
        for name, key, method, media_type, media in plans:
            url = expand(key, request)
            if not url:
                self._log(f"callback {name}: {key} names nothing in this request; not called")
                continue
            if not self.allowed(url):
                self._log(
                    f"callback {name}: {url} is not a loopback address; not called "
                    "(allow its host with --allow-callback-hosts)"
                )
                continue
            body = payload(state, media_type, media, name)
            task = asyncio.get_running_loop().create_task(self._call(name, method, url, media_type, body))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def call(
        self, name: str, method: str, url: str, media_type: str | None, body: bytes
    ) -> tuple[int | None, str | None]:
        """Make one call and log it: (the receiver's status, None), or (None, what went wrong)."""
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=10.0, follow_redirects=False)
        headers = {"content-type": media_type} if media_type and body else {}
        try:
            response = await self._client.request(method, url, content=body or None, headers=headers)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
            self._log(f"{name}: {method} {url} failed: {error}")
            return None, error
        self._log(f"{name}: {method} {url} {response.status_code}")
        return response.status_code, None

    async def _call(self, name: str, method: str, url: str, media_type: str | None, body: bytes) -> None:
        await self.call(f"callback {name}", method, url, media_type, body)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._client is not None:
            await self._client.aclose()


def operations(contract: Any, item: Any) -> list[tuple[str, str | None, Any]]:
    """(METHOD, media type, media object of its request body) for each operation of a path item."""
    item, _ = contract.resolve(item)
    found = []
    for method in HTTP_METHODS:
        target = item.get(method) if isinstance(item, dict) else None
        if not isinstance(target, dict):
            continue
        body, _ = contract.resolve(target.get("requestBody"))
        content = body.get("content") if isinstance(body, dict) else None
        media_type, media = next(iter(content.items()), (None, None)) if content else (None, None)
        found.append((method.upper(), media_type, media))
    return found


def payload(state: Any, media_type: str | None, media: Any, name: str) -> bytes:
    """A callback's (or webhook's) request body: its first example, else a value generated from its schema."""
    if not isinstance(media, dict) or media_type is None:
        return b""
    contract = state.contract
    value: Any = None
    generated = False
    if "example" in media:
        value = media["example"]
    elif isinstance(media.get("examples"), dict) and media["examples"]:
        first, _ = contract.resolve(next(iter(media["examples"].values())))
        value = first.get("value") if isinstance(first, dict) else None
    elif media.get("schema") is not None:
        generator = Generator(contract, "request")
        value = generator.value(media["schema"], random.Random(f"{state.options.seed}:callback:{name}"))
        generated = True
    if value is None:
        return b""
    return encode(value, media_type, media.get("schema"), contract, generated=generated)
