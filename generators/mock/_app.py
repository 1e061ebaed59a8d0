"""The mock as a raw ASGI application: a route lookup, a request check, a prepared response.

Everything is compiled by `MockState` at start-up (runtime, prepared responses); a request only
costs the lookup, the validation of what it carries, and one `send` of bytes made in advance.
`--watch` swaps in a new `MockState` when the contract changes.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts import Contract, load_contract
from contracts.http import CompiledOperation, HttpRuntime, negotiate

from ._generate import Generator
from ._prefer import Preferences, read_preferences
from ._problems import problem
from ._responses import (
    Canned,
    OperationResponses,
    Rendered,
    encode,
    make_canned,
    prepare_operation,
)

__all__ = ["MockApp", "MockOptions", "MockState"]

_BODY_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))


@dataclass(slots=True)
class MockOptions:
    seed: int = 0
    stateful: bool = False
    dynamic: bool = False
    cors: bool = True
    cors_origin: str = "*"
    access_log: bool = True
    validate_requests: bool = True


class MockState:
    """A contract compiled for mocking. Build a new one to reload."""

    def __init__(self, contract: Contract, options: MockOptions) -> None:
        self.contract = contract
        self.options = options
        self.runtime = HttpRuntime(contract)
        self.generator = Generator(contract, "response")
        self.warnings: list[str] = list(self.runtime.warnings)
        common = [(b"access-control-allow-origin", options.cors_origin.encode())] if options.cors else []
        if options.cors:
            common.append((b"access-control-expose-headers", b"*"))
        self.common = common
        self._prepared: dict[int, OperationResponses] = {}
        from ._state import Collections

        self.collections = Collections(self) if options.stateful else None

    def prepared(self, operation: CompiledOperation) -> OperationResponses:
        """The operation's responses, prepared on first use (start-up stays fast on large contracts)."""
        found = self._prepared.get(id(operation))
        if found is None:
            found = prepare_operation(
                operation, self.generator, self.options.seed, self.warnings, self.common
            )
            self._prepared[id(operation)] = found
        return found

    def prepare_all(self) -> None:
        for operation in self.runtime.operations:
            self.prepared(operation)

    async def warm(self, log: Callable[[str], None]) -> None:
        """Prepare every operation in the background, yielding to requests between operations."""
        for operation in self.runtime.operations:
            self.prepared(operation)
            await asyncio.sleep(0)
        if self.warnings:
            log(f"accord mock: {len(self.warnings)} warning(s), first: {self.warnings[0]}")

    @classmethod
    def load(cls, path: str | Path, options: MockOptions) -> MockState:
        contract = load_contract(path)
        if contract.kind != "openapi":
            raise ValueError(f"{path}: not an OpenAPI contract")
        return cls(contract, options)

    def dynamic_body(self, prepared: OperationResponses, rendered: Rendered, media_type: str) -> Canned:
        """A freshly generated body (Prefer: dynamic=true), not a prepared one."""
        op = prepared.operation.operation
        model = next(r for k, r in op.responses.items() if k.upper() == rendered.key).content[media_type]
        value = (
            self.generator.value(model.schema, random.Random(), use_examples=False) if model.schema else {}
        )
        return make_canned(
            rendered.status, media_type, encode(value, media_type), rendered.header_values, "dynamic", value
        )


