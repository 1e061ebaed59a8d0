"""The mock as a raw ASGI application: a route lookup, a request check, a prepared response.

Everything is compiled by `CompiledMock` at start-up (runtime, prepared responses); a request only
costs the lookup, the validation of what it carries, and one `send` of bytes made in advance.
`--watch` swaps in a new `CompiledMock` when the contract changes. Around that: the request log
(`/__accord/requests`), webhooks sent on request (`/__accord/webhooks`), CORS by the request's origin, proxy mode (`--proxy`) and callbacks.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accord.contracts import Contract, load_contract
from accord.contracts.http import CompiledOperation, HttpRuntime, Issue, negotiate, serve_lifespan

from ._callbacks import Callbacks
from ._generate import Generator
from ._lenient import Warnings, contract_warnings
from ._prefer import Preferences, read_preferences
from ._problems import problem
from ._proxy import Upstream
from ._requests import ADMIN_PREFIX, RequestLog
from ._responses import (
    Canned,
    OperationResponses,
    Rendered,
    encode,
    make_canned,
    prepare_operation,
)
from ._violations import header, violations
from ._webhooks import WEBHOOKS_PATH, send_webhook

__all__ = ["CompiledMock", "MockApp", "MockOptions"]

_BODY_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))


@dataclass(slots=True)
class MockOptions:
    seed: int = 0
    stateful: bool = False
    dynamic: bool = False
    cors: bool = True
    cors_origins: tuple[str, ...] = ()  # the origins allowed; empty: any
    cors_credentials: bool = True  # Access-Control-Allow-Credentials (the origin is echoed, never `*`)
    access_log: bool = True
    validate_requests: bool = True
    strict: bool = False  # examples that break their schema are not served by default
    request_log: int = 1000  # the last N exchanges kept for /__accord/requests (0: none)
    proxy: str | None = None  # forward to this upstream, validating both ways
    fallback: bool = False  # proxy: the mock answers what the upstream does not implement (501, down)
    callback_hosts: tuple[str, ...] = ()  # hosts callbacks may call besides loopback ("*": any)


class CompiledMock:
    """A contract compiled for mocking. Build a new one to reload."""

    def __init__(self, contract: Contract, options: MockOptions, reported: Iterable[str] = ()) -> None:
        """`reported`: pointers of problems already reported (the specification errors printed at
        start-up); a schema left unvalidated because of one of them is not reported again."""
        self.contract = contract
        self._reported = tuple(reported)
        self.options = options
        self.runtime = HttpRuntime(contract)
        self.generator = Generator(contract, "response")
        self.warnings = Warnings()
        self._runtime_warnings = 0
        self.common = [(b"access-control-expose-headers", b"*")] if options.cors else []
        self._prepared: dict[int, OperationResponses] = {}
        from ._collections import Collections

        self.collections = Collections(self) if options.stateful else None

    def prepared(self, operation: CompiledOperation) -> OperationResponses:
        """The operation's responses, prepared on first use (start-up stays fast on large contracts)."""
        found = self._prepared.get(id(operation))
        if found is None:
            found = prepare_operation(
                operation, self.generator, self.options.seed, self.warnings, self.common, self.options.strict
            )
            self._prepared[id(operation)] = found
        return found

    def report_warnings(self, log: Callable[[str], None]) -> None:
        """Write the warnings found since the last call (schemas, examples), each once."""
        runtime = self.runtime
        fresh = range(self._runtime_warnings, len(runtime.warnings))
        self._runtime_warnings = len(runtime.warnings)
        for index in fresh:
            if not any(p.startswith(runtime.unvalidated[index]) for p in self._reported):
                self.warnings.append(runtime.warnings[index])
        self.warnings.report_new(log)

    def prepare_all(self) -> None:
        for operation in self.runtime.operations:
            self.prepared(operation)

    async def warm(self, log: Callable[[str], None]) -> None:
        """Prepare every operation in the background, yielding to requests between operations."""
        for operation in self.runtime.operations:
            self.prepared(operation)
            self.report_warnings(log)
            await asyncio.sleep(0)

    @classmethod
    def load(cls, path: str | Path, options: MockOptions) -> CompiledMock:
        """Read, check and compile a contract: its specification errors become warnings (with
        `strict`, the first one is a ValueError)."""
        contract = load_contract(path)
        if contract.kind != "openapi":
            raise ValueError(f"{path}: not an OpenAPI contract")
        errors, warnings = contract_warnings(contract)
        if errors and options.strict:
            raise ValueError(f"{warnings[0]} ({len(errors)} error(s))")
        state = cls(contract, options, [e.pointer for e in errors])
        for warning in warnings:
            state.warnings.append(warning)
        return state

    def dynamic_body(self, prepared: OperationResponses, rendered: Rendered, media_type: str) -> Canned:
        """A freshly generated body (Prefer: dynamic=true), not a prepared one."""
        op = prepared.operation.operation
        model = next(r for k, r in op.responses.items() if k.upper() == rendered.key).content[media_type]
        value = (
            self.generator.value(model.schema, random.Random(), use_examples=False) if model.schema else {}
        )
        body = encode(value, media_type, model.schema, self.contract, generated=True)
        return make_canned(rendered.status, media_type, body, rendered.header_values, "dynamic", value)


