"""Rate limiting as ASGI middleware: 429 with Retry-After over the limit, IETF RateLimit fields always.

Fields follow draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "default";q=100;w=60` and
`RateLimit: "default";r=42;t=17`, one list member per window; `X-RateLimit-*` optionally.
The client is the API key header, a claim of the token the security middleware verified (never an
unverified one: anyone can write a token), or the client address.
"""

from __future__ import annotations

import hashlib

import orjson

from ._context import RequestContext, context_of
from ._forwarding import first_header
from ._limiter import CompiledPolicy, Decision, Limiter
from ._problems import send_problem
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["RateLimitMiddleware", "client_key"]


def client_key(policy: CompiledPolicy, scope: Scope, ctx: RequestContext) -> str:
    """Who is counted: falls back to the client address when the credential is absent."""
    if policy.key.startswith("api-key:"):
        value = first_header(scope["headers"], policy.key[8:].strip().lower().encode())
        if value:
            return "key:" + hashlib.sha256(value).hexdigest()[:32]
    elif policy.claim is not None and ctx.claims is not None and policy.claim in ctx.claims:
        digest = hashlib.sha256(orjson.dumps(ctx.claims[policy.claim])).hexdigest()[:32]
        return f"claim:{policy.claim}:{digest}"
    return f"ip:{ctx.client or '-'}"


def _fields(decisions: list[Decision], x_headers: bool) -> list[tuple[bytes, bytes]]:
    windows = [w for d in decisions for w in d.windows]
    if not windows:
        return []
    policy = ", ".join(w.policy_member for w, _, _ in windows)
    current = ", ".join(f'"{w.name}";r={remaining};t={reset}' for w, remaining, reset in windows)
    headers = [(b"ratelimit-policy", policy.encode()), (b"ratelimit", current.encode())]
    if x_headers:
        window, remaining, reset = min(windows, key=lambda entry: entry[1])
        headers += [
            (b"x-ratelimit-limit", str(window.item.amount).encode()),
            (b"x-ratelimit-remaining", str(remaining).encode()),
            (b"x-ratelimit-reset", str(reset).encode()),
        ]
    return headers


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: Limiter, *, x_headers: bool = False, on_decision=None) -> None:
        self.app = app
        self.limiter = limiter
        self.x_headers = x_headers
        self.on_decision = on_decision or (lambda ctx, decision: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        policies = ctx.api.rate_limits if ctx.api is not None else ()
        if not policies:
            await self.app(scope, receive, send)
            return
        operation_id = ctx.operation_id
        scope_name = ctx.api.name
        decisions = []
        for policy in policies:
            if not policy.covers(operation_id):
                continue
            decision = await self.limiter.hit(policy, scope_name, client_key(policy, scope, ctx))
            self.on_decision(ctx, decision)
            decisions.append(decision)
            if not decision.allowed:
                ctx.notes["rate_limited"] = policy.name
                if decision.storage_down:
                    await send_problem(
                        send,
                        503,
                        "The rate-limit store is unreachable and this route fails closed.",
                        headers=[(b"retry-after", b"1")],
                    )
                    return
                await send_problem(
                    send,
                    429,
                    f"Rate limit {policy.name!r} exceeded; retry in {decision.retry_after} s.",
                    headers=[
                        (b"retry-after", str(decision.retry_after).encode()),
                        *_fields(decisions, self.x_headers),
                    ],
                )
                return
        extra = _fields(decisions, self.x_headers)
        if extra:
            ctx.set_headers(extra)
        await self.app(scope, receive, send)
