"""Security from the contract as ASGI middleware: 401 / 403 / 503 before anything reaches the upstream.

An operation's requirements (its own `security`, else the document's) are alternatives, each a set
of schemes that must all pass (`gateway._verifiers`); `security: []` or an empty alternative lets
anyone in. Refusals are problem+json with `WWW-Authenticate` (RFC 6750: `error="invalid_token"`
on 401, `error="insufficient_scope"` on 403); 503 when the issuer's keys cannot be had. With
`enforce: false` the request goes on, and the verdict is logged and named in `Accord-Security`
(to the upstream and on the response). Verified claims are sent to the upstream in the configured
headers (a client's own values of those headers are always dropped) and kept on the request's
context for rate limits keyed by a claim.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import orjson

from ._context import context_of
from ._problems import send_problem
from ._types import ASGIApp, Receive, Scope, Send
from ._verifiers import (
    INVALID,
    MISSING,
    OK,
    SCOPE,
    UNAVAILABLE,
    ApiKeyVerifier,
    Outcome,
    TokenVerifier,
    Verifier,
)

__all__ = ["ApiSecurity", "Requirement", "SecurityMiddleware", "Verdict"]

log = logging.getLogger("accord.gateway")

REPORT_HEADER = b"accord-security"


@dataclass(slots=True)  # not frozen: one is made per request, and a frozen one costs twice as much to make
class Verdict:
    status: int  # 200 (let through), 401, 403 or 503
    error: str | None  # invalid_token, insufficient_scope (RFC 6750), invalid_key; None: no credentials
    detail: str
    claims: dict[str, Any] | None = None
    scopes: tuple[str, ...] = ()  # the scopes the refused alternative asked for (403)
    by_token: bool = False  # the refusal is about a bearer token (its challenge carries the error)

    @property
    def report(self) -> str:
        """The `Accord-Security` value: `pass`, or the status and error the request would have got."""
        if self.status == 200:
            return "pass"
        return f"{self.status} {self.error or ('unavailable' if self.status == 503 else 'missing')}"


class Requirement:
    """One operation's security requirements: alternatives, each a list of (verifier, scopes)."""

    __slots__ = ("alternatives", "open", "single", "tokens")

    def __init__(self, alternatives: list[list[tuple[Verifier, tuple[str, ...]]]]) -> None:
        self.alternatives = alternatives
        self.open = not alternatives or any(not alternative for alternative in alternatives)
        self.tokens = any(v.is_token for alternative in alternatives for v, _ in alternative)
        # the common case, one scheme alone: its pass needs none of the bookkeeping below
        self.single = alternatives[0][0] if len(alternatives) == 1 and len(alternatives[0]) == 1 else None

    async def verdict(self, scope: Scope) -> Verdict:
        if self.open:
            return Verdict(200, None, "open")
        if self.single is not None:
            verifier, scopes = self.single
            outcome = await verifier.check(scope, scopes)
            if outcome.result == OK:
                return Verdict(200, None, "verified", outcome.claims if verifier.is_token else None)
            outcomes: dict[tuple[str, tuple[str, ...]], Outcome] = {(verifier.name, scopes): outcome}
        else:
            outcomes = {}
        failures: list[tuple[Outcome, tuple[str, ...], bool]] = []
        for alternative in self.alternatives:
            claims = None
            failed: tuple[Outcome, tuple[str, ...], bool] | None = None
            short: tuple[Outcome, tuple[str, ...], bool] | None = None  # valid, but short of a scope
            for verifier, scopes in alternative:
                outcome = outcomes.get((verifier.name, scopes))
                if outcome is None:
                    outcome = outcomes[verifier.name, scopes] = await verifier.check(scope, scopes)
                if outcome.result == SCOPE:
                    short = short or (outcome, scopes, verifier.is_token)
                elif outcome.result != OK:
                    failed = (outcome, scopes, verifier.is_token)
                    break
                elif claims is None and verifier.is_token:
                    claims = outcome.claims
            failed = failed or short
            if failed is None:
                return Verdict(200, None, "verified", claims)
            failures.append(failed)
        outcome, scopes, by_token = max(failures, key=lambda failure: _rank(failure[0]))
        if outcome.result == SCOPE:
            return Verdict(403, "insufficient_scope", outcome.reason, scopes=scopes, by_token=True)
        if outcome.result == UNAVAILABLE:
            return Verdict(503, None, outcome.reason)
        if outcome.result == INVALID:
            return Verdict(
                401, "invalid_token" if by_token else "invalid_key", outcome.reason, by_token=by_token
            )
        return Verdict(401, None, "credentials are required: " + outcome.reason)

    def challenges(self, realm: str, verdict: Verdict) -> str:
        """The WWW-Authenticate value for a refusal (RFC 6750 for bearer tokens)."""
        parts: list[str] = []
        for alternative in self.alternatives:
            for verifier, _ in alternative:
                if isinstance(verifier, TokenVerifier):
                    challenge = f'Bearer realm="{_quoted(realm)}"'
                    if verdict.by_token:
                        challenge += (
                            f', error="{verdict.error}", error_description="{_quoted(verdict.detail)}"'
                        )
                    if verdict.scopes:
                        challenge += f', scope="{_quoted(" ".join(verdict.scopes))}"'
                elif isinstance(verifier, ApiKeyVerifier):
                    challenge = (
                        f'ApiKey realm="{_quoted(realm)}", in="{verifier.location}", '
                        f'name="{_quoted(verifier.parameter)}"'
                    )
                else:
                    continue
                if challenge not in parts:
                    parts.append(challenge)
        return ", ".join(parts)