class MockApp:
    """ASGI application. `state` may be replaced at any time (reload)."""

    def __init__(
        self,
        state: MockState,
        log: Callable[[str], None] | None = None,
        on_startup: Callable[[], Any] | None = None,
    ):
        self.state = state
        self._log = log or _StderrLog()
        self._on_startup = on_startup

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self._on_startup is not None:
                    await self._on_startup()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: dict, receive: Callable, send: Callable) -> None:
        state = self.state
        started = time.perf_counter() if state.options.access_log else 0.0
        method = scope["method"]
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = b""
        if method in _BODY_METHODS or "content-length" in headers or "transfer-encoding" in headers:
            body = await _read_body(receive)
        canned = self._respond(state, method, path, scope["query_string"].decode("latin-1"), headers, body)
        await send({"type": "http.response.start", "status": canned.status, "headers": canned.headers})
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else canned.body})
        if state.options.access_log:
            elapsed = (time.perf_counter() - started) * 1000
            query = scope["query_string"]
            target = path + ("?" + query.decode("latin-1") if query else "")
            self._log(f"{method} {target} {canned.status} {elapsed:.1f}ms {canned.source}")

    def _respond(
        self, state: MockState, method: str, path: str, query: str, headers: dict, body: bytes
    ) -> Canned:
        if state.options.cors and method == "OPTIONS" and "access-control-request-method" in headers:
            return _preflight(state, path, headers)
        route = state.runtime.route(method, path, query, headers)
        if route.status == 404:
            return problem(404, f"no operation in the contract matches {path}", state.common)
        if route.status == 405:
            allow = [(b"allow", ", ".join(route.allowed).encode())]
            return problem(405, f"{method} is not allowed on {route.template}", allow + state.common)
        prepared = state.prepared(route.operation)
        prefs = Preferences()
        if "prefer" in headers or "__" in query:
            prefs, query = read_preferences(headers.get("prefer"), query)
        extra: list[tuple[bytes, bytes]] = []
        if prefs.ignored:
            text = "; ".join(prefs.ignored)
            extra.append(
                (b"warning", f'199 accord "unknown preference ignored: {text}"'.encode("latin-1", "replace"))
            )
        op = route.operation
        check = (
            op.check_request(route.path_params, query, headers, body)
            if state.options.validate_requests
            else None
        )
        if check is not None and not check.ok:
            return self._refused(state, prepared, check, headers, extra)
        if state.collections is not None and prefs.code is None and prefs.example is None:
            stateful = state.collections.handle(route, check, headers)
            if stateful is not None:
                return _with(stateful, extra)
        canned = self._choose(state, prepared, prefs, check, headers, extra)
        return _with(canned, extra)

    def _refused(
        self, state: MockState, prepared: OperationResponses, check: Any, headers: dict, extra: list
    ) -> Canned:
        errors = [i.as_json() for i in check.issues]
        if check.status == 401:
            own = prepared.by_status.get("401")
            challenge = [(b"www-authenticate", (prepared.operation.security.challenge or "Bearer").encode())]
            if own is not None:
                canned = _pick_media(own, headers.get("accept", ""))
                if canned is not None:
                    return _with(canned, challenge + extra)
            return problem(
                401, "credentials are required for this operation", challenge + extra + state.common
            )
        if check.status == 415:
            return problem(415, errors[0]["message"], extra + state.common, errors)
        for key in ("422", "400"):
            own = prepared.by_status.get(key)
            if own is not None:
                canned = _pick_media(own, headers.get("accept", ""))
                if canned is not None:
                    return _with(canned, extra)
        return problem(422, "the request does not match the contract", extra + state.common, errors)

    def _choose(
        self,
        state: MockState,
        prepared: OperationResponses,
        prefs: Preferences,
        check: Any,
        headers: dict,
        extra: list,
    ) -> Canned:
        key = prepared.default_key
        example = prefs.example
        if prefs.code is not None:
            if prefs.code in prepared.by_status:
                key = prefs.code
            else:
                extra.append(
                    (b"warning", f'199 accord "code={prefs.code} is not declared; ignored"'.encode())
                )
        if example is None and prepared.request_examples and check is not None:
            example = _request_example(prepared, check)
            if example is not None and prefs.code is None:
                key = _status_with_example(prepared, example, key)
        elif example is not None and prefs.code is None:
            key = _status_with_example(prepared, example, key)
        if key is None:
            return make_canned(200, None, b"", extra + state.common, "empty")
        rendered = prepared.by_status[key]
        if rendered.empty is not None:
            return rendered.empty
        accept = headers.get("accept", "")
        media_type = negotiate(accept, list(rendered.media))
        if media_type is None:
            offered = ", ".join(rendered.media)
            return problem(406, f"none of the response media types ({offered}) is acceptable", state.common)
        dynamic = prefs.dynamic if prefs.dynamic is not None else state.options.dynamic
        if example is not None:
            named = rendered.media[media_type].get(example)
            if named is not None:
                return named
            if prefs.example is not None:
                extra.append(
                    (
                        b"warning",
                        f'199 accord "example={example} not found; ignored"'.encode("latin-1", "replace"),
                    )
                )
        if dynamic:
            return state.dynamic_body(prepared, rendered, media_type)
        return rendered.defaults[media_type]


def _with(canned: Canned, extra: list[tuple[bytes, bytes]]) -> Canned:
    if not extra:
        return canned
    return Canned(
        canned.status, canned.media_type, canned.body, canned.headers + extra, canned.source, canned.value
    )


def _pick_media(rendered: Rendered, accept: str) -> Canned | None:
    if rendered.empty is not None:
        return rendered.empty
    media_type = negotiate(accept, list(rendered.media)) or next(iter(rendered.media), None)
    return rendered.defaults.get(media_type) if media_type else None


def _request_example(prepared: OperationResponses, check: Any) -> str | None:
    for name, where, value in prepared.request_examples:
        if where == "body":
            if check.has_body and check.body == value:
                return name
        else:
            location, _, param = where.partition(":")
            if check.parameters.get(location, {}).get(param, _MISSING) == value:
                return name
    return None


_MISSING = object()


def _status_with_example(prepared: OperationResponses, example: str, key: str | None) -> str | None:
    """The default status if it has the named example, else the first status that does."""
    if key is not None and any(example in named for named in prepared.by_status[key].media.values()):
        return key
    for other, rendered in prepared.by_status.items():
        if any(example in named for named in rendered.media.values()):
            return other
    return key


def _preflight(state: MockState, path: str, headers: dict) -> Canned:
    route = state.runtime.route("GET", path)
    methods = ", ".join(route.allowed) if route.allowed else "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    answer = [
        (b"access-control-allow-origin", headers.get("origin", state.options.cors_origin).encode("latin-1")),
        (b"access-control-allow-methods", methods.encode()),
        (
            b"access-control-allow-headers",
            headers.get("access-control-request-headers", "*").encode("latin-1"),
        ),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-max-age", b"600"),
        (b"vary", b"Origin"),
    ]
    return make_canned(204, None, b"", answer, "preflight")


async def _read_body(receive: Callable) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


class _StderrLog:
    """Access-log lines gathered and written to stderr together, a few times a second at most."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def __call__(self, line: str) -> None:
        if not self._lines:
            try:
                asyncio.get_running_loop().call_later(0.05, self.flush)
            except RuntimeError:  # no loop: write at once
                sys.stderr.write(line + "\n")
                return
        self._lines.append(line)

    def flush(self) -> None:
        lines, self._lines = self._lines, []
        if lines:
            sys.stderr.write("\n".join(lines) + "\n")
            sys.stderr.flush()
