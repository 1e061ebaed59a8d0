"""CORS per API as ASGI middleware: preflights answered from the contract, CORS fields on every answer.

A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) to an API with `cors` is
answered here, never forwarded: 204 with `Access-Control-Allow-Methods` = the methods the
contract's path has (narrowed to `cors.methods` when set), the allowed request headers and
`Access-Control-Max-Age`; 403 (problem+json) for a method or header that is not allowed, 404 for
a path the contract does not have (forwarded instead under `unknown_operations: pass`). Every other
answer to an allowed origin carries `Access-Control-Allow-Origin` (and `-Credentials`,
`-Expose-Headers`), the gateway's own errors included, since the fields are set on the request's
context before anything can refuse it. `*` is sent only without credentials; otherwise the origin is
echoed with `Vary: Origin`. Origins not allowed get no CORS fields (the browser keeps the answer
from the page).
"""

from __future__ import annotations

from urllib.parse import quote

from ._config import ANY_ORIGIN, CorsConfig
from ._context import RequestContext, context_of
from ._forwarding import first_header
from ._problems import send_problem
from ._routing import choose_version
from ._runtime import ApiRuntime, Runtime
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["CorsMiddleware"]

_SAFELISTED = frozenset({"accept", "accept-language", "content-language"})
_PREFLIGHT_VARY = (b"vary", b"Origin, Access-Control-Request-Method, Access-Control-Request-Headers")


def _origin_fields(cors: CorsConfig, origin: bytes) -> list[tuple[bytes, bytes]]:
    if ANY_ORIGIN in cors.origins and not cors.credentials:
        fields = [(b"access-control-allow-origin", b"*")]
    else:
        fields = [(b"access-control-allow-origin", origin), (b"vary", b"Origin")]
    if cors.credentials:
        fields.append((b"access-control-allow-credentials", b"true"))
    return fields


class CorsMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = first_header(scope["headers"], b"origin")
        raw_path = scope.get("raw_path")
        api, rest = self.runtime.api_for(raw_path.decode("latin-1") if raw_path else quote(scope["path"]))
        cors = api.cors if api is not None else None
        if origin is None or cors is None:
            await self.app(scope, receive, send)
            return
        ctx = context_of(scope)
        allowed = ANY_ORIGIN in cors.origins or origin.decode("latin-1").lower() in cors.origins
        preflight = scope["method"] == "OPTIONS" and first_header(
            scope["headers"], b"access-control-request-method"
        )
        if not allowed:
            if ANY_ORIGIN not in cors.origins:
                ctx.set_headers([(b"vary", b"Origin")])
            if preflight:
                ctx.notes["cors"] = "origin refused"
                await send_problem(send, 403, f"Origin {origin.decode('latin-1')} may not call {api.name}.")
                return
            await self.app(scope, receive, send)
            return
        ctx.set_headers(_origin_fields(cors, origin))
        if preflight:
            if await self._preflight(ctx, api, cors, rest, scope, send):
                return
        elif cors.expose_headers:
            ctx.set_headers([(b"access-control-expose-headers", ", ".join(cors.expose_headers).encode())])
        await self.app(scope, receive, send)

    async def _preflight(
        self, ctx: RequestContext, api: ApiRuntime, cors: CorsConfig, rest: str, scope: Scope, send: Send
    ) -> bool:
        """Answer the preflight; False when it is to be forwarded (a path no contract has, under `pass`)."""
        requested = first_header(scope["headers"], b"access-control-request-method").decode("latin-1").strip()
        name, below = choose_version(api, rest, scope)
        version = api.versions.get(name) if name is not None else None
        if version is None:
            await send_problem(send, 404, f"No version of {api.name} is named by {scope['path']}.")
            return True
        route = version.route(requested.upper(), below, scope)
        if route.status == 404:
            if version.unknown_operations == "pass":
                return False
            await send_problem(send, 404, f"{api.name} version {version.name} has no path {below}.")
            return True
        methods = [m for m in route.allowed if cors.methods is None or m in {c.upper() for c in cors.methods}]
        ctx.notes["cors"] = "preflight"
        if requested not in methods:
            await send_problem(
                send,
                403,
                f"{requested} {below} is not allowed from other origins; allowed: {', '.join(methods)}.",
            )
            return True
        asked = first_header(scope["headers"], b"access-control-request-headers") or b""
        names = [n.strip().lower() for n in asked.decode("latin-1").split(",") if n.strip()]
        allowed = {h.lower() for h in cors.headers}
        if "*" not in allowed:
            refused = [n for n in names if n not in allowed and n not in _SAFELISTED]
            if refused:
                await send_problem(send, 403, f"Request headers {', '.join(refused)} are not allowed.")
                return True
        headers = ", ".join(names) if "*" in allowed else ", ".join(cors.headers)
        fields = [
            (b"access-control-allow-methods", ", ".join(methods).encode()),
            (b"access-control-max-age", str(cors.max_age).encode()),
            _PREFLIGHT_VARY,
        ]
        if headers:
            fields.append((b"access-control-allow-headers", headers.encode("latin-1")))
        await send({"type": "http.response.start", "status": 204, "headers": fields})
        await send({"type": "http.response.body", "body": b""})
        return True
