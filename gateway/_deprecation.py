"""Deprecation as ASGI middleware: the contract's lifecycle headers, 410 after sunset, deprecated parameters.

Headers come from `contracts.http.lifecycle_headers`: `Deprecation: @<epoch>` (RFC 9745) from
`x-deprecated-at` (or the date in the config when the contract gives none), `Sunset` (RFC 8594)
from `x-sunset` (an RFC 3339 date or date-time, parsed once in the contract's model; any other
value gives no `Sunset` and no 410), and `Link` rel="deprecation" / rel="sunset" (the contract's links, else the
configured documentation URLs). After the sunset the operation answers 410 Gone, unless the
config says `after_sunset: pass`. Deprecated parameters a request uses are named in
`Accord-Deprecated-Parameters`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

from accord.contracts.http import CompiledOperation, LifecycleDefaults, lifecycle_headers

from ._config import DeprecationConfig
from ._context import context_of
from ._problems import send_problem
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["DeprecationMiddleware", "OperationLifecycle", "compile_lifecycle"]

DEPRECATED_PARAMETERS = b"accord-deprecated-parameters"


@dataclass(frozen=True, slots=True)
class OperationLifecycle:
    headers: tuple[tuple[bytes, bytes], ...]
    sunset: float | None  # epoch seconds
    gone_after_sunset: bool
    deprecated_parameters: tuple[tuple[str, str], ...]  # (location, name); header names lower case


def compile_lifecycle(
    compiled: CompiledOperation, raw: Any, config: DeprecationConfig
) -> OperationLifecycle | None:
    """What this operation's responses carry, or None for a current operation with no deprecated parameter."""
    operation = compiled.operation
    defaults = LifecycleDefaults(
        deprecated_at=config.deprecated_moments.get(operation.operation_id or ""),
        deprecation_link=config.deprecation_link,
        sunset_link=config.sunset_link,
    )
    headers = lifecycle_headers(operation, raw if isinstance(raw, dict) else None, defaults)
    headers = headers if config.headers else []
    moment = operation.sunset.moment if operation.sunset is not None else None
    sunset = moment.timestamp() if moment is not None else None
    deprecated = tuple(
        (p.location, p.name.lower() if p.location == "header" else p.name)
        for p in operation.parameters
        if p.deprecated and p.location != "path"
    )
    if not headers and sunset is None and not deprecated:
        return None
    return OperationLifecycle(
        headers=tuple((k.lower().encode(), v.encode("latin-1")) for k, v in headers),
        sunset=sunset,
        gone_after_sunset=config.after_sunset == "gone",
        deprecated_parameters=deprecated,
    )


def _used(scope: Scope, wanted: tuple[tuple[str, str], ...]) -> list[str]:
    query = {
        name
        for name, _ in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    }
    headers = {name.decode("latin-1") for name, _ in scope["headers"]}
    cookies: set[str] = set()
    if any(location == "cookie" for location, _ in wanted):
        jar = SimpleCookie()
        for name, value in scope["headers"]:
            if name == b"cookie":
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:  # a malformed Cookie header names no deprecated cookie
                    continue
        cookies = set(jar)
    present = {"query": query, "header": headers, "cookie": cookies}
    return [f'"{location}:{name}"' for location, name in wanted if name in present.get(location, ())]


class DeprecationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        lifecycle = ctx.version.lifecycles.get(id(ctx.operation)) if ctx.operation is not None else None
        if lifecycle is None:
            await self.app(scope, receive, send)
            return
        extra = list(lifecycle.headers)
        if lifecycle.deprecated_parameters:
            used = _used(scope, lifecycle.deprecated_parameters)
            if used:
                extra.append((DEPRECATED_PARAMETERS, ", ".join(used).encode("latin-1")))
                ctx.notes["deprecated_parameters"] = [u.strip('"') for u in used]
        if lifecycle.sunset is not None and lifecycle.gone_after_sunset and time.time() >= lifecycle.sunset:
            ctx.notes["sunset"] = True
            await send_problem(
                send,
                410,
                f"{ctx.route_label} was retired at its sunset date.",
                title="Gone",
                headers=extra,
            )
            return
        ctx.set_headers(extra)
        await self.app(scope, receive, send)