def _rank(outcome: Outcome) -> int:
    """How telling a failure is: a valid credential short of scope beats an unreachable issuer, which
    beats a bad credential, which beats none at all."""
    return {SCOPE: 4, UNAVAILABLE: 3, INVALID: 2, MISSING: 1}.get(outcome.result, 0)


def _quoted(text: str) -> str:
    """Text fit for a quoted-string in a header: printable ASCII, no quotes or backslashes."""
    return "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "'" if c == '"' else "?" for c in text)


@dataclass(slots=True)
class ApiSecurity:
    """An API's compiled `security` section; the requirements themselves live on each version."""

    enforce: bool
    forward_claims: tuple[tuple[str, bytes], ...]  # (claim, lower-case header name)
    dropped: frozenset[bytes] = field(init=False)  # request headers never passed on from the client

    def __post_init__(self) -> None:
        self.dropped = frozenset({REPORT_HEADER, *(header for _, header in self.forward_claims)})


def _header_value(value: Any) -> bytes:
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        text = orjson.dumps(text).decode()
    return text.encode("utf-8")


class SecurityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        security = ctx.api.security if ctx.api is not None else None
        if security is None:
            await self.app(scope, receive, send)
            return
        ctx.upstream_headers = [h for h in ctx.upstream_headers if h[0] not in security.dropped]
        requirement = ctx.version.requirements.get(id(ctx.operation)) if ctx.operation is not None else None
        if requirement is None:
            await self.app(scope, receive, send)
            return
        verdict = await requirement.verdict(scope)
        if verdict.claims is not None:
            ctx.claims = verdict.claims
            ctx.upstream_headers += [
                (header, _header_value(verdict.claims[claim]))
                for claim, header in security.forward_claims
                if claim in verdict.claims
            ]
        if verdict.status != 200:
            ctx.notes["security"] = verdict.report
            if security.enforce:
                headers = [(b"retry-after", b"5")] if verdict.status == 503 else []
                challenge = requirement.challenges(ctx.api.name, verdict)
                if challenge and verdict.status != 503:
                    headers.append((b"www-authenticate", challenge.encode("latin-1")))
                await send_problem(
                    send, verdict.status, f"{ctx.route_label}: {verdict.detail}", headers=headers
                )
                return
            log.warning(
                "request %s to %s would be refused (%s): %s",
                ctx.request_id,
                ctx.route_label,
                verdict.report,
                verdict.detail,
            )
        if not security.enforce:
            report = (REPORT_HEADER, verdict.report.encode())
            ctx.upstream_headers.append(report)
            ctx.set_headers([report])
        await self.app(scope, receive, send)