@dataclass(slots=True)
class _Call:
    """What one request led to, beyond the response: the operation, the violations found."""

    operation: CompiledOperation | None = None
    path_params: dict[str, str] = field(default_factory=dict)
    violations: list[dict[str, Any]] = field(default_factory=list)


class MockApp:
    """ASGI application. `state` may be replaced at any time (reload)."""

    def __init__(
        self,
        state: CompiledMock,
        log: Callable[[str], None] | None = None,
        on_startup: Callable[[], Any] | None = None,
    ):
        self.state = state
        self._log = log or _StderrLog()
        self._on_startup = on_startup
        options = state.options
        self.requests = RequestLog(options.request_log) if options.request_log > 0 else None
        self.upstream = Upstream(options.proxy) if options.proxy else None
        self.callbacks = Callbacks(options.callback_hosts, self._log)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        await serve_lifespan(receive, send, startup=self._on_startup, shutdown=self._close)

    async def _close(self) -> None:
        if self.upstream is not None:
            await self.upstream.close()
        await self.callbacks.close()

    async def _http(self, scope: dict, receive: Callable, send: Callable) -> None:
        state = self.state
        started = time.perf_counter() if state.options.access_log else 0.0
        method = scope["method"]
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else scope["path"]
        query = scope["query_string"].decode("latin-1")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = b""
        if method in _BODY_METHODS or "content-length" in headers or "transfer-encoding" in headers:
            body = await _read_body(receive)
        if path.startswith(ADMIN_PREFIX):
            if path.startswith(WEBHOOKS_PATH):
                canned = await send_webhook(state, self.callbacks, method, path, query)
            else:
                canned = self._admin(method, path)
            await _send(send, canned, method, canned.headers)
            return
        call = _Call()
        if self.upstream is not None:
            canned = await self._proxied(state, method, path, query, headers, body, call)
        else:
            canned = self._respond(state, method, path, query, headers, body, call)
        sent_headers = (
            canned.headers + _cors(state.options, headers) if state.options.cors else canned.headers
        )
        await _send(send, canned, method, sent_headers)
        violations = call.violations + (canned.violations or [])
        if state.options.access_log:
            elapsed = (time.perf_counter() - started) * 1000
            target = path + ("?" + query if query else "")
            broke = f" {len(violations)} violation(s)" if violations else ""
            self._log(f"{method} {target} {canned.status} {elapsed:.1f}ms {canned.source}{broke}")
        if self.requests is not None:
            self.requests.record(
                method,
                path,
                query,
                headers,
                body,
                canned.status,
                sent_headers,
                canned.body,
                violations,
                call.operation.operation.key if call.operation is not None else None,
                canned.source,
            )
        if call.operation is not None and canned.status < 400 and canned.source != "proxy":
            self.callbacks.after(state, call.operation, path, query, headers, body, call.path_params, canned)

    def _admin(self, method: str, path: str) -> Canned:
        answer = self.requests.answer(method, path) if self.requests is not None else None
        if answer is None:
            return problem(404, f"{path} is not one of the mock's own endpoints (/__accord/requests)")
        status, payload, allowed = answer
        if status == 405:
            return problem(
                405, f"{method} is not allowed on {path}", [(b"allow", ", ".join(allowed).encode())]
            )
        return make_canned(status, "application/json" if payload else None, payload, [], "request log")

    async def _proxied(
        self, state: CompiledMock, method: str, path: str, query: str, headers: dict, body: bytes, call: _Call
    ) -> Canned:
        assert self.upstream is not None
        route = state.runtime.route(method, path, query, headers)
        operation = route.operation if route.status == 200 else None
        if operation is not None:
            call.operation, call.path_params = operation, route.path_params
            check = operation.check_request(route.path_params, query, headers, body)
            call.violations += violations(check.issues, "request")
        answer = await self.upstream.send(method, path, query, headers, body)
        if answer.status == 501 or answer.error is not None:
            if state.options.fallback and operation is not None:
                call.violations = []
                canned = self._respond(state, method, path, query, headers, body, call)
                return _with(canned, [(b"x-accord-fallback", b"true")], "fallback: " + canned.source)
            if answer.error is not None:
                return problem(502, f"the upstream {self.upstream.url} cannot be reached: {answer.error}")
        if operation is not None:
            issues = operation.check_response(answer.status, answer.header_map, answer.body)
            call.violations += violations(issues, "response")
        return make_canned(
            answer.status, None, answer.body, answer.headers + header(call.violations), "proxy"
        )

    def _respond(
        self, state: CompiledMock, method: str, path: str, query: str, headers: dict, body: bytes, call: _Call
    ) -> Canned:
        if state.options.cors and method == "OPTIONS" and "access-control-request-method" in headers:
            return _preflight(state, path, headers)
        route = state.runtime.route(method, path, query, headers)
        if route.status == 404:
            return problem(404, f"no operation in the contract matches {path}", state.common)
        if route.status == 405:
            allow = [(b"allow", ", ".join(route.allowed).encode())]
            return problem(405, f"{method} is not allowed on {route.template}", allow + state.common)
        call.operation, call.path_params = route.operation, route.path_params
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
        if check is not None and check.ok and body and op.body is None:
            # as Prism: a body the operation does not take is refused (415), not silently dropped
            check.status = 415
            check.issues.append(Issue("body", "", f"{op.operation.key} takes no request body", "415"))
        if check is not None and not check.ok:
            found = violations(check.issues, "request")
            call.violations += found
            if prefs.code is not None and check.status not in (401, 415):  # asked for by name: served
                return _with(
                    self._choose(state, prepared, prefs, check, headers, extra), extra + header(found)
                )
            return self._refused(state, prepared, check, headers, extra + header(found))
        if state.collections is not None and prefs.code is None and prefs.example is None:
            stateful = state.collections.handle(route, check, headers)
            if stateful is not None:
                return _with(stateful, extra)
        canned = self._choose(state, prepared, prefs, check, headers, extra)
        return _with(canned, extra)

    def _refused(
        self, state: CompiledMock, prepared: OperationResponses, check: Any, headers: dict, extra: list
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
            own = prepared.by_status.get("415")
            canned = _pick_media(own, headers.get("accept", "")) if own is not None else None
            if canned is not None:
                return _with(canned, extra)
            return problem(415, errors[-1]["message"], extra + state.common, errors)
        # the contract's own 422 (or 400) status, with a body saying what was wrong: a generated or
        # example body would say nothing about this request
        status = 400 if "422" not in prepared.by_status and "400" in prepared.by_status else 422
        return problem(
            status,
            "the request does not match the contract",
            extra + state.common,
            errors,
            validation=violations(check.issues, "request"),
        )

    def _choose(
        self,
        state: CompiledMock,
        prepared: OperationResponses,
        prefs: Preferences,
        check: Any,
        headers: dict,
        extra: list,
    ) -> Canned:
        key = prepared.default_key
        example = prefs.example
        if prefs.code is not None:
            # as Prism: the exact status, else its range (5XX), else `default`, sent with the status asked
            key = next(
                (k for k in (prefs.code, prefs.code[0] + "XX", "DEFAULT") if k in prepared.by_status), None
            )
            if key is None:
                detail = f"requested status code {prefs.code} is not declared for {prepared.operation.operation.key}"
                return problem(404, detail, extra + state.common)
            if key != prefs.code:
                return _with_status(
                    self._choose(
                        state, prepared, Preferences(key, example, prefs.dynamic), check, headers, extra
                    ),
                    int(prefs.code),
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
            if prefs.example is not None:  # asked for by name: as Prism, a 404 saying it is not there
                op = prepared.operation.operation.key
                detail = (
                    f"no example named {example!r} for {media_type} in the {rendered.key} response of {op}"
                )
                return problem(404, detail, extra + state.common)
        if dynamic:
            return state.dynamic_body(prepared, rendered, media_type)
        return rendered.defaults[media_type]


def _with(canned: Canned, extra: list[tuple[bytes, bytes]], source: str | None = None) -> Canned:
    if not extra and source is None:
        return canned
    return replace(canned, headers=canned.headers + extra, source=source or canned.source)


def _with_status(canned: Canned, status: int) -> Canned:
    """A response sent with another status (`Prefer: code=502` served by the 5XX response)."""
    if canned.source == "problem":
        return canned
    return replace(canned, status=status)


async def _send(send: Callable, canned: Canned, method: str, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": canned.status, "headers": headers})
    if canned.chunks and method != "HEAD":  # a stream: each item is its own chunk on the wire
        for chunk in canned.chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.body", "body": b"" if method == "HEAD" else canned.body})


def _cors(options: MockOptions, headers: dict) -> list[tuple[bytes, bytes]]:
    """Access-Control-Allow-Origin for this request: `*` when no Origin is sent (not a browser's CORS
    request) or when any origin may call without credentials; otherwise the request's own origin,
    echoed only when allowed, with `Vary: Origin` (never `*` together with credentials: browsers
    refuse that)."""
    origin = headers.get("origin")
    echo = options.cors_credentials or bool(options.cors_origins)
    if origin is None or not echo:
        return [(b"access-control-allow-origin", b"*")]
    if options.cors_origins and origin not in options.cors_origins:
        return [(b"vary", b"Origin")]
    answer = [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin")]
    if options.cors_credentials:
        answer.append((b"access-control-allow-credentials", b"true"))
    return answer


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


def _preflight(state: CompiledMock, path: str, headers: dict) -> Canned:
    """The preflight's answer; the origin and credentials headers are added like on any response."""
    route = state.runtime.route("GET", path)
    methods = ", ".join(route.allowed) if route.allowed else "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    answer = [
        (b"access-control-allow-methods", methods.encode()),
        (
            b"access-control-allow-headers",
            headers.get("access-control-request-headers", "*").encode("latin-1"),
        ),
        (b"access-control-max-age", b"600"),
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
