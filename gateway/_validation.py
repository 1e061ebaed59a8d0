"""Contract enforcement as ASGI middleware: requests checked against the operation, responses reported.

Requests (`validation.requests`): `enforce` answers 400 (malformed body or bad parameters), 401
(credentials the security scheme requires are absent), 415 (media type not accepted) or 422 (a
body that breaks its schema) as problem+json with an `errors` list of location, JSON pointer and
message; `report` passes the request on, logs the issues and names their count in
`Accord-Request-Violations`. A body that cannot be parsed at all never reaches the upstream in
either mode. Responses (`validation.responses: report`) are checked as they stream past and
mismatches are logged (the status and headers are already on their way by then).
The validators are compiled with the contract at start-up (`contracts.http.HttpRuntime`).
"""

from __future__ import annotations

import logging

from accord.contracts.http import Issue, RequestCheck

from ._body import BodyTooLarge, ClientDisconnected, declared_length, read_body, replay, send_too_large
from ._context import RequestContext, context_of
from ._problems import send_problem
from ._types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ValidationMiddleware"]

log = logging.getLogger("accord.gateway")

_PARAMETER_LOCATIONS = frozenset({"path", "query", "querystring", "header", "cookie"})  # 3.2: querystring
_RESPONSE_CAP = 4 << 20  # response bodies above this are not buffered for checking


def _header_map(headers) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        merged[key] = f"{merged[key]}, {text}" if key in merged else text
    return merged


def _malformed(check: RequestCheck, body: bytes) -> bool:
    """The body was sent but could not be read as its media type at all."""
    return (
        bool(body)
        and not check.has_body
        and check.status != 415
        and any(i.location == "body" for i in check.issues)
    )


def _status(check: RequestCheck, body: bytes, body_status: int) -> int:
    if check.status in (401, 415):
        return check.status
    if _malformed(check, body) or any(i.location in _PARAMETER_LOCATIONS for i in check.issues):
        return 400
    return body_status


def _summary(issues: list[Issue]) -> str:
    return "; ".join(f"{i.location} {i.pointer or '/'}: {i.message}" for i in issues[:5])


class ValidationMiddleware:
    def __init__(self, app: ASGIApp, on_violation=None) -> None:
        self.app = app
        self.on_violation = on_violation or (lambda ctx, direction: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        settings = ctx.version.validation
        if ctx.operation is None or (settings.requests == "off" and settings.responses == "off"):
            await self.app(scope, receive, send)
            return
        if settings.requests != "off":
            checked = await self._check_request(ctx, scope, receive, send)
            if checked is None:
                return
            receive, extra = checked
            if extra:
                ctx.set_headers(extra)
        if settings.responses == "report":
            send = self._reporting(ctx, scope, send)
        await self.app(scope, receive, send)

    async def _check_request(self, ctx: RequestContext, scope: Scope, receive: Receive, send: Send):
        """(receive replaying the body, headers to add) to go on; None when already answered."""
        length = declared_length(scope)
        if length is not None and length > ctx.max_body:
            await send_too_large(send, ctx.max_body)
            return None
        bodiless = length is None and not any(n == b"transfer-encoding" for n, _ in scope["headers"])
        try:
            body = b"" if bodiless else await read_body(receive, ctx.max_body)
        except BodyTooLarge:
            await send_too_large(send, ctx.max_body)
            return None
        except ClientDisconnected:
            return None
        enforce = ctx.version.validation.requests == "enforce"
        verified = ctx.api.security is not None  # credentials were verified (or reported) already
        query = scope.get("query_string", b"").decode("latin-1")
        check = ctx.operation.check_request(
            ctx.path_params,
            query,
            _header_map(scope["headers"]),
            body,
            check_security=enforce and not verified,
        )
        extra: list[tuple[bytes, bytes]] = []
        if check.issues:
            self.on_violation(ctx, "request")
            ctx.notes["request_violations"] = [i.as_json() for i in check.issues[:20]]
            if enforce or _malformed(check, body):
                status = _status(check, body, ctx.version.validation.body_status)
                headers = []
                challenge = ctx.operation.security.challenge
                if status == 401 and challenge:
                    headers.append((b"www-authenticate", challenge.encode("latin-1")))
                await send_problem(
                    send,
                    status,
                    f"The request does not match the contract of {ctx.route_label}: {_summary(check.issues)}",
                    title="Request does not match the contract",
                    headers=headers,
                    errors=[i.as_json() for i in check.issues],
                )
                return None
            log.warning(
                "request %s to %s does not match the contract: %s",
                ctx.request_id,
                ctx.route_label,
                _summary(check.issues),
            )
            extra.append((b"accord-request-violations", str(len(check.issues)).encode()))
        return (receive if bodiless else replay(body, receive)), extra

    def _reporting(self, ctx: RequestContext, scope: Scope, send: Send) -> Send:
        state: dict = {"status": 0, "headers": [], "chunks": [], "size": 0}

        async def observe(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["headers"] = message.get("headers", [])
                return
            if message["type"] != "http.response.body" or state["size"] > _RESPONSE_CAP:
                return
            chunk = message.get("body", b"")
            state["size"] += len(chunk)
            state["chunks"].append(chunk)
            if not message.get("more_body", False) and state["size"] <= _RESPONSE_CAP:
                self._check_response(ctx, scope, state["status"], state["headers"], b"".join(state["chunks"]))

        return observe

    def _check_response(self, ctx: RequestContext, scope: Scope, status: int, headers, body: bytes) -> None:
        if scope["method"] == "HEAD" or ctx.operation is None:
            return
        issues = ctx.operation.check_response(status, _header_map(headers), body)
        if issues:
            self.on_violation(ctx, "response")
            ctx.notes["response_violations"] = [i.as_json() for i in issues[:20]]
            log.warning(
                "response %s from %s does not match the contract: %s",
                ctx.request_id,
                ctx.route_label,
                _summary(issues),
            )
