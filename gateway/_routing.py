"""Routing as ASGI middleware: which API (by mount prefix), which version, which upstream path.

The version comes from the first of the configured sources that names one: a path segment
(`/v2/...`), a header (`Accept-Version: 2`) or a media type parameter
(`Accept: application/json; version=2`); otherwise the API's default. A version that is named but
unknown is a 404 problem listing the known ones.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from ._context import context_of
from ._forwarding import first_header
from ._problems import send_problem
from ._runtime import ApiRuntime, Runtime
from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["RoutingMiddleware", "choose_version"]


@lru_cache(maxsize=64)
def _path_pattern(path_format: str) -> re.Pattern[str]:
    head, _, tail = path_format.partition("{version}")
    return re.compile(f"^{re.escape(head)}(?P<version>[0-9][0-9A-Za-z._-]*){re.escape(tail)}$")


def _media_version(scope: Scope, parameter: str) -> str | None:
    wanted = parameter.lower().encode()
    for name, value in scope["headers"]:
        if name not in (b"accept", b"content-type"):
            continue
        for media in value.split(b","):
            for param in media.split(b";")[1:]:
                key, _, val = param.partition(b"=")
                if key.strip().lower() == wanted and val.strip():
                    return val.strip().strip(b'"').decode("latin-1")
    return None


def choose_version(api: ApiRuntime, rest: str, scope: Scope) -> tuple[str | None, str]:
    """(the version named by the request or the default, the path left for the upstream)."""
    versioning = api.versioning
    for source in versioning.by:
        if source == "path":
            segment, slash, remainder = rest.lstrip("/").partition("/")
            match = _path_pattern(versioning.path_format).match(segment)
            if match:
                return match["version"], "/" + remainder if slash else "/"
        elif source == "header":
            wanted = versioning.header.lower().encode()
            value = first_header(scope["headers"], wanted)
            if value and value.strip():
                return value.strip().decode("latin-1"), rest
        else:
            named = _media_version(scope, versioning.media_type_parameter)
            if named:
                return named, rest
    if versioning.default is not None:
        return versioning.default, rest
    if len(api.versions) == 1:
        return next(iter(api.versions)), rest
    return None, rest


class RoutingMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx = context_of(scope)
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else quote(scope["path"])
        api, rest = self.runtime.api_for(path)
        if api is None:
            await send_problem(send, 404, f"No API is served at {scope['path']}.")
            return
        ctx.api = api
        name, rest = choose_version(api, rest, scope)
        version = api.versions.get(name) if name is not None else None
        if version is None:
            known = list(api.versions)
            detail = (
                f"Version {name!r} of {api.name} is not known; known versions: {', '.join(known)}."
                if name is not None
                else f"Name a version of {api.name}; known versions: {', '.join(known)}."
            )
            await send_problem(send, 404, detail, title="Unknown API version", known_versions=known)
            return
        ctx.version = version
        ctx.upstream_path = rest
        route = version.route(scope["method"], rest, scope)
        if route.status == 200:
            ctx.operation = route.operation
            ctx.path_params = route.path_params
        elif version.unknown_operations == "strict":
            title = f"{api.name} version {version.name} has no operation {scope['method']} {rest}"
            if route.status == 405:
                allowed = ", ".join(route.allowed)
                await send_problem(
                    send,
                    405,
                    f"{title}; {route.template} allows {allowed}.",
                    headers=[(b"allow", allowed.encode())],
                )
            else:
                await send_problem(send, 404, f"{title}.")
            return
        await self.app(scope, receive, send)
